"""The loader's columnar records (loader.records): they read as the REST dicts they replace, give the
metrics the same model records, the same figures, and survive the cache's parts."""
from __future__ import annotations

import asyncio
import json
from zoneinfo import ZoneInfo

import pytest

from servicedesk.loader import desk as loader_desk
from servicedesk.loader import store as loader_store
from servicedesk.loader.records import MessageRecords, TaskRecords, compact_session
from servicedesk.loader.store import MemoryStore
from servicedesk.metrics import compute_desk
from servicedesk.metrics.input import support_ids_of
from servicedesk.model import Message, Task
from tests.paths import golden_data

ZONE = "Europe/Moscow"


@pytest.fixture(scope="module")
def data():
    return golden_data()["input"]


def messages_of(items) -> MessageRecords:
    out = MessageRecords(ZONE)
    out.extend(items)
    return out.done()


def tasks_of(items) -> TaskRecords:
    out = TaskRecords(ZONE)
    out.extend(items)
    return out.done()


def test_messages_give_the_same_model_records_as_the_rest_dicts(data):
    raw = data["chat_messages"] + [{"id": 7, "chat_id": 101, "author_id": "5", "date": "2026-10-01T08:00:00",
                                    "text": "x" * 500, "isSystem": "N", "params": {"IS_DELETED": "Y"}}]
    recs = messages_of(raw)
    zone = ZoneInfo(ZONE)
    want = [Message.from_rest(m, zone) for m in raw]
    want[-1].text = "x" * 200                           # the text's start is kept
    assert recs.models(zone) == want
    assert [Message.from_rest(m, zone) for m in recs] == want     # a record reads as the REST dict
    assert recs[0]["id"] == raw[0]["id"] and recs[-1]["params"] == {"IS_DELETED": "Y"} and len(recs[2:4]) == 2


def test_tasks_give_the_same_model_records_and_read_as_rest_items(data):
    raw = data["tasks"] + [{"id": "900", "title": "t", "groupId": None, "createdDate": None, "status": "2",
                            "auditors": {"a": "4", "b": "6"}, "priority": "7", "ufSdMessageId": 55}]
    recs = tasks_of(raw)
    zone = ZoneInfo(ZONE)
    want = [Task.from_rest(t, default_tz=zone) for t in raw]
    assert recs.models(zone) == want
    assert [Task.from_rest(t, default_tz=zone) for t in recs] == want
    assert recs[0]["status"] == raw[0]["status"] and recs[0]["id"] == raw[0]["id"]


def test_the_figures_from_columns_equal_the_figures_from_rest_dicts(data):
    args = (data["users"], data["settings"], support_ids_of(data["group"]), data["now"])
    from_dicts = compute_desk(data["chat_messages"], args[0], data["openline_sessions"], data["tasks"], *args[1:],
                              time_zone=data["time_zone"])
    from_columns = compute_desk(messages_of(data["chat_messages"]), args[0],
                                [compact_session(s) for s in data["openline_sessions"]], tasks_of(data["tasks"]),
                                *args[1:], time_zone=data["time_zone"])
    assert from_columns == from_dicts


def test_merged_messages_replace_re_read_ones_drop_old_ones_and_keep_id_order(data):
    raw = data["chat_messages"]
    cached = messages_of(raw[:10])
    fresh = messages_of([{**raw[3], "text": "edited"}, *raw[10:]])
    oldest = Message.from_rest(raw[2]).date.timestamp()
    merged = cached.merged(fresh, oldest)
    ids = [m["id"] for m in merged]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    assert next(m for m in merged if m["id"] == raw[3]["id"])["text"] == "edited"
    assert all(Message.from_rest(m).date.timestamp() >= oldest for m in merged)


def test_task_update_replaces_by_id_and_appends_the_new(data):
    recs = tasks_of(data["tasks"][:3])
    recs.update(tasks_of([{**data["tasks"][1], "status": "5"}, data["tasks"][3]]))
    assert [t["id"] for t in recs] == [t["id"] for t in data["tasks"][:4]]
    assert recs[1]["status"] == "5"


def test_columns_go_through_the_cache_parts_unchanged(data):
    part = messages_of(data["chat_messages"])
    back = MessageRecords(ZONE)
    for i in range(3):
        back.add_part(json.loads(json.dumps(part.part(i, 10))))
    assert list(back) == list(part) and len(back) == len(data["chat_messages"])


class Session:
    """The loader's view of a page: a client (for the portal name), the user and the desk's settings."""

    def __init__(self, settings):
        self.client = type("C", (), {"transport": type("T", (), {"portal": "https://p"})()})()
        self.ctx = type("X", (), {"user_id": 2, "settings": settings, "desks": ()})()


def test_a_big_cache_is_written_in_parts_and_read_back_whole(data, monkeypatch):
    from servicedesk.model import Settings
    from datetime import datetime, timezone
    monkeypatch.setattr(loader_desk, "PART_MESSAGES", 5)
    monkeypatch.setattr(loader_desk, "PART_TASKS", 2)
    settings = Settings.from_dict({**data["settings"], "time_zone": ZONE})
    store = MemoryStore()
    key = loader_desk.cache_key(Session(data["settings"]), settings)[0]
    records = {"messages": messages_of(data["chat_messages"]), "tasks": tasks_of(data["tasks"]),
               "users": data["users"], "sessions": data["openline_sessions"], "last_message_id": 1, "last_ids": {}}
    store.data[f"{key}#p99"] = "stale"
    asyncio.run(loader_desk.write_cache(store, key, records, settings))
    parts = -(-len(data["chat_messages"]) // 5)
    assert sorted(store.data) == sorted([key] + [f"{key}#p{i}" for i in range(1, parts)])
    now = datetime.now(timezone.utc)
    store.data[key + loader_desk.META] = json.dumps({"version": loader_desk.VERSION, "loaded_at": now.isoformat()})
    back = asyncio.run(loader_desk.read_cache(store, key, now, settings))
    assert list(back["messages"]) == list(records["messages"]) and list(back["tasks"]) == list(records["tasks"])
    store.data[f"{key}#p1"] = store.data[f"{key}#p1"].replace('"stamp": "', '"stamp": "x')   # a part of another write
    assert asyncio.run(loader_desk.read_cache(store, key, now, settings)) is None


def test_a_start_up_drops_this_portals_keys_of_an_earlier_cache_version():
    store = MemoryStore()
    store.data.update({"servicedesk:v1:https://p:3:7:101:5": "{}", "servicedesk:v1:https://p:3:7:101:5#meta": "{}",
                       "servicedesk:v1:https://other:3:7:101:5": "{}", "other-app": "1"})
    visit = Session({})
    visit.ctx.is_support = True
    asyncio.run(loader_store.prune_cache(visit, store))
    assert sorted(store.data) == ["other-app", "servicedesk:v1:https://other:3:7:101:5"]
