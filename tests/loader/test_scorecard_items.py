"""The scorecard of the demo's desk on a smart process, loaded from devportal (decision 169): a month's
"closed" per person is the requests each responsible closed, and they add up to the month's closed."""
from __future__ import annotations

from devportal.demo import build_demo
from devportal.demo_crm import add_crm_desk
from devportal.server import serve
from servicedesk.bot.desks import with_desk
from servicedesk.loader import load_desk
from servicedesk.loader.store import MemoryStore
from servicedesk.metrics.crm import crm_desk_figures
from servicedesk.views.scorecard_data import column_label, month_scorecard
from tests.bot.helpers import MANAGER, run, visit_of


def test_a_months_requests_closed_per_responsible_add_up():
    portal = build_demo(1)
    ids = add_crm_desk(portal, 1)
    running = serve(portal)
    try:
        async def go():
            s = await visit_of(running, MANAGER)
            s = with_desk(s, ids["desk"])
            data = await load_desk(s, store=MemoryStore(), now=portal.now)
            crm = crm_desk_figures(data.settings, data.crm_items, data.crm_history, data.crm_stages, data.now)
            month = crm["months"][-2]
            return crm, month, await month_scorecard(s.client, data, month)
        crm, month, card = run(go())
    finally:
        running.stop()
    k = crm["months"].index(month)
    closed = crm["rows"]["closed"][k]
    assert closed and sum(p["tasks_closed"] for p in card["people"].values()) == len(closed)
    for uid, p in card["people"].items():
        mine = [r for r in closed if str(r["responsible_id"]) == uid]
        assert p["tasks_closed"] == len(mine)
        assert p["tasks_reopened"] == sum(1 for r in mine if r["reopened"])
    assert card["second_line"] == ["crm"] and column_label(card, "score_tasks_closed", "ru") == "Закрыто заявок"
    owners = {portal.crm_items[r["id"]].assigned_by_id for r in closed if r["id"] in portal.crm_items}
    assert {int(u) for u, p in card["people"].items() if p["tasks_closed"]} == owners
