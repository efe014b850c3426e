#!/usr/bin/env python3
"""Asserts a `mock-gc check` report.json rule by rule (the conformance CTests use it).

  expect_rules.py --report DIR/report.json --exit-code 1 --fail token-reuse,retry-after --warn paging \
                  [--pass exit-code] [--na async-jobs] [--verdict fail] [-- mock-gc check … --report-dir DIR -- …]

With a command after `--`, runs it first (its output passes through) and checks its exit status
(--exit-code, default 0); the report is read afterwards.

--fail / --warn: EXACTLY these rules have that status (in at least one region); every other rule must not.
--pass: these rules passed (were exercised and no region failed or warned). --na: not applicable everywhere.
A rule may be written `id@region` to pin one region's result. Exit 0 when everything holds, 1 otherwise
(each mismatch printed with the rule's first finding or note), 2 for a missing or unreadable report.

--if-met FAULT: when the run met that fault (the report does not list it among untested_faults), expect
instead what follows the `--then-` options: --then-fail RULES (exactly these fail; --fail and --verdict no
longer apply, the verdict is fail when RULES is not empty), --then-exit-code N for the command and
--then-integration-exit N for the integration's own status (report exit_code). Whether a fault is met can
depend on timing (a loaded machine reaches a later window of the timeline): both outcomes are then checked
exactly, and which one applied is printed.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys

STATUSES = ("fail", "warn", "pass", "not_applicable")


def ids(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--report", required=True, help="the report.json to check")
    p.add_argument("--exit-code", type=int, default=0, help="expected exit status of the command (default 0)")
    p.add_argument("--fail", type=ids, default=[])
    p.add_argument("--warn", type=ids, default=[])
    p.add_argument("--pass", dest="passed", type=ids, default=[])
    p.add_argument("--na", type=ids, default=[])
    p.add_argument("--verdict", choices=("pass", "fail"))
    p.add_argument("--if-met", dest="if_met", help="a fault id of the scenario's timeline")
    p.add_argument("--then-fail", dest="then_fail", type=ids, default=[])
    p.add_argument("--then-exit-code", dest="then_exit_code", type=int)
    p.add_argument("--then-integration-exit", dest="then_integration_exit", type=int)
    argv = sys.argv[1:]
    command = argv[argv.index("--") + 1:] if "--" in argv else []
    args = p.parse_args(argv[:len(argv) - len(command) - 1] if command else argv)
    problems = []
    status = None
    if command:
        try:
            status = subprocess.run(command, stdin=subprocess.DEVNULL).returncode
        except OSError as e:
            print(f"expect_rules: cannot run {command[0]}: {e}", file=sys.stderr)
            return 2
    try:
        with open(args.report, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        print(f"expect_rules: {args.report}: {e}", file=sys.stderr)
        if status is not None and status != args.exit_code:
            print(f"expect_rules: command exited {status}, expected {args.exit_code}", file=sys.stderr)
        return 2

    if args.if_met and args.if_met not in report.get("untested_faults", []):
        print(f"expect_rules: fault {args.if_met} was met: expecting the --then- outcome")
        args.fail = args.then_fail
        args.verdict = "fail" if args.then_fail else "pass"
        if args.then_exit_code is not None:
            args.exit_code = args.then_exit_code
        if args.then_integration_exit is not None and report.get("exit_code") != args.then_integration_exit:
            problems.append(f"the integration exited {report.get('exit_code')}, "
                            f"expected {args.then_integration_exit} once {args.if_met} was met")
    elif args.if_met:
        print(f"expect_rules: fault {args.if_met} was not met: expecting the main outcome")
    if status is not None and status != args.exit_code:
        problems.append(f"command exited {status}, expected {args.exit_code}: {' '.join(command)}")

    # status per rule id and per id@region; `why` keeps the first finding or the note for messages
    by_key: dict[str, set[str]] = {}
    why: dict[str, str] = {}
    for rule in report.get("rules", []):
        keys = [rule["id"]] + ([f"{rule['id']}@{rule['region']}"] if rule.get("region") else [])
        findings = rule.get("findings") or []
        reason = findings[0].get("message", "") if findings else rule.get("note", "")
        for key in keys:
            by_key.setdefault(key, set()).add(rule["status"])
            if rule["status"] in ("fail", "warn") or key not in why:
                why[key] = f"{rule.get('region') or 'run'}: {reason}"

    def has(key: str, status: str) -> bool:
        return status in by_key.get(key, set())

    for status, wanted in (("fail", args.fail), ("warn", args.warn)):
        for key in wanted:
            if key not in by_key:
                problems.append(f"{key}: expected {status}, but the report has no such rule")
            elif not has(key, status):
                problems.append(f"{key}: expected {status}, got {sorted(by_key[key])} ({why.get(key, '')})")
        for rule in report.get("rules", []):
            key = f"{rule['id']}@{rule['region']}" if rule.get("region") else rule["id"]
            if rule["status"] == status and rule["id"] not in wanted and key not in wanted:
                problems.append(f"{key}: unexpected {status} ({why.get(key, '')})")
    for key in args.passed:
        got = by_key.get(key, set())
        if "pass" not in got or got & {"fail", "warn"}:
            problems.append(f"{key}: expected pass, got {sorted(got) or 'no such rule'} ({why.get(key, '')})")
    for key in args.na:
        got = by_key.get(key, set())
        if got != {"not_applicable"}:
            problems.append(f"{key}: expected not_applicable, got {sorted(got) or 'no such rule'} ({why.get(key, '')})")
    if args.verdict and report.get("verdict") != args.verdict:
        problems.append(f"verdict: expected {args.verdict}, got {report.get('verdict')}")

    for line in problems:
        print(f"expect_rules: {line}", file=sys.stderr)
    summary = ", ".join(f"{s}: {sorted(k for k in by_key if '@' not in k and has(k, s))}" for s in STATUSES)
    print(f"expect_rules: {args.report}: {summary}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
