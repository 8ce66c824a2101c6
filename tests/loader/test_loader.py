"""The loader on devportal over HTTP: what it loads, how many requests, the cache, missing rights."""
import asyncio
from datetime import timedelta

import pytest

from devportal.clock import FakeClock
from devportal.golden import portal_from_golden
from devportal.server import serve
from devportal.state import Message
from servicedesk.context import load_context
from servicedesk.loader import clear_cache, load_desk
from servicedesk.loader.store import MemoryStore
from servicedesk.metrics import compute_desk
from servicedesk.rest import RestClient
from servicedesk.rest.http import HttpTransport
from servicedesk.visit import Visit
from tests.paths import GOLDEN, golden_data


@pytest.fixture(scope="module")
def golden():
    return golden_data()


@pytest.fixture
def portal():
    running = serve(portal_from_golden(GOLDEN), clock=FakeClock(None))
    running.clock.set(running.portal.now)
    yield running
    running.stop()


def visit_of(running, uid):
    async def make():
        client = RestClient(HttpTransport(running.url, running.token(uid)))
        admin = running.portal.users[uid].is_admin
        return Visit(client, await load_context(client, is_admin=admin), ui=None, lang="ru")
    return asyncio.run(make())


def load(visit, store):
    return asyncio.run(load_desk(visit, store=store))


def test_golden_desk_through_rest_gives_the_golden_figures(portal, golden):
    """Loader + metrics end to end: a specialist's load of the golden portal matches desk.json."""
    store = MemoryStore()
    desk = load(visit_of(portal, 2), store)
    assert desk.problems == {}
    assert sorted(m["id"] for m in desk.messages) == [m["id"] for m in golden["input"]["chat_messages"]]
    assert sorted(int(t["id"]) for t in desk.tasks) == sorted(
        int(t["id"]) for t in golden["input"]["tasks"] if t["groupId"] == "7")
    assert sorted(s["id"] for s in desk.sessions) == [s["id"] for s in golden["input"]["openline_sessions"]]
    assert desk.support_ids == {1, 2, 3}
    figures = compute_desk(desk.messages, desk.users, desk.sessions, desk.tasks, desk.settings,
                           desk.support_ids, desk.now, time_zone=desk.settings.time_zone)
    for month, want in golden["expected"]["months"].items():
        got = figures["months"][month]
        for key, value in want.items():
            if isinstance(value, dict) and key != "by_specialist":
                for stat, v in value.items():
                    assert got[key][stat] == pytest.approx(v), (month, key, stat)
            elif key == "by_specialist":
                assert {k: {f: got[key][k][f] for f in ("dialogues", "tasks_closed")} for k in got[key]} == value
            else:
                assert got[key] == value, (month, key)


def test_cold_load_fits_in_one_request_and_warm_load_too(portal):
    store = MemoryStore()
    visit = visit_of(portal, 2)
    cold = load(visit, store)
    assert not cold.warm and cold.requests == 1          # a tiny desk: everything in one shared batch
    again = visit_of(portal, 2)                        # a new page load: context (1) + desk
    warm = load(again, store)
    assert warm.warm and warm.requests == 1
    assert again.client.requests <= 3
    assert sorted(m["id"] for m in warm.messages) == sorted(m["id"] for m in cold.messages)
    assert sorted(t["id"] for t in warm.tasks) == sorted(t["id"] for t in cold.tasks)


def test_warm_load_picks_up_new_messages_and_changed_tasks(portal):
    store = MemoryStore()
    load(visit_of(portal, 2), store)
    p = portal.portal
    p.messages[5000] = Message(5000, 101, 10, p.now + timedelta(minutes=1), "Новый вопрос")
    task = p.tasks[303]
    task.status, task.closed_date = 5, p.now + timedelta(minutes=2)
    task.changed_date = task.closed_date
    portal.clock.advance(300)
    desk = load(visit_of(portal, 2), store)
    assert desk.warm
    assert 5000 in {m["id"] for m in desk.messages}
    assert next(t for t in desk.tasks if int(t["id"]) == 303)["status"] == "5"


def test_not_in_the_chat_degrades_only_the_chat_series(portal):
    portal.portal.chats[101].members.remove(3)
    desk = load(visit_of(portal, 3), MemoryStore())
    assert set(desk.problems) == {"chat"}
    assert "не его участник" in desk.problems["chat"]
    assert desk.messages == [] and desk.tasks and desk.sessions


def test_open_line_reports_refused_falls_back_to_crm_and_history(portal):
    """Session.list refused (no access to Open Line reports): the sessions come from CRM activities
    and transcripts instead, with the same ids and creation months."""
    direct = load(visit_of(portal, 2), MemoryStore()).sessions
    portal.faults.add("ACCESS_DENIED", method="imopenlines.v2.Session.list")
    fallback = load(visit_of(portal, 2), MemoryStore())
    assert "openline" not in fallback.problems
    assert {s["id"] for s in fallback.sessions} == {s["id"] for s in direct}


def test_no_open_line_access_at_all_is_explained(portal):
    """The manager is neither in the Open Line queue nor an admin: no reports, no CRM."""
    desk = load(visit_of(portal, 1), MemoryStore())
    assert set(desk.problems) == {"openline"} and "открытых линий" in desk.problems["openline"]
    assert desk.sessions == [] and desk.messages and desk.tasks


def test_cache_never_mixes_users_and_can_be_cleared(portal):
    store = MemoryStore()
    load(visit_of(portal, 2), store)
    assert len(store.data) == 2 and all(":2:" in key for key in store.data)      # records + meta
    other = visit_of(portal, 3)
    load(other, store)
    assert len(store.data) == 2 and all(":3:" in key for key in store.data)
    asyncio.run(clear_cache(other, store))
    assert store.data == {}


