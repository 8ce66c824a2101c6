"""The working calendar and SLA targets of DESIGN §4b: parsing (tolerant) and validation (strict).

`WorkHours.parse(d)` reads the settings' `work_hours` (dict or JSON text) and `WorkHours.from_portal(r)` a
`calendar.settings.get` result; `SlaTargets.parse(d)` the settings' `sla_targets`. `validate_sla(form)`
checks the admin's form field by field and returns {field: i18n key} (empty = valid). No I/O.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .values import valid_zone

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")     # index = date.weekday()
SLA_MODES = ("24x7", "working_hours")
PRIORITIES = {2: "high", 1: "medium", 0: "low"}           # task `priority`: "2" high, "1" medium, "0" low
RESPONSE_MAX_MIN = 7 * 24 * 60                            # a first-response target above a week is absurd
CLOSE_MAX_H = 365 * 24                                    # a close target above a year is absurd
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)   # D.MM holds every year: 29.02 is fine
_TIME = re.compile(r"^\s*(\d{1,2})(?:\s*[.:]\s*(\d{1,2}))?\s*$")
_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\s*$")


def loads(value):
    """A settings value kept as JSON text in app options, or already a dict/list; None when unreadable."""
    if isinstance(value, str):
        try:
            return json.loads(value) if value.strip() else None
        except ValueError:
            return None
    return value


def parse_clock(text) -> int | None:
    """Minutes after midnight of "9", "9.30", "9:30", "09:00" (24:00 = 1440); None when invalid.

    Bitrix24's "9.30" means 9:30 (minutes, not a decimal hour)."""
    m = _TIME.match(str(text if text is not None else ""))
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if mi > 59 or h > 24 or (h == 24 and mi):
        return None
    return h * 60 + mi


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_day(text) -> tuple[int, int] | None:
    """(day, month) of "D.MM" (every year), None when not a real date ("31.02")."""
    m = _DATE.match(str(text or ""))
    if not m:
        return None
    d, mo = int(m.group(1)), int(m.group(2))
    return (d, mo) if 1 <= mo <= 12 and 1 <= d <= _DAYS_IN_MONTH[mo - 1] else None


def split_list(value) -> list[str]:
    """"1.01, 7.01" or ["1.01", "7.01"] → ["1.01", "7.01"] (blanks dropped)."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [str(x).strip() for x in items if str(x).strip()]


@dataclass(frozen=True)
class WorkHours:
    """[start, end) minutes after local midnight on working days; weekend day codes; D.MM holidays and
    working days (every year). A day is working when listed in `workdays`, or neither weekend nor holiday."""
    start: int = 9 * 60
    end: int = 18 * 60
    weekends: tuple[str, ...] = ("SA", "SU")
    holidays: tuple[tuple[int, int], ...] = ()
    workdays: tuple[tuple[int, int], ...] = ()

    def is_working(self, day) -> bool:
        """Whether a `date` is a working day."""
        key = (day.day, day.month)
        if key in self.workdays:
            return True
        return DAY_CODES[day.weekday()] not in self.weekends and key not in self.holidays

    @property
    def has_working_time(self) -> bool:
        return self.end > self.start and (len(set(self.weekends)) < 7 or bool(self.workdays))

    def to_dict(self) -> dict:
        return {"start": format_clock(self.start), "end": format_clock(self.end), "weekends": list(self.weekends),
                "holidays": [f"{d}.{m:02d}" for d, m in self.holidays],
                "workdays": [f"{d}.{m:02d}" for d, m in self.workdays]}

    @classmethod
    def parse(cls, value) -> "WorkHours":
        """Tolerant read of stored settings: what cannot be read takes the default (09–18, SA SU)."""
        data = loads(value)
        if not isinstance(data, dict):
            return cls()
        start, end = parse_clock(data.get("start")), parse_clock(data.get("end"))
        weekends = data.get("weekends")
        weekends = cls.weekends if weekends is None else tuple(
            d for d in (x.upper() for x in split_list(weekends)) if d in DAY_CODES)
        return cls(start=cls.start if start is None else start, end=cls.end if end is None else end,
                   weekends=weekends,
                   holidays=tuple(p for p in map(parse_day, split_list(data.get("holidays"))) if p),
                   workdays=tuple(p for p in map(parse_day, split_list(data.get("workdays"))) if p))

    @staticmethod
    def form_from_portal(result) -> dict:
        """The settings' `work_hours` shape (texts, unvalidated) from a calendar.settings.get result."""
        r = result if isinstance(result, dict) else {}
        start, end = parse_clock(r.get("work_time_start")), parse_clock(r.get("work_time_end"))
        weekends = r.get("week_holidays")
        return {"start": "09:00" if start is None else format_clock(start),
                "end": "18:00" if end is None else format_clock(end),
                "weekends": ["SA", "SU"] if weekends is None else [x.upper() for x in split_list(weekends)],
                "holidays": split_list(r.get("year_holidays")), "workdays": split_list(r.get("year_workdays"))}

    @classmethod
    def from_portal(cls, result) -> "WorkHours":
        """The working calendar of a calendar.settings.get result."""
        return cls.parse(cls.form_from_portal(result))


def _positive(value) -> float | None:
    try:
        v = float(str(value).replace(",", ".")) if value not in (None, "") else None
    except ValueError:
        return None
    return v if v is not None and v > 0 and v == v and v != float("inf") else None


