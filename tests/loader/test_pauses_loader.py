"""The paused spans read from devportal's task history (tasks.task.history.list), 50 tasks a request,
and read again only for tasks that changed (decisions 101)."""
from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import pytest

from devportal.clock import FakeClock
from devportal.demo import build_demo
from devportal.server import serve
from servicedesk.bot.task_pauses import load_pauses
from servicedesk.model import Settings, Task
from tests.bot.helpers import MANAGER, SPECIALIST, SUPPORT_GROUP, client_of, run

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def desk():
    clock = FakeClock(NOW)
    running = serve(build_demo(1, NOW), clock=clock)
    running.fake = clock
    yield running
    running.stop()


def tasks_of(desk, client) -> list[Task]:
    got = run(client.list_fast("tasks.task.list", {"filter": {"GROUP_ID": SUPPORT_GROUP}, "select": [
        "ID", "TITLE", "STATUS", "GROUP_ID", "CREATED_DATE", "CLOSED_DATE", "CHANGED_DATE", "RESPONSIBLE_ID"]},
        key="tasks", item_id="id"))
    return [Task.from_rest(x) for x in got]


def test_a_deferral_and_its_end_make_one_span_and_only_changed_tasks_are_read_again(desk):
    client = client_of(desk, MANAGER)
    mine = next(t for t in desk.portal.tasks.values() if t.group_id == SUPPORT_GROUP and t.status == 3
                and t.responsible_id == SPECIALIST)
    spec = client_of(desk, SPECIALIST)
    run(spec.call("tasks.task.update", {"taskId": mine.id, "fields": {"STATUS": 6}}))
    desk.fake.advance(3 * 3600)                    # tokens last an hour: new ones after the clock moved
    client, spec = client_of(desk, MANAGER), client_of(desk, SPECIALIST)
    run(spec.call("tasks.task.update", {"taskId": mine.id, "fields": {"STATUS": 3}}))
    tasks, cache, since = tasks_of(desk, client), {}, NOW - timedelta(days=400)
    st = Settings.from_dict({"group_id": SUPPORT_GROUP})
    before = client.requests
    got = run(load_pauses(client, tasks, st, since, cache))
    wanted = [t for t in tasks if t.created >= since or not t.is_completed]
    assert client.requests - before == math.ceil(len(wanted) / 50)
    assert got[mine.id] == [(NOW.timestamp(), NOW.timestamp() + 3 * 3600)]
    deferred = [t.id for t in desk.portal.tasks.values() if t.group_id == SUPPORT_GROUP and t.status == 6]
    assert deferred and all(got[i][-1][1] == float("inf") for i in deferred)     # the demo's deferred tasks
    before = client.requests
    assert run(load_pauses(client, tasks, st, since, cache)) == got
    assert client.requests == before                                           # nothing changed: no request
    desk.fake.advance(60)
    run(spec.call("tasks.task.update", {"taskId": mine.id, "fields": {"STATUS": 6}}))
    tasks = tasks_of(desk, client)
    before = client.requests
    again = run(load_pauses(client, tasks, st, since, cache))
    assert client.requests - before == 1                                        # one history: the changed task
    assert again[mine.id][-1] == (NOW.timestamp() + 3 * 3600 + 60, float("inf"))


def test_a_desk_that_pauses_nothing_reads_no_spans(desk):
    client = client_of(desk, MANAGER)
    st = Settings.from_dict({"group_id": SUPPORT_GROUP, "pause_statuses": "[]"})
    assert run(load_pauses(client, tasks_of(desk, client), st, NOW - timedelta(days=400))) == {}


def test_the_waiting_tag_pauses_from_the_task_history(desk):
    """devportal records TAGS changes in tasks.task.history.list (field TAGS, tag names comma-joined)."""
    spec = client_of(desk, SPECIALIST)
    mine = next(t for t in desk.portal.tasks.values() if t.group_id == SUPPORT_GROUP and t.status == 3
                and t.responsible_id == SPECIALIST)
    run(spec.call("tasks.task.update", {"taskId": mine.id, "fields": {"TAGS": ["vip", "Ждёт клиента"]}}))
    desk.fake.advance(1800)
    spec = client_of(desk, SPECIALIST)
    run(spec.call("tasks.task.update", {"taskId": mine.id, "fields": {"TAGS": ["vip"]}}))
    rows = run(spec.call("tasks.task.history.list", {"taskId": mine.id, "filter": {"FIELD": "TAGS"}}))["list"]
    assert [r["value"] for r in rows] == [{"from": "vip,Ждёт клиента", "to": "vip"},
                                          {"from": "", "to": "vip,Ждёт клиента"}]      # newest first
    client = client_of(desk, MANAGER)
    st = Settings.from_dict({"group_id": SUPPORT_GROUP, "pause_tag": "ждёт клиента"})
    got = run(load_pauses(client, tasks_of(desk, client), st, NOW - timedelta(days=400)))
    assert got[mine.id] == [(NOW.timestamp(), NOW.timestamp() + 1800)]
