#!/usr/bin/env python3
"""A tiny integration for the check driver tests (Python 3 standard library only).

Logs in to every org of ORGS.json (--orgs, else $MOCKGC_ORGS), reads one resource (--path, default
/api/v2/tokens/me) --requests times per org, then sleeps --sleep seconds and exits with --exit.
--ignore-term sleeps through SIGTERM; --sleeper starts a grandchild `sleep 60` and prints its pid; --flood S
hammers both orgs from 4 threads for S seconds. Prints its argv, MOCKGC_ORGS, what stdin held and the number
of requests it sent ("sent N"), and one line on stderr.
"""
import argparse
import base64
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request


def call(url, method="GET", headers=None, data=None):
    req = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def login(org):
    basic = base64.b64encode(f"{org['client_id']}:{org['client_secret']}".encode()).decode()
    status, body = call(org["login_url"] + "/oauth/token", "POST",
                        {"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"},
                        b"grant_type=client_credentials")
    assert status == 200, (status, body)
    return json.loads(body)["access_token"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--orgs", default=os.environ.get("MOCKGC_ORGS"))
    p.add_argument("--requests", type=int, default=2)
    p.add_argument("--path", default="/api/v2/tokens/me")
    p.add_argument("--exit", type=int, default=0)
    p.add_argument("--sleep", type=float, default=0)
    p.add_argument("--ignore-term", action="store_true")
    p.add_argument("--sleeper", action="store_true")
    p.add_argument("--flood", type=float, default=0)
    a = p.parse_args()
    if a.ignore_term:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sys.stdout.reconfigure(line_buffering=True)  # what it printed is in the log even when it is killed
    print("argv", json.dumps(sys.argv[1:]))
    print("MOCKGC_ORGS", os.environ.get("MOCKGC_ORGS"))
    print("stdin", repr(sys.stdin.read()))
    print("stderr reaches the log too", file=sys.stderr, flush=True)
    if a.sleeper:
        print("sleeper", subprocess.Popen(["sleep", "60"]).pid)
    orgs = json.load(open(a.orgs))["orgs"]
    sent = 0
    for org in orgs:
        token = login(org)
        sent += 1
        for _ in range(a.requests):
            call(org["base_url"] + a.path, headers={"Authorization": "Bearer " + token})
            sent += 1
    if a.flood > 0:
        tokens = [(org, login(org)) for org in orgs]
        sent += len(tokens)
        counts = [0] * 4
        stop = time.monotonic() + a.flood

        def hammer(i):
            org, token = tokens[i % len(tokens)]
            while time.monotonic() < stop:
                call(org["base_url"] + a.path, headers={"Authorization": "Bearer " + token})
                counts[i] += 1

        threads = [threading.Thread(target=hammer, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        sent += sum(counts)
    print("sent", sent, flush=True)
    time.sleep(a.sleep)
    return a.exit


if __name__ == "__main__":
    sys.exit(main())
