"""Regressions the fault matrix found, each pinned by a test that failed before its fix."""
from __future__ import annotations

import asyncio

import pytest

from servicedesk.context import load_context
from servicedesk.rest import AuthExpired
from servicedesk.setup.errors import explain

from .actions import DEMO, MANAGER, Dashboard
from .harness import Bench, Fault


@pytest.fixture(scope="module")
def bench():
    running = Bench(DEMO)
    yield running
    running.stop()


def test_a_load_whose_open_line_part_failed_leaves_no_cache_that_hides_those_months(bench):
    """Before: the cache was written without sessions, and the next (warm) load read only the last
    two months, so ten months of Open Line figures stayed empty for a day with no message."""
    dash = Dashboard()
    bench.reset(dash.portal())
    state = asyncio.run(dash.prepare(bench))
    bench.service.faults.add("INTERNAL_SERVER_ERROR", "imopenlines.v2.Session.list")
    desk, _ = asyncio.run(dash._figures(state))
    assert set(desk.problems) == {"openline"}
    bench.clear()
    assert asyncio.run(dash.check(bench, state, None)) == []


def test_an_expired_session_is_not_called_missing_rights_in_the_wizard():
    err = explain(AuthExpired("expired_token", "The access token provided has expired.", 401, "im.chat.add"), "chat")
    assert err.code == "setup_err_auth"


@pytest.mark.parametrize("kind", ["INTERNAL_SERVER_ERROR", "QUERY_LIMIT_EXCEEDED"])
def test_a_passing_failure_of_user_current_does_not_stop_the_app_from_starting(bench, kind):
    """Before: an error of the start-up batch's user.current command ended the boot with an error."""
    bench.reset(Dashboard.portal())
    bench.inject(Fault(kind, kind, 2), "transient", ["user.current"])
    ctx = asyncio.run(load_context(bench.client(MANAGER), is_admin=False))
    assert ctx.user_id == MANAGER and ctx.configured and bench.fired == 2
