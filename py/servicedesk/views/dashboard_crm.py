"""The smart-process part of the dashboard (issue 27): the selected month's figures from the stage
history, time in each stage, and the rows behind them as tables and CSV. ``crm_month`` and ``crm_csv``
are pure (tested on CPython); ``crm_block`` builds the DOM."""
from __future__ import annotations

from ..charts.labels import format_duration
from .export_csv import to_csv
from .i18n import t


def _pct(v) -> str:
    return "—" if v is None else f"{v:.0f}%"


def _dur(v, lang: str) -> str:
    return "—" if v is None else format_duration(v, lang)


def crm_month(crm: dict, month: str, lang: str) -> dict:
    """{"figures": [{key, label, value}], "stages": [{id, name, median, p90, count}], "stays", "closed"}."""
    k = crm["months"].index(month) if month in crm["months"] else len(crm["months"]) - 1
    ttc = crm["time_to_close"][k]
    figures = [("new", crm["new"][k]), ("closed", crm["closed"][k]), ("closed_success", crm["closed_success"][k]),
               ("closed_failure", crm["closed_failure"][k]), ("open", crm["open"][k]),
               ("ttc_median", _dur(ttc["median"], lang)), ("ttc_p90", _dur(ttc["p90"], lang)),
               ("reopens", crm["reopens"][k]), ("reopen_rate", _pct(crm["reopen_rate"][k])),
               ("breach_pct", _pct(crm["breach_pct"][k]) if crm.get("target_min") else None)]
    stages = []
    for s in crm["stages"]:
        m = crm["time_in_stage"][s["id"]][k]
        stages.append({"id": s["id"], "name": s["name"], "median": _dur(m["median"], lang),
                       "p90": _dur(m["p90"], lang), "count": m["count"]})
    names = {s["id"]: s["name"] for s in crm["stages"]}
    stays = [{**r, "stage_name": names.get(r["stage"], r["stage"])} for r in crm["rows"]["stays"][k]]
    return {"month": crm["months"][k], "stages": stages, "stays": stays, "closed": crm["rows"]["closed"][k],
            "figures": [{"key": key, "label": t("crm_" + key, lang), "value": v} for key, v in figures if v is not None]}


def crm_csv(crm: dict, month: str, lang: str) -> bytes:
    """The rows behind every figure of the month, one line each: the figure, the item, its outcome or
    stage, minutes (new, closed with time to close, open at the month's end, reopened, each stay)."""
    d = crm_month(crm, month, lang)
    k = crm["months"].index(d["month"])
    rows = crm["rows"]
    outcome = {"S": t("crm_closed_success", lang).lstrip("— "), "F": t("crm_closed_failure", lang).lstrip("— ")}
    lines = [[t("crm_new", lang), i, None, None] for i in rows["new"][k]]
    lines += [[t("crm_closed", lang), r["id"], outcome.get(r["outcome"], r["outcome"]), r["minutes"]] for r in d["closed"]]
    lines += [[t("crm_open", lang), i, None, None] for i in rows["open"][k]]
    lines += [[t("crm_reopens", lang), i, None, None] for i in rows["reopened"][k]]
    lines += [[t("crm_stages", lang), r["id"], r["stage_name"], r["minutes"]] for r in d["stays"]]
    return to_csv([(t("crm_col_figure", lang), "text"), (t("crm_col_item", lang), "int"),
                   (t("crm_col_stage", lang), "text"), (t("crm_col_minutes", lang), "minutes")], lines)


def crm_block(crm: dict, month: str, lang: str, table, on_csv=None):
    """The details' smart-process section: its figures, time in stage per stage, a CSV of the stays."""
    from .dom import el, listen
    d = crm_month(crm, month, lang)
    figs = [el("tr", {"data-key": r["key"]}, el("th", {"scope": "row"}, r["label"]),
               el("td", {"data-field": "value"}, r["value"])) for r in d["figures"]]
    stages = [el("tr", {"data-stage": r["id"]}, el("th", {"scope": "row"}, r["name"]),
                 *[el("td", {"data-field": f}, r[f]) for f in ("median", "p90", "count")]) for r in d["stages"]]
    button = el("button", {"type": "button", "class": "sd-btn sd-btn--small", "data-action": "crm-csv"},
                t("crm_csv", lang))
    if on_csv is not None:
        listen(button, "click", lambda _e: on_csv(d["month"]))
    return el("div", {"class": "sd-block sd-block--crm", "data-month": d["month"]},
              table(t("crm_title", lang), [t("dash_col_metric", lang), t("crm_col_value", lang)], figs, "", "sd-block--crm-figures"),
              table(t("crm_stages", lang), [t("crm_col_stage", lang), t("dash_col_median", lang), t("dash_col_p90", lang),
                                             t("crm_col_stays", lang)], stages, t("crm_stages_none", lang),
                    "sd-block--crm-stages"),
              button)
