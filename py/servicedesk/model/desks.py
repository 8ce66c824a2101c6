"""Several desks (DESIGN §3): the app option ``desks`` is a JSON list of desk records; the single-desk
keys of older installs are desk 1. Pure functions over app options (no I/O).

A record: {"id", "name", "group_id", "chat_ids": [..], "openline_id", "time_zone", "sla_mode",
"work_hours", "sla_targets", "retired"}. Portal-wide keys (bot, task fields, install info) stay
top-level. ``desk_options`` flattens one record with them into the dict ``Settings.from_dict`` reads.
"""
from __future__ import annotations

import json

from .settings import alert_share_of, chat_id_list, pause_status_list
from .values import json_text, to_bool, to_int

DESKS_KEY = "desks"
PORTAL_KEYS = ("bot_id", "uf_message", "uf_chat", "installed_at", "version")
DESK_KEYS = ("group_id", "chat_ids", "openline_id", "time_zone", "sla_mode", "work_hours", "sla_targets",
             "pause_statuses", "pause_tag", "alert_on", "alert_share", "digest_day", "digest_hour", "digest_on",
             "csat_on")
CRM_KEYS = ("type_id", "entity_type_id", "category_id", "uf_message", "uf_chat", "since")   # issue 27
LEGACY_KEYS = ("group_id", "chat_id", "openline_id", "time_zone", "sla_mode", "work_hours", "sla_targets")


def _json(value):
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def clean_record(raw: dict) -> dict | None:
    """A stored desk record made regular (ids as ints, chats as a list); None when it has no group."""
    if not isinstance(raw, dict) or not to_int(raw.get("group_id")):
        return None
    out = {"id": to_int(raw.get("id")) or 0, "name": str(raw.get("name") or ""),
           "group_id": to_int(raw.get("group_id")),
           "chat_ids": list(chat_id_list(raw.get("chat_ids") if raw.get("chat_ids") is not None
                                         else raw.get("chat_id"))),
           "openline_id": to_int(raw.get("openline_id")), "retired": to_bool(raw.get("retired"))}
    for key in ("time_zone", "sla_mode"):
        if raw.get(key):
            out[key] = str(raw[key])
    if raw.get("pause_tag") is not None:      # "" kept: no tag on this desk, whatever the top-level keys say
        out["pause_tag"] = str(raw["pause_tag"]).strip()
    for key in ("work_hours", "sla_targets"):
        value = _json(raw.get(key))
        if isinstance(value, dict):
            out[key] = value
    if raw.get("pause_statuses") is not None:
        out["pause_statuses"] = list(pause_status_list(raw["pause_statuses"]))
    for key in ("digest_day", "digest_hour", "digest_on", "alert_on", "csat_on"):   # read by Settings.from_dict alone
        if raw.get(key) not in (None, ""):
            out[key] = raw[key]
    if raw.get("alert_share") not in (None, ""):
        out["alert_share"] = alert_share_of(raw["alert_share"])
    if raw.get("retired_at"):
        out["retired_at"] = str(raw["retired_at"])
    if raw.get("second_line") == "crm":
        out["second_line"] = "crm"
    crm = _json(raw.get("crm"))
    if isinstance(crm, dict):
        out["crm"] = {k: crm[k] for k in CRM_KEYS if crm.get(k) not in (None, "")}
    switches = _json(raw.get("switches"))
    if isinstance(switches, list):
        out["switches"] = [{"to": str(x["to"]), "at": str(x["at"])} for x in switches
                           if isinstance(x, dict) and x.get("to") in ("tasks", "crm") and x.get("at")]
    return out


