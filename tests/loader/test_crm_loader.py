"""A smart-process desk's load over HTTP on devportal (loader/crm.py): every item of the pipeline and its
history at the request floor, cached per portal and user, warm in one request, in the shared load."""
from __future__ import annotations

import pytest

from devportal.server import serve
from servicedesk.bot.desks import with_desk
from servicedesk.loader import load_desk
from servicedesk.loader.shared import load_desks
from servicedesk.loader.store import MemoryStore
from tests.bot.helpers import MANAGER, run, visit_of
from tests.desks_fixture import crm_desk_portal


@pytest.fixture(scope="module")
def crm():
    portal, ids = crm_desk_portal()
    running = serve(portal)
    running.ids = ids
    yield running
    running.stop()



def test_cold_load_reads_every_item_and_row_at_the_floor_and_warm_in_one_request(crm):
    store = MemoryStore()
    manager = run(visit_of(crm, MANAGER))
    desk = crm.ids["desk"]
    assert desk in [d.id for d in manager.ctx.my_desks]
    s = with_desk(manager, desk)
    assert s.ctx.settings["second_line"] == "crm"
    cold = run(load_desk(s, store=store))
    assert not cold.problems, cold.problems
    assert sorted(int(i["id"]) for i in cold.crm_items) == sorted(crm.ids["items"])
    rows = [r for r in crm.portal.crm_history]
    assert len(cold.crm_history) == len(rows) and {r["STATUS_ID"].split(":")[1] for r in cold.crm_stages} >= {"NEW", "WORK"}
    items_pages = -(-len(crm.ids["items"]) // 50)
    history_pages = -(-len(rows) // 50)
    assert cold.requests == 1 + -(-(items_pages + history_pages) // 50) == 2   # the floor: a count, then the rest
    assert "UF_CRM_" + str(crm.ids["type_id"]) + "_SD_MESSAGE" in cold.crm_items[0]
    warm = run(load_desk(with_desk(run(visit_of(crm, MANAGER)), desk), store=store))
    assert warm.warm and warm.requests == 1
    assert sorted(int(i["id"]) for i in warm.crm_items) == sorted(crm.ids["items"])
    assert len(warm.crm_history) == len(rows)


def test_a_move_after_the_cold_load_is_read_by_the_warm_one(crm):
    from devportal.methods.crm_items import record_move
    store = MemoryStore()
    s = with_desk(run(visit_of(crm, MANAGER)), crm.ids["desk"])
    run(load_desk(s, store=store))
    it = next(i for i in crm.portal.crm_items.values() if i.stage_id.endswith(":WORK"))
    record_move(crm.portal, it, it.stage_id.split(":")[0] + ":SUCCESS", it.category_id, crm.portal.now, MANAGER)
    warm = run(load_desk(with_desk(run(visit_of(crm, MANAGER)), crm.ids["desk"]), store=store))
    got = next(i for i in warm.crm_items if int(i["id"]) == it.id)
    assert got["stageId"].endswith(":SUCCESS") and warm.crm_history[-1]["OWNER_ID"] == it.id


def test_the_crm_desk_shares_its_batches_with_the_other_desks(crm):
    s = run(visit_of(crm, MANAGER))
    ids = [d.id for d in s.ctx.my_desks]
    out = run(load_desks(s, ids, store=MemoryStore()))
    alone = run(load_desk(with_desk(run(visit_of(crm, MANAGER)), crm.ids["desk"]), store=MemoryStore()))
    assert out[crm.ids["desk"]].crm_items and out[1].crm_items == []
    assert out[1].requests <= alone.requests + 3


def test_a_cache_of_the_tasks_era_is_not_taken_for_the_smart_process(crm):
    """The desk's cache from before its switch holds no items: the first load after it reads them whole."""
    import json
    store = MemoryStore()
    manager = run(visit_of(crm, MANAGER))
    s = with_desk(manager, crm.ids["desk"])
    run(load_desk(s, store=store))
    for key in list(store.data):                        # make it a cache written before the switch
        if key.endswith("#meta") or "#" in key:
            continue
        head = json.loads(store.data[key])
        for k in ("crm_items", "crm_history", "crm_stages", "crm_last_history", "crm_link"):
            head.pop(k, None)
        store.data[key] = json.dumps(head)
    again = run(load_desk(with_desk(run(visit_of(crm, MANAGER)), crm.ids["desk"]), store=store))
    assert again.warm and sorted(int(i["id"]) for i in again.crm_items) == sorted(crm.ids["items"])
