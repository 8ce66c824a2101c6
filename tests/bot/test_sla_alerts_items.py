"""SLA warnings and escalation for the open items of a desk whose second line is a smart process
(decision 165), on devportal over HTTP with the portal's clock moved: the responsible warned once at
the share, the manager told once after the target with the item's card, nothing for an item closed
meanwhile, nothing twice after a restart, a desk on tasks untouched; ru and en texts."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from devportal.clock import FakeClock
from devportal.demo import build_demo
from devportal.demo_crm import add_crm_desk
from devportal.server import serve
from servicedesk.bot.alerts_run import AlertRunner
from servicedesk.bot.worker import State
from tests.bot.helpers import ADMIN, MANAGER, SPECIALIST, client_of, run, visit_of
from tests.bot.test_sla_alerts_bot import bot_said
from tests.desks_fixture import first_desk_alone

MSK = ZoneInfo("Europe/Moscow")
START = datetime(2026, 11, 23, 9, 0, tzinfo=MSK)          # Monday; the demo desk works 09-19 MSK
ENGLISH = 3                                                 # a support member whose page is in English


def _desk(on_crm: bool):
    portal = build_demo(1, START.astimezone(timezone.utc))
    for t in portal.tasks.values():                         # the demo's tasks are low: no target
        t.priority = 0
    ids = add_crm_desk(portal, 1)
    portal.crm_items.clear()                                # the demo's own open items stay out of the way
    portal.crm_history.clear()
    first_desk_alone(portal, on_crm, sla_targets={"task_close": {"medium": 8}})
    clock = FakeClock(START.astimezone(timezone.utc))
    running = serve(portal, clock=clock)
    running.fake, running.ids = clock, ids
    return running


@pytest.fixture
def desk():
    running = _desk(True)
    yield running
    running.stop()


def at(desk, hh_mm: str, day: int = 23):
    h, m = map(int, hh_mm.split(":"))
    desk.fake.set(datetime(2026, 11, day, h, m, tzinfo=MSK).astimezone(timezone.utc))


def check(desk, sent: set, save=None, runner=None) -> list[str]:
    runner = runner or AlertRunner(run(visit_of(desk, ADMIN)), sent, save)
    return [a.key for a in run(runner.run_once())]


def new_item(desk, title: str) -> int:
    res = run(client_of(desk, SPECIALIST).call("crm.item.add", {
        "entityTypeId": desk.ids["entity_type_id"], "fields": {
            "title": title, "categoryId": desk.ids["category_id"], "assignedById": SPECIALIST, "opened": "N"}}))
    return int(res["item"]["id"])


def move(desk, item_id: int, code: str) -> None:
    ent, cat = desk.ids["entity_type_id"], desk.ids["category_id"]
    run(client_of(desk, SPECIALIST).call("crm.item.update", {
        "entityTypeId": ent, "id": item_id, "fields": {"stageId": f"DT{ent}_{cat}:{code}"}}))


def test_an_item_warns_its_responsible_once_then_escalates_to_the_manager_once(desk, tmp_path):
    at(desk, "10:00")
    iid = new_item(desk, "Printer on 3rd floor")
    move(desk, iid, "WAIT")                                 # waiting for the client does not pause an item
    state = State(tmp_path / "bot.state.json", "k")
    sent: set = set()

    def keep():
        state.alerts = sorted(sent)
        state.save()
    at(desk, "15:59")
    assert check(desk, sent, keep) == []
    at(desk, "16:00")                                       # 6 h of 8 = 75 %
    assert check(desk, sent, keep) == [f"sla:1:warn:item:{iid}"]
    (said,) = bot_said(desk, SPECIALIST)
    card = f"/crm/type/{desk.ids['entity_type_id']}/details/{iid}/"
    assert card in said and "Printer on 3rd floor" in said and "Ждём ответа" in said and "осталось 2 ч" in said
    again = set(State.load(tmp_path / "bot.state.json", "k").alerts)      # a restart
    at(desk, "17:30")
    assert check(desk, again) == []
    at(desk, "18:00")                                       # 8 h is not over 8 h
    assert check(desk, again) == []
    at(desk, "18:01")
    assert check(desk, again) == [f"sla:1:breach:item:{iid}"]
    (to_manager,) = bot_said(desk, MANAGER)
    assert card in to_manager and f"[USER={SPECIALIST}]" in to_manager and "Ответственный" in to_manager
    at(desk, "12:00", day=24)
    assert check(desk, again) == [] and check(desk, set()) == []       # the portal's storage holds the keys too
    assert len(bot_said(desk, SPECIALIST)) == 1 and len(bot_said(desk, MANAGER)) == 1


def test_nothing_for_an_item_closed_or_rejected_meanwhile(desk):
    at(desk, "10:00")
    solved, rejected, still = new_item(desk, "Solved"), new_item(desk, "Rejected"), new_item(desk, "Still open")
    at(desk, "11:00")
    move(desk, solved, "SUCCESS")
    move(desk, rejected, "FAIL")
    move(desk, still, "WORK")
    at(desk, "18:30")
    assert check(desk, set()) == [f"sla:1:breach:item:{still}"]      # first seen breached: escalation only
    assert bot_said(desk, SPECIALIST) == []


def test_quiet_hours_and_the_english_text(desk):
    at(desk, "17:00")
    iid = new_item(desk, "Late one")                        # 2 h on Monday (to 19:00); 6 h at Tue 13:00
    at(desk, "23:00")
    assert check(desk, set()) == []
    at(desk, "12:59", day=24)
    assert check(desk, set()) == []
    at(desk, "13:00", day=24)
    visit = run(visit_of(desk, ADMIN))
    visit.ctx.lang = "en"
    assert check(desk, set(), runner=AlertRunner(visit, set())) == [f"sla:1:warn:item:{iid}"]
    (said,) = bot_said(desk, SPECIALIST)
    assert said.startswith("⏳ Request ") and "Late one" in said and "(stage «Новая»)" in said and "2 h left" in said


def _recorded(visit) -> list[str]:
    """The REST methods ``visit``'s client calls from now on (list_fast's first page goes through call)."""
    names, call = [], visit.client.call

    async def spy(method, params=None, *a, **kw):
        names.append(method)
        return await call(method, params, *a, **kw)
    visit.client.call = spy
    return names


def test_a_poll_reads_the_open_items_in_one_request_once_the_stages_are_known(desk):
    at(desk, "10:00")
    new_item(desk, "One")
    at(desk, "11:00")
    visit = run(visit_of(desk, ADMIN))
    names = _recorded(visit)
    runner = AlertRunner(visit, set())
    run(runner.run_once())
    assert names.count("crm.status.list") == 1 and names.count("crm.item.list") == 1
    names.clear()
    at(desk, "11:30")
    run(runner.run_once())
    assert names.count("crm.status.list") == 0 and names.count("crm.item.list") == 1


def test_a_desk_on_tasks_reads_no_items():
    desk = _desk(False)
    try:
        at(desk, "10:00")
        new_item(desk, "An item of a desk on tasks")
        at(desk, "18:30")
        visit = run(visit_of(desk, ADMIN))
        names = _recorded(visit)
        assert check(desk, set(), runner=AlertRunner(visit, set())) == []
        assert "crm.item.list" not in names and "crm.status.list" not in names and "tasks.task.list" in names
    finally:
        desk.stop()


def test_a_flood_of_items_is_ten_alerts_and_one_summary_linking_the_pipeline(desk):
    at(desk, "10:00")
    ids = [new_item(desk, f"Outage {i}") for i in range(13)]
    at(desk, "12:00", day=24)                               # all 13 over 8 h at once
    sent: set = set()
    assert check(desk, sent) == [f"sla:1:breach:item:{i}" for i in ids[:10]]
    to_manager = bot_said(desk, MANAGER)
    where = f"/crm/type/{desk.ids['entity_type_id']}/list/category/{desk.ids['category_id']}/"
    assert len(to_manager) == 11 and sum(where in m and "заявки поддержки" in m for m in to_manager) == 1
    assert {f"sla:1:breach:item:{i}" for i in ids} <= sent
    at(desk, "13:00", day=24)
    assert check(desk, sent) == [] and len(bot_said(desk, MANAGER)) == 11


def test_a_refused_item_list_leaves_the_desks_other_alerts_going(desk):
    """A checker without CRM rights (or a deleted type): logged, the items skipped, the tasks still warned."""
    from servicedesk.rest import PortalError
    at(desk, "10:00")
    new_item(desk, "Unseen")
    res = run(client_of(desk, SPECIALIST).call("tasks.task.add", {"fields": {
        "TITLE": "A task", "GROUP_ID": desk.portal.app_options["group_id"], "RESPONSIBLE_ID": SPECIALIST,
        "PRIORITY": 1}}))
    tid = int(res["task"]["id"])
    at(desk, "16:00")
    visit = run(visit_of(desk, ADMIN))
    call = visit.client.call

    async def refuse(method, params=None, *a, **kw):
        if method == "crm.item.list":
            raise PortalError("ACCESS_DENIED", "Доступ запрещен", 400, method)
        return await call(method, params, *a, **kw)
    visit.client.call = refuse
    assert check(desk, set(), runner=AlertRunner(visit, set())) == [f"sla:1:warn:task:{tid}"]
