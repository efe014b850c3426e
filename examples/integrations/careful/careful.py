#!/usr/bin/env python3
"""The same two-org WFM job as careless/careless.py, done the way `mock-gc check` (and Genesys Cloud) expects.

One token per org reused until it expires or a 401; Retry-After honoured; exponential backoff with jitter on
5xx and transport errors; no identical retry of a 4xx; writes never re-sent blindly; one request in flight per
org; every page read; static listings read once; activity codes matched by name in each org; valid ISO-8601;
polls offset between orgs and jittered. See README.md.
Usage: careful.py [ORGS.json] [--duration SECONDS] [--interval SECONDS] [--seed N]
"""
from __future__ import annotations

import collections
import datetime
import email.utils
import math
import os
import random
import sys
import threading
import time
import urllib.parse
from typing import Any, Callable, Optional

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from orgs_file import Org, Response, argument_parser, json_body, load_orgs, send  # noqa: E402

WFM = "/api/v2/workforcemanagement"
RETRYABLE_5XX = {500, 502, 503, 504}


def log(org: Org, message: str) -> None:
    print(f"{org.name}: {message}", flush=True)


class Refused(Exception):
    """A 4xx that sending the same request again would not fix (never retried)."""


class Session:
    """Everything sent to one org goes through here, one request at a time.

    `not_before` gates the whole org: a 429's Retry-After or a 5xx backoff holds every request to the org,
    not just the one that met it. A client-side sliding window keeps under the org's requests_per_minute.
    """

    def __init__(self, org: Org, rng: random.Random, backoff_base: float, backoff_cap: float,
                 max_attempts: int) -> None:
        self.org = org
        self.rng = rng
        self.backoff_base, self.backoff_cap, self.max_attempts = backoff_base, backoff_cap, max_attempts
        self.lock = threading.Lock()
        self.token = ""
        self.token_refresh_at = 0.0      # monotonic; replace the token from here on
        self.not_before = 0.0            # monotonic; no request to this org before
        self.failures = 0                # consecutive 5xx / transport failures
        self.successes = 0               # 2xx answers (an org that never answered makes the run fail)
        self.login_refused = ""          # why the credentials were refused: nothing more is sent
        self.sent: collections.deque[float] = collections.deque()
        self.world_now: Optional[datetime.datetime] = None   # the server's Date (its clock, not ours)

    # -- pacing -------------------------------------------------------------------------------------------
    def _wait_turn(self, counts_against_budget: bool) -> None:
        while True:
            now = time.monotonic()
            while self.sent and self.sent[0] <= now - 60.0:
                self.sent.popleft()
            wait = self.not_before - now
            if counts_against_budget and len(self.sent) >= self.org.requests_per_minute:
                wait = max(wait, self.sent[0] + 60.0 - now)
            if wait <= 0:
                if counts_against_budget:
                    self.sent.append(now)
                return
            time.sleep(wait)

    def _back_off(self, retry_after: Optional[float]) -> float:
        """Exponential (×2 per consecutive failure, up to the cap) with up to 25 % jitter: gaps keep growing."""
        self.failures += 1
        delay = min(self.backoff_cap, self.backoff_base * 2 ** (self.failures - 1)) * (1 + 0.25 * self.rng.random())
        delay = max(delay, retry_after or 0.0)
        self.not_before = time.monotonic() + delay
        return delay

    def _note(self, r: Response) -> None:
        if "date" in r.headers:
            try:
                self.world_now = email.utils.parsedate_to_datetime(r.headers["date"])
            except (TypeError, ValueError):
                pass

    # -- OAuth --------------------------------------------------------------------------------------------
    def _login(self) -> bool:
        self._wait_turn(counts_against_budget=False)
        body = urllib.parse.urlencode({"grant_type": "client_credentials"}).encode()
        try:
            r = send(self.org, "POST", self.org.login_url + "/oauth/token",
                     {"Authorization": self.org.basic_auth(), "Content-Type": "application/x-www-form-urlencoded"},
                     body)
        except OSError as e:
            log(self.org, f"login: {e}; backing off {self._back_off(None):.1f} s")
            return False
        self._note(r)
        if r.status == 429 or r.status >= 500:
            if r.status == 429:
                self.not_before = time.monotonic() + retry_after_s(r, 3.0)
            else:
                self._back_off(retry_after_s(r, 0.0))
            log(self.org, f"login: HTTP {r.status} {r.error_code()}")
            return False
        if r.status != 200:
            self.login_refused = f"login: HTTP {r.status} {r.error_code()} (credentials refused; not retried)"
            raise Refused(self.login_refused)
        doc = r.json()
        lifetime = float(doc.get("expires_in", 3600))
        self.token = doc["access_token"]
        # Replace it in its last tenth (at most the last minute): never a login while a token has long to live.
        self.token_refresh_at = time.monotonic() + lifetime - min(60.0, lifetime / 10)
        self.failures = 0
        return True

    # -- requests -----------------------------------------------------------------------------------------
    def request(self, method: str, path: str, body: Any = None) -> Optional[Response]:
        """A 2xx Response, or None after a failure worth no more tries now (logged). GET and DELETE are
        retried on 5xx and transport errors; POST/PATCH only when the server provably did not process them
        (429). Other 4xx than 401/429 raise Refused: the same request would fail the same way."""
        with self.lock:
            idempotent = method in ("GET", "DELETE", "PUT")
            relogged = False
            data, headers = json_body(body) if body is not None else (None, {})
            for _ in range(self.max_attempts):
                if self.login_refused:
                    raise Refused(self.login_refused)
                if not self.token or time.monotonic() >= self.token_refresh_at:
                    if not self._login():
                        continue
                self._wait_turn(counts_against_budget=True)
                headers["Authorization"] = "Bearer " + self.token
                try:
                    r = send(self.org, method, self.org.base_url + path, headers, data)
                except OSError as e:
                    delay = self._back_off(None)
                    log(self.org, f"{method} {path}: {e}; backing off {delay:.1f} s")
                    if not idempotent:
                        return None   # it may have landed: read before writing again
                    continue
                self._note(r)
                if 200 <= r.status < 300 and not parses(r):
                    delay = self._back_off(None)
                    log(self.org, f"{method} {path}: HTTP {r.status} with a broken body; backing off {delay:.1f} s")
                    if not idempotent:
                        return None
                    continue
                if 200 <= r.status < 300:
                    self.failures = 0
                    self.successes += 1
                    return r
                if r.status == 401 and not relogged:
                    self.token, relogged = "", True      # expired or revoked: one fresh login, then once more
                    continue
                if r.status == 429:
                    wait = retry_after_s(r, 3.0)
                    self.not_before = time.monotonic() + wait
                    log(self.org, f"{method} {path}: 429, waiting the advertised {wait:.0f} s")
                    continue
                if r.status in RETRYABLE_5XX:
                    delay = self._back_off(retry_after_s(r, 0.0))
                    log(self.org, f"{method} {path}: HTTP {r.status} {r.error_code()}; backing off {delay:.1f} s")
                    if not idempotent:
                        return None
                    continue
                raise Refused(f"{method} {path}: HTTP {r.status} {r.error_code()} (not retried)")
            log(self.org, f"{method} {path}: giving up for now")
            return None

    def get_json(self, path: str) -> Optional[Any]:
        r = self.request("GET", path)
        return r.json() if r else None

    def read_all(self, path: str, page_size: int = 100) -> Optional[list[dict]]:
        """Every entity of a listing: classic pages (pageNumber/pageCount), nextUri, or a downloadUrl."""
        sep = "&" if "?" in path else "?"
        doc = self.get_json(f"{path}{sep}pageSize={page_size}&pageNumber=1")
        out: list[dict] = []
        while doc is not None:
            if "downloadUrl" in doc:
                doc = self.download(doc["downloadUrl"])
                continue
            out += doc.get("entities", [])
            number, count = doc.get("pageNumber"), doc.get("pageCount")
            if number is not None and count is not None and number < count:
                doc = self.get_json(f"{path}{sep}pageSize={page_size}&pageNumber={number + 1}")
            elif doc.get("nextUri"):
                doc = self.get_json(doc["nextUri"])
            else:
                return out
        return None

    def download(self, url: str) -> Optional[Any]:
        """A download URL is pre-signed: fetched without the bearer token (it must not travel to it)."""
        with self.lock:
            self._wait_turn(counts_against_budget=False)
            try:
                r = send(self.org, "GET", url, {})
            except OSError as e:
                log(self.org, f"download: {e}")
                return None
        return r.json() if r.status == 200 else None

    def today(self) -> datetime.date:
        return (self.world_now or datetime.datetime.now(datetime.timezone.utc)).astimezone(datetime.timezone.utc).date()


