"""ServiceDesk entry point in the browser: connect to the portal frame, read who and where, route.

PyScript runs this file on the page's main thread (top-level await is allowed). Everything it
calls lives in the ``servicedesk`` package, which also runs on CPython for the tests.
"""
import asyncio
import logging

import js

from servicedesk import runtime
from servicedesk.context import choose_view, desk_groups, load_context
from servicedesk.rest import PortalError, RestClient
from servicedesk.rest.browser import FrameTransport, FrameUI
from servicedesk.session import PageSession as Session
from servicedesk.views import open_view, screens
from servicedesk.views.i18n import lang_of, t

runtime.setup_logging()
log = logging.getLogger("servicedesk")


async def start():
    """Boot: SDK frame handshake, context in one batch, then the view for this user and placement."""
    runtime.progress(t("connecting"), 75)
    # the time zones (zoneinfo, for the desk's month boundaries) are installed while the portal answers
    tzdata = asyncio.ensure_future(runtime.ensure_tzdata())
    pending = getattr(js.window, "sdFrame", None)     # started by static/js/snapshot.js: one handshake
    try:
        frame = await asyncio.wait_for(pending if pending is not None else js.B24Js.initializeB24Frame(), 20)
    except Exception as exc:  # noqa: BLE001 - no portal around us (opened directly), or it never answered
        log.warning("portal frame: %s", str(exc).splitlines()[0] if str(exc) else exc)
        screens.show_message(t("outside"), "warning")
        runtime.progress_done()
        return
    lang = lang_of(str(frame.getLang()))
    runtime.progress(t("loading_data", lang), 85)
    client = RestClient(FrameTransport(frame))
    options = frame.placement.options
    groups_key = f"servicedesk:groups:{client.transport.portal}"     # the desks' groups, as last seen here
    try:
        ctx = await load_context(
            client, is_admin=bool(frame.auth.isAdmin), lang=lang, placement=str(frame.placement.placement),
            placement_options=options.to_py() if hasattr(options, "to_py") else dict(options or {}),
            groups=runtime.stored_json(groups_key))
    except PortalError as exc:
        log.error("start-up: %s", exc)
        screens.show_message(f"{t('portal_error', lang)}: {exc}", "error")
        runtime.progress_done()
        return
    runtime.store_json(groups_key, desk_groups(ctx))
    await tzdata
    view = choose_view(ctx)
    log.info("user %s (%s) in %s -> %s", ctx.user_id, ctx.role, ctx.placement, view)
    session = Session(client, ctx, FrameUI(frame), lang)
    try:                           # a shared browser keeps no earlier user's cached records
        from servicedesk.loader import prune_cache
        await prune_cache(session)
    except Exception as exc:  # noqa: BLE001 - no IndexedDB (private mode): nothing was stored either
        log.warning("cache: %s", exc)
    try:
        await open_view(view, session)
    except Exception as exc:     # a screen failed: say so instead of leaving the page blank
        log.exception("view %s failed", view)
        screens.show_message(f"{t('error', lang)}: {exc}", "error")
    runtime.progress_done()
    session.ui.auto_fit()
    if ctx.is_support and ctx.configured:   # the bot's events are handled while support has the app open
        try:
            from servicedesk.bot.poller import start_polling
            start_polling(session)
        except Exception:        # the screen stays usable; the log says why the bot is not polled
            log.exception("bot poller did not start")


await start()  # noqa: F704 (PyScript allows top-level await)
