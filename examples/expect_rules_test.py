#!/usr/bin/env python3
"""expect_rules.py itself: each expectation kind passes on a matching report and fails on a mismatch."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expect_rules.py")
REPORT = {"verdict": "fail", "exit_code": 1, "untested_faults": ["late-outage"], "rules": [
    {"id": "exit-code", "severity": "error", "region": None, "status": "pass", "findings": [], "note": ""},
    {"id": "token-reuse", "severity": "error", "region": "eu_central_1", "status": "fail",
     "findings": [{"message": "a login per request"}], "note": ""},
    {"id": "token-reuse", "severity": "error", "region": "ap_southeast_2", "status": "pass", "findings": [],
     "note": ""},
    {"id": "paging", "severity": "warn", "region": "eu_central_1", "status": "warn",
     "findings": [{"message": "page 1/2 only"}], "note": ""},
    {"id": "async-jobs", "severity": "warn", "region": "eu_central_1", "status": "not_applicable", "findings": [],
     "note": "no async job"},
]}


class ExpectRules(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.dir = tempfile.TemporaryDirectory()
        cls.report = os.path.join(cls.dir.name, "report.json")
        with open(cls.report, "w", encoding="utf-8") as f:
            json.dump(REPORT, f)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.dir.cleanup()

    def run_script(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, SCRIPT, "--report", self.report, *args], capture_output=True, text=True)

    def test_exact_match_passes(self) -> None:
        r = self.run_script("--fail", "token-reuse", "--warn", "paging", "--pass", "exit-code", "--na", "async-jobs",
                            "--verdict", "fail")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_region_pin(self) -> None:
        self.assertEqual(self.run_script("--fail", "token-reuse@eu_central_1", "--warn", "paging").returncode, 0)
        r = self.run_script("--fail", "token-reuse@ap_southeast_2", "--warn", "paging")
        self.assertEqual(r.returncode, 1)
        self.assertIn("token-reuse@eu_central_1: unexpected fail", r.stderr)

    def test_missing_and_unexpected_failures(self) -> None:
        r = self.run_script("--fail", "retry-after", "--warn", "paging")
        self.assertEqual(r.returncode, 1)
        self.assertIn("retry-after: expected fail", r.stderr)
        self.assertIn("token-reuse@eu_central_1: unexpected fail (eu_central_1: a login per request)", r.stderr)

    def test_unexpected_warning(self) -> None:
        r = self.run_script("--fail", "token-reuse")
        self.assertEqual(r.returncode, 1)
        self.assertIn("paging@eu_central_1: unexpected warn", r.stderr)

    def test_pass_is_not_not_applicable(self) -> None:
        r = self.run_script("--fail", "token-reuse", "--warn", "paging", "--pass", "async-jobs")
        self.assertEqual(r.returncode, 1)
        self.assertIn("async-jobs: expected pass", r.stderr)

    def test_verdict(self) -> None:
        r = self.run_script("--fail", "token-reuse", "--warn", "paging", "--verdict", "pass")
        self.assertIn("verdict: expected pass, got fail", r.stderr)

    def test_command_exit_status(self) -> None:
        ok = self.run_script("--fail", "token-reuse", "--warn", "paging", "--exit-code", "1", "--",
                             sys.executable, "-c", "raise SystemExit(1)")
        self.assertEqual(ok.returncode, 0, ok.stderr)
        bad = self.run_script("--fail", "token-reuse", "--warn", "paging", "--",
                              sys.executable, "-c", "raise SystemExit(3)")
        self.assertEqual(bad.returncode, 1)
        self.assertIn("command exited 3, expected 0", bad.stderr)

    def test_if_met_applies_only_to_a_met_fault(self) -> None:
        # "early-outage" is met (not listed untested): the --then- outcome is expected, exactly.
        met = ["--if-met", "early-outage", "--then-fail", "token-reuse", "--warn", "paging"]
        r = self.run_script(*met, "--then-integration-exit", "1", "--then-exit-code", "1", "--",
                            sys.executable, "-c", "raise SystemExit(1)")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("early-outage was met", r.stdout)
        r = self.run_script(*met, "--then-integration-exit", "0")
        self.assertEqual(r.returncode, 1)
        self.assertIn("the integration exited 1, expected 0 once early-outage was met", r.stderr)
        r = self.run_script("--if-met", "early-outage", "--then-fail", "paging", "--warn", "paging")
        self.assertIn("token-reuse@eu_central_1: unexpected fail", r.stderr)
        # "late-outage" is untested: the main expectations hold, the --then- ones are ignored.
        r = self.run_script("--if-met", "late-outage", "--then-fail", "paging", "--fail", "token-reuse", "--warn",
                            "paging", "--verdict", "fail", "--then-exit-code", "1")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("late-outage was not met", r.stdout)

    def test_unreadable_report(self) -> None:
        r = subprocess.run([sys.executable, SCRIPT, "--report", os.path.join(self.dir.name, "none.json")],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    unittest.main()