def parses(r: Response) -> bool:
    try:
        r.json()
        return True
    except ValueError:
        return False


def retry_after_s(r: Response, default: float) -> float:
    """Retry-After in delta-seconds (what Genesys sends); absent or an HTTP date: `default`."""
    try:
        return max(0.0, float(r.headers["retry-after"]))
    except (KeyError, ValueError):
        return default


class OrgJob:
    """The static picture of one org, read once: users (all pages), business units, codes, management units."""

    def __init__(self, session: Session, deadline: float) -> None:
        self.s = session
        self.deadline = deadline
        self.users = self._until_read(lambda: session.read_all("/api/v2/users")) or []
        self.bus = (self._until_read(lambda: session.get_json(WFM + "/businessunits")) or {}).get("entities", [])
        self.codes: dict[str, dict[str, dict]] = {}    # BU id -> code name -> code
        self.mus: list[dict] = []
        for bu in self.bus:
            codes = self._until_read(lambda: session.get_json(f"{WFM}/businessunits/{bu['id']}/activitycodes")) or {}
            self.codes[bu["id"]] = {c["name"]: c for c in codes.get("entities", [])}
            mus = self._until_read(lambda: session.get_json(f"{WFM}/businessunits/{bu['id']}/managementunits")) or {}
            self.mus += mus.get("entities", [])
        log(session.org, f"{len(self.users)} users, {len(self.bus)} business units, {len(self.mus)} management units")

    def _until_read(self, read: Callable[[], Optional[Any]]) -> Optional[Any]:
        """Static data is needed once: keep trying (the session paces the tries) until the deadline."""
        try:
            while time.monotonic() < self.deadline:
                if (value := read()) is not None:
                    return value
        except Refused as e:
            log(self.s.org, str(e))
        return None

    def code_named(self, name: str) -> Optional[tuple[str, dict]]:
        for bu_id, codes in self.codes.items():
            if name in codes:
                return bu_id, codes[name]
        return None

    def search_week(self) -> None:
        """This week's agent schedules of each BU: [Monday 00:00Z, next Monday 00:00Z), valid ISO-8601."""
        today = self.s.today()
        start = datetime.datetime.combine(today - datetime.timedelta(days=today.weekday()), datetime.time(),
                                          datetime.timezone.utc)
        end = start + datetime.timedelta(days=7)
        iso = "%Y-%m-%dT%H:%M:%SZ"
        for bu in self.bus:
            try:
                r = self.s.request("POST", f"{WFM}/businessunits/{bu['id']}/agentschedules/search",
                                   {"startDate": start.strftime(iso), "endDate": end.strftime(iso)})
            except Refused as e:
                log(self.s.org, str(e))
                continue
            if r is None:
                continue     # a search is a POST: not re-sent after a failure
            doc = r.json()
            if "downloadUrl" in doc:
                doc = self.s.download(doc["downloadUrl"]) or {}
            schedules = doc.get("result", doc).get("agentSchedules", [])
            log(self.s.org, f"{bu['name']}: {len(schedules)} agent schedules this week")


