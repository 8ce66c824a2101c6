"""The SLA dashboard screen: load the libraries, then the desk's data, compute, draw, render.

A user who supports several desks gets all of them in one shared load (loader.load_desks); the
desk switcher then shows another of them without loading again; refresh and "clear cache" reload all.

Boot: stages go to index.html's progress bar (85-100 %); a refresh uses the screen's own bar. Every
failure ends in a clear state on the screen (and the log), never a blank page: libraries that cannot
load, a portal error, series the user may not read (shown on those charts' cards).
"""
from __future__ import annotations

import asyncio
import logging

from .. import runtime
from ..model.settings import Settings
from .dashboard_shell import DashboardShell
from .i18n import t

log = logging.getLogger("servicedesk.dashboard")


DIGEST_CHART = "digest"        # the digest panel's chart among the saved view's charts


def week_digest_of(items, monday, desk=None):
    """metrics.digest.week_digest (imported when first used: numpy is loaded by then); a ``desk`` on a smart
    process gives its items as the second line (decision 167)."""
    from ..metrics.crm import crm_desk_series
    from ..metrics.digest import week_digest
    crm = None if desk is None else crm_desk_series(desk.settings, getattr(desk, "crm_items", []),
                                                    getattr(desk, "crm_history", []), getattr(desk, "crm_stages", []),
                                                    desk.now)
    return week_digest(items, monday, crm)


BOOT_FROM, BOOT_TO = 86, 99     # the boot bar's share for this screen (main.py has used up to 85)


