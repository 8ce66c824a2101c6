"""The desks list (DESIGN §3): single-desk settings read as desk 1, the one-time migration, per-desk views."""
import json

from servicedesk.context import AppContext, DeskAccess, choose_view
from servicedesk.model import Settings
from servicedesk.model.desks import (active_desks, all_desks, desk_of_chat, desk_options, migration,
                                     next_desk_id, stored_desks)

LEGACY = {"group_id": "7", "chat_id": "101", "openline_id": "5", "bot_id": "99", "time_zone": "Europe/Moscow",
          "uf_message": "UF_SD_MESSAGE_ID", "uf_chat": "UF_SD_CHAT_ID", "sla_mode": "working_hours",
          "sla_targets": json.dumps({"chat_first_response": 30}), "setup_progress": "{}"}


def test_single_desk_settings_are_desk_one():
    (one,) = all_desks(LEGACY)
    assert one["id"] == 1 and one["group_id"] == 7 and one["chat_ids"] == [101] and one["openline_id"] == 5
    s = Settings.from_dict(desk_options(LEGACY, one))
    assert (s.group_id, s.chat_id, s.chats, s.bot_id, s.desk_id) == (7, 101, (101,), 99, 1)
    assert s.working_hours and s.sla_targets.chat_first_response == 30 and s.time_zone == "Europe/Moscow"


def test_migration_is_written_once_and_reads_the_same():
    change = migration(LEGACY)
    moved = {**LEGACY, **change}
    assert migration(moved) is None                      # idempotent: nothing more to write
    assert all_desks(moved) == all_desks(LEGACY)
    assert Settings.from_dict(desk_options(moved, active_desks(moved)[0])) == \
        Settings.from_dict(desk_options(LEGACY, all_desks(LEGACY)[0]))
    assert migration({}) is None and all_desks({}) == []


def test_a_desk_without_sla_keys_does_not_inherit_the_old_top_level_ones():
    records = [*all_desks(LEGACY), {"id": 2, "name": "HR", "group_id": 9, "chat_ids": [201, 202]}]
    options = {**LEGACY, "desks": json.dumps(records)}
    hr = Settings.from_dict(desk_options(options, stored_desks(options)[1]))
    assert hr.sla_mode == "24x7" and hr.sla_targets.chat_first_response is None
    assert (hr.group_id, hr.chats, hr.chat_id, hr.openline_id, hr.bot_id) == (9, (201, 202), 201, None, 99)


def test_retired_desks_drop_out_and_their_ids_are_never_reused():
    records = [{"id": 1, "group_id": 7, "chat_ids": [101]}, {"id": 2, "group_id": 9, "chat_ids": [201], "retired": True}]
    options = {"desks": json.dumps(records)}
    assert [d["id"] for d in active_desks(options)] == [1]
    assert next_desk_id(all_desks(options)) == 3
    assert desk_of_chat(options, 201) is None and desk_of_chat(options, 101)["id"] == 1


def _ctx(uid, options):
    ctx = AppContext(user_id=uid, user_name="x", is_admin=False, settings=options, options=options)
    owners = {1: 3, 2: 20}
    members = {1: [4, 5], 2: [5, 21]}
    ctx.desks = [DeskAccess(r, owners[r["id"]], members[r["id"]]) for r in active_desks(options)]
    mine = ctx.my_desks
    ctx.use_desk((mine or ctx.desks)[0].id)
    return ctx


def test_a_shared_specialist_supports_both_desks_and_others_one_or_none():
    options = {"bot_id": 99, "desks": json.dumps([{"id": 1, "name": "IT", "group_id": 7, "chat_ids": [101]},
                                                  {"id": 2, "name": "HR", "group_id": 9, "chat_ids": [201]}])}
    assert [d.id for d in _ctx(5, options).my_desks] == [1, 2]
    hr = _ctx(21, options)
    assert [d.id for d in hr.my_desks] == [2] and hr.desk_id == 2 and hr.settings["group_id"] == 9
    assert choose_view(hr) == "dashboard" and hr.role == "specialist"
    plain = _ctx(30, options)
    assert plain.my_desks == [] and choose_view(plain) == "my_requests"
    it = hr.for_desk(1)
    assert it.desk_id == 1 and it.settings["chat_id"] == 101 and hr.desk_id == 2   # a copy


def test_all_desks_retired_means_not_configured():
    options = {"group_id": 7, "desks": json.dumps([{"id": 1, "group_id": 7, "chat_ids": [1], "retired": True}])}
    ctx = AppContext(user_id=1, user_name="a", is_admin=True, settings=options, options=options)
    assert not ctx.configured and choose_view(ctx) == "setup"
