"""The whole setup, step by step: ``run_setup(client, choices, admin_id=..., admin_name=...)``.

Resumable: the progress (app option) keeps the ids made so far; every step looks before it
creates. Two admins at once: the run that wrote the progress last owns the setup; the other
stops at its next step with ``SetupBusy``. Both may pass that check before either made the group:
then the group decides (``groups.ensure_group``): the run that made it goes on, the other stops.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import asdict
from typing import Callable

from ..model.desks import active_desks
from ..rest import PortalError, RestClient
from . import progress as prog
from .errors import SetupBusy, SetupError, explain
from .groups import ensure_group, ensure_members
from .progress import Progress
from .run import Run
from .spec import PROGRESS_KEY, SetupInput
from .steps import (ensure_bot, ensure_chat, ensure_fields, ensure_openline, ensure_placements,
                    ensure_settings)

log = logging.getLogger("servicedesk.setup")

STEP_FUNCS = (("group", ensure_group), ("members", ensure_members), ("bot", ensure_bot),
              ("fields", ensure_fields), ("chat", ensure_chat), ("openline", ensure_openline),
              ("placements", ensure_placements), ("settings", ensure_settings))

OnStep = Callable[[str, str], None]      # (step, "running" | "done" | "failed")


async def _claim(client: RestClient, inp: SetupInput, admin_id: int, admin_name: str, run_id: str,
                 force: bool) -> tuple[Progress, dict]:
    """Check the caller is an admin and no desk is active; take the progress over."""
    if not await client.call("user.admin"):
        raise SetupError("setup_err_not_admin", "check")
    options = await client.call("app.option.get", {})
    options = options if isinstance(options, dict) else {}
    if active_desks(options):
        raise SetupError("setup_err_done", "check")
    progress = Progress.parse(options.get(PROGRESS_KEY)) or Progress()
    if (progress.state == "running" and progress.run != run_id and progress.admin_id != admin_id
            and progress.fresh(client.portal_time()) and not force):
        raise SetupBusy("check", progress.admin_name)
    progress.run, progress.admin_id, progress.admin_name = run_id, admin_id, admin_name
    progress.state, progress.step, progress.error, progress.inputs = "running", "", "", asdict(inp)
    progress.forced = force
    await prog.save(client, progress)
    return progress, options


async def _record_failure(run: Run, err: SetupError) -> None:
    """Note the failed step in the progress (best effort: the portal may be what failed)."""
    try:
        await run.ensure_turn(err.step)
        run.progress.state, run.progress.step, run.progress.error = "failed", err.step, err.detail or err.code
        await run.save()
    except (PortalError, SetupError):
        pass


async def run_setup(client: RestClient, inp: SetupInput, *, admin_id: int, admin_name: str,
                    run_id: str | None = None, force: bool = False, on_step: OnStep | None = None) -> dict:
    """Set the desk up (or finish an interrupted setup); returns what the desk consists of.

    Raises ``SetupError`` (with an i18n ``code`` and the failed ``step``), ``SetupBusy`` when
    another admin is setting up right now (``force`` takes over a fresh run of theirs)."""
    inp = inp.cleaned()
    notify = on_step or (lambda step, state: None)
    run_id = run_id or uuid.uuid4().hex
    notify("check", "running")
    try:
        progress, options = await _claim(client, inp, admin_id, admin_name, run_id, force)
    except PortalError as exc:
        notify("check", "failed")
        raise explain(exc, "check") from exc
    except SetupError:
        notify("check", "failed")
        raise
    notify("check", "done")
    run = Run(client, inp, admin_id, admin_name, run_id, progress, options=options)
    for step, func in STEP_FUNCS:
        notify(step, "running")
        try:
            await run.ensure_turn(step)
            await func(run)
        except (PortalError, SetupError) as exc:
            err = explain(exc, step) if isinstance(exc, PortalError) else exc
            log.warning("setup: %s failed: %s", step, exc)
            notify(step, "failed")
            if not isinstance(err, SetupBusy):
                await _record_failure(run, err)
            raise err from exc
        notify(step, "done")
    log.info("setup done: %s", run.result)
    return run.result


async def mark_opened(client: RestClient, admin_id: int, admin_name: str, options: dict | None) -> None:
    """Note which admin opened the wizard (so employees can be told whom to ask), once."""
    if prog.from_options(options) is None:
        await prog.save(client, Progress(admin_id=admin_id, admin_name=admin_name, state="opened"))
