"""The settings screen's desk actions (no DOM): add a desk with its own group, rename it or change its
chats, list the active desks with the names the portal gives their group, chats and Open Line.

``add_desk`` checks the whole form first (its working hours and targets too: nothing is created or
written while a field is wrong), then finds or creates the desk's group (marked with the ServiceDesk
keyword and named as chosen, not held by another active desk: a re-run after a lost answer reuses it),
sets its owner and members as the wizard does, finds or makes the desk's new chat when asked
(``desk_chat``), points the Open Line's welcome bot at the app's bot, and writes the record with
``save_desk``.
"""
from __future__ import annotations

import uuid

from ..model.alert_settings import ALERT_KEYS
from ..model.desks import active_desks, all_desks
from ..model.values import to_int
from ..rest import PortalError, RestClient
from . import lookups
from .desk_chat import ensure_desk_chat
from .desks import DeskFormError, check_form, read_options, save_desk
from .errors import SetupError, explain
from .groups import ensure_members, is_marked
from .progress import Progress
from .run import Run
from .sla import SLA_KEYS
from .spec import GREETING, GROUP_KEYWORD, NAME_MAX, SetupInput
from .steps import ensure_openline
from .validate import check_title

# the backend's field names -> the form's (errors about the group id are about the group's name)
FORM_FIELDS = {"group_id": "group_name", "chat_ids": "chats", "openline_id": "openline"}


def form_errors(errors: dict) -> dict:
    """``check_form``'s errors keyed by the desk form's fields."""
    return {FORM_FIELDS.get(k, k): v for k, v in errors.items()}


async def _free_group(client: RestClient, name: str, records: list[dict]) -> dict | None:
    """The oldest group marked as ServiceDesk's, named ``name``, that no active desk holds."""
    rows = await client.list_all("sonet_group.get", {"IS_ADMIN": "Y", "ORDER": {"ID": "ASC"}})
    held = {r["group_id"] for r in records if not r.get("retired")}
    found = [g for g in rows if is_marked(g) and g.get("NAME") == name and to_int(g.get("ID")) not in held]
    return min(found, key=lambda g: int(g["ID"])) if found else None


def _local_errors(form: dict) -> dict:
    errors = {}
    problem = check_title(str(form.get("name") or ""), "desk_err_name", "setup_err_name_long")
    if problem:
        errors["name"] = problem
    problem = check_title(str(form.get("group_name") or ""), "setup_err_name_empty", "setup_err_name_long")
    if problem:
        errors["group_name"] = problem
    manager = to_int(form.get("manager_id"))
    if not manager:
        errors["manager"] = "setup_err_manager"
    if not [u for u in form.get("specialist_ids") or () if to_int(u) and to_int(u) != manager]:
        errors["specialists"] = "setup_err_specialists"
    if form.get("new_chat") and len(_chat_title(form)) > NAME_MAX:
        errors["chats"] = "setup_err_chat_title_long"
    return errors


def _chat_title(form: dict) -> str:
    """The new chat's title: as typed, else the desk's name."""
    return str(form.get("chat_title") or "").strip() or str(form.get("name") or "").strip()


