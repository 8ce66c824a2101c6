"""The setup steps after the group: bot and commands, task fields, support chat, Open Line,
placements, settings. Each one looks before it creates, so a re-run never makes a second one."""
from __future__ import annotations

from ..model.desks import DESKS_KEY, clean_record, dump_desks, next_desk_id, stored_desks
from ..model.settings import DEFAULT_UF_CHAT, DEFAULT_UF_MESSAGE, Settings
from ..model.sla import validate_sla
from ..rest import PortalError
from . import progress as prog
from .bot_chats import ensure_bot_in_chats
from .errors import SetupError
from .lookups import chat_members, group_chats
from .run import Run
from .spec import (BOT_CODE, BOT_PROPERTIES, BOT_TYPE, COMMANDS, HOLD_SECONDS, PLACEMENTS, TASK_FIELDS, VERSION)


async def ensure_bot(run: Run) -> None:
    """The ServiceDesk bot (fetch mode; register is idempotent by code) and its two commands. Type
    ``openline``: bots/index.md ties ``isSupportOpenline`` to that type, and index.md#bot-types says it
    behaves as ``bot`` in other chats. A bot registered earlier as ``bot`` is kept (Bot.update cannot
    change a type; a new bot would lose its chats and waiting events)."""
    lang = run.inp.lang if run.inp.lang in BOT_PROPERTIES else "ru"
    res = await run.client.call("imbot.v2.Bot.register", {"fields": {
        "code": BOT_CODE, "type": BOT_TYPE, "eventMode": "fetch", "isSupportOpenline": True,
        "properties": BOT_PROPERTIES[lang]}})
    bot_id = int(res["bot"]["id"])
    for command, title in COMMANDS:          # idempotent per bot and command
        await run.client.call("imbot.v2.Command.register", {"botId": bot_id, "fields": {
            "command": command, "title": title, "common": True}})
    run.progress.bot_id = bot_id
    run.result["bot"] = {"id": bot_id, "commands": ["/" + c for c, _ in COMMANDS]}
    from ..rest.lease import ensure_storage      # one consumer of its events (rest/lease.py)
    await ensure_storage(run.client, {run.inp.manager_id, *run.inp.specialist_ids}, run.admin_id)


async def _field_names(run: Run) -> set[str]:
    rows = await run.client.call("task.item.userfield.getlist", {})
    return {str(r.get("FIELD_NAME")) for r in rows or []}


async def ensure_fields(run: Run) -> None:
    """The task fields "message id" and "chat id" (getlist first; "already exists" is success)."""
    have = await _field_names(run)
    for name, labels in TASK_FIELDS:
        if name in have:
            continue
        params = {"USER_TYPE_ID": "string", "FIELD_NAME": name, "XML_ID": name, "EDIT_FORM_LABEL": labels,
                  "LABEL": labels.get(run.inp.lang, labels["ru"]), "MULTIPLE": "N", "MANDATORY": "N"}
        try:
            await run.client.call("task.item.userfield.add", {"PARAMS": params})
        except PortalError as exc:
            if exc.code != "ERROR_CORE" or name not in await _field_names(run):
                raise
    run.result["fields"] = [name for name, _ in TASK_FIELDS]


async def _my_chat(run: Run, title: str) -> dict | None:
    """A group chat of ``title`` that this admin owns (a chat made by an earlier, interrupted run)."""
    return next((c for c in await group_chats(run.client)
                 if c["title"] == title and c["owner"] == run.admin_id), None)