def compare_codes(jobs: list[OrgJob]) -> None:
    """Custom activity codes of the first org, looked up by NAME in each other org (ids are per org)."""
    source = jobs[0]
    for bu_codes in source.codes.values():
        for name, code in bu_codes.items():
            if code["id"].isdigit():
                continue   # the 8 default codes exist everywhere with the same ids
            for target in jobs[1:]:
                found = target.code_named(name)
                if not found:
                    log(target.s.org, f"activity code {name!r}: missing")
                    continue
                bu_id, mine = found
                try:
                    fresh = target.s.get_json(f"{WFM}/businessunits/{bu_id}/activitycodes/{mine['id']}")
                except Refused as e:
                    log(target.s.org, str(e))
                    continue
                same = fresh is not None and fresh.get("category") == code.get("category")
                log(target.s.org, f"activity code {name!r}: {'in sync' if same else 'differs'}")


def poll_adherence(job: OrgJob, phase: float, interval: float, deadline: float, rng: random.Random) -> None:
    """Live adherence of every MU on a fixed grid (start + phase + k * interval), each poll jittered by ±10 %
    of the interval around its slot. The jitter does not accumulate, so orgs keep their phase offsets."""
    start = time.monotonic() + phase
    slot = 0
    while job.mus and (at := start + (slot + rng.uniform(-0.1, 0.1)) * interval) < deadline:
        time.sleep(max(0.0, at - time.monotonic()))
        counts: dict[str, int] = {}
        for mu in job.mus:
            try:
                doc = job.s.get_json(f"{WFM}/managementunits/{mu['id']}/adherence")
            except Refused as e:
                log(job.s.org, str(e))
                continue
            if doc is None:
                break            # the org is failing: the session's backoff paces the next try
            if "downloadUrl" in doc:
                doc = job.s.download(doc["downloadUrl"]) or {}
            for u in doc.get("entities", []):
                counts[u.get("adherenceState", "?")] = counts.get(u.get("adherenceState", "?"), 0) + 1
        log(job.s.org, f"adherence {dict(sorted(counts.items()))}")
        # Slots missed while backing off are skipped, not caught up in a burst.
        slot = max(slot + 1, math.ceil((time.monotonic() - start) / interval))


