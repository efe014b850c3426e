#!/usr/bin/env python3
"""A hurried two-org WFM integration: it works on a quiet day and breaks the rules of `mock-gc check`.

Each sin is deliberate and marked `SIN:`; careful/careful.py does the same job right. See README.md.
Usage: careless.py [ORGS.json] [--cycles N] [--interval SECONDS] [--page-size N]
"""
from __future__ import annotations

import datetime
import os
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from orgs_file import Org, Response, argument_parser, json_body, load_orgs, send  # noqa: E402

WFM = "/api/v2/workforcemanagement"
RETRIES = 3


def login(org: Org) -> str:
    body = urllib.parse.urlencode({"grant_type": "client_credentials"}).encode()
    r = send(org, "POST", org.login_url + "/oauth/token",
             {"Authorization": org.basic_auth(), "Content-Type": "application/x-www-form-urlencoded"}, body)
    return r.json().get("access_token", "") if r.status == 200 else ""


def call(org: Org, method: str, path: str, body: object = None) -> Response:
    data, headers = json_body(body) if body is not None else (None, {})
    for _ in range(RETRIES + 1):
        # SIN (token-reuse): a fresh login for every single call.
        headers["Authorization"] = "Bearer " + login(org)
        r = send(org, method, org.base_url + path, headers, data)
        # SIN (retry-after, outage-backoff): 429 and 5xx are retried at once; Retry-After is never read.
        if r.status != 429 and r.status < 500:
            return r
    return r


def entities(r: Response) -> list[dict]:
    return r.json().get("entities", []) if r.status == 200 else []


class OrgView:
    """What the integration learns about one org at start-up."""

    def __init__(self, org: Org, page_size: int) -> None:
        self.org = org
        # SIN (paging): only the first page of the user directory; pageCount is never looked at.
        self.users = entities(call(org, "GET", f"/api/v2/users?pageSize={page_size}"))
        bus = entities(call(org, "GET", WFM + "/businessunits"))
        self.bu = bus[0]["id"] if bus else ""
        self.codes = entities(call(org, "GET", f"{WFM}/businessunits/{self.bu}/activitycodes"))
        mus = entities(call(org, "GET", f"{WFM}/businessunits/{self.bu}/managementunits"))
        self.mu = mus[0]["id"] if mus else ""


def copy_first_custom_code(source: OrgView, target: OrgView) -> None:
    """Looks the source org's first custom activity code up in the target org."""
    custom = [c for c in source.codes if not c["id"].isdigit()]
    if not custom:
        return
    # SIN (foreign-ids): the source org's code id is used in the target org's path (ids are per org).
    r = call(target.org, "GET", f"{WFM}/businessunits/{target.bu}/activitycodes/{custom[0]['id']}")
    print(f"{target.org.name}: activity code {custom[0]['name']!r}: HTTP {r.status}")


def search_this_week(view: OrgView) -> None:
    monday = datetime.date.today() - datetime.timedelta(days=datetime.date.today().weekday())
    # SIN (valid-requests): "the week ends 168 hours in" written straight into the timestamp.
    body = {"startDate": f"{monday}T00:00:00Z", "endDate": f"{monday}T168:00:00Z"}
    r = call(view.org, "POST", f"{WFM}/businessunits/{view.bu}/agentschedules/search", body)
    print(f"{view.org.name}: schedule search: HTTP {r.status}")


def poll(view: OrgView, cycles: int, interval: float, tick: threading.Barrier) -> None:
    for _ in range(cycles):
        # SIN (poll-jitter): every org polls at the same instant on a fixed period.
        tick.wait()
        r = call(view.org, "GET", f"{WFM}/managementunits/{view.mu}/adherence")
        states = {}
        for u in entities(r):
            states[u.get("adherenceState", "?")] = states.get(u.get("adherenceState", "?"), 0) + 1
        # SIN (rate-budget): one request per agent instead of one batch of up to 100 ids.
        limited = 0
        for user in view.users:
            limited += call(view.org, "GET", f"{WFM}/adherence?userId={user['id']}").status == 429
        print(f"{view.org.name}: adherence {states} ({limited} agents rate limited)")
        time.sleep(interval)


def main() -> int:
    p = argument_parser(__doc__)
    p.add_argument("--cycles", type=int, default=6, help="polling cycles (default 6)")
    p.add_argument("--interval", type=float, default=2.0, help="seconds between cycles (default 2)")
    p.add_argument("--page-size", type=int, default=100, help="users page size (default 100)")
    args = p.parse_args()
    views = [OrgView(org, args.page_size) for org in load_orgs(args.orgs)]
    for source, target in zip(views, views[1:]):
        copy_first_custom_code(source, target)
    for view in views:
        search_this_week(view)
    tick = threading.Barrier(len(views))
    threads = [threading.Thread(target=poll, args=(v, args.cycles, args.interval, tick)) for v in views]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
