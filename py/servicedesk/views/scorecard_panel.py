"""The "By specialist" panel of the month's details: on opening, the month's scorecard is loaded on demand
(``scorecard_data.month_scorecard``) and shown as a table, one row per specialist with the figures side by
side and a 12-month trend of the median response; a CSV download. Texts from the portal go in as text.

The screen creates one ``ScorecardHook(self)`` and passes ``on_scorecard=hook.open`` to render_dashboard.
"""
from __future__ import annotations

import asyncio
import logging

from .dom import el, listen, schedule
from .i18n import t
from .scorecard_data import COLUMNS, cell_text, column_label, month_scorecard, scorecard_csv, table

log = logging.getLogger("servicedesk.scorecard")
SVG_NS = "http://www.w3.org/2000/svg"


def _button(text: str, action: str, on_click):
    node = el("button", {"type": "button", "class": "sd-button sd-button--small", "data-action": action}, text)
    listen(node, "click", lambda _evt: on_click())
    return node


def add_button(details, month: str, lang: str, on_scorecard, slot) -> None:
    """The details' "By specialist" button; ``on_scorecard(month, slot)`` (a coroutine it returns is scheduled)."""
    def fire():
        schedule(on_scorecard(month, slot))
    details.appendChild(el("p", {"class": "sd-score-open"}, _button(t("score_open", lang), "scorecard", fire)))


def trend_svg(values: list, lang: str):
    """A 12-point sparkline of the median response (gaps where a month has none)."""
    import js
    width, height = 96, 24
    known = [v for v in values if v is not None]
    svg = js.document.createElementNS(SVG_NS, "svg")
    for key, value in (("viewBox", f"0 0 {width} {height}"), ("width", width), ("height", height),
                       ("class", "sd-score-trend"), ("role", "img"), ("aria-label", t("score_trend", lang))):
        svg.setAttribute(key, str(value))
    if not known:
        return svg
    top = max(known) or 1
    step = width / max(len(values) - 1, 1)
    points = " ".join(f"{i * step:.1f},{height - 2 - (v / top) * (height - 4):.1f}"
                      for i, v in enumerate(values) if v is not None)
    line = js.document.createElementNS(SVG_NS, "polyline")
    for key, value in (("points", points), ("fill", "none"), ("stroke", "currentColor"), ("stroke-width", "1.5")):
        line.setAttribute(key, value)
    svg.appendChild(line)
    return svg


class ScorecardHook:
    """The scorecard panel of one dashboard screen (the month's card, kept until the next load)."""

    def __init__(self, screen):
        self.screen = screen
        self.cards: dict = {}          # {(id of the loaded desk, month): card}

    async def open(self, month: str, slot) -> None:
        """Load (once per loaded desk and month) and show the scorecard of ``month`` in ``slot``."""
        lang, screen = self.screen.lang, self.screen
        slot.replaceChildren(el("p", {"class": "sd-muted", "role": "status", "data-field": "score-loading"},
                                t("score_loading", lang)))
        await asyncio.sleep(0)
        try:
            key = (id(screen.desk), month)
            if key not in self.cards:
                self.cards = {key: await month_scorecard(screen.visit.client, screen.desk, month,
                                                         (getattr(screen, "figures", None) or {}).get("crm"))}
            from .dashboard_data import names_of
            panel = self.panel(self.cards[key], names_of(screen.desk.users), month, slot)
        except Exception as exc:
            log.exception("scorecard %s", month)
            panel = el("p", {"class": "sd-notice sd-notice--error", "role": "alert", "data-field": "score-error"},
                       f"{t('score_failed', lang)}: {exc}")
        slot.replaceChildren(panel)

    def panel(self, card: dict, names: dict, month: str, slot):
        from ..charts.labels import month_label
        from .rows_data import file_name
        lang = self.screen.lang
        rows = table(card, names)
        head = el("tr", None, el("th", {"scope": "col"}, t("score_col_name", lang)),
                  *(el("th", {"scope": "col", "data-col": k}, column_label(card, text, lang)) for k, text, _ in COLUMNS),
                  el("th", {"scope": "col"}, t("score_trend", lang)))
        body = [el("tr", {"data-user": r["uid"]}, el("th", {"scope": "row"}, r["name"]),
                   *(el("td", {"data-col": k, "data-value": "" if r["values"][k] is None else repr(r["values"][k])},
                        cell_text(k, r["values"][k], lang) + (f" ({r['ratings']})" if k == "rating" and r["ratings"] else ""))
                     for k, _, _ in COLUMNS),
                   el("td", {"data-col": "trend"}, trend_svg(r["trend"], lang))) for r in rows]

        def export():
            from .download import download
            download(file_name("specialists-scorecard", month), scorecard_csv(card, names, lang))
        return el("section", {"class": "sd-score", "data-month": month, "data-panel": "scorecard"},
                  el("h3", None, f"{t('score_title', lang)}: {month_label(month, lang, full=True)}"),
                  el("p", {"class": "sd-muted"}, t("score_note", lang)),
                  el("div", {"class": "sd-table-wrap", "tabindex": "0", "role": "region",     # keyboard-scrollable
                             "aria-label": t("score_title", lang)},
                     el("table", {"class": "sd-table sd-score__table"}, el("thead", None, head), el("tbody", None, *body)))
                  if rows else el("p", {"class": "sd-muted", "data-field": "score-empty"}, t("score_empty", lang)),
                  el("p", {"class": "sd-rows__actions"}, _button(t("score_export", lang), "score-export", export),
                     _button(t("score_close", lang), "score-close", lambda: slot.replaceChildren())))
