"""Shared by every test directory: the fixtures several directories use, and the rule below.

- ``desk``: the seed-1 demo portal served over HTTP (devportal.server.serve), new for each test;
- ``two`` (each test) / ``three`` (each module): that portal with the HR desk (and the accounting
  desk) added, their ids as ``.ids`` / ``.hr``, ``.acc`` (tests/desks_fixture.py);
- ``server`` (each module) / ``running`` (each test, on a fresh copy): a portal not set up yet, for the
  setup wizard (tests/unit/setup_helpers.py).

Under ``python3 build.py test`` (which sets ``SERVICEDESK_NO_SKIP=1``) a skipped test fails: there
the build, MicroPython, Node.js and Chromium are all set up, so a test that would skip for want of
one of them is a broken set-up, not something to pass over."""
from __future__ import annotations

import os

import pytest

from devportal.demo import build_demo
from devportal.server import serve
from tests.desks_fixture import three_desk_portal, two_desk_portal
from tests.unit.setup_helpers import fresh_portal

NO_SKIP = os.environ.get("SERVICEDESK_NO_SKIP") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if NO_SKIP and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under build.py test, where nothing may be: {reason}"


@pytest.fixture
def desk():
    running = serve(build_demo(1))
    yield running
    running.stop()


@pytest.fixture
def two():
    portal, ids = two_desk_portal()
    running = serve(portal)
    running.ids = ids
    yield running
    running.stop()


@pytest.fixture(scope="module")
def three():
    portal, hr, acc = three_desk_portal()
    running = serve(portal)
    running.hr, running.acc = hr, acc
    yield running
    running.stop()


@pytest.fixture(scope="module")
def server():
    running = serve(fresh_portal())
    yield running
    running.stop()


@pytest.fixture
def running(server):
    server.service.portal = fresh_portal()
    server.faults.clear()
    yield server
    server.faults.clear()
