"""The dashboard's summary strip and its lists as DOM: tiles from dashboard_summary, tables that show
their first rows with "show all N", and sections that fold, remembered per user in this browser.

    summary_strip(data, lang, on_print=None)   -> the strip (its "now" counts jump to their lists)
    cap_rows(block, lang, first=10)            -> adds "show all N" to a table block of more rows
    fold(block, key, count, user_id)           -> the block as a <details>, its state remembered
"""
from __future__ import annotations

import js

from .dom import el, listen
from .i18n import t

FIRST = 10
FOLD_KEY = "servicedesk:fold:{user}:{key}"      # localStorage: "open" | "closed"


def _jump(target_cls: str):
    """Scroll to the block `target_cls` of the details and focus it (keyboard users land there too)."""
    def go(_evt):
        node = js.document.querySelector(f".{target_cls}")
        if node is None:
            return
        if node.tagName == "DETAILS":
            node.open = True
        node.setAttribute("tabindex", "-1")
        node.scrollIntoView()
        node.focus()
    return go


def _tile(tile: dict, lang: str):
    mark = {"met": "✓", "breached": "✗", "none": "–"}[tile["state"]]
    return el("li", {"class": "sd-tile", "data-series": tile["series"], "data-state": tile["state"]},
              el("h3", {"class": "sd-tile__label"}, tile["label"]),
              el("p", {"class": "sd-tile__figure"}, el("span", {"data-field": "figure"}, tile["figure"]),
                 el("span", {"class": "sd-tile__sub"}, f" {t('sum_median', lang)}")),
              el("p", {"class": "sd-tile__state", "data-field": "state"},
                 el("span", {"aria-hidden": "true"}, f"{mark} "), tile["state_text"]),
              el("p", {"class": "sd-tile__line", "data-field": "target"}, f"{t('sum_target', lang)}: {tile['target']}"),
              el("p", {"class": "sd-tile__line", "data-field": "change", "data-verdict": tile["verdict"]},
                 f"{tile['change']} {t('sum_vs_prev', lang)}"),
              el("p", {"class": "sd-tile__line", "data-field": "breach"},
                 f"{t('sum_breach_pct', lang)}: {tile['breach_pct']} ({tile['breach_count']})"))


def _now(key: str, count: int, target_cls: str, lang: str):
    button = el("button", {"type": "button", "class": "sd-tile__jump", "data-jump": target_cls},
                el("span", {"class": "sd-tile__label"}, t(f"sum_{key}", lang)),
                el("strong", {"class": "sd-tile__count", "data-field": key}, str(count)))
    listen(button, "click", _jump(target_cls))
    return el("li", {"class": "sd-tile sd-tile--now", "data-now": key, "data-count": count}, button)


def summary_strip(data: dict, lang: str, on_print=None):
    """The strip of month `data["month"]` (dashboard_summary.summary's result)."""
    items = [_tile(tile, lang) for tile in data["tiles"]]
    items.append(_now("waiting_now", data["waiting_now"], "sd-block--unanswered", lang))
    if data["tiles"]:
        items.append(_now("breached_now", data["breached_now"], "sd-block--breached-now", lang))
    head = el("div", {"class": "sd-summary__head"}, el("h2", {"class": "sd-summary__title", "id": "sd-summary-title"}, t("sum_title", lang)))
    if on_print is not None:
        button = el("button", {"type": "button", "class": "sd-button sd-button--small sd-no-print",
                               "data-action": "print"}, t("sum_print", lang))
        listen(button, "click", lambda _evt: on_print())
        head.appendChild(button)
    return el("section", {"class": "sd-summary", "data-month": data["month"], "aria-labelledby": "sd-summary-title"},
              head, el("ul", {"class": "sd-summary__tiles"}, *items))


def cap_rows(block, lang: str, first: int = FIRST) -> None:
    """Hide the rows of `block`'s table after the `first`; a button shows them all (and back)."""
    rows = list(block.querySelectorAll("tbody > tr"))
    if len(rows) <= first:
        return
    for row in rows[first:]:
        row.hidden = True
    block.setAttribute("data-capped", "true")
    button = el("button", {"type": "button", "class": "sd-link sd-show-all sd-no-print", "aria-expanded": "false",
                           "data-action": "show-all"}, t("list_show_all", lang).format(n=len(rows)))

    def toggle(_evt):
        showing = button.getAttribute("aria-expanded") == "true"
        for row in rows[first:]:
            row.hidden = showing
        button.setAttribute("aria-expanded", "false" if showing else "true")
        block.setAttribute("data-capped", "true" if showing else "false")
        button.textContent = (t("list_show_all", lang).format(n=len(rows)) if showing
                              else t("list_show_less", lang).format(n=first))
    listen(button, "click", toggle)
    block.appendChild(button)


def _storage():
    try:
        return js.window.localStorage
    except Exception:            # noqa: BLE001 - storage off (a browser policy): sections start folded
        return None


def fold(block, key: str, count: int, user_id):
    """Make `block` (a div.sd-block with an h3) a folding section, its count in the header; folded or
    not as this user left it in this browser (folded the first time)."""
    heading = block.querySelector("h3")
    if heading is None:
        return block
    details = el("details", {"class": block.getAttribute("class") + " sd-fold", "data-fold": key})
    summary = el("summary", {"class": "sd-fold__head"})
    heading.appendChild(el("span", {"class": "sd-fold__count", "data-field": "count"}, f" ({count})"))
    summary.appendChild(heading)
    details.appendChild(summary)
    while block.firstChild is not None:
        details.appendChild(block.firstChild)
    store, name = _storage(), FOLD_KEY.format(user=user_id or 0, key=key)
    details.open = store is not None and store.getItem(name) == "open"

    def remember(_evt):
        if store is not None:
            store.setItem(name, "open" if details.open else "closed")
    listen(details, "toggle", remember)
    return details
