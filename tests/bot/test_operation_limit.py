"""OPERATION_TIME_LIMIT (settings/performance/limits.md) seen by the app: My requests and a task from
a message on a portal that blocks a heavy method. The client stops calling that method until the
block lifts (no retry loop), the screen says when (the ``operating_reset_at`` of the method's last
successful answer), nothing is lost and nothing is made twice; the portal's clock is a fake one."""
from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from devportal.clock import FakeClock
from devportal.demo import build_demo
from devportal.server import serve
from servicedesk.bot.requests import open_requests
from servicedesk.bot.tasks import create_once
from servicedesk.model.settings import Settings
from servicedesk.rest.errors import MethodBlocked
from servicedesk.views.dashboard_data import error_text
from tests.bot.helpers import SPECIALIST, SUPPORT_GROUP, client_of, run


@pytest.fixture
def slow_desk():
    portal = build_demo(1)
    clock = FakeClock(portal.now)
    running = serve(portal, clock=clock)
    yield running
    running.stop()


def _client(desk):
    c = client_of(desk, SPECIALIST)
    c.clock = lambda: desk.clock.now().timestamp()
    return c


def test_a_blocked_list_says_when_it_lifts_and_is_not_hammered(slow_desk):
    desk, settings = slow_desk, Settings.from_dict(dict(slow_desk.portal.app_options))
    desk.app.state.service.operating.cost["tasks.task.list"] = 500.0      # one call is over the 480 s limit
    client = _client(desk)
    start = desk.clock.now()
    mine = run(open_requests(client, settings, SPECIALIST, count_queue=True))
    assert mine
    sent = client.requests
    with pytest.raises(MethodBlocked) as err:
        run(open_requests(client, settings, SPECIALIST, count_queue=True))
    assert client.requests == sent + 1                 # asked once, not retried for half a minute
    assert err.value.until == int(start.timestamp()) + 600
    text = error_text(err.value, "en", "Europe/Moscow")
    lifts = (start + timedelta(seconds=600)).astimezone(ZoneInfo("Europe/Moscow")).strftime("%H:%M")
    assert f"it lifts at {lifts}" in text and "nothing is lost" in text
    desk.clock.advance(300)
    with pytest.raises(MethodBlocked):                 # still blocked: the client does not even ask
        run(open_requests(client, settings, SPECIALIST, count_queue=True))
    assert client.requests == sent + 1
    desk.clock.advance(301)
    assert [r.id for r in run(open_requests(client, settings, SPECIALIST, count_queue=True))] == [r.id for r in mine]


def test_a_blocked_task_add_makes_nothing_and_the_next_try_makes_it_once(slow_desk):
    desk = slow_desk
    settings = Settings.from_dict(dict(desk.portal.app_options))
    desk.app.state.service.operating.cost["tasks.task.add"] = 500.0
    client = _client(desk)
    fields = {"TITLE": "Printer", "GROUP_ID": SUPPORT_GROUP, "RESPONSIBLE_ID": SPECIALIST}
    first = run(create_once(client, settings, "m-1", fields, None, SPECIALIST))
    before = len(desk.portal.tasks)
    with pytest.raises(MethodBlocked):
        run(create_once(client, settings, "m-2", fields, None, SPECIALIST))
    assert len(desk.portal.tasks) == before
    desk.clock.advance(601)
    second = run(create_once(client, settings, "m-2", fields, None, SPECIALIST))
    again = run(create_once(client, settings, "m-2", fields, None, SPECIALIST))
    assert second.created and not again.created and again.task_id == second.task_id != first.task_id
    assert len(desk.portal.tasks) == before + 1