def test_fallback_rebuilds_the_same_open_line_figures_on_the_demo_desk():
    """On the demo desk (transcripts with a welcome bot) the CRM + history path gives the same
    monthly Open Line figures as Session.list."""
    from devportal.demo import build_demo
    running = serve(build_demo(3, months=3, messages=300, sessions=60, tasks=40))
    try:
        p = running.portal
        group = p.groups[int(p.app_options["group_id"])]
        specialist = next(uid for uid, role in group.members.items() if role == "K")

        def figures():
            desk = load(visit_of(running, specialist), MemoryStore())
            out = compute_desk(desk.messages, desk.users, desk.sessions, desk.tasks, desk.settings,
                               desk.support_ids, desk.now, time_zone=desk.settings.time_zone)
            return {m: (v["openline_dialogues"], v["openline_response_min"]) for m, v in out["months"].items()}

        direct = figures()
        running.faults.add("ACCESS_DENIED", method="imopenlines.v2.Session.list")
        fallback = figures()
        spam = sum(1 for s in p.sessions.values() if s.status == "spam")
        assert sum(n for n, _ in direct.values()) > 20 and spam
        assert [stats for _, stats in fallback.values()] == [stats for _, stats in direct.values()]
        # CRM activities do not say which sessions were spam: there they count as unanswered dialogues
        assert sum(n for n, _ in fallback.values()) - sum(n for n, _ in direct.values()) == spam
    finally:
        running.stop()


def test_a_portal_that_rate_limits_hard_slows_the_load_but_does_not_fail_it():
    """devportal's real leaky bucket, squeezed to a burst of 2 at 1 request/s, on a fake clock: the
    client's backoff waits (on that clock, so the test never sleeps) and the load completes."""
    from devportal.demo import build_demo
    portal = build_demo(5, months=2, messages=2500, sessions=500, tasks=300)
    running = serve(portal, clock=FakeClock(portal.now))
    running.faults.rate_limit(True, rate=1, burst=2)
    try:
        group = portal.groups[int(portal.app_options["group_id"])]
        specialist = next(uid for uid in group.members if uid in portal.openlines[1].queue)
        waits = []

        async def fake_sleep(seconds):
            waits.append(seconds)
            running.clock.advance(seconds)

        async def go():
            client = RestClient(HttpTransport(running.url, running.token(specialist)), sleep=fake_sleep)
            ctx = await load_context(client, is_admin=False)
            return await load_desk(Visit(client, ctx, ui=None), store=MemoryStore())

        desk = asyncio.run(go())
        assert waits, "the bucket never refused: the test would prove nothing"
        assert desk.problems == {}
        in_window = [m for m in portal.messages.values() if m.chat_id == int(portal.app_options["chat_id"])]
        assert len(desk.messages) == len(in_window)
        assert len(desk.tasks) == sum(1 for t in portal.tasks.values() if t.group_id == group.id)
    finally:
        running.stop()


@pytest.mark.parametrize("kind", ["INTERNAL_SERVER_ERROR", "QUERY_LIMIT_EXCEEDED"])
def test_a_command_refused_for_now_inside_a_batch_is_asked_again(portal, kind):
    """A 500 or a rate limit on one command of a shared batch: that part waits and asks again
    instead of giving up on its series."""
    portal.faults.add(kind, method="tasks.task.list", count=2)
    portal.faults.add(kind, method="im.dialog.messages.search", count=1)
    desk = load(visit_of(portal, 2), MemoryStore())
    assert desk.problems == {}
    p = portal.portal
    assert len(desk.tasks) == sum(1 for t in p.tasks.values() if t.group_id == 7) == 7
    assert len(desk.messages) == sum(1 for m in p.messages.values() if m.chat_id == 101) == 22
    assert not portal.faults.rules, "the injected faults never fired"


def test_an_unchanged_warm_load_rewrites_only_the_small_meta_entry(portal):
    class Counting(MemoryStore):
        writes: list = []

        async def set(self, key, value):
            self.writes.append(key)
            await super().set(key, value)

    store = Counting()
    load(visit_of(portal, 2), store)
    assert len(store.writes) == 2
    store.writes.clear()
    portal.clock.advance(60)
    desk = load(visit_of(portal, 2), store)
    assert desk.warm and [k.endswith("#meta") for k in store.writes] == [True]


def add_tasks(running, count: int) -> None:
    """``count`` more tasks in the support group, so that its list has more than one page."""
    from devportal.state import Task
    p = running.portal
    for n in range(count):
        tid = max(p.tasks) + 1
        p.tasks[tid] = Task(tid, f"Задача {n}", 1, 2, p.now - timedelta(days=3), group_id=7)


@pytest.mark.parametrize("method", ["tasks.task.list", "im.dialog.messages.search"])
def test_a_portal_repeating_a_page_ends_with_a_clear_message_and_no_cache(portal, method):
    """A list that ignores its cursor (the same page again): the part stops with a message that
    says so instead of looping, and nothing is cached (the next load reads everything again)."""
    add_tasks(portal, 60)
    p = portal.portal
    for n in range(230):                                 # more than one page of 200 messages
        mid = max(p.messages) + 1
        p.messages[mid] = Message(mid, 101, 10, p.now - timedelta(hours=1, seconds=n), f"вопрос {n}")
    portal.faults.add("repeat_page", method=method)
    store, visit = MemoryStore(), visit_of(portal, 2)
    desk = asyncio.run(asyncio.wait_for(load_desk(visit, store=store), 120))    # not for ever
    series = "tasks" if method.startswith("tasks") else "chat"
    assert set(desk.problems) == {series}
    assert "REPEATED_PAGE" not in desk.problems[series] and "repeated a page" in desk.problems[series]
    assert store.data == {}