class DashboardScreen:
    """State of one open dashboard: its shell, the data of the last load, the selected month."""

    def __init__(self, visit):
        self.visit = visit
        from .desk_views import pick_desk
        pick_desk(visit)                     # the remembered desk, if the user still supports it
        self.lang = visit.lang
        self.booting = True
        self.selected: str | None = None
        self.charts_note = ""
        self.stored_charts: dict = {}          # {name: {"key", "svg"}} of the charts last shown
        self.numpy = self.charts_lib = None    # the libraries' loads (futures of runtime.LoadResult)
        self.desk = self.figures = None        # the shown desk's records and figures (the rows behind them)
        self.loaded: dict = {}                 # {desk id: DeskData} of the last shared load (several desks)
        from .dashboard_rows import RowsHook
        self.rows = RowsHook(self)             # rows behind a figure, distribution and load
        from .scorecard_panel import ScorecardHook   # issue 17: the month's scorecard by specialist
        self.scorecard = ScorecardHook(self)
        self.shell = DashboardShell(self.lang, on_refresh=self.refresh, on_clear=self.clear_cache)
        self.shell.add_links(self._links())

    def _links(self) -> list:
        """Ways out of the dashboard: My requests, the admin's settings, when the bot last polled."""
        from .my_requests import bot_poll_line
        from . import settings_link
        links = [self.shell.button(t("my_requests", self.lang), self.open_my_requests, "my-requests"),
                 settings_link(self.visit)]
        if self.visit.ctx.is_support:
            links.append(bot_poll_line(self.visit))
        from .desk_views import switcher
        links.insert(0, switcher(self.visit, self.switch_desk))   # None with fewer than two desks
        return [node for node in links if node is not None]

    def stage(self, share: float, text: str) -> None:
        """Progress `share` (0-1) of this load with label `text`, on the boot bar or the screen's bar
        (also while the saved dashboard is shown: the boot bar has made way for it)."""
        if self.booting and not self.shell.cached:
            runtime.progress(text, BOOT_FROM + (BOOT_TO - BOOT_FROM) * share)
        else:
            self.shell.progress(100 * share, text)

    async def start(self) -> None:
        """Load numpy (and matplotlib when no stored chart can be reused) while the data loads."""
        from .snapshot import read_snapshot
        self.stage(0.0, t("dash_loading_data", self.lang))
        self.stored_charts = (await read_snapshot(self.visit)).get("charts") or {}
        self.numpy = asyncio.create_task(runtime.load_packages(["numpy"]))
        if not self.stored_charts:       # first open in this browser: every chart will be drawn
            self.charts_lib = asyncio.create_task(runtime.load_packages(["matplotlib"]))
        await self.load()

    def _no_packages(self, reason: str) -> None:
        log.warning("dashboard libraries: %s", reason)
        self.shell.set_state("no-packages")
        self.shell.refresh_button.hidden = self.shell.clear_button.hidden = True
        self.shell.notice(t("dash_no_packages", self.lang).format(reason=reason), "warning", "packages")

    async def refresh(self) -> None:
        """The refresh button: load again (the loader reads only what changed) and re-render."""
        if not self.booting:
            await self.load()

    async def switch_desk(self, desk_id: int) -> None:
        """A desk chosen in the switcher (visit.ctx already describes it): shown from the last shared
        load when it holds the desk, else loaded."""
        if not self.booting:
            await self.load(reuse=desk_id in self.loaded)

    async def clear_cache(self) -> None:
        """Forget this portal's records kept in this browser, then load everything again."""
        if not self.booting:
            from ..loader import clear_cache
            await clear_cache(self.visit)
            await self.load()

    async def load(self, reuse: bool = False) -> None:
        """Load (``reuse``: take the desk from the last shared load) and render; never a blank page."""
        self.shell.busy(True)
        try:
            await self._load(reuse)
        except Exception as exc:     # any failure becomes a message, never a blank page
            from ..rest.errors import PortalError
            if isinstance(exc, PortalError):
                log.warning("dashboard load: %s", exc)
            else:
                log.exception("dashboard load failed")
            self.shell.set_state("error" if self.booting else self.shell.root.getAttribute("data-state"))
            from .i18n import error_text
            zone = (self.visit.ctx.settings or {}).get("time_zone") or "UTC"
            self.shell.notice(error_text(exc, self.lang, zone), "error", "load")
        finally:
            self.booting = False
            self.shell.busy(False)
            self.shell.progress_done()

    async def _fetch(self):
        """The shown desk's data: with several desks the user supports, all of them in one shared
        load, kept in ``self.loaded`` for the switcher (only desks in ``ctx.my_desks``)."""
        lang = self.lang
        self.stage(0.05, t("dash_loading_data", lang))
        what = {"openline": t("dash_stage_openline", lang)}

        def on_progress(done: int, total: int, stage: str) -> None:
            self.stage(0.05 + 0.65 * (done / total if total else 0), what.get(stage, t("dash_loading_data", lang)))

        ctx = self.visit.ctx
        ids = [d.id for d in ctx.my_desks]
        self.loaded = {}
        if len(ids) > 1 and ctx.desk_id in ids:
            from ..loader import load_desks
            self.loaded = await load_desks(self.visit, ids, progress=on_progress)
            return self.loaded[ctx.desk_id]        # the one chosen meanwhile, if the user switched
        from ..loader import load_desk
        return await load_desk(self.visit, progress=on_progress)

    async def _load(self, reuse: bool = False) -> None:
        lang = self.lang
        desk = self.loaded.get(self.visit.ctx.desk_id) if reuse else None
        if desk is None:
            desk = await self._fetch()
        if getattr(desk, "pauses", None) is None:
            desk.pauses = await self._pauses(desk)
        if getattr(desk, "task_votes", None) is None:
            from ..bot.csat import load_votes
            desk.task_votes = await load_votes(self.visit.client, desk.settings)
        if not self.numpy.done():
            self.stage(0.72, t("dash_loading_packages", lang))
        numpy = await self.numpy
        if not numpy.ok:
            self._no_packages(numpy.reason)
            return
        self.stage(0.75, t("dash_computing", lang))
        await asyncio.sleep(0)
        from ..metrics import compute_desk
        figures = compute_desk(desk.messages, desk.users, desk.sessions, desk.tasks, desk.settings,
                               desk.support_ids, desk.now, time_zone=desk.settings.time_zone,
                               pauses=getattr(desk, "pauses", None), task_votes=getattr(desk, "task_votes", None))
        if getattr(desk.settings, "on_crm", False):    # issue 27: the smart process's figures, from its stage history
            from ..metrics.crm import crm_desk_figures
            figures["crm"] = crm_desk_figures(desk.settings, desk.crm_items, desk.crm_history, desk.crm_stages,
                                              desk.now)
            from ..metrics.second_line import merge_into_months      # tasks before a switch, items after
            merge_into_months(figures, figures["crm"], desk.settings.second_line_switches, "crm")
            from ..metrics.second_line import add_open_items     # open items join the open and at-risk lists
            add_open_items(figures, figures["crm"], desk.settings.crm_entity_type_id)
        self.desk, self.figures = desk, figures
        from .dashboard_data import default_month, format_when, names_of
        self.selected = default_month(figures, self.selected)
        svgs = await self._charts(figures)
        names = names_of(desk.users)
        names.setdefault(self.visit.ctx.user_id, self.visit.ctx.user_name)
        from .dashboard_render import render_dashboard
        node = render_dashboard(figures, svgs, self.selected, lang, names, desk.problems,
                                on_open_task=self.open_task, charts_note=self.charts_note,
                                on_select=self.select, on_rows=self.rows.open, on_scorecard=self.scorecard.open,
                                chat_names=getattr(desk, "chat_names", None), user_id=self.visit.ctx.user_id,
                                on_print=self.print_month)
        self.shell.clear_notices()
        self.shell.show(node)
        await asyncio.sleep(0)                   # the figures paint first; the digest panel follows
        await self._digest(desk, node)
        stamp = f"{t('dash_as_of', lang)} {format_when(figures['now'], lang)}"
        self.shell.set_stamp(stamp)
        from .snapshot import write_snapshot    # kept before "ready": the next open finds it
        await write_snapshot(self.visit, html=str(node.outerHTML), title=t("dashboard", lang),
                             stamp=f"{stamp} · {t('dash_cached', lang)}", charts=self.stored_charts)
        self.shell.set_state("ready")
        log.info("dashboard: %s, warm=%s, problems=%s", "shown from the last load" if reuse else
                 f"{desk.requests} requests", desk.warm, sorted(desk.problems))

    async def _digest(self, desk, node) -> None:
        """The manager's "this week's digest" panel (decisions 113, 156): last full week's digest, the same
        computation the worker sends (metrics.digest over the rows' items), and its 12-week chart drawn by
        the code that draws the bot's image (an SVG here); after the charts: the summary strip stays the
        first thing on screen (issue 29)."""
        ctx = self.visit.ctx
        if getattr(ctx, "user_id", None) != getattr(ctx, "owner_id", None) or \
                not getattr(desk.settings, "digest_on", False):   # (the test stand-in: no owner, no settings)
            return
        try:
            from ..bot.digest import digest_lines
            from ..metrics.digest import last_full_week
            from ..metrics.months import zone_of
            from .dom import el
            d = week_digest_of(self.rows.items(), last_full_week(desk.now, zone_of(desk.settings.time_zone)), desk)
            lines = digest_lines(d, self.lang)
            panel = el("section", {"class": "sd-block sd-block--digest", "data-week": d["week"]},
                       el("h3", None, t("dash_digest", self.lang)),
                       el("ul", None, *[el("li", None, line) for line in lines[1:]]))
            node.insertBefore(panel, node.querySelector(".sd-details"))   # None: at the end
        except Exception:      # the dashboard matters more than its digest panel
            log.exception("dashboard: digest panel")
            return
        try:
            chart = await self._digest_chart(d)
            if chart is not None:
                panel.appendChild(el("div", {"class": "sd-digest__chart"}, chart))
        except Exception:
            log.exception("dashboard: digest chart")

    async def _digest_chart(self, d: dict):
        """The digest's chart as an SVG node: reused from the saved view when its data did not change (no
        matplotlib then), else drawn (charts.digest_chart); None without the chart libraries."""
        import js

        from ..charts.keys import digest_chart_key
        key = digest_chart_key(d, self.lang)
        stored = self.stored_charts.get(DIGEST_CHART) or {}
        svg = stored.get("svg") if stored.get("key") == key else None
        if svg is None:
            if self.charts_lib is None:
                self.charts_lib = asyncio.create_task(runtime.load_packages(["matplotlib"]))
            if not (await self.charts_lib).ok:
                return None
            from ..charts.digest_chart import digest_svg
            svg = digest_svg(d, self.lang)
        self.stored_charts[DIGEST_CHART] = {"key": key, "svg": svg}
        doc = js.DOMParser.new().parseFromString(svg, "image/svg+xml")
        if doc.getElementsByTagName("parsererror").length:
            return None
        return js.document.importNode(doc.documentElement, True)

    async def _pauses(self, desk) -> dict:
        """The tasks' paused spans (decisions 100–101); {} when the desk pauses nothing or the portal
        refuses (the figures then count every minute, as before)."""
        st = desk.settings
        if not isinstance(st, Settings) or not (st.pause_statuses or st.pause_tag):
            return {}                            # (the CPython-fed test stand-in has no real settings)
        from datetime import timedelta

        from ..bot.task_pauses import load_pauses
        from ..rest import PortalError
        self.pause_cache = getattr(self, "pause_cache", {})
        try:
            return await load_pauses(self.visit.client, desk.tasks, st, desk.now - timedelta(days=400),
                                     self.pause_cache)
        except (PortalError, ValueError, TypeError, AttributeError) as exc:   # a refusal or an odd answer
            log.warning("dashboard: paused spans not read (%s)", exc)
            return {}

    async def _charts(self, figures: dict) -> dict:
        """The 8 SVGs (and the breach chart with targets): a chart drawn before with the same key is
        reused as it was; the others are drawn one at a time so that the bar moves, loading matplotlib
        only then (a failed chart shows a note on its card)."""
        from ..charts import chart_names
        from ..charts.keys import chart_key
        names = chart_names(figures)
        keys = {name: chart_key(figures, name, self.lang) for name in names}
        svgs = {name: self.stored_charts[name]["svg"] for name in names
                if (self.stored_charts.get(name) or {}).get("key") == keys[name]}
        todo = [name for name in names if name not in svgs]
        if todo:
            if self.charts_lib is None:
                self.charts_lib = asyncio.create_task(runtime.load_packages(["matplotlib"]))
            self.stage(0.78, t("dash_loading_packages", self.lang))
            charts = await self.charts_lib
            self.charts_note = "" if charts.ok else t("dash_no_packages", self.lang).format(reason=charts.reason)
        if todo and not self.charts_note:
            from ..charts import render_chart
            for i, name in enumerate(todo):
                self.stage(0.8 + 0.2 * i / len(todo), t("dash_drawing", self.lang))
                await asyncio.sleep(0)
                try:
                    svgs[name] = render_chart(figures, name, self.selected, self.lang)
                except Exception:
                    log.exception("chart %s", name)
        log.info("charts: %d drawn, %d reused", len(svgs) - (len(names) - len(todo)), len(names) - len(todo))
        kept = {DIGEST_CHART: self.stored_charts[DIGEST_CHART]} if DIGEST_CHART in self.stored_charts else {}
        self.stored_charts = {**kept, **{name: {"key": keys[name], "svg": svg} for name, svg in svgs.items()}}
        if figures.get("crm") and not self.charts_note:    # issue 27 (drawn each time: not in the saved view)
            try:
                if self.charts_lib is None:
                    self.charts_lib = asyncio.create_task(runtime.load_packages(["matplotlib"]))
                if (await self.charts_lib).ok:
                    from ..charts.stages import render_stage_chart
                    svgs["crm_stages"] = render_stage_chart(figures["crm"], self.selected, self.lang)
            except Exception:
                log.exception("chart crm_stages")
        return svgs

    async def open_my_requests(self) -> None:
        """The screen every user has (it needs no chart libraries)."""
        from . import open_view
        await open_view("my_requests", self.visit)

    def print_month(self) -> None:
        """The browser's own print of the selected month (the print stylesheet lays it out on A4)."""
        import js
        js.window.print()

    def select(self, month: str) -> None:
        """The month chosen in the charts (kept across refreshes)."""
        self.selected = month

    async def open_task(self, task_id: int, entity_type_id: int | None = None) -> None:
        """Open a task (or, with ``entity_type_id``, a smart-process item) of the open list in the portal's slider."""
        from ..bot.refs import item_view_path, task_view_path
        path = (item_view_path(entity_type_id, task_id) if entity_type_id
                else task_view_path(self.visit.ctx.user_id, task_id))
        try:
            await self.visit.ui.open_path(path)
        except Exception as exc:     # noqa: BLE001
            log.warning("open task %s: %s", task_id, exc)
            self.shell.notice(f"{t('dash_open_failed', self.lang)}: {exc}", "warning", "open-task")


async def show_view(visit) -> None:
    """Render the dashboard for the support group's owner and members (see context.choose_view)."""
    screen = DashboardScreen(visit)
    await screen.start()
    runtime.progress_done()
