"""The desk's settings (DESIGN §3), kept in the portal's app options."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

from .sla import SLA_MODES, SlaTargets, WorkHours
from .values import to_int, uf_to_camel, unique

DEFAULT_UF_MESSAGE = "UF_SD_MESSAGE_ID"
DEFAULT_UF_CHAT = "UF_SD_CHAT_ID"
PROGRESS_KEY = "setup_progress"     # app option: the setup wizard's progress (JSON), see setup/progress.py


def setup_admin_name(options: dict | None) -> str:
    """The name of the admin who opened or ran the setup wizard ("" when none has yet), from
    already-read app options: what the "not set up yet" screen needs, without the setup package."""
    raw = (options or {}).get(PROGRESS_KEY)
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return ""
    return str(raw.get("admin_name") or "") if isinstance(raw, dict) else ""


@dataclass(frozen=True, slots=True)
class Settings:
    """group_id, chat_id, openline_id (optional), bot_id, the two task user fields, time zone, install info;
    §4b: sla_mode ("24x7" | "working_hours"), work_hours, sla_targets (installs without them: 24/7, none).
    One desk's view (model.desks): desk_id, name, chat_ids (the first line's chats; chat_id is the first)."""
    group_id: int | None = None
    chat_id: int | None = None
    openline_id: int | None = None
    bot_id: int | None = None
    uf_message: str = DEFAULT_UF_MESSAGE
    uf_chat: str = DEFAULT_UF_CHAT
    time_zone: str = "UTC"
    installed_at: str | None = None
    version: str | None = None
    sla_mode: str = "24x7"
    work_hours: WorkHours = field(default_factory=WorkHours)
    sla_targets: SlaTargets = field(default_factory=SlaTargets)
    desk_id: int = 1
    name: str = ""
    chat_ids: tuple[int, ...] = ()
    # issue 27: where the second line lives, "tasks" (the group's tasks) or "crm" (a smart process's
    # pipeline); crm_since = when the desk switched (ISO; figures before it from the other source)
    second_line: str = "tasks"
    crm_type_id: int | None = None
    crm_entity_type_id: int | None = None
    crm_category_id: int | None = None
    crm_uf_message: str = ""
    crm_uf_chat: str = ""
    crm_since: str | None = None
    second_line_switches: str = "[]"      # JSON [{"to": "crm"|"tasks", "at": ISO}] (model.desks.switch_second_line)
    pause_statuses: tuple[int, ...] = (6,)      # decisions 100: statuses whose time does not count
    pause_tag: str = ""                         # decisions 100: the "waiting for the requester" tag
    alert_on: bool = True                       # decisions 103: warnings and escalation
    alert_share: float = 75.0                   # decisions 103: % of the target that warns
    digest_day: str = "MO"                      # decisions 111: the weekly digest's day (desk zone)
    digest_hour: int = 9                        # decisions 111: ... and hour; digest_on off = none
    digest_on: bool = True
    csat_on: bool = True                        # decisions 173: rating offers on a chat-first-line desk

    @property
    def chats(self) -> tuple[int, ...]:
        """The desk's first-line chats: ``chat_ids``, else the single ``chat_id`` (older settings)."""
        if self.chat_ids:
            return self.chat_ids
        return (self.chat_id,) if self.chat_id else ()

    @property
    def on_crm(self) -> bool:
        """The second line is a smart process (set up: its type and pipeline are known)."""
        return self.second_line == "crm" and bool(self.crm_entity_type_id) and self.crm_category_id is not None

    @property
    def chat_first_line(self) -> bool:
        """A chat-first-line desk (decision 150): chats, a bot, tasks in a group, no Open Line (nor a smart
        process): its customer ratings are the bot's buttons on closed chat tasks (bot.csat)."""
        return bool(self.chats and self.bot_id and self.group_id and not self.openline_id and not self.on_crm)

    @property
    def working_hours(self) -> bool:
        """Durations are business time (§4b), not wall-clock."""
        return self.sla_mode == "working_hours"

    @property
    def uf_message_key(self) -> str:
        """The message-id field's key in tasks.task.list items ("ufSdMessageId")."""
        return uf_to_camel(self.uf_message)

    @property
    def uf_chat_key(self) -> str:
        """The chat-id field's key in tasks.task.list items ("ufSdChatId")."""
        return uf_to_camel(self.uf_chat)

    @classmethod
    def from_dict(cls, data: dict | None) -> "Settings":
        """From app options (values may be strings; unknown keys are ignored, empty ones take defaults)."""
        data = data or {}
        known = {f.name for f in fields(cls)}
        raw = {k: v for k, v in data.items() if k in known and v not in (None, "")}
        for key in ("group_id", "chat_id", "openline_id", "bot_id", "crm_type_id", "crm_entity_type_id",
                    "crm_category_id"):
            if key in raw:
                raw[key] = to_int(raw[key])
        for key in ("uf_message", "uf_chat", "time_zone", "installed_at", "version", "crm_uf_message",
                    "crm_uf_chat", "crm_since", "second_line_switches"):
            if key in raw:
                raw[key] = str(raw[key])
        if "second_line" in raw:
            raw["second_line"] = "crm" if str(raw["second_line"]) == "crm" else "tasks"
        if "sla_mode" in raw:
            raw["sla_mode"] = str(raw["sla_mode"]) if str(raw["sla_mode"]) in SLA_MODES else "24x7"
        if "work_hours" in raw:
            raw["work_hours"] = WorkHours.parse(raw["work_hours"])
        if "sla_targets" in raw:
            raw["sla_targets"] = SlaTargets.parse(raw["sla_targets"])
        if "desk_id" in raw:
            raw["desk_id"] = to_int(raw["desk_id"]) or 1
        if "name" in raw:
            raw["name"] = str(raw["name"])
        if "chat_ids" in raw:
            raw["chat_ids"] = chat_id_list(raw["chat_ids"])
            if raw["chat_ids"] and not raw.get("chat_id"):
                raw["chat_id"] = raw["chat_ids"][0]
        if "pause_statuses" in raw:
            raw["pause_statuses"] = pause_status_list(raw["pause_statuses"])
        if "pause_tag" in raw:
            raw["pause_tag"] = str(raw["pause_tag"]).strip()
        if "alert_on" in raw:
            raw["alert_on"] = str(raw["alert_on"]).strip().lower() not in ("0", "false", "n", "no", "off")
        if "digest_day" in raw:
            raw["digest_day"] = str(raw["digest_day"]).upper() if str(raw["digest_day"]).upper() in (
                "MO", "TU", "WE", "TH", "FR", "SA", "SU") else "MO"
        if "digest_hour" in raw:
            hour = to_int(raw["digest_hour"])
            raw["digest_hour"] = hour if hour is not None and 0 <= hour <= 23 else 9
        for key in ("digest_on", "csat_on"):
            if key in raw:
                raw[key] = str(raw[key]).strip().lower() not in ("0", "false", "n", "no", "off")
        if "alert_share" in raw:
            raw["alert_share"] = alert_share_of(raw["alert_share"])
        return cls(**raw)

    def to_dict(self) -> dict:
        """Plain dict for app.option.set (None values kept, so a round trip is exact); the calendar and
        targets as JSON text, as the app options keep them."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["chat_ids"] = list(self.chat_ids)
        out["pause_statuses"] = list(self.pause_statuses)
        out["work_hours"] = json.dumps(self.work_hours.to_dict())
        out["sla_targets"] = json.dumps(self.sla_targets.to_dict())
        return out


def _ints(value) -> list:
    """Whole numbers (or None) from a list, JSON text or "3,12" text, in order."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip().startswith("[") else value.split(",")
        except ValueError:
            value = []
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = [value]
    return [to_int(str(v).strip()) if not isinstance(v, int) else v for v in (value or ())]


def chat_id_list(value) -> tuple[int, ...]:
    """Chat ids from a list, JSON text or "3,12" text: positive ints, in order, no duplicates."""
    return tuple(unique(i for i in _ints(value) if i and i > 0))


def pause_status_list(value) -> tuple[int, ...]:
    """Pausing statuses from a list, JSON or "6,4" text: only open statuses 2, 3, 4, 6 (5 is closed)."""
    return tuple(unique(i for i in _ints(value) if i in (2, 3, 4, 6)))


def alert_share_of(value) -> float:
    """The warning share in % of the target: 1–99, else the default 75."""
    try:
        v = float(str(value).replace(",", ".").strip())
    except ValueError:
        return 75.0
    return v if 1.0 <= v <= 99.0 else 75.0
