"""The smart-process demo desk (devportal/demo_crm.py): a year of items, their history consistent with
them, some reopened, reproducible, readable by the desk's people and hidden from others."""
from __future__ import annotations

import json
from collections import defaultdict

from devportal.demo import build_demo
from devportal.demo_crm import add_crm_desk
from devportal.demo_desks import add_hr_desk


def _portal(seed=1):
    p = build_demo(seed)
    add_hr_desk(p)
    return p, add_crm_desk(p, seed)


def test_a_year_of_items_whose_history_ends_where_the_item_is():
    p, d = _portal()
    assert 150 <= len(d["items"]) <= 180
    rows = defaultdict(list)
    for e in p.crm_history:
        assert e.created <= p.now and e.entity_type_id == d["entity_type_id"]
        rows[e.owner_id].append(e)
    for iid in d["items"]:
        it, hist = p.crm_items[iid], rows[iid]
        assert hist[0].type_id == 1 and hist[-1].stage_id == it.stage_id
        assert all(h.type_id == (3 if h.semantic in "SF" else 2) for h in hist[1:])
    semantics = ["".join(h.semantic for h in rows[i]) for i in d["items"]]
    reopened = [s for s in semantics if "SP" in s]
    assert 3 <= len(reopened) <= 30
    assert sum(s.endswith("F") for s in semantics) >= 10 and sum(s.endswith("P") for s in semantics) >= 5
    months = {p.crm_items[i].created_time.strftime("%Y-%m") for i in d["items"]}
    assert len(months) >= 12


def test_the_desk_record_names_the_smart_process_and_is_reproducible():
    p, d = _portal()
    desk = json.loads(p.app_options["desks"])[-1]
    assert desk["id"] == d["desk"] == 3 and desk["second_line"] == "crm"
    assert desk["crm"] == {"type_id": d["type_id"], "entity_type_id": d["entity_type_id"], "category_id": d["category_id"],
                           "uf_message": f"UF_CRM_{d['type_id']}_SD_MESSAGE", "uf_chat": f"UF_CRM_{d['type_id']}_SD_CHAT"}
    assert _portal()[0].to_json() == p.to_json()


def test_rest_gives_the_manager_every_item_and_an_outsider_only_his_own():
    from devportal.methods.crm_items import crm_item_list, crm_stagehistory_list
    p, d = _portal()
    manager = p.groups[int(p.app_options["group_id"])].owner_id
    ent = d["entity_type_id"]
    seen, last = [], 0
    while True:
        page = crm_item_list(p, p.users[manager], {"entityTypeId": ent, "order": {"id": "ASC"}, "start": -1,
                                                   "filter": {">id": last}, "select": ["id"]}).result["items"]
        if not page:
            break
        seen += [x["id"] for x in page]
        last = page[-1]["id"]
    assert seen == sorted(d["items"])
    observer = p.crm_items[d["items"][0]].observers[0]
    own = crm_item_list(p, p.users[observer], {"entityTypeId": ent}).result["items"]
    assert own and all(observer in p.crm_items[x["id"]].observers for x in own)
    hist = crm_stagehistory_list(p, p.users[observer], {"entityTypeId": ent}).result["items"]
    assert {h["OWNER_ID"] for h in hist} <= {x["id"] for x in own}
