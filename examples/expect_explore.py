#!/usr/bin/env python3
"""Runs `mock-gc explore` and asserts its outcome (the explore conformance CTests use it).

  expect_explore.py --exit-code 1 [--max-faults 2] [--replay] -- mock-gc explore --report-dir DIR … -- COMMAND …

Runs the command after `--` (its output passes through) and checks its exit status (--exit-code, default 0).
With a counterexample expected (exit 1): DIR/counterexample.json holds 1..--max-faults faults, DIR/explore.json
names the rule; --replay then runs `mock-gc check --scenario DIR/counterexample.json --speed X -- COMMAND` (the
same mock-gc, speed and COMMAND) and asserts that it exits 1 with that rule failing. With exit 0: no
counterexample.json was written. Exit 0 when everything holds, 1 otherwise.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys


def option(words: list[str], flag: str) -> str | None:
    return words[words.index(flag) + 1] if flag in words else None


def fail(message: str) -> int:
    print(f"expect_explore: {message}", file=sys.stderr)
    return 1


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--exit-code", type=int, default=0)
    p.add_argument("--max-faults", type=int, default=2)
    p.add_argument("--replay", action="store_true")
    argv = sys.argv[1:]
    if "--" not in argv:
        return fail("no command after --")
    explore = argv[argv.index("--") + 1:]
    args = p.parse_args(argv[:argv.index("--")])
    directory = option(explore, "--report-dir")
    if directory is None or "--" not in explore:
        return fail("the explore command needs --report-dir and `-- COMMAND`")
    status = subprocess.run(explore).returncode
    if status != args.exit_code:
        return fail(f"exit status {status}, expected {args.exit_code}")
    counterexample = os.path.join(directory, "counterexample.json")
    if args.exit_code == 0:
        return fail(f"{counterexample} written on a pass") if os.path.exists(counterexample) else 0
    with open(os.path.join(directory, "explore.json")) as f:
        rule = json.load(f)["counterexample"]["rule"]
    with open(counterexample) as f:
        faults = json.load(f).get("faults", [])
    if not 1 <= len(faults) <= args.max_faults:
        return fail(f"{len(faults)} faults in {counterexample}, expected 1..{args.max_faults}")
    print(f"expect_explore: {rule} fails under {len(faults)} fault(s)")
    if not args.replay:
        return 0
    command = explore[explore.index("--") + 1:]
    replay_dir = os.path.join(directory, "replay")
    check = [explore[0], "check", "--scenario", counterexample, "--report-dir", replay_dir]
    if option(explore, "--speed"):
        check += ["--speed", option(explore, "--speed")]
    status = subprocess.run(check + ["--"] + command).returncode
    if status != 1:
        return fail(f"the replay exited {status}, expected 1")
    with open(os.path.join(replay_dir, "report.json")) as f:
        failed = {r["id"] for r in json.load(f)["rules"] if r["status"] == "fail"}
    if rule not in failed:
        return fail(f"the replay did not fail {rule} (failed: {sorted(failed)})")
    print(f"expect_explore: the replay fails {rule} again")
    return 0


if __name__ == "__main__":
    sys.exit(main())
