"""The dashboard's charts and month details as DOM, from plain data (figures, SVG strings, names).

    render_dashboard(figures, svgs, selected, lang, names, problems, on_open_task=None, charts_note="")

Clicking a chart's month (mouse, touch, Enter or Space on the focused point) selects that month in all
charts (their `aria-pressed`) and rebuilds the details below. Texts from the portal go in as text. With
targets (DESIGN §4b) a 9th card shows breach %, and the details add the mode, the month's breach %, the
comparison with the previous month and the items at risk now.
"""
from __future__ import annotations

import js

from ..charts.labels import TITLES, breach_series, lang_of
from .desk_views import by_chat_table
from .dashboard_data import default_month, has_data, month_details, series_problems
from .dashboard_lists import cap_rows, fold, summary_strip
from .dashboard_sla import sla_details
from .dashboard_summary import summary
from .dom import el, listen
from .i18n import t
from .rows_panel import decorate_details, open_from_point
from .scorecard_panel import add_button

SERIES_ORDER = tuple(k for k in TITLES["ru"] if k != "breach")      # the 8 charts, in dashboard order


def card_order(figures: dict) -> tuple[str, ...]:
    """The cards shown: the 8 series, and "breach" when the desk has targets."""
    return SERIES_ORDER + (("breach",) if breach_series(figures) else ())


def _svg_node(svg: str):
    """A chart's SVG text (made by charts/, data in it escaped) parsed as XML; None if malformed."""
    doc = js.DOMParser.new().parseFromString(svg, "image/svg+xml")
    if doc.getElementsByTagName("parsererror").length:
        return None
    return js.document.importNode(doc.documentElement, True)


def _card(series: str, svg: str | None, problem: str | None, note: str, lang: str):
    title = TITLES[lang_of(lang)][series]
    node = _svg_node(svg) if svg and not problem else None
    if node is not None:
        body = el("div", {"class": "sd-card__chart"}, node)
    else:
        body = el("div", {"class": "sd-card__empty"}, el("h3", {"class": "sd-card__title"}, title),
                  el("p", {"class": "sd-card__problem" if problem else "sd-card__note", "role": "status"},
                     problem or note or t("dash_chart_failed", lang)))
    return el("article", {"class": "sd-card", "data-series": series, "data-problem": bool(problem)}, body)


def _table(caption: str, head: list[str], rows: list, empty: str, cls: str, note: str = ""):
    """A captioned table in its own horizontally scrolling box (or the `empty` note), and a `note`."""
    if not rows:
        return el("div", {"class": f"sd-block {cls}"}, el("h3", None, caption), el("p", {"class": "sd-muted"}, empty))
    return el("div", {"class": f"sd-block {cls}"}, el("h3", None, caption),
              el("div", {"class": "sd-table-wrap", "tabindex": "0", "role": "region", "aria-label": caption},
                 el("table", {"class": "sd-table"},
                    el("thead", None, el("tr", None, *[el("th", {"scope": "col"}, h) for h in head])),
                    el("tbody", None, *rows))),
              el("p", {"class": "sd-muted sd-note"}, note) if note else None)


def _cells(row: dict, fields: tuple, first: str | None = None):
    cells = [el("th", {"scope": "row"}, row[first])] if first else []
    return cells + [el("td", {"data-field": f}, row[f]) for f in fields]


def _stats_rows(rows: list[dict], lang: str) -> list:
    out = []
    for row in rows:
        count = el("td", {"data-field": "count"}, row["count"])
        if row["group"] != "tasks" and row["count"] != "—":
            count.appendChild(el("span", {"class": "sd-sub", "data-field": "answered"},
                                 f"{t('dash_answered', lang)}: {row['answered']}"))
        out.append(el("tr", {"data-group": row["group"]}, el("th", {"scope": "row"}, row["label"]), count,
                      *_cells(row, ("avg", "median", "p90"))))
    return out


