"""The dashboard's way behind its numbers: the rows of a figure (pandas, loaded on first use), the month's
distribution and load heat-maps, and CSV downloads — all from the desk the screen loaded last
(`screen.desk`, `screen.figures`), in the browser; nothing is sent anywhere.

The screen creates one `RowsHook(self)` and passes `on_rows=hook.open` to render_dashboard.
"""
from __future__ import annotations

import asyncio
import logging

from .. import runtime
from .dom import el
from .i18n_rows import tr

log = logging.getLogger("servicedesk.rows")
PAGE = 200          # rows put in the table at a time ("show more" adds as many); exports take them all


class RowsHook:
    """State of the rows / distribution panel of one dashboard screen."""

    def __init__(self, screen):
        self.screen = screen
        self.slot = None
        self.state: dict = {}
        self._desk = self._items = self._rows = None

    @property
    def lang(self) -> str:
        return self.screen.lang

    def items(self):
        """The loaded desk's items (metrics.items, numpy), built once per load."""
        desk = self.screen.desk
        if desk is not self._desk:
            from ..metrics.items import DeskItems
            self._items = DeskItems(desk.messages, desk.users, desk.sessions, desk.tasks, desk.settings,
                                    desk.support_ids, desk.now, time_zone=desk.settings.time_zone,
                                    pauses=getattr(desk, "pauses", None),
                                    task_votes=getattr(desk, "task_votes", None))
            self._desk, self._rows = desk, None
        return self._items

    async def rows(self):
        """metrics.rows over the items; pandas is loaded here, the first time rows are asked for."""
        items = self.items()
        if self._rows is None:
            loaded = await runtime.load_packages(["pandas"])
            if not loaded.ok:
                raise RuntimeError(loaded.reason)
            from ..metrics.rows import DeskRows
            self._rows = DeskRows(items)
        return self._rows

    async def open(self, figure: str, month: str, slot) -> None:
        """Show the rows of `figure` in `month` ("look": the distribution and load panel) in `slot`."""
        self.slot = slot
        if figure != "look":
            self.state = {"figure": figure, "month": month, "sort": None, "descending": False, "specialist": None,
                          "over_target": False, "limit": PAGE}
        slot.replaceChildren(el("p", {"class": "sd-muted", "role": "status", "data-field": "rows-loading"},
                                tr("rows_loading", self.lang)))
        await asyncio.sleep(0)
        try:
            await (self._look(month) if figure == "look" else self._render())
        except Exception as exc:
            log.exception("rows %s %s", figure, month)
            slot.replaceChildren(el("p", {"class": "sd-notice sd-notice--error", "role": "alert",
                                          "data-field": "rows-error"}, f"{tr('rows_failed', self.lang)}: {exc}"))

    def _table(self, rows, limit):
        s = self.state
        return rows.table(s["figure"], s["month"], specialist=s["specialist"], over_target=s["over_target"],
                          sort=s["sort"], descending=s["descending"], limit=limit)

    async def _render(self, focus: str | None = None) -> None:
        from .rows_panel import rows_panel
        rows = await self.rows()
        panel = rows_panel(self._table(rows, self.state["limit"]), self.lang, self.state, {
            "sort": self._sort, "specialist": lambda uid: self._set(specialist=uid),
            "over_target": lambda on: self._set(over_target=on), "more": self._more, "export": self._export_rows,
            "close": self.close, "open_task": self.screen.open_task})
        self.slot.replaceChildren(panel)
        target = panel.querySelector(focus) if focus else None
        if target is not None:
            target.focus()

    async def _sort(self, column: str) -> None:
        same = self.state["sort"] == column
        self.state.update(sort=column, descending=not self.state["descending"] if same else False)
        await self._render(f'[data-sort="{column}"]')

    async def _set(self, **change) -> None:
        self.state.update(change, limit=PAGE)
        await self._render()

    async def _more(self) -> None:
        self.state["limit"] += PAGE
        await self._render()

    async def _export_rows(self) -> None:
        from .rows_data import file_name, rows_csv
        table = self._table(await self.rows(), None)
        self._download(file_name(self.state["figure"], self.state["month"]), lambda: rows_csv(table, self.lang))

    def _download(self, name: str, make) -> None:
        from .download import download
        try:
            download(name, make())
        except Exception as exc:
            log.exception("export %s", name)
            self.slot.appendChild(el("p", {"class": "sd-notice sd-notice--error", "role": "alert"},
                                     f"{tr('export_failed', self.lang)}: {exc}"))

    def close(self) -> None:
        if self.slot is not None:
            self.slot.replaceChildren()

    async def _look(self, month: str) -> None:
        """The month's distribution with the 12-month stacked charts (when matplotlib loads) and the heat-maps."""
        from ..charts.heatmap import render_heatmap
        from ..metrics.distribution import distribution
        from ..metrics.heatmap import heatmap
        from .rows_panel import look_panel
        items = self.items()
        dist, heat = distribution(items), heatmap(items)
        charts = {}
        if (await runtime.load_packages(["matplotlib"])).ok:
            from ..charts.distribution import render_distribution
            for series in dist["series"]:
                try:
                    charts[series] = render_distribution(dist, series, month, self.lang)
                except Exception:
                    log.exception("distribution chart %s", series)
        heat_svgs = {"month": render_heatmap(heat["months"][month], self.lang, tr("heat_month", self.lang)),
                     "year": render_heatmap(heat["year"], self.lang, tr("heat_year", self.lang))}
        self.slot.replaceChildren(look_panel(month, dist, charts, heat, heat_svgs, self.lang,
                                             {"export": lambda name: self._export(name, month, dist),
                                              "close": self.close}))

    def _export(self, name: str, month: str, dist: dict) -> None:
        from .dashboard_data import names_of
        from .rows_data import details_csv, distribution_csv, file_name, specialists_csv
        figures = self.screen.figures
        make = {"details": lambda: details_csv(figures, month, self.lang),
                "specialists": lambda: specialists_csv(figures, month, self.lang, names_of(self.screen.desk.users)),
                "distribution": lambda: distribution_csv(dist, self.lang)}[name]
        self._download(file_name(name, None if name == "distribution" else month), make)
