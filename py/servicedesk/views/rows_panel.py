"""DOM of the rows behind a figure and of the distribution / load panel, from plain data (texts go in as text).

    decorate_details(details, month, lang, on_rows, slot)   "Rows" buttons on the month's details
    open_from_point(point, figures, on_rows, slot)            a chart's selected month clicked again
    rows_panel(table, lang, handlers) -> section                 the table with sort, filters, export
    look_panel(month, dist, svgs, heat_svgs, lang, handlers) -> section   distribution and load
"""
from __future__ import annotations

from ..charts.buckets import bucket_label
from ..charts.labels import breach_series, month_label
from .dom import el, listen, schedule
from .i18n_rows import tr
from .rows_data import headers, shown_rows

CHART_FIGURES = {"chat_dialogues": "chat_dialogues", "chat_response": "chat_response",
                 "openline_dialogues": "openline_dialogues", "openline_response": "openline_response",
                 "tasks_new": "tasks_new", "tasks_closed": "tasks_closed", "time_to_close": "time_to_close",
                 "tasks_open": "tasks_open"}
DETAIL_FIGURES = (("tr[data-group=chat] > th", "chat_dialogues"), ("tr[data-group=openline] > th", "openline_dialogues"),
                  ("tr[data-group=tasks] > th", "tasks_closed"), ("tr[data-key=tasks_new] > th", "tasks_new"),
                  ("tr[data-key=tasks_closed] > th", "tasks_closed"), ("tr[data-key=tasks_open] > th", "tasks_open"),
                  ("tr[data-series=chat] > th", "breach_chat"), ("tr[data-series=openline] > th", "breach_openline"),
                  ("tr[data-series=tasks] > th", "breach_tasks"))


def chart_figure(series: str, figures: dict) -> str | None:
    """The rows a chart's point opens: its own figure; the breach chart opens its first series' breaches."""
    if series == "breach":
        names = breach_series(figures)
        return f"breach_{names[0]}" if names else None
    return CHART_FIGURES.get(series)


def open_from_point(point, figures: dict, on_rows, slot) -> None:
    """A second click (or Enter) on a chart's selected month: the rows of that chart's figure."""
    figure = chart_figure(str(point.getAttribute("data-series")), figures)
    if figure:
        schedule(on_rows(figure, str(point.getAttribute("data-month")), slot))


def _button(text: str, attrs: dict, on_click=None):
    node = el("button", {"type": "button", "class": "sd-button sd-button--small", **attrs}, text)
    if on_click is not None:
        listen(node, "click", lambda _evt: on_click())
    return node


def decorate_details(details, month: str, lang: str, on_rows, slot) -> None:
    """Give each figure of the month's details a "Rows" button and the details a "Distribution and load"
    one; `on_rows(figure, month, slot)` is called (a coroutine it returns is scheduled)."""
    for selector, figure in DETAIL_FIGURES:
        for cell in details.querySelectorAll(f".sd-block--stats {selector}, .sd-block--tasks {selector}, "
                                             f".sd-block--breach {selector}"):
            cell.appendChild(_button(tr("rows", lang), {"class": "sd-link sd-rows-open", "data-action": "rows",
                                                        "data-figure": figure, "aria-label": f"{tr('rows', lang)}: "
                                                        f"{tr('fig_' + figure, lang)}"},
                                     lambda f=figure: on_rows(f, month, slot)))
    details.appendChild(el("p", {"class": "sd-look-open"},
                           _button(tr("dist_show", lang), {"data-action": "look"},
                                   lambda: on_rows("look", month, slot))))


def _select(label: str, options: list[tuple[str, str]], value: str, attrs: dict, on_change):
    node = el("select", attrs, *[el("option", {"value": v, "selected": v == value}, text) for v, text in options])
    listen(node, "change", lambda _evt: on_change(str(node.value)))
    return el("label", {"class": "sd-rows__control"}, label, " ", node)


