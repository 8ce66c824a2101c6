"""Several desks in one shared load (loader.load_desks) over HTTP on devportal: the demo desk, HR and
accounting (devportal.demo_desks) for specialist 5, who supports all three; and the golden desk as
desk 1 beside another."""
from __future__ import annotations

import asyncio
import importlib.util
import json
from pathlib import Path

import pytest

from devportal.clock import FakeClock
from devportal.demo_desks import SHARED, add_accounting_desk
from devportal.golden import portal_from_golden
from devportal.server import serve
from servicedesk.bot.desks import with_desk
from servicedesk.loader import load_desk, load_desks
from servicedesk.loader.chat import TitlesPlan
from servicedesk.loader.desk import META, UsersPlan, cache_key
from servicedesk.loader.store import MemoryStore
from servicedesk.metrics import compute_desk
from servicedesk.model import Settings
from servicedesk.rest.client import BatchResult
from servicedesk.visit import Visit
from tests.bot.helpers import SPECIALIST, run, visit_of
from tests.paths import GOLDEN, golden_data


def _bench():
    spec = importlib.util.spec_from_file_location("rest_requests", Path(__file__).resolve().parents[2] / "bench" / "rest_requests.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def figures(data):
    return compute_desk(data.messages, data.users, data.sessions, data.tasks, data.settings, data.support_ids,
                        data.now, time_zone=data.settings.time_zone)



@pytest.fixture(scope="module")
def loads(three):
    """Specialist 5's cold and warm loads of the three desks, into one store."""
    store, now = MemoryStore(), three.portal.now
    store.data["servicedesk:v2:other-user-key"] = "{}"
    spec = run(visit_of(three, SHARED))
    other = f"{cache_key(spec, Settings.from_dict(spec.ctx.settings))[1]}{SHARED + 1000}:7:1:0"
    store.data[other] = "{}"                                      # another user's records of this portal
    cold = run(load_desks(spec, [1, 2, 3], store=store, now=now))
    kept = dict(store.data)
    warm = run(load_desks(run(visit_of(three, SHARED)), [1, 2, 3], store=store, now=now))
    return {"spec": spec, "cold": cold, "warm": warm, "store": store, "kept": kept, "other": other, "now": now}


def test_three_desks_cost_the_floor_of_their_union_cold_and_one_request_warm(three, loads):
    cold, warm = loads["cold"], loads["warm"]
    assert [d.id for d in loads["spec"].ctx.my_desks] == [1, 2, 3]
    assert list(cold) == [1, 2, 3] and not any(d.warm or d.problems for d in cold.values())
    bench = _bench()
    floor, items = bench.floor_requests(three.portal, bench.desk_records(three.portal))
    assert items["pages"] > 40 and floor == 1
    # the floor packs every page in full batches; a loader learns how long a list is from its first
    # page, so one probing round comes on top: no desk pays a request of its own
    assert cold[1].requests <= floor + 1
    alone = run(load_desk(with_desk(run(visit_of(three, SHARED)), 1), store=MemoryStore(), now=loads["now"]))
    assert cold[1].requests <= alone.requests                     # desks 2 and 3 rode in desk 1's batches
    assert all(d.warm and not d.problems for d in warm.values())
    assert {d.requests for d in warm.values()} == {1}             # all three desks in one request


def test_each_desk_of_the_shared_load_equals_its_own_load(three, loads):
    spec = run(visit_of(three, SHARED))
    for desk_id in (1, 2, 3):
        alone = run(load_desk(with_desk(spec, desk_id), store=MemoryStore(), now=loads["now"]))
        for shared in (loads["cold"][desk_id], loads["warm"][desk_id]):
            assert sorted(m["id"] for m in shared.messages) == sorted(m["id"] for m in alone.messages)
            assert sorted(int(t["id"]) for t in shared.tasks) == sorted(int(t["id"]) for t in alone.tasks)
            assert shared.support_ids == alone.support_ids and shared.chat_names == alone.chat_names
            assert figures(shared) == figures(alone), desk_id
    acc = loads["cold"][3]
    assert sorted(int(t["id"]) for t in acc.tasks) == sorted(three.acc["tasks"])
    assert len(acc.messages) == len(three.acc["messages"])


def test_each_desk_keeps_its_own_cache_and_no_other_users(three, loads):
    spec, kept = loads["spec"], loads["kept"]
    for desk_id in (1, 2, 3):
        key = cache_key(spec, Settings.from_dict(spec.ctx.for_desk(desk_id).settings))[0]
        assert key in kept and key + META in kept, desk_id
    assert loads["other"] not in kept                              # another user's records went
    assert "servicedesk:v2:other-user-key" in kept                 # not this portal's: untouched


def test_the_chat_titles_ride_in_the_load_and_stay_in_the_cache(three, loads):
    a, b = three.hr["chats"]
    for run_ in ("cold", "warm"):
        assert loads[run_][2].chat_names == {a: "Кадры — Москва", b: "Кадры — Казань"}
        assert loads[run_][1].chat_names == {} and loads[run_][3].chat_names == {}   # one chat: no split
    spec = loads["spec"]
    key = cache_key(spec, Settings.from_dict(spec.ctx.for_desk(2).settings))[0]
    assert json.loads(loads["store"].data[key])["chat_names"] == {str(a): "Кадры — Москва", str(b): "Кадры — Казань"}


def test_only_the_desks_the_user_supports_are_loaded(three):
    it_only = run(visit_of(three, SPECIALIST))
    got = run(load_desks(it_only, [1, 2, 3], store=MemoryStore(), now=three.portal.now))
    assert list(got) == [1]


def test_a_chat_the_user_may_not_read_keeps_its_id_label():
    plan = TitlesPlan([11, 12, 13])
    cmds = plan.commands(50)
    assert cmds == {"c11": ("im.dialog.get", {"DIALOG_ID": "chat11"}),
                    "c12": ("im.dialog.get", {"DIALOG_ID": "chat12"}),
                    "c13": ("im.dialog.get", {"DIALOG_ID": "chat13"})}
    plan.consume(BatchResult(result={"c11": {"id": 11, "name": "Москва"}, "c13": {"id": 13, "name": ""}},
                             errors={"c12": {"error": "ACCESS_ERROR", "error_description": "no access"}}))
    assert plan.done and plan.titles == {11: "Москва"}


def test_the_union_of_support_sides_is_read_50_ids_a_command():
    plan = UsersPlan(range(1, 121))
    assert plan.want() == 3
    cmds = plan.commands(2)                                       # a full batch left room for two
    assert [len(p["filter"]["ID"]) for _, p in cmds.values()] == [50, 50] and list(cmds) == ["u0", "u1"]
    plan.consume(BatchResult(result={"u0": [{"ID": "1", "NAME": "A"}], "u1": []}))
    assert not plan.done and plan.want() == 1 and plan.commands(1)["u0"][1]["filter"]["ID"] == list(range(101, 121))
    plan.consume(BatchResult(result={"u0": [{"ID": "101", "NAME": "B"}]}))
    assert plan.done and [u["id"] for u in plan.items] == [1, 101]


def test_the_golden_desk_as_desk_1_of_two_keeps_its_figures():
    golden = golden_data()
    running = serve(portal_from_golden(GOLDEN), clock=FakeClock(None))
    try:
        running.clock.set(running.portal.now)
        add_accounting_desk(running.portal, shared=2, askers=(10, 11))

        async def make():
            from servicedesk.context import load_context
            from servicedesk.rest import RestClient
            from servicedesk.rest.http import HttpTransport
            client = RestClient(HttpTransport(running.url, running.token(2)))
            return Visit(client, await load_context(client, is_admin=False), ui=None, lang="ru")
        visit = asyncio.run(make())
        assert [d.id for d in visit.ctx.my_desks] == [1, 2]
        desks = asyncio.run(load_desks(visit, [1, 2], store=MemoryStore()))
    finally:
        running.stop()
    desk = desks[1]
    assert desk.problems == {} and len(desks[2].messages) > 200
    assert sorted(m["id"] for m in desk.messages) == [m["id"] for m in golden["input"]["chat_messages"]]
    got = figures(desk)
    for month, want in golden["expected"]["months"].items():
        for key, value in want.items():
            if isinstance(value, dict) and key != "by_specialist":
                for stat, v in value.items():
                    assert got["months"][month][key][stat] == pytest.approx(v), (month, key, stat)
            elif key == "by_specialist":
                have = got["months"][month][key]
                assert {k: {f: have[k][f] for f in ("dialogues", "tasks_closed")} for k in have} == value
            else:
                assert got["months"][month][key] == value, (month, key)