@dataclass(frozen=True)
class SlaTargets:
    """Targets (None = none): first responses in minutes, task close per priority in hours."""
    chat_first_response: float | None = None
    openline_first_response: float | None = None
    task_close: dict = field(default_factory=dict)      # {"high"|"medium"|"low": hours}

    def task_close_min(self, priority: int) -> float | None:
        """Close target in minutes of a task priority (unknown priorities count as medium)."""
        hours = self.task_close.get(PRIORITIES.get(priority, "medium"))
        return None if hours is None else hours * 60.0

    @property
    def any(self) -> bool:
        return bool(self.chat_first_response or self.openline_first_response or self.task_close)

    def to_dict(self) -> dict:
        return {"chat_first_response": self.chat_first_response,
                "openline_first_response": self.openline_first_response, "task_close": dict(self.task_close)}

    @classmethod
    def parse(cls, value) -> "SlaTargets":
        """Tolerant read of stored settings: unreadable, zero or negative targets are no target."""
        data = loads(value)
        if not isinstance(data, dict):
            return cls()
        close = data.get("task_close") if isinstance(data.get("task_close"), dict) else {}
        return cls(chat_first_response=_positive(data.get("chat_first_response")),
                   openline_first_response=_positive(data.get("openline_first_response")),
                   task_close={k: v for k in ("high", "medium", "low") if (v := _positive(close.get(k)))})


def kpi_first_answer_min(config) -> float | None:
    """The Open Line's KPI_FIRST_ANSWER_TIME ("0" = not set) in minutes, from imopenlines.config.get. The
    docs give no unit (imopenlines-config-get.md: "Норматив времени первого ответа", a string): it is read
    as seconds, and the form says so next to the value it fills (docs/decisions.md, decisions 80–93)."""
    seconds = _positive((config or {}).get("KPI_FIRST_ANSWER_TIME")) if isinstance(config, dict) else None
    return None if seconds is None else seconds / 60.0


def _check_days(values, errors: dict, key: str) -> list[str]:
    items = split_list(values)
    if any(parse_day(x) is None for x in items):
        errors[key] = "sla_err_date"
    return items


def _check_target(value, limit: float, errors: dict, key: str) -> float | None:
    """Blank or 0 = no target; otherwise a positive number up to `limit`."""
    if value in (None, "") or str(value).strip() in ("", "0"):
        return None
    try:
        v = float(str(value).replace(",", ".").strip())
    except ValueError:
        errors[key] = "sla_err_number"
        return None
    if not v == v or v < 0:
        errors[key] = "sla_err_negative"
    elif v > limit:
        errors[key] = "sla_err_absurd"
    return v if key not in errors and v > 0 else None


def validate_sla(form: dict) -> tuple[dict, dict]:
    """Check the admin's SLA form; returns (errors {field: i18n key}, clean app options).

    Form keys: sla_mode, time_zone (optional here), work_start, work_end, weekends, holidays, workdays,
    target_chat (min), target_openline (min), target_high / target_medium / target_low (h). Fields:
    the same names; "calendar" when no day at all would be working. Options are written only when
    errors is empty: {"sla_mode", "work_hours": JSON, "sla_targets": JSON}."""
    errors: dict[str, str] = {}
    mode = str(form.get("sla_mode") or "24x7")
    if mode not in SLA_MODES:
        errors["sla_mode"] = "sla_err_mode"
    if "time_zone" in form:
        if not valid_zone(str(form.get("time_zone") or "").strip()):
            errors["time_zone"] = "setup_err_time_zone"
    start, end = parse_clock(form.get("work_start")), parse_clock(form.get("work_end"))
    if start is None or start >= 24 * 60:
        errors["work_start"] = "sla_err_time"
    if end is None or end == 0:
        errors["work_end"] = "sla_err_time"
    elif start is not None and end <= start:
        errors["work_end"] = "sla_err_end_before_start"
    weekends = [x.upper() for x in split_list(form.get("weekends"))]
    if any(d not in DAY_CODES for d in weekends):
        errors["weekends"] = "sla_err_day_code"
    holidays = _check_days(form.get("holidays"), errors, "holidays")
    workdays = _check_days(form.get("workdays"), errors, "workdays")
    if not ({"weekends", "workdays"} & set(errors)) and len(set(weekends)) == 7 and not workdays:
        errors["calendar"] = "sla_err_no_working_day"
    targets = {"chat_first_response": _check_target(form.get("target_chat"), RESPONSE_MAX_MIN, errors, "target_chat"),
               "openline_first_response": _check_target(form.get("target_openline"), RESPONSE_MAX_MIN, errors,
                                                        "target_openline"),
               "task_close": {}}
    for prio in ("high", "medium", "low"):
        v = _check_target(form.get(f"target_{prio}"), CLOSE_MAX_H, errors, f"target_{prio}")
        if v is not None:
            targets["task_close"][prio] = v
    if errors:
        return errors, {}
    hours = WorkHours(start=start, end=end, weekends=tuple(dict.fromkeys(weekends)),
                      holidays=tuple(dict.fromkeys(map(parse_day, holidays))),
                      workdays=tuple(dict.fromkeys(map(parse_day, workdays))))
    options = {"sla_mode": mode, "work_hours": json.dumps(hours.to_dict()),
               "sla_targets": json.dumps(targets)}
    if "time_zone" in form:
        options["time_zone"] = str(form["time_zone"]).strip()
    return errors, options


def form_of(settings) -> dict:
    """The admin's SLA form prefilled from settings (a model.Settings)."""
    h, t = settings.work_hours, settings.sla_targets

    def num(v):
        return "" if v is None else (f"{v:g}")
    d = h.to_dict()
    return {"sla_mode": settings.sla_mode, "time_zone": settings.time_zone, "work_start": d["start"],
            "work_end": d["end"], "weekends": ",".join(d["weekends"]), "holidays": ",".join(d["holidays"]),
            "workdays": ",".join(d["workdays"]), "target_chat": num(t.chat_first_response),
            "target_openline": num(t.openline_first_response),
            **{f"target_{p}": num(t.task_close.get(p)) for p in ("high", "medium", "low")}}