def rows_panel(table: dict, lang: str, state: dict, handlers: dict):
    """The rows of `table` (metrics.rows) with sortable headers, the specialist and over-target filters, an
    export button and "show more"; `state` {"sort", "descending", "specialist", "over_target"};
    `handlers`: sort(column), specialist(uid|None), over_target(bool), export(), more(), close(),
    open_task(id)."""
    kind = table["kind"]
    title = tr("rows_title", lang).format(figure=tr("fig_" + table["figure"], lang),
                                          month=month_label(table["month"], lang, full=True))
    head = []
    for column, text in zip(table["columns"], headers(table, lang)):
        sort = "none"
        if state.get("sort") == column:
            sort = "descending" if state.get("descending") else "ascending"
        head.append(el("th", {"scope": "col", "aria-sort": sort, "data-column": column},
                       _button(text, {"class": "sd-link sd-rows__sort", "data-sort": column,
                                      "title": tr("rows_sort", lang).format(column=text)},
                               lambda c=column: handlers["sort"](c))))
    body = []
    for row, cells in zip(table["rows"], shown_rows(table, lang)):
        tds = []
        for column, text in zip(table["columns"], cells):
            if kind == "tasks" and column == "title":
                link = _button(text or f"#{row['id']}", {"class": "sd-link", "data-task-id": row["id"]},
                               lambda tid=row["id"]: handlers["open_task"](tid))
                tds.append(el("td", {"data-field": column, "class": "sd-cell-title"}, link))
            else:
                tds.append(el("td", {"data-field": column, "class": "sd-cell-text" if column == "text" else None},
                              text))
        body.append(el("tr", {"data-id": row["id"], "data-over": row.get("over_target")}, *tds))
    people = [("", tr("rows_everyone", lang))] + [(str(p["uid"]), p["name"]) for p in table["specialists"]]
    controls = [_select(tr("rows_specialist", lang), people, str(state.get("specialist") or ""),
                        {"data-control": "specialist"}, lambda v: handlers["specialist"](int(v) if v else None))]
    if table["targets"]:
        box = el("input", {"type": "checkbox", "data-control": "over-target", "checked": bool(state.get("over_target"))})
        listen(box, "change", lambda _evt: handlers["over_target"](bool(box.checked)))
        controls.append(el("label", {"class": "sd-rows__control"}, box, " ", tr("rows_over_target", lang)))
    controls.append(_button(tr("export_csv", lang), {"data-action": "export-csv"}, handlers["export"]))
    shown = len(table["rows"])
    total = tr("rows_total", lang).format(total=table["total"])
    if shown < table["total"]:
        total += f" ({tr('rows_shown', lang).format(shown=shown)})"
    return el("section", {"class": "sd-block sd-rows", "data-figure": table["figure"], "data-month": table["month"],
                          "data-kind": kind, "aria-label": title},
              el("div", {"class": "sd-rows__head"}, el("h3", None, title),
                 _button(tr("rows_close", lang), {"data-action": "close-rows"}, handlers["close"])),
              el("div", {"class": "sd-rows__controls"}, *controls),
              el("p", {"class": "sd-muted", "data-field": "rows-total"}, total),
              el("div", {"class": "sd-table-wrap", "tabindex": "0", "role": "region", "aria-label": title},
                 el("table", {"class": "sd-table sd-rows__table"}, el("thead", None, el("tr", None, *head)),
                    el("tbody", None, *body))) if body else el("p", {"class": "sd-muted"}, tr("rows_none", lang)),
              _button(tr("rows_more", lang), {"data-action": "more-rows"}, handlers["more"])
              if shown < table["total"] else None)


def _svg(svg: str | None):
    if not svg:
        return None
    import js
    doc = js.DOMParser.new().parseFromString(svg, "image/svg+xml")
    if doc.getElementsByTagName("parsererror").length:
        return None
    return js.document.importNode(doc.documentElement, True)


def look_panel(month: str, dist: dict, dist_svgs: dict, heat: dict, heat_svgs: dict, lang: str, handlers: dict):
    """The month's distribution (a table per series and the 12-month stacked charts) and the load heat-maps
    of the month and of the 12 months; `handlers`: export(name), close()."""
    tables = []
    for series, entry in dist["series"].items():
        labels = [bucket_label(b, lang) for b in entry["buckets"]]
        counts = [str(n) for n in entry["months"][month]]
        if "unanswered" in entry:
            labels.append(tr("dist_col_unanswered", lang))
            counts.append(str(entry["unanswered"][month]))
        tables.append(el("div", {"class": "sd-table-wrap", "tabindex": "0", "role": "region",
                                 "aria-label": tr(f"dist_{series}", lang)},
                         el("table", {"class": "sd-table sd-dist", "data-series": series},
                            el("thead", None, el("tr", None, el("th", {"scope": "col"}, tr(f"dist_{series}", lang)),
                                                 *[el("th", {"scope": "col"}, t) for t in labels])),
                            el("tbody", None, el("tr", None, el("th", {"scope": "row"}, month_label(month, lang)),
                                                 *[el("td", {"data-bucket": i}, n) for i, n in enumerate(counts)])))))
    charts = [el("div", {"class": "sd-card__chart", "data-dist": s}, node)
              for s in dist["series"] if (node := _svg(dist_svgs.get(s))) is not None]
    heat_blocks = [el("div", {"class": "sd-heat", "data-heat": key}, el("h4", None, tr(f"heat_{key}", lang)),
                      el("div", {"class": "sd-table-wrap", "tabindex": "0", "role": "region",
                                 "aria-label": tr(f"heat_{key}", lang)}, _svg(heat_svgs.get(key))))
                   for key in ("month", "year")]
    exports = [_button(tr(f"export_{name}", lang), {"data-action": f"export-{name}"},
                       lambda n=name: handlers["export"](n)) for name in ("details", "specialists", "distribution")]
    title = f"{tr('dist_title', lang)}, {month_label(month, lang, full=True)}"
    return el("section", {"class": "sd-block sd-look", "data-month": month, "aria-label": title},
              el("div", {"class": "sd-rows__head"}, el("h3", None, title),
                 _button(tr("rows_close", lang), {"data-action": "close-rows"}, handlers["close"])),
              el("div", {"class": "sd-rows__controls"}, *exports),
              *tables, el("div", {"class": "sd-look__charts"}, *charts) if charts else None,
              el("p", {"class": "sd-muted"}, tr("heat_zone", lang).format(zone=heat.get("time_zone", ""))),
              *heat_blocks)