def switch_second_line(record: dict, target: str, at: str, link: dict | None = None) -> dict:
    """A copy of desk ``record`` whose second line moves to ``target`` ("tasks" | "crm") at ``at`` (ISO
    time); ``link`` = the smart process's ids from setup (kept when moving back to tasks, so a later move
    finds the same one). The ``switches`` list keeps every move, so each month's figures can take tasks
    before a move and items after it (metrics.second_line). Switching to where it is changes nothing."""
    out = dict(record)
    if (out.get("second_line") or "tasks") == target:
        return out
    if target == "crm":
        out["second_line"] = "crm"
    else:
        out.pop("second_line", None)     # tasks is the default: not stored
    if link:
        out["crm"] = {k: link[k] for k in CRM_KEYS if link.get(k) not in (None, "")}
    out["switches"] = [*(out.get("switches") or []), {"to": target, "at": at}]
    return out


def stored_desks(options: dict | None) -> list[dict] | None:
    """The records of the ``desks`` option (retired ones too); None when the option is absent or unreadable."""
    value = _json((options or {}).get(DESKS_KEY))
    if not isinstance(value, list):
        return None
    records = [r for r in (clean_record(x) for x in value) if r is not None]
    for i, r in enumerate(records, start=1):
        r["id"] = r["id"] or i
    return records


def legacy_desk(options: dict | None) -> dict | None:
    """Desk 1 from the single-desk keys of an install made before ``desks`` (None when not set up)."""
    options = options or {}
    if not to_int(options.get("group_id")):
        return None
    record = clean_record({k: options.get(k) for k in LEGACY_KEYS if options.get(k) not in (None, "")})
    if record is not None:
        record["id"] = 1
    return record


def all_desks(options: dict | None) -> list[dict]:
    """Every desk record, retired ones included: the ``desks`` list, else the single desk, else []."""
    stored = stored_desks(options)
    if stored is not None:
        return stored
    one = legacy_desk(options)
    return [one] if one else []


def active_desks(options: dict | None) -> list[dict]:
    """The desks the app works with (not retired), in their stored order."""
    return [d for d in all_desks(options) if not d.get("retired")]


def desk_options(options: dict | None, record: dict) -> dict:
    """The app options as one desk sees them: every top-level option, the desk's keys over them
    (``chat_id`` = its first chat, ``desk_id``, ``name``); read with ``Settings.from_dict``."""
    out = {k: v for k, v in (options or {}).items() if k not in LEGACY_KEYS}
    for key in DESK_KEYS:
        if key in record:
            value = record[key]
            out[key] = json.dumps(value) if key in ("work_hours", "sla_targets") else value
    out["chat_id"] = (record.get("chat_ids") or [None])[0]
    out["desk_id"], out["name"] = record["id"], record.get("name") or ""
    out["second_line"] = record.get("second_line") or "tasks"
    out["second_line_switches"] = json.dumps(record.get("switches") or [])
    for key, value in (record.get("crm") or {}).items():
        out["crm_" + key] = value
    out.pop(DESKS_KEY, None)
    return out


def migration(options: dict | None) -> dict | None:
    """The options to write once to move a single-desk install to ``desks`` (None when nothing to do:
    not set up, or already moved). The single-desk keys stay, so an older page keeps working."""
    if stored_desks(options) is not None:
        return None
    one = legacy_desk(options)
    return None if one is None else {DESKS_KEY: dump_desks([one])}


def dump_desks(records: list[dict]) -> str:
    """The ``desks`` option's value (JSON text, like ``work_hours``)."""
    return json_text(records)


def next_desk_id(records: list[dict]) -> int:
    """A new desk's id: never one a retired desk had."""
    return max((int(r["id"]) for r in records), default=0) + 1


def desk_of_chat(options: dict | None, chat_id: int | None) -> dict | None:
    """The active desk whose first line includes chat ``chat_id`` (None when no desk has it)."""
    return next((d for d in active_desks(options) if chat_id and int(chat_id) in d.get("chat_ids", ())), None)


def desk_of_openline(options: dict | None, openline_id: int | None) -> dict | None:
    """The active desk of Open Line ``openline_id``."""
    return next((d for d in active_desks(options) if openline_id and d.get("openline_id") == int(openline_id)),
                None)
