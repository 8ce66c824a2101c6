"""Shared by every test directory.

Under ``python3 build.py test`` (which sets ``SERVICEDESK_NO_SKIP=1``) a skipped test fails: there
the build, MicroPython, Node.js and Chromium are all set up, so a test that would skip for want of
one of them is a broken set-up, not something to pass over."""
from __future__ import annotations

import os

import pytest

NO_SKIP = os.environ.get("SERVICEDESK_NO_SKIP") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if NO_SKIP and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under build.py test, where nothing may be: {reason}"
