"""ServiceDesk entry point in the browser: connect to the portal frame, read who and where, route.

PyScript runs this file on the page's main thread (top-level await is allowed). Everything it
calls lives in the ``servicedesk`` package, which also runs on CPython for the tests.
"""
import asyncio
import logging

import js

from servicedesk import runtime
from servicedesk.jsvalue import py_value
from servicedesk.context import choose_view, desk_groups, load_context
from servicedesk.rest import PortalError, RestClient
from servicedesk.rest.browser import FrameTransport, FrameUI
from servicedesk.visit import Visit
from servicedesk.views import asked_view, open_view, screens
from servicedesk.views.i18n import lang_of, t

runtime.setup_logging()
log = logging.getLogger("servicedesk")


async def _frame():
    """The portal frame: the handshake static/js/snapshot.js started, or a new one."""
    pending = getattr(js.window, "sdFrame", None)
    return await (pending if pending is not None else js.B24Js.initializeB24Frame())


async def start():
    """Boot: SDK frame handshake, context in one batch, then the view for this user and placement."""
    runtime.progress(t("connecting"), 75)
    # the time zones (zoneinfo, for the desk's month boundaries) are installed while the portal answers
    tzdata = asyncio.create_task(runtime.ensure_tzdata())
    try:
        frame = await asyncio.wait_for(_frame(), 20)
    except Exception as exc:  # noqa: BLE001 - no portal around us (opened directly), or it never answered
        log.warning("portal frame: %s", str(exc).splitlines()[0] if str(exc) else exc)
        screens.show_message(t("outside"), "warning")
        runtime.progress_done()
        return
    lang = lang_of(str(frame.getLang()))
    runtime.progress(t("loading_data", lang), 85)
    client = RestClient(FrameTransport(frame))
    groups_key = f"servicedesk:groups:{client.transport.portal}"     # the desks' groups, as last seen here
    try:
        ctx = await load_context(
            client, is_admin=bool(frame.auth.isAdmin), lang=lang, placement=str(frame.placement.placement),
            placement_options=py_value(frame.placement.options) or {},
            groups=runtime.stored_json(groups_key))
    except PortalError as exc:
        log.error("start-up: %s", exc)
        screens.show_message(f"{t('portal_error', lang)}: {exc}", "error")
        runtime.progress_done()
        return
    runtime.store_json(groups_key, desk_groups(ctx))
    await tzdata
    view = choose_view(ctx)
    if ctx.placement == "DEFAULT":      # static/js/boot.js picks the interpreter by it next time
        runtime.store_json(f"servicedesk:screen:{client.transport.portal}", view)
    view = (None if runtime.micropython() else asked_view(ctx.user_id)) or view   # a hand-over's screen
    log.info("user %s (%s) in %s -> %s", ctx.user_id, ctx.role, ctx.placement, view)
    visit = Visit(client, ctx, FrameUI(frame), lang)
    try:                           # a shared browser keeps no earlier user's cached records
        from servicedesk.loader.store import prune_cache
        await prune_cache(visit)
    except Exception as exc:  # noqa: BLE001 - no IndexedDB (private mode): nothing was stored either
        log.warning("cache: %s", exc)
    try:
        await open_view(view, visit)
    except Exception as exc:     # a screen failed: say so instead of leaving the page blank
        log.exception("view %s failed", view)
        screens.show_message(f"{t('error', lang)}: {exc}", "error")
    runtime.progress_done()
    visit.ui.auto_fit()
    # an admin's page keeps the bot lease's storage writable for today's support (rest/lease.py)
    if ctx.is_admin and ctx.configured and not runtime.micropython():
        try:
            from servicedesk.rest.lease import ensure_storage
            await ensure_storage(client, ctx.support_ids, ctx.user_id)
        except Exception:        # pages then poll without the lease (decisions, issue 24)
            log.exception("bot lease storage not checked")
    # the bot's events are handled while support has the app open (not from MicroPython's small screens)
    if ctx.is_support and ctx.configured and not runtime.micropython():   # not on MicroPython
        try:
            from servicedesk.bot.poller import start_polling
            start_polling(visit)
        except Exception:        # the screen stays usable; the log says why the bot is not polled
            log.exception("bot poller did not start")


# as a task: MicroPython's asyncio.wait_for fails in a coroutine PyScript's top level drives directly
await asyncio.create_task(start())  # noqa: F704 (PyScript allows top-level await)
