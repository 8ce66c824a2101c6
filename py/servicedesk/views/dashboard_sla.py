"""The §4b parts of the dashboard's details as plain rows (no DOM, CPython-testable): the mode label,
the month's breach %, the at-risk list and the comparison with the previous month.

    sla_details(figures, selected, lang, names) -> {"mode", "mode_label", "breach", "at_risk", "comparison"}
"""
from __future__ import annotations

from ..charts.labels import format_duration
from .i18n import t


def pct_text(value, lang: str) -> str:
    if value is None:
        return "—"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return (text.replace(".", ",") if lang == "ru" else text) + "%"


def _signed(text: str, negative: bool) -> str:
    return ("−" if negative else "+") + text


def _value(name: str, value, lang: str) -> str:
    if value is None:
        return "—"
    if name.startswith("breach."):
        return pct_text(value, lang)
    if "." in name:                                   # a duration statistic
        return format_duration(value, lang)
    return str(int(value))


def change_text(name: str, cmp: dict, lang: str) -> str:
    change = cmp.get("change")
    if change is None:
        return "—"
    if abs(change) < 1e-9:
        return "0"
    if name.startswith("breach."):
        text = _signed(pct_text(abs(change), lang)[:-1] + " " + t("cmp_points", lang), change < 0)
    elif "." in name:
        text = _signed(format_duration(abs(change), lang), change < 0)
    else:
        text = _signed(str(int(abs(change))), change < 0)
    if cmp.get("change_pct") is not None and not name.startswith("breach."):
        text += f" ({_signed(pct_text(abs(cmp['change_pct']), lang), cmp['change_pct'] < 0)})"
    return text


def _label(name: str, lang: str) -> str:
    if name.startswith("breach."):
        return f"{t('cmp_breach', lang)}: {t('sla_series_' + name.split('.', 1)[1], lang)}"
    if "." in name:
        base, stat = name.split(".", 1)
        return f"{t('cmp_' + base, lang)}, {t('cmp_' + stat, lang)}"
    return t(f"cmp_{name}", lang)


def comparison_rows(figures: dict, selected: str, lang: str) -> list[dict]:
    """Every figure of the month with the previous month's value, the change and (times, breach %)
    whether that is better or worse; counts stay neutral (verdict "")."""
    rows = []
    for name, cmp in ((figures.get("comparison") or {}).get(selected) or {}).items():
        rows.append({"key": name, "label": _label(name, lang), "value": _value(name, cmp.get("value"), lang),
                     "previous": _value(name, cmp.get("previous"), lang), "change": change_text(name, cmp, lang),
                     "verdict": t(f"cmp_{cmp['verdict']}", lang) if cmp.get("verdict") else "",
                     "verdict_key": cmp.get("verdict") or ""})
    return rows


def breach_rows(figures: dict, selected: str, lang: str) -> list[dict]:
    month = (figures.get("months") or {}).get(selected) or {}
    return [{"series": name, "label": t(f"sla_series_{name}", lang), "pct": pct_text(b.get("pct"), lang),
             "count": f"{int(b.get('breached') or 0)} / {int(b.get('total') or 0)}"}
            for name, b in (month.get("breach") or {}).items()]


def risk_rows(figures: dict, lang: str, names: dict) -> list[dict]:
    """The at-risk list as rows, most overdue first (as metrics sorted it)."""
    from .dashboard_data import format_when
    rows = []
    for r in figures.get("at_risk") or ():
        kind = r.get("kind")
        if kind == "tasks":
            item = f"#{r.get('task_id')} {r.get('title') or ''}".strip()
        elif kind == "items":                 # a smart-process item (decision 166): its stage beside it
            item = f"#{r.get('item_id')} {r.get('title') or ''} · {r.get('stage_name') or ''}".strip(" ·")
        elif kind == "openline":
            item = f"{t('dash_session', lang)} {r.get('session_id')}"
        else:
            who = names.get(int(r.get("author_id") or 0)) or ""
            item = f"{who}: {r.get('title') or ''}" if who else str(r.get("title") or "")
        remaining = float(r.get("remaining_min") or 0)
        margin = (t("at_risk_overdue", lang).format(time=format_duration(-remaining, lang)) if r.get("breached")
                  else t("at_risk_left", lang).format(time=format_duration(max(remaining, 0), lang)))
        rows.append({"kind": kind, "kind_label": t(f"sla_series_{kind}", lang), "item": item,
                     "task_id": r.get("task_id"), "opened": format_when(r.get("opened_at"), lang),
                     "elapsed": format_duration(r.get("elapsed_min"), lang),
                     "target": format_duration(r.get("target_min"), lang), "remaining": margin,
                     "breached": bool(r.get("breached"))})
    return rows


def paused_rows(figures: dict, selected: str, lang: str, names: dict) -> list[dict]:
    """The tasks of month ``selected`` whose clock was paused (decisions 100): who, how long, since when."""
    from .dashboard_data import format_when
    rows = []
    for r in figures.get("paused") or ():
        if r.get("month") != selected:
            continue
        spans = r.get("spans") or []
        last = spans[-1] if spans else [None, None]
        rows.append({"task_id": r.get("id"), "item": f"#{r.get('id')} {r.get('title') or ''}".strip(),
                     "responsible": names.get(int(r.get("responsible_id") or 0)) or "",
                     "paused": format_duration(r.get("paused_min"), lang), "spans": str(len(spans)),
                     "since": format_when(last[0], lang) if last[0] else "—",
                     "state": t("paused_now" if r.get("paused_now") else "paused_over", lang),
                     "paused_now": bool(r.get("paused_now"))})
    return rows


def csat_rows(figures: dict, selected: str, lang: str, names: dict) -> list[dict]:
    """Customer ratings of month ``selected`` (decisions 108): the desk first, then each operator rated."""
    month = (figures.get("months") or {}).get(selected) or {}
    desk = month.get("csat") or {}
    if not desk.get("rated"):
        return []

    def row(key, who, c):
        return {"key": key, "who": who, "pct": pct_text(c.get("pct"), lang), "rated": str(c.get("rated") or 0)}
    rows = [row("desk", t("csat_desk", lang), desk)]
    ops = month.get("csat_by_operator") or {}
    for op in sorted(ops, key=lambda k: (-(ops[k].get("rated") or 0), int(k))):
        rows.append(row(op, names.get(int(op)) or f"#{op}", ops[op]))
    return rows


def sla_details(figures: dict, selected: str, lang: str = "ru", names: dict | None = None) -> dict:
    """The §4b rows of the details of month `selected`."""
    mode = (figures.get("sla") or {}).get("mode") or "24x7"
    label = t(f"sla_label_{mode}", lang)
    return {"mode": mode, "mode_label": label, "mode_text": t("dash_mode", lang).format(mode=label),
            "breach": breach_rows(figures, selected, lang), "at_risk": risk_rows(figures, lang, names or {}),
            "comparison": comparison_rows(figures, selected, lang),
            "paused": paused_rows(figures, selected, lang, names or {}),
            "csat": csat_rows(figures, selected, lang, names or {})}
