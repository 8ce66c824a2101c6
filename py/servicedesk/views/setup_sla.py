"""The working hours and targets fieldset (DESIGN §4b) shared by the setup wizard and the admin's
settings, and the settings' new desk form: controls prefilled from a form dict (setup.sla.prefill), read
back into one, and the "take again from the portal calendar" action. Controls are ``{prefix}{name}``,
so two forms of one page (the desk's settings and a new desk) keep apart. Checking and writing are
setup.sla's (no DOM there)."""
from __future__ import annotations

from functools import partial

import js

from ..model.sla import DAY_CODES
from ..setup.sla import line_target, portal_calendar
from .dom import el
from .i18n import t
from .setup_parts import button, field as field_of

PREFIX = "sd-setup-"

TEXT_FIELDS = ("work_start", "work_end", "holidays", "workdays", "target_chat", "target_openline",
               "target_high", "target_medium", "target_low")


def _node(name: str, prefix: str = PREFIX):
    return js.document.getElementById(f"{prefix}{name}")


def _weekend_boxes(prefix: str):
    return js.document.querySelectorAll(f'input[name="{prefix}weekend"]')


def fieldset(form: dict, lang: str, visit=None, prefix: str = PREFIX):
    """The SLA controls for ``form`` (see model.sla.validate_sla for its keys); every field has its own
    error line. With a ``visit`` the "take from the portal calendar" button is live."""
    def _input(name: str, value: str, **attrs):
        return el("input", {"id": f"{prefix}{name}", "value": value or "", **attrs})

    field = partial(field_of, prefix=prefix)
    mode = el("select", {"id": f"{prefix}sla_mode"},
              *(el("option", {"value": m, "selected": form.get("sla_mode") == m}, t(f"sla_mode_{m}", lang))
                for m in ("24x7", "working_hours")))
    weekends = set((form.get("weekends") or "").split(","))
    days = el("div", {"class": "sd-setup-days", "id": f"{prefix}weekends", "role": "group"},
              *(el("label", {"class": "sd-setup-day"},
                   el("input", {"type": "checkbox", "name": f"{prefix}weekend", "value": d, "checked": d in weekends}),
                   t(f"sla_day_{d}", lang)) for d in DAY_CODES))
    refill = button(t("sla_from_portal", lang), None if visit is None else
                    (lambda: take_from_portal(visit, lang, prefix)), id=f"{prefix}from-portal")
    note = el("p", {"class": "sd-setup-hint", "id": f"{prefix}calendar-note", "role": "status"})
    number = {"inputmode": "decimal", "size": 6}
    return el("fieldset", {"class": "sd-setup-sla", "id": f"{prefix}sla"},
              el("legend", None, t("sla_section", lang)),
              el("p", {"class": "sd-note"}, t("sla_intro", lang)),
              field("sla_mode", t("sla_mode", lang), mode),
              field("work_start", t("sla_work_start", lang), _input("work_start", form.get("work_start"), size=6)),
              field("work_end", t("sla_work_end", lang), _input("work_end", form.get("work_end"), size=6)),
              field("weekends", t("sla_weekends", lang), days),
              field("holidays", t("sla_holidays", lang), _input("holidays", form.get("holidays"))),
              field("workdays", t("sla_workdays", lang), _input("workdays", form.get("workdays"))),
              field("calendar", t("sla_calendar", lang), refill, note),
              field("target_chat", t("sla_target_chat", lang), _input("target_chat", form.get("target_chat"), **number),
                    hint=t("sla_targets_hint", lang)),
              field("target_openline", t("sla_target_openline", lang),
                    _input("target_openline", form.get("target_openline"), **number),
                    hint=t("sla_target_openline_hint", lang)),
              *(field(f"target_{p}", t(f"sla_target_{p}", lang), _input(f"target_{p}", form.get(f"target_{p}"), **number))
                for p in ("high", "medium", "low")))


def read(prefix: str = PREFIX) -> dict:
    """The fieldset's values as a form dict."""
    form = {name: str(_node(name, prefix).value) for name in TEXT_FIELDS if _node(name, prefix) is not None}
    form["sla_mode"] = str(_node("sla_mode", prefix).value)
    form["weekends"] = ",".join(str(box.value) for box in _weekend_boxes(prefix) if box.checked)
    return form


async def take_from_portal(visit, lang: str, prefix: str = PREFIX) -> None:
    """Refill the calendar fields from calendar.settings.get (the targets stay)."""
    cal = await portal_calendar(visit.client)
    note = _node("calendar-note", prefix)
    if cal is None:
        note.textContent = t("sla_from_portal_failed", lang)
        return
    note.textContent = ""
    for name in ("work_start", "work_end", "holidays", "workdays"):
        _node(name, prefix).value = cal[name]
    codes = set(cal["weekends"].split(","))
    for box in _weekend_boxes(prefix):
        box.checked = str(box.value) in codes


async def fill_line_target(visit, openline_id, prefix: str = PREFIX) -> None:
    """Prefill the Open Line target from the chosen line's KPI when the field is empty."""
    node = _node("target_openline", prefix)
    if node is None or str(node.value).strip():
        return
    minutes = await line_target(visit.client, openline_id)
    if minutes is not None:
        node.value = f"{minutes:g}"