def _risk_row(r: dict):
    return el("tr", {"data-kind": r["kind"], "data-breached": r["breached"]}, *_cells(r, ("kind_label",)),
              el("td", {"class": "sd-cell-text", "data-field": "item"}, r["item"]),
              *_cells(r, ("opened", "elapsed", "target", "remaining")))


def _capped(block, lang: str):
    cap_rows(block, lang)
    return block


def _details(figures: dict, selected: str, lang: str, names: dict, problems: dict, on_open_task,
             chat_names: dict | None = None, user_id=None):
    d = month_details(figures, selected, lang, names, problems)
    T = lambda key: t(key, lang)    # noqa: E731
    tasks = []
    for row in d["open_tasks"]:
        key = "data-item-id" if row["item"] else "data-task-id"
        link = el("button", {"type": "button", "class": "sd-link", key: row["id"]}, row["title"] or f"#{row['id']}")
        if on_open_task is not None and row["item"]:
            listen(link, "click", lambda _evt, i=row["id"], e=row["entity_type_id"]: on_open_task(i, e))
        elif on_open_task is not None:
            listen(link, "click", lambda _evt, tid=row["id"]: on_open_task(tid))
        tasks.append(el("tr", {key: row["id"]}, el("td", {"class": "sd-cell-title"}, link),
                        *_cells(row, ("status", "responsible", "created", "age", "kind"))))
    waiting = [el("tr", {"class": "sd-unanswered"}, *_cells(r, ("channel", "who")),
                  el("td", {"class": "sd-cell-text", "data-field": "text"}, r["text"]),
                  *_cells(r, ("opened", "wait", "messages"))) for r in d["unanswered"]]
    sla = sla_details(figures, d["month"], lang, names)
    breach = [el("tr", {"data-series": r["series"]}, *_cells(r, ("pct", "count"), first="label")) for r in sla["breach"]]
    compare = [el("tr", {"data-key": r["key"], "data-verdict": r["verdict_key"]},
                  *_cells(r, ("value", "previous", "change", "verdict"), first="label")) for r in sla["comparison"]]
    # an item is in one list only: breached now (most overdue first), at risk (closest to breach first)
    overdue = [_risk_row(r) for r in sla["at_risk"] if r["breached"]]
    risk = [_risk_row(r) for r in sla["at_risk"] if not r["breached"]]
    risk_head = [T("risk_col_kind"), T("risk_col_item"), T("risk_col_opened"), T("risk_col_elapsed"),
                 T("risk_col_target"), T("risk_col_remaining")]
    paused = [el("tr", {"data-task-id": r["task_id"], "data-paused-now": r["paused_now"]},
                 el("td", {"class": "sd-cell-text", "data-field": "item"}, r["item"]),
                 *_cells(r, ("responsible", "paused", "spans", "since", "state"))) for r in sla["paused"]]
    crm = _crm(figures, d["month"], lang)
    csat = [el("tr", {"data-key": r["key"]}, *_cells(r, ("pct", "rated"), first="who")) for r in sla["csat"]]
    people = [el("tr", {"data-uid": r["uid"]}, *_cells(r, ("chat_dialogues", "chat_median", "openline_dialogues",
                                                          "openline_median", "tasks_closed"), first="name"))
              for r in d["specialists"]]
    return el("section", {"class": "sd-details", "data-month": d["month"], "aria-live": "polite"},
              el("h2", {"class": "sd-details__title"}, f"{T('dash_details')} {d['title']}"),
              el("p", {"class": "sd-muted sd-details__mode", "data-mode": sla["mode"]}, sla["mode_text"]),
              _table(T("dash_figures"), [T("dash_col_metric"), T("dash_col_count"), T("dash_col_avg"),
                                         T("dash_col_median"), T("dash_col_p90")],
                     _stats_rows(d["stats"], lang), "", "sd-block--stats"),
              crm,
              by_chat_table(figures, d["month"], lang, _table, chat_names),      # a desk with several chats
              _table(T("dash_breach"), [T("breach_col_series"), T("breach_col_pct"), T("breach_col_count")],
                     breach, "", "sd-block--breach") if breach else None,
              _capped(_table(T("dash_breached_now"), risk_head, overdue, T("breached_now_empty"),
                             "sd-block--breached-now"), lang) if breach_series(figures) else None,
              _capped(_table(T("dash_at_risk"), risk_head, risk, T("at_risk_empty"), "sd-block--at-risk"), lang)
              if breach_series(figures) else None,
              _table(T("dash_paused"), [T("dash_col_task"), T("dash_col_responsible"), T("paused_col_time"),
                                        T("paused_col_spans"), T("paused_col_since"), T("paused_col_state")],
                     paused, "", "sd-block--paused", T("paused_note")) if paused else None,
              _table(T("dash_csat"), [T("csat_col_who"), T("csat_col_pct"), T("csat_col_rated")],
                     csat, "", "sd-block--csat", T("csat_note_tasks" if figures.get("csat_of") == "tasks" else "csat_note"))
              if csat else None,
              fold(_table(T("dash_comparison"), [T("cmp_col_figure"), T("cmp_col_value"), T("cmp_col_previous"),
                                                 T("cmp_col_change"), T("cmp_col_verdict")],
                          compare, "", "sd-block--comparison"), "comparison", len(compare), user_id),
              _table(T("dash_tasks_split"), ["", T("dash_col_total"), T("dash_col_internal"), T("dash_col_external")],
                     [el("tr", {"data-key": r["key"]}, *_cells(r, ("total", "internal", "external"), first="label"))
                      for r in d["tasks"]], "", "sd-block--tasks", d["tasks_note"]),
              _table(T("dash_unanswered"), [T("dash_col_channel"), T("dash_col_who"), T("dash_col_text"),
                                            T("dash_col_opened"), T("dash_col_wait"), T("dash_col_messages")],
                     waiting, T("dash_unanswered_none"), "sd-block--unanswered"),
              fold(_table(T("dash_open_tasks" if d["is_current"] else "dash_open_tasks_past"),
                          [T("dash_col_task"), T("dash_col_status"), T("dash_col_responsible"), T("dash_col_created"),
                           T("dash_col_age"), T("dash_col_kind")], tasks, T("dash_open_none"), "sd-block--open-tasks"),
                   "open-tasks", len(tasks), user_id),
              fold(_table(T("dash_specialists"), [T("dash_col_name"), T("dash_col_chat"), T("dash_col_chat_median"),
                                                  T("dash_col_ol"), T("dash_col_ol_median"), d["closed_label"]],
                          people, T("dash_specialists_none"), "sd-block--specialists"),
                   "specialists", len(people), user_id))


