"""A desk's alert, paused-clock, weekly-digest and rating-offer settings (docs/decisions 100, 103,
110–112, 173) as the admin's Settings form shows and checks them: ``form_of`` fills the form from a
``Settings`` (what the checker, the paused clock, the digest and the rating offers read),
``validate_alerts`` checks a filled form and returns the eight keys of the desk's record. Pure: no
portal, no DOM."""
from __future__ import annotations

from .values import to_int

ALERT_KEYS = ("pause_statuses", "pause_tag", "alert_on", "alert_share", "digest_on", "digest_day", "digest_hour",
              "csat_on")
PAUSE_CHOICES = (2, 3, 4, 6)           # the open statuses (5, completed, never pauses: decisions 100)
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
TAG_MAX = 255                           # as the app's other names (a task tag is short text)


def _num(value: float) -> str:
    return f"{value:g}"


def form_of(settings) -> dict:
    """The form's values for a ``model.Settings``: statuses as a list of ints, flags as bools, the
    share and hour as text (unreadable stored values were already read as the defaults)."""
    return {"pause_statuses": [s for s in PAUSE_CHOICES if s in settings.pause_statuses],
            "pause_tag": settings.pause_tag, "alert_on": bool(settings.alert_on),
            "alert_share": _num(settings.alert_share), "digest_on": bool(settings.digest_on),
            "digest_day": settings.digest_day, "digest_hour": str(settings.digest_hour),
            "csat_on": bool(settings.csat_on)}


def _flag(value, default: bool = True) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "n", "no", "off")
    return bool(value)


def _share(value, errors: dict) -> float | None:
    text = str(value if value is not None else "").replace(",", ".").replace("%", "").strip()
    try:
        share = float(text)
    except ValueError:
        share = None
    if share is None or not share == share or not 1.0 <= share <= 99.0:
        errors["alert_share"] = "alerts_err_share"
        return None
    return int(share) if share == int(share) else share


def _hour(value, errors: dict) -> int | None:
    text = str(value if value is not None else "").strip()
    hour = to_int(text) if text.isdigit() else None
    if hour is None or not 0 <= hour <= 23:
        errors["digest_hour"] = "alerts_err_hour"
        return None
    return hour


def _statuses(value, errors: dict) -> list[int]:
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    out = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        status = to_int(text) if text.isdigit() else None
        if status not in PAUSE_CHOICES:
            errors["pause_statuses"] = "alerts_err_status"
        elif status not in out:
            out.append(status)
    return sorted(out)


def _tag(value, errors: dict) -> str:
    tag = str(value or "").strip()
    if len(tag) > TAG_MAX:
        errors["pause_tag"] = "alerts_err_tag_long"
    elif "," in tag:
        errors["pause_tag"] = "alerts_err_tag_comma"
    return tag


def validate_alerts(form: dict) -> tuple[dict, dict]:
    """Check the form {pause_statuses (list or "6,4"; none = nothing pauses), pause_tag, alert_on,
    alert_share (1–99), digest_on, digest_day (MO–SU), digest_hour (0–23), csat_on}; returns (errors
    {field: i18n key}, the record's keys). The keys are all eight, whatever the form left out taking the
    defaults of ``model.Settings``, so a desk's record always says what is in force; {} when there are
    errors."""
    errors: dict[str, str] = {}
    statuses = _statuses(form.get("pause_statuses", [6]), errors)
    tag = _tag(form.get("pause_tag"), errors)
    share = _share(form.get("alert_share", "75"), errors)
    hour = _hour(form.get("digest_hour", "9"), errors)
    day = str(form.get("digest_day") or "MO").strip().upper()
    if day not in DAYS:
        errors["digest_day"] = "alerts_err_day"
    if errors:
        return errors, {}
    return errors, {"pause_statuses": statuses, "pause_tag": tag, "alert_on": _flag(form.get("alert_on")),
                    "alert_share": share, "digest_on": _flag(form.get("digest_on")),
                    "digest_day": day, "digest_hour": hour, "csat_on": _flag(form.get("csat_on"))}
