"""The "Alerts, paused clock and weekly digest" fieldset of a desk in the admin's Settings (docs/decisions
160–164, 173): which task statuses pause the clock, the waiting tag, warnings on/off and their share, the
weekly digest on/off, its day and hour, the rating offers on/off. Controls are ``{prefix}{name}``; every field has its own error
line. Filled from ``setup.alerts.alerts_form``, read back with ``read``; checking and writing are
``setup.alerts`` (no DOM there)."""
from __future__ import annotations

import js

from ..model.alert_settings import DAYS, PAUSE_CHOICES
from .dom import el
from .i18n import t
from .setup_parts import field

PREFIX = "sd-alerts-"


def _node(name: str, prefix: str):
    return js.document.getElementById(f"{prefix}{name}")


def _switch(name: str, text: str, checked: bool, prefix: str, hint: str = ""):
    """A checkbox with its text as its label, a hint and an error line (the ``field`` look)."""
    return el("div", {"class": "sd-setup-field", "data-field": name},
              el("label", {"class": "sd-setup-day sd-setup-switch"},
                 el("input", {"type": "checkbox", "id": f"{prefix}{name}", "checked": checked}), " ", text),
              el("p", {"class": "sd-setup-hint"}, hint) if hint else None,
              el("p", {"class": "sd-setup-error", "data-error": name, "role": "alert"}))


def fieldset(form: dict, lang: str, prefix: str = PREFIX):
    """The controls for ``form`` (keys of ``model.alert_settings.validate_alerts``)."""
    chosen = {int(s) for s in form.get("pause_statuses") or ()}
    statuses = el("div", {"class": "sd-setup-days", "id": f"{prefix}pause_statuses", "role": "group",
                          "aria-label": t("alerts_pause_statuses", lang)},
                  *(el("label", {"class": "sd-setup-day"},
                       el("input", {"type": "checkbox", "name": f"{prefix}pause_status", "value": s,
                                    "checked": s in chosen}),
                       " ", t(f"task_status_{s}", lang)) for s in PAUSE_CHOICES))
    day = el("select", {"id": f"{prefix}digest_day"},
             *(el("option", {"value": d, "selected": form.get("digest_day") == d}, t(f"alerts_day_{d}", lang))
               for d in DAYS))
    return el("fieldset", {"class": "sd-setup-sla sd-setup-alerts", "id": f"{prefix}alerts"},
              el("legend", None, t("alerts_section", lang)),
              el("p", {"class": "sd-note"}, t("alerts_intro", lang)),
              field("pause_statuses", t("alerts_pause_statuses", lang), statuses,
                    hint=t("alerts_pause_statuses_hint", lang), prefix=prefix),
              field("pause_tag", t("alerts_pause_tag", lang),
                    el("input", {"id": f"{prefix}pause_tag", "value": form.get("pause_tag") or ""}),
                    hint=t("alerts_pause_tag_hint", lang), prefix=prefix),
              _switch("alert_on", t("alerts_on", lang), bool(form.get("alert_on")), prefix,
                      t("alerts_on_hint", lang)),
              field("alert_share", t("alerts_share", lang),
                    el("input", {"id": f"{prefix}alert_share", "value": form.get("alert_share") or "",
                                 "inputmode": "decimal", "size": 4}),
                    hint=t("alerts_share_hint", lang), prefix=prefix),
              _switch("digest_on", t("alerts_digest_on", lang), bool(form.get("digest_on")), prefix,
                      t("alerts_digest_on_hint", lang)),
              field("digest_day", t("alerts_digest_day", lang), day, prefix=prefix),
              field("digest_hour", t("alerts_digest_hour", lang),
                    el("input", {"id": f"{prefix}digest_hour", "type": "number", "min": 0, "max": 23, "step": 1,
                                 "inputmode": "numeric", "value": form.get("digest_hour") or "0"}),
                    hint=t("alerts_digest_hour_hint", lang), prefix=prefix),
              _switch("csat_on", t("alerts_csat_on", lang), bool(form.get("csat_on", True)), prefix,
                      t("alerts_csat_on_hint", lang)))


def read(prefix: str = PREFIX) -> dict:
    """The fieldset's values as a form dict (statuses as ints, flags as bools, the rest as typed)."""
    boxes = js.document.querySelectorAll(f'input[name="{prefix}pause_status"]')
    return {"pause_statuses": [int(box.value) for box in boxes if box.checked],
            "pause_tag": str(_node("pause_tag", prefix).value),
            "alert_on": bool(_node("alert_on", prefix).checked),
            "alert_share": str(_node("alert_share", prefix).value),
            "digest_on": bool(_node("digest_on", prefix).checked),
            "digest_day": str(_node("digest_day", prefix).value),
            "digest_hour": str(_node("digest_hour", prefix).value),
            "csat_on": bool(_node("csat_on", prefix).checked)}