async def ensure_chat(run: Run) -> None:
    """The support chat: the chosen one (the admin must be in it) or a new one with the desk."""
    inp = run.inp
    if inp.chat_id:
        members = await chat_members(run.client, inp.chat_id)
        if members is None or run.admin_id not in members:
            raise SetupError("setup_err_chat_member", "chat")
        chat_id, created = int(inp.chat_id), None          # chosen, not made
    else:
        chat_id = run.progress.chat_id if run.progress.chat_id and await chat_members(
            run.client, run.progress.chat_id) else None
        found = None if chat_id else await _my_chat(run, inp.chat_title)
        created = not found                               # made now or by an interrupted run
        if found:
            chat_id = found["id"]
        elif not chat_id:
            users = [inp.manager_id, *inp.specialist_ids, *([run.progress.bot_id] if run.progress.bot_id else [])]
            made = await run.create_once("im.chat.add", {"TYPE": "CHAT", "TITLE": inp.chat_title, "USERS": users},
                                         lambda: _my_chat(run, inp.chat_title))
            chat_id = int(made["id"]) if isinstance(made, dict) else int(made)
    run.progress.chat_id = chat_id
    await ensure_bot_in_chats(run.client, run.progress.bot_id, [chat_id])     # its notes go there
    run.result["chat"] = {"id": chat_id, "title": inp.chat_title if not inp.chat_id else "", "created": created}
    await run.save()


async def ensure_openline(run: Run) -> None:
    """The chosen Open Line's welcome bot = ours, greeting, hand-over to the queue after a minute."""
    if not run.inp.openline_id:
        run.result["openline"] = None
        return
    await run.client.call("imopenlines.config.update", {"CONFIG_ID": run.inp.openline_id, "PARAMS": {
        "WELCOME_BOT_ENABLE": "Y", "WELCOME_BOT_ID": run.progress.bot_id, "WELCOME_BOT_TIME": HOLD_SECONDS,
        "WELCOME_BOT_JOIN": "always", "WELCOME_BOT_LEFT": "queue",
        "WELCOME_MESSAGE": "Y", "WELCOME_MESSAGE_TEXT": run.inp.greeting}})
    run.result["openline"] = run.inp.openline_id


async def ensure_placements(run: Run) -> None:
    """The chat placements, bound to the app's own URL once each."""
    handler = run.inp.handler
    rows = await run.client.call("placement.get", {})
    have = {(str(r.get("placement")).upper(), str(r.get("handler"))) for r in rows or []}
    for code, titles, options in PLACEMENTS:
        if (code, handler) in have:
            continue
        try:
            await run.client.call("placement.bind", {
                "PLACEMENT": code, "HANDLER": handler, "TITLE": titles.get(run.inp.lang, titles["ru"]),
                "LANG_ALL": {lang: {"TITLE": text} for lang, text in titles.items()}, "OPTIONS": options})
        except PortalError as exc:
            if exc.code != "ERROR_PLACEMENT_HANDLER_ALREADY_BINDED":
                raise
    run.result["placements"] = [code for code, _, _ in PLACEMENTS]


async def ensure_settings(run: Run) -> None:
    """The desk's settings (DESIGN §3) and the finished progress, in one write."""
    now = run.client.portal_time()
    settings = Settings(group_id=run.progress.group_id, chat_id=run.progress.chat_id,
                        openline_id=run.inp.openline_id or None, bot_id=run.progress.bot_id,
                        uf_message=DEFAULT_UF_MESSAGE, uf_chat=DEFAULT_UF_CHAT, time_zone=run.inp.time_zone,
                        installed_at=now.isoformat() if now else None, version=VERSION).to_dict()
    run.progress.state, run.progress.step, run.progress.error = "done", "", ""
    sla = {"sla_mode", "work_hours", "sla_targets"}         # from the form's SLA part only (else 24/7)
    settings = {k: v for k, v in settings.items() if v is not None and k not in sla}
    if run.inp.sla:
        errors, options = validate_sla({k: v for k, v in run.inp.sla.items() if k != "time_zone"})
        if errors:
            raise SetupError("sla_err_form", "settings")
        settings.update(options)
    settings[DESKS_KEY] = dump_desks(_with_desk(run, settings))
    await prog.save(run.client, run.progress, settings)
    run.result["settings"] = settings


def _with_desk(run: Run, settings: dict) -> list[dict]:
    """The ``desks`` list with the desk this run set up (a re-run replaces the record of its group;
    retired desks stay listed)."""
    records = stored_desks(run.options) or []
    same = next((r for r in records if r["group_id"] == settings["group_id"]), None)
    record = clean_record({**settings, "id": same["id"] if same else next_desk_id(records),
                           "name": run.inp.group_name, "chat_ids": [settings["chat_id"]], "retired": False})
    return [record if r is same else r for r in records] + ([] if same else [record])
