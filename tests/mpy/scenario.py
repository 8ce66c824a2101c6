"""What My requests and the message popup compute, printed line by line: run on CPython and on
MicroPython against two copies of the same demo portal with the same passing ``FAULTS`` (retried),
the lines must be the same (test_on_micropython.py). Written in the subset both interpreters share
(no reliance on a dict's order)."""

from servicedesk.bot.refs import clock_text, local_time, template_id
from servicedesk.bot.requests import desks_requests
from servicedesk.bot.task_from_message import NotAllowed, allowed_messages, create_from_message, placement_target
from servicedesk.context import choose_view, load_context
from servicedesk.model.settings import Settings
from servicedesk.rest.errors import error_from
from servicedesk.rest.query import build_query
from servicedesk.views.i18n import error_text

EMPLOYEE, MANAGER, SPECIALIST, ADMIN = 8, 3, 4, 1
PEOPLE = (EMPLOYEE, MANAGER, SPECIALIST, ADMIN)      # whose tokens the runs need
SUPPORT_CHAT, SALES_CHAT = 3, 2
ZONES = ("Europe/Moscow", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Europe/Kiev", "UTC")


WAITS = []           # the client's back-off waits (not waited: the portals' faults are counted)
FAULTS = (("QUERY_LIMIT_EXCEEDED", "tasks.task.list", 2), ("INTERNAL_SERVER_ERROR", "im.dialog.messages.get", 1),
          ("INTERNAL_SERVER_ERROR", "im.chat.user.list", 1))


async def no_wait(seconds):
    WAITS.append(seconds)


def show(*parts):
    print(" | ".join(str(p) for p in parts))


def pure():
    """Helpers without the portal: times in zones, message keys, query strings."""
    from datetime import datetime, timezone
    for month in (1, 3, 7, 10, 12):
        when = datetime(2026, month, 28, 23, 30, 5, tzinfo=timezone.utc)
        show("time", *(local_time(when.isoformat(), z, "%d.%m.%Y %H:%M:%S") for z in ZONES))
    show("clock", clock_text(datetime(2026, 2, 3, 4, 5, 6), "%d.%m %H:%M 100%% %Y"))
    show("unknown zone", local_time("2026-05-01T10:00:00+00:00", "Mars/Olympus"))
    show("uuid", template_id(77, "task-note:1055"), template_id(1, "привет"))
    for code, status in (("ACCESS_DENIED", 403), ("QUERY_LIMIT_EXCEEDED", 503), ("expired_token", 401),
                         ("NETWORK_ERROR", 0), ("SOMETHING_NEW", 500), ("SOMETHING_NEW", 400)):
        for lang in ("ru", "en"):          # what My requests shows when its read fails
            show("error", code, status, error_text(error_from(code, "описание", status, "tasks.task.list"), lang))
    pairs = sorted(build_query({"filter": {">ID": 5, "GROUP_ID": [2, 3]}, "select": ["ID"], "x": "a b/ä"}).split("&"))
    show("query", *pairs)


async def people(client_for, admins):
    """Each role's start-up (the context and the screen it gets) and its My requests."""
    for uid in (EMPLOYEE, SPECIALIST, MANAGER, ADMIN):
        client = client_for(uid)
        ctx = await load_context(client, is_admin=uid in admins, placement="DEFAULT")
        settings = Settings.from_dict(ctx.settings)
        show("ctx", uid, ctx.role, choose_view(ctx), ctx.is_support, ctx.owner_id, sorted(ctx.member_ids),
             [d.id for d in ctx.desks], settings.group_id, list(settings.chats), settings.time_zone)
        for r in await desks_requests(client, ctx, uid):
            show("request", uid, r.id, r.role, r.status, r.position, r.title,
                 local_time(r.created, settings.time_zone), r.desk)


async def popup(client_for, admins):
    """The message popup: who may use it, the messages it lists, a task made from one."""
    # the refused one last: its read goes side by side with the rights check and is cancelled when the
    # check refuses, so a fault met there would be retried or not by timing; the faults are met before it
    for uid, dialog in ((EMPLOYEE, SUPPORT_CHAT), (SPECIALIST, SUPPORT_CHAT), (SPECIALIST, SALES_CHAT)):
        client = client_for(uid)
        options = {"dialogId": "chat%d" % dialog}
        ctx = await load_context(client, is_admin=uid in admins, placement="IM_CONTEXT_MENU",
                                 placement_options=options)
        settings = Settings.from_dict(ctx.settings)
        target = placement_target(ctx.placement_options)
        show("popup", uid, choose_view(ctx), target)
        try:
            msgs = await allowed_messages(client, ctx, settings, target[0], target[1])
        except NotAllowed as exc:
            show("refused", uid, dialog, exc.reason)
            continue
        for m in msgs:
            show("message", m.id, m.author_id, m.author_name, m.author_is_bot, m.task_id,
                 local_time(m.date, settings.time_zone, "%d.%m %H:%M"), m.text[:60])
        free = [m for m in msgs if not m.task_id and not m.author_is_bot and m.text.strip()]
        outcome = await create_from_message(client, ctx, settings, target[0], free[0])
        again = await create_from_message(client, ctx, settings, target[0], free[0])
        show("created", outcome.title, outcome.creator_fallback, again.task_id == outcome.task_id)


async def main(client_for, admins):
    pure()
    await people(client_for, admins)
    await popup(client_for, admins)
    show("waits", WAITS)
