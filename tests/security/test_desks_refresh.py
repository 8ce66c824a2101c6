"""The session's desks follow the admin's changes in Settings without a reload (context.refresh_desks),
over HTTP on devportal: a new desk the admin supports becomes theirs, a retired one is gone and the
session moves to a desk that remains, a renamed one is read again."""
from __future__ import annotations

from servicedesk.context import choose_view, refresh_desks
from servicedesk.setup.desks import retire_desk
from servicedesk.setup.new_desk import add_desk, edit_desk
from tests.bot.helpers import ADMIN, MANAGER, SPECIALIST2, SUPPORT_CHAT, client_of, run, visit_of


def _form(**kw):
    return {"name": "Закупки", "group_name": "Закупки: заявки", "manager_id": MANAGER,
            "specialist_ids": [ADMIN, SPECIALIST2], "chat_ids": [], "new_chat": True, "openline_id": "",
            "time_zone": "Europe/Moscow", "sla_mode": "working_hours", "work_start": "10", "work_end": "19",
            "weekends": "SA,SU", **kw}


def test_the_visit_follows_an_added_edited_and_retired_desk(desk):
    visit = run(visit_of(desk, ADMIN))
    ctx, client = visit.ctx, client_of(desk, ADMIN)
    assert (ctx.desk_id, ctx.my_desks, choose_view(ctx)) == (1, [], "my_requests")
    assert run(refresh_desks(client, ctx)) is False                     # nothing changed: the same desk

    record = run(add_desk(client, _form(), ADMIN))                    # the admin is one of its specialists
    assert run(refresh_desks(client, ctx)) is True
    assert [d.id for d in ctx.desks] == [1, record["id"]] and [d.id for d in ctx.my_desks] == [record["id"]]
    assert ctx.desk_id == record["id"] and ctx.role == "specialist" and ctx.owner_id == MANAGER
    assert ctx.settings["chat_id"] == record["chat_ids"][0] and ctx.settings["sla_mode"] == "working_hours"
    assert choose_view(ctx) == "dashboard" and ctx.options["desks"] == desk.portal.app_options["desks"]

    run(edit_desk(client, 1, "ИТ", [SUPPORT_CHAT], ADMIN))              # not the session's desk
    assert run(refresh_desks(client, ctx)) is False and ctx.desk(1).name == "ИТ"
    run(edit_desk(client, record["id"], "Закупки и склад", record["chat_ids"], ADMIN))
    assert run(refresh_desks(client, ctx)) is True and ctx.settings["name"] == "Закупки и склад"

    run(retire_desk(client, record["id"]))                            # the session's desk: back to desk 1
    assert run(refresh_desks(client, ctx)) is True
    assert ([d.id for d in ctx.desks], ctx.desk_id, ctx.my_desks) == ([1], 1, [])
    assert ctx.settings["chat_id"] == SUPPORT_CHAT and choose_view(ctx) == "my_requests"

    run(retire_desk(client, 1))                                       # none left: set up again
    assert run(refresh_desks(client, ctx)) is True
    assert (ctx.desks, ctx.desk_id, ctx.configured, choose_view(ctx)) == ([], None, False, "setup")


def test_a_specialist_of_a_retired_desk_moves_to_the_first_one_remaining(desk):
    client = client_of(desk, ADMIN)
    record = run(add_desk(client, _form(specialist_ids=[SPECIALIST2]), ADMIN))
    visit = run(visit_of(desk, MANAGER))
    ctx = visit.ctx
    assert ctx.use_desk(record["id"]) and ctx.role == "manager"
    run(retire_desk(client, record["id"]))
    assert run(refresh_desks(client_of(desk, MANAGER), ctx)) is True
    assert ctx.desk_id == 1 and ctx.role == "manager" and [d.id for d in ctx.desks] == [1]