def main() -> int:
    p = argument_parser(__doc__)
    p.add_argument("--duration", type=float, default=30.0, help="seconds of adherence polling (default 30)")
    p.add_argument("--interval", type=float, default=10.0, help="seconds between polls of one org (default 10)")
    p.add_argument("--backoff-base", type=float, default=2.0, help="first 5xx backoff in seconds (default 2)")
    p.add_argument("--backoff-cap", type=float, default=60.0, help="longest 5xx backoff in seconds (default 60)")
    p.add_argument("--max-attempts", type=int, default=4, help="tries of one request before giving up (default 4)")
    p.add_argument("--seed", type=int, default=None, help="jitter seed (default: random)")
    args = p.parse_args()
    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.duration
    sessions = [Session(org, random.Random(rng.random()), args.backoff_base, args.backoff_cap, args.max_attempts)
                for org in load_orgs(args.orgs)]
    jobs: list[Optional[OrgJob]] = [None] * len(sessions)
    ready = [threading.Event() for _ in sessions]

    crashed: list[str] = []
    poll_rngs = [random.Random(rng.random()) for _ in sessions]

    def run_org(i: int) -> None:
        """One thread per org: an outage in one org does not stall the others."""
        try:
            jobs[i] = OrgJob(sessions[i], deadline)
            ready[i].set()
            jobs[i].search_week()
            # Org i polls at phase (i + ½)/n of the interval: n orgs spread evenly, never in lock-step.
            poll_adherence(jobs[i], args.interval * (i + 0.5) / len(sessions), args.interval, deadline, poll_rngs[i])
        except Exception as e:  # noqa: BLE001 - reported, and the exit status says so
            crashed.append(f"{sessions[i].org.name}: {type(e).__name__}: {e}")
        finally:
            ready[i].set()

    threads = [threading.Thread(target=run_org, args=(i,)) for i in range(len(sessions))]
    for t in threads:
        t.start()
    for event in ready:
        event.wait()
    if len(jobs) > 1:
        compare_codes([j for j in jobs if j is not None])   # each session still sends one request at a time
    for t in threads:
        t.join()
    for line in crashed:
        print(line, file=sys.stderr)
    silent = [s.org.name for s in sessions if s.successes == 0]
    if silent:
        print(f"no answer from {', '.join(silent)}", file=sys.stderr)
    return 1 if crashed or silent else 0


if __name__ == "__main__":
    sys.exit(main())
