"""The admin's desks (DESIGN §3 ``desks``): add, edit, retire. Each change reads the options, checks the
form against the portal, and writes the whole list in one ``app.option.set`` (admins only).

Retiring only marks the record: the group, its chats and tasks stay in the portal untouched (the app
never deletes portal data); the id is never reused. A chat belongs to one active desk at a time.
"""
from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..model.desks import (DESKS_KEY, all_desks, clean_record, dump_desks, legacy_desk, next_desk_id,
                           stored_desks)
from ..model.alert_settings import validate_alerts
from ..model.settings import Settings, chat_id_list
from ..model.sla import form_of, validate_sla
from ..model.values import to_int
from ..rest import PortalError, RestClient
from .errors import SetupError, explain
from .lookups import chat_members

NAME_MAX = 255


class DeskFormError(SetupError):
    """The desk form has wrong fields: ``errors`` {field: i18n key}; nothing was written."""

    def __init__(self, errors: dict):
        super().__init__("desk_err_form", "desks")
        self.errors = errors


async def read_options(client: RestClient) -> dict:
    if not await client.call("user.admin"):
        raise SetupError("setup_err_not_admin", "desks")
    options = await client.call("app.option.get", {})
    return options if isinstance(options, dict) else {}


async def desk_of(client: RestClient, desk_id: int) -> tuple[dict, list[dict], dict]:
    """(the app's options, every desk record, desk ``desk_id``'s record); SetupError when there is none."""
    options = await read_options(client)
    records = all_desks(options)
    record = next((r for r in records if r["id"] == desk_id), None)
    if record is None:
        raise SetupError("desk_err_unknown", "desks")
    return options, records, record


async def _group_ok(client: RestClient, group_id: int) -> bool:
    rows = await client.call("sonet_group.get", {"IS_ADMIN": "Y", "FILTER": {"ID": group_id}})
    return any(to_int(g.get("ID")) == group_id for g in rows or [])


async def check_form(client: RestClient, form: dict, admin_id: int, records: list[dict],
                     desk_id: int | None = None) -> tuple[dict, dict]:
    """(errors {field: i18n key}, the record's fields) for a desk form: name, group_id, chat_ids
    (the admin must be in each; none held by another active desk), openline_id, time_zone, and the
    SLA fields of ``model.sla.validate_sla`` when ``form`` has ``sla_mode`` (missing ones: the defaults), the
    alert fields of ``model.alert_settings.validate_alerts`` when it has ``alert_share``."""
    errors, out = {}, {}
    name = str(form.get("name") or "").strip()
    if not name:
        errors["name"] = "desk_err_name"
    elif len(name) > NAME_MAX:
        errors["name"] = "setup_err_name_long"
    out["name"] = name
    group_id = to_int(str(form.get("group_id") or "").strip())
    if not group_id or not await _group_ok(client, group_id):
        errors["group_id"] = "desk_err_group"
    elif any(r["group_id"] == group_id and r["id"] != desk_id and not r.get("retired") for r in records):
        errors["group_id"] = "desk_err_group_taken"
    out["group_id"] = group_id
    chats = list(chat_id_list(form.get("chat_ids") or ""))
    taken = {c for r in records if r["id"] != desk_id and not r.get("retired") for c in r.get("chat_ids", ())}
    if not chats:
        errors["chat_ids"] = "desk_err_chats"
    for chat in chats:
        members = await chat_members(client, chat)
        if members is None or admin_id not in members:
            errors["chat_ids"] = "setup_err_chat_member"
        elif chat in taken:
            errors["chat_ids"] = "desk_err_chat_taken"
    out["chat_ids"] = chats
    out["openline_id"] = to_int(str(form.get("openline_id") or "").strip()) or None
    if out["openline_id"]:
        try:
            found = await client.call("imopenlines.config.get", {"CONFIG_ID": out["openline_id"]})
        except PortalError:
            found = None
        if not found:
            errors["openline_id"] = "setup_err_openline"
    zone = str(form.get("time_zone") or "UTC").strip()
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        errors["time_zone"] = "setup_err_time_zone"
    out["time_zone"] = zone
    if "alert_share" in form:          # the alerts fieldset of the add-desk form (setup.alerts for a desk's own)
        alert_errors, keys = validate_alerts(form)
        errors.update(alert_errors)
        out.update(keys)
    if form.get("sla_mode"):
        full = {k: v for k, v in {**form_of(Settings()), **form}.items() if k != "time_zone"}   # checked above
        sla_errors, options = validate_sla(full)
        errors.update(sla_errors)
        out.update(options)
    return errors, out


async def write_records(client: RestClient, records: list[dict]) -> None:
    await client.call("app.option.set", {"options": {DESKS_KEY: dump_desks(records)}})


async def save_desk(client: RestClient, form: dict, admin_id: int, desk_id: int | None = None) -> dict:
    """Add a desk (``desk_id`` None) or edit one; returns its record. Raises DeskFormError (fields),
    SetupError (not an admin, the portal refused)."""
    try:
        options = await read_options(client)
        records = all_desks(options)
        if desk_id is not None and not any(r["id"] == desk_id for r in records):
            raise SetupError("desk_err_unknown", "desks")
        errors, fields = await check_form(client, form, admin_id, records, desk_id)
        if errors:
            raise DeskFormError(errors)
        if desk_id is None:
            record = clean_record({"id": next_desk_id(records), **fields})
            records.append(record)
        else:
            record = next(r for r in records if r["id"] == desk_id)
            record.update(clean_record({"id": desk_id, **record, **fields}))
        await write_records(client, records)
        await _bot_joins(client, options, record)
    except PortalError as exc:
        raise explain(exc, "desks") from exc
    return record


async def _bot_joins(client: RestClient, options: dict, record: dict) -> None:
    """The app's bot a member of the desk's chats (``bot_chats``), each time they are saved."""
    from .bot_chats import ensure_bot_in_chats
    bot = options.get("bot_id") if isinstance(options, dict) else None
    await ensure_bot_in_chats(client, int(bot or 0), record.get("chat_ids") or ())


async def update_desk(client: RestClient, desk_id: int, changes: dict) -> dict:
    """Write already checked ``changes`` (e.g. the SLA form's options, a new chat list) into one desk;
    a single-desk install is moved to ``desks`` in the same write. Returns the record."""
    options, records, record = await desk_of(client, desk_id)
    record.update(clean_record({**record, **changes}) or {})
    await write_records(client, records)
    if "chat_ids" in changes:
        await _bot_joins(client, options, record)
    return record


async def retire_desk(client: RestClient, desk_id: int) -> dict:
    """Drop desk ``desk_id`` from the app (its record stays, marked retired); nothing in the portal
    is deleted or changed. Returns the record."""
    try:
        _options, records, record = await desk_of(client, desk_id)
        if not record.get("retired"):
            now = client.portal_time()
            record["retired"], record["retired_at"] = True, now.isoformat() if now else ""
            await write_records(client, records)
    except PortalError as exc:
        raise explain(exc, "desks") from exc
    return record


def needs_migration(options: dict | None) -> bool:
    """True for a single-desk install not yet moved to ``desks``."""
    return stored_desks(options) is None and legacy_desk(options) is not None


def desk_title(desk: dict, lang: str) -> str:
    """A desk's name as the admin reads it: "Desk 2" for a desk with none (a single-desk install's)."""
    from ..texts import t
    return str(desk.get("name") or "").strip() or t("desk_unnamed", lang).format(id=desk.get("id"))