def _crm(figures: dict, month: str, lang: str):
    """The smart-process block of a desk on one (issue 27), with its CSV download; None otherwise."""
    if not figures.get("crm"):
        return None
    from .dashboard_crm import crm_block, crm_csv
    from .download import download

    def on_csv(m: str) -> None:
        download(f"servicedesk-stages-{m}.csv", crm_csv(figures["crm"], m, lang))
    return crm_block(figures["crm"], month, lang, _table, on_csv)


def _press(root, month: str) -> None:
    """Mark `month` selected in every chart."""
    for point in root.querySelectorAll(".sd-point"):
        point.setAttribute("aria-pressed", "true" if point.getAttribute("data-month") == month else "false")
    root.setAttribute("data-selected", month)


def render_dashboard(figures: dict, svgs: dict | None, selected: str | None, lang: str, names: dict,
                     problems: dict | None = None, on_open_task=None, charts_note: str = "", on_select=None,
                     on_rows=None, on_scorecard=None, chat_names: dict | None = None, user_id=None,
                     on_print=None):
    """The charts grid and the selected month's details (a detached node; `problems` as the loader's).

    `svgs` {series: SVG} from charts.render_all (None: charts unavailable, `charts_note` says why);
    `on_open_task(task_id)` is called (a coroutine it returns is scheduled) when a task is clicked,
    `on_select(month)` when another month is selected; `on_rows(figure, month, slot)` opens the rows behind a
    figure in `slot` (the details' "Rows" buttons, a second click on the selected month of a chart);
    `on_scorecard(month, slot)` opens the month's specialist scorecard (the details' "By specialist" button);
    `chat_names` {chat id: title} name the rows of the split by chat (a chat without one shows its id);
    `user_id` keys the folded sections remembered in this browser; `on_print` adds "Print / PDF" to the
    summary strip on top (dashboard_summary: the selected month against its targets)."""
    problems = dict(problems or {})
    blocked = series_problems(problems)
    state = {"month": default_month(figures, selected)}
    notes = [el("p", {"class": "sd-notice sd-notice--note", "data-notice": "history", "role": "status"},
                problems["history_limited"])] if problems.get("history_limited") else []
    if not has_data(figures):
        notes.append(el("p", {"class": "sd-notice sd-notice--note", "data-notice": "no-data", "role": "status"},
                        t("dash_no_data", lang)))
    cards = [_card(s, (svgs or {}).get(s), blocked.get(s), charts_note, lang) for s in card_order(figures)]
    if figures.get("crm"):                       # issue 27: time in stage of a smart-process desk
        node = _svg_node((svgs or {}).get("crm_stages") or "") if (svgs or {}).get("crm_stages") else None
        cards.append(el("article", {"class": "sd-card", "data-series": "crm_stages", "data-problem": bool(blocked.get("crm_stages"))},
                        el("div", {"class": "sd-card__chart"}, node) if node is not None else
                        el("div", {"class": "sd-card__empty"}, el("p", {"class": "sd-card__note", "role": "status"},
                                                                 blocked.get("crm_stages") or charts_note or t("dash_chart_failed", lang)))))
    grid = el("div", {"class": "sd-charts", "role": "group", "aria-label": t("dash_charts", lang)}, *cards)
    details = _details(figures, state["month"], lang, names, problems, on_open_task, chat_names, user_id)
    strip = summary_strip(summary(figures, state["month"], lang), lang, on_print)
    slot = el("div", {"class": "sd-rows-slot", "data-slot": "rows"}) if on_rows else None
    root = el("div", {"class": "sd-dash__content", "data-selected": state["month"]},
              *notes, strip, grid, details, slot)
    if on_rows:
        decorate_details(details, state["month"], lang, on_rows, slot)
        if on_scorecard:
            add_button(details, state["month"], lang, on_scorecard, slot)

    _press(root, state["month"])

    def select(month: str) -> None:
        if not month or month == state["month"]:
            return
        state["month"] = month
        _press(root, month)
        details = _details(figures, month, lang, names, problems, on_open_task, chat_names, user_id)
        root.querySelector(".sd-details").replaceWith(details)
        root.querySelector(".sd-summary").replaceWith(summary_strip(summary(figures, month, lang), lang, on_print))
        if on_rows:
            decorate_details(details, month, lang, on_rows, slot)
            if on_scorecard:
                add_button(details, month, lang, on_scorecard, slot)
        if on_select is not None:
            on_select(month)

    def point_of(evt):
        target = evt.target
        return target.closest(".sd-point") if target is not None and hasattr(target, "closest") else None

    def on_click(evt):
        point = point_of(evt)
        if point and on_rows and point.getAttribute("data-month") == state["month"]:
            open_from_point(point, figures, on_rows, slot)
        elif point:
            select(str(point.getAttribute("data-month")))

    def on_key(evt):
        point = point_of(evt)
        if point and evt.key in ("Enter", " ", "Spacebar"):
            evt.preventDefault()
            on_click(evt)

    listen(grid, "click", on_click)
    listen(grid, "keydown", on_key)
    return root