async def add_desk(client: RestClient, form: dict, admin_id: int, admin_name: str = "", lang: str = "ru") -> dict:
    """A new desk from ``form`` {name, group_name, manager_id, specialist_ids, chat_ids, new_chat,
    chat_title, openline_id, time_zone, and optionally the SLA form's fields (``model.sla.validate_sla``)
    and the alerts' (``model.alert_settings.validate_alerts``)};
    returns its record. Raises DeskFormError ({field: i18n key}, nothing written) or SetupError."""
    try:
        options = await read_options(client)
        records = all_desks(options)
        group_name = str(form.get("group_name") or "").strip()
        errors = _local_errors(form)
        group = None if "group_name" in errors else await _free_group(client, group_name, records)
        checked = {**form, "group_id": int(group["ID"]) if group else 0}
        portal_errors, fields = await check_form(client, checked, admin_id, records)
        if group is None:
            portal_errors.pop("group_id", None)         # it is made below
        if form.get("new_chat") and portal_errors.get("chat_ids") == "desk_err_chats":
            portal_errors.pop("chat_ids")               # the new chat is made below
        errors.update(form_errors(portal_errors))
        if errors:
            raise DeskFormError(errors)
        inp = SetupInput(group_name=group_name, manager_id=to_int(form.get("manager_id")),
                         specialist_ids=[to_int(u) for u in form.get("specialist_ids") or ()],
                         openline_id=fields["openline_id"], greeting=GREETING.get(lang, GREETING["ru"]),
                         time_zone=fields["time_zone"], lang=lang).cleaned()
        run = Run(client, inp, admin_id, admin_name, uuid.uuid4().hex,
                  Progress(bot_id=to_int(options.get("bot_id")) or None))
        if group is None:
            group = await _create_group(run, records)
        run.progress.group_id = int(group["ID"])
        await ensure_members(run)
        if inp.openline_id and run.progress.bot_id:
            await ensure_openline(run)
        chats = fields["chat_ids"]
        if form.get("new_chat"):
            chats = [await ensure_desk_chat(run, run.progress.group_id, _chat_title(form)), *chats]
        # the form again (its SLA fields are checked into options once more), with the group and chats
        return await save_desk(client, {**form, **fields, "group_id": run.progress.group_id, "chat_ids": chats},
                               admin_id)
    except PortalError as exc:
        raise explain(exc, "desks") from exc


async def _create_group(run: Run, records: list[dict]) -> dict:
    """A closed, invisible group for the new desk (once, even when the answer is lost)."""
    name = run.inp.group_name
    params = {"NAME": name, "VISIBLE": "N", "OPENED": "N", "PROJECT": "N", "INITIATE_PERMS": "E",
              "KEYWORDS": GROUP_KEYWORD,
              "DESCRIPTION": "ServiceDesk" if run.inp.lang != "ru" else "Группа поддержки ServiceDesk"}
    await run.create_once("sonet_group.create", params, lambda: _free_group(run.client, name, records))
    group = await _free_group(run.client, name, records)
    if group is None:
        raise SetupError("desk_err_group", "desks")
    return group


async def edit_desk(client: RestClient, desk_id: int, name: str, chat_ids: list[int], admin_id: int) -> dict:
    """Rename desk ``desk_id`` and set its chats (checked as ``check_form`` does); the rest stays."""
    try:
        record = next((r for r in all_desks(await read_options(client)) if r["id"] == desk_id), None)
        if record is None:
            raise SetupError("desk_err_unknown", "desks")
        kept = {k: v for k, v in record.items() if k not in SLA_KEYS + ALERT_KEYS}    # these stay as stored
        form = {**kept, "name": name, "chat_ids": ",".join(str(c) for c in chat_ids)}
        try:
            return await save_desk(client, form, admin_id, desk_id)
        except DeskFormError as exc:
            exc.errors = form_errors(exc.errors)
            raise
    except PortalError as exc:
        raise explain(exc, "desks") from exc


async def desk_list(client: RestClient, options: dict | None = None) -> list[dict]:
    """The active desks with names: [{id, name, group: {id, name}, chats: [{id, title}], openline}]
    (a group, chat or line the admin cannot see is shown by its id)."""
    options = options if options is not None else await client.call("app.option.get", {})
    desks = active_desks(options if isinstance(options, dict) else {})
    if not desks:
        return []
    groups = await client.call("sonet_group.get", {"IS_ADMIN": "Y",
                                                   "FILTER": {"ID": [d["group_id"] for d in desks]}})
    group_names = {to_int(g.get("ID")): str(g.get("NAME") or "") for g in groups or []}
    chats = {c["id"]: c["title"] for c in await lookups.group_chats(client)}
    lines = {ln["id"]: ln["name"] for ln in await lookups.open_lines(client)} if any(
        d.get("openline_id") for d in desks) else {}
    return [{"id": d["id"], "name": d.get("name") or "",
             "group": {"id": d["group_id"], "name": group_names.get(d["group_id"]) or f"#{d['group_id']}"},
             "chats": [{"id": c, "title": chats.get(c) or f"#{c}"} for c in d.get("chat_ids", ())],
             "openline": ({"id": d["openline_id"], "name": lines.get(d["openline_id"]) or f"#{d['openline_id']}"}
                          if d.get("openline_id") else None)}
            for d in desks]
