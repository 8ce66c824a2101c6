"""The rows behind a figure, the distribution and load panel and the CSV downloads in Chromium (DESIGN §2):
the real dashboard screen and the real panels run on tables, distributions and SVGs computed on CPython
from the golden desk (with formula-looking and HTML chat text), served as JSON to the harness. The screen
gets its rows hook as dashboard.py is to give it (`RowsHook(screen)`, `on_rows=hook.open`) until it does."""
from __future__ import annotations

import copy

import pytest
from playwright.sync_api import expect

from servicedesk.charts import render_all
from servicedesk.charts.distribution import render_distribution
from servicedesk.metrics import compute_from_input
from servicedesk.metrics.distribution import distribution
from servicedesk.metrics.heatmap import heatmap
from servicedesk.views.dashboard_data import names_of
from servicedesk.views.rows_data import details_csv, distribution_csv, rows_csv, shown_rows, specialists_csv
from tests.e2e.harness import LIBRARY_STUBS, route_dashboard
from tests.paths import golden_data
from tests.unit.test_rows import rows_of

pytestmark = pytest.mark.e2e
FORMULA = '=HYPERLINK("http://x";"<b>клик</b>")'
CURRENT = "2026-11"

ROWS_MAIN = LIBRARY_STUBS + """
asked = []
async def load_packages(names):      # every library "loads"; what was asked is on window.sdAsked
    names = list(names)
    asked.extend(names)
    js.window.sdAsked = ",".join(asked)
    return runtime.LoadResult(True, names)
runtime.load_packages = load_packages

def key(figure, month, specialist, over_target, sort, descending):
    return f"{figure}|{month}|{specialist or ''}|{int(bool(over_target))}|{sort or ''}|{int(bool(descending))}"

class Rows:                          # metrics.rows.DeskRows on CPython's tables
    def __init__(self, items):
        pass
    def table(self, figure, month, *, specialist=None, over_target=False, sort=None, descending=False, limit=None):
        t = dict(data["tables"][key(figure, month, specialist, over_target, sort, descending)])
        return {**t, "rows": t["rows"][:limit] if limit else t["rows"]}

stub("servicedesk.metrics.items", DeskItems=lambda *a, **k: ns())
stub("servicedesk.metrics.rows", DeskRows=Rows)
stub("servicedesk.metrics.distribution", distribution=lambda items: data["dist"])
stub("servicedesk.metrics.heatmap", heatmap=lambda items: data["heat"])
stub("servicedesk.charts.distribution", render_distribution=lambda d, s, m=None, lang="ru": data["dist_svgs"][s])
desk = ns(messages=[], users=data["users"], sessions=[], tasks=[], support_ids=set(), now=None,
          settings=ns(time_zone=data["figures"]["time_zone"]), problems={}, requests=0, warm=False,
          task_votes=[])

async def load_desk(visit, progress=None):
    return desk

stub("servicedesk.loader", load_desk=load_desk).__path__ = [servicedesk.__path__[0] + "/loader"]
from servicedesk.views import dashboard_render, dashboard
from servicedesk.views.dashboard_rows import RowsHook
real_render = dashboard_render.render_dashboard

def render_with_rows(figures, *args, **kw):      # what dashboard.py is to do: keep desk/figures, pass the hook
    screen = SCREENS[-1]
    screen.desk, screen.figures = desk, figures
    kw.setdefault("on_rows", screen.rows_hook.open)
    return real_render(figures, *args, **kw)

SCREENS = []
real_init = dashboard.DashboardScreen.__init__
def init(self, visit):
    real_init(self, visit)
    self.rows_hook = RowsHook(self)
    SCREENS.append(self)
dashboard.DashboardScreen.__init__ = init
dashboard_render.render_dashboard = render_with_rows

class UI:
    async def open_path(self, path):
        js.document.body.dataset.opened = path

ctx = ns(user_id=1, user_name="", is_admin=False, is_support=True, settings={"time_zone": "Europe/Moscow"}, my_desks=[])
await dashboard.show_view(ns(lang="ru", ui=UI(), ctx=ctx))
"""
CALLS = [("chat_dialogues", CURRENT, None, False, None, False), ("chat_dialogues", CURRENT, None, False, "response_min", False),
         ("chat_dialogues", CURRENT, None, False, "response_min", True), ("chat_dialogues", CURRENT, 3, False, "response_min", True),
         ("tasks_closed", CURRENT, None, False, None, False), ("chat_dialogues", "2026-10", None, False, None, False)]


def key(figure, month, specialist, over_target, sort, descending) -> str:
    return f"{figure}|{month}|{specialist or ''}|{int(bool(over_target))}|{sort or ''}|{int(bool(descending))}"


@pytest.fixture(scope="module")
def desk():
    data = copy.deepcopy(golden_data()["input"])
    for m in data["chat_messages"]:
        if m["id"] == 1018:
            m["text"] = FORMULA
    rows = rows_of(data)
    figures = compute_from_input(data)
    tables = {key(*c): rows.table(c[0], c[1], specialist=c[2], over_target=c[3], sort=c[4], descending=c[5])
              for c in CALLS}
    dist, heat = distribution(rows.items), heatmap(rows.items)
    return {"figures": figures, "svgs": render_all(figures, None, "ru"), "users": data["users"], "problems": {},
            "tables": tables, "dist": dist, "heat": heat,
            "dist_svgs": {s: render_distribution(dist, s, CURRENT, "ru") for s in dist["series"]}}


def cells(app, field: str) -> list[str]:
    return [c.inner_text() for c in app.locator(f".sd-rows tbody td[data-field={field}]").all()]


@pytest.mark.parametrize("width", [1280, 375])
def test_rows_from_details_sort_filter_export(app_page, desk, width):
    page = app_page.page
    page.set_viewport_size({"width": width, "height": 900})
    route_dashboard(page, desk, ROWS_MAIN)
    app_page.goto()
    assert app_page.wait_booted() == "done"
    app = page.locator("[data-view=dashboard]")
    expect(app).to_have_attribute("data-state", "ready")
    assert "pandas" not in (page.evaluate("window.sdAsked || ''"))          # not on the way to the first chart

    app.locator(".sd-block--stats tr[data-group=chat] [data-action=rows]").click()
    panel = app.locator(".sd-rows")
    expect(panel).to_have_attribute("data-figure", "chat_dialogues")
    assert "pandas" in page.evaluate("window.sdAsked")
    table = desk["tables"][key(*CALLS[0])]
    expect(panel.locator("tbody tr")).to_have_count(table["total"])
    shown = shown_rows(table, "ru")
    assert cells(app, "response_min") == [r[table["columns"].index("response_min")] for r in shown]
    assert FORMULA in cells(app, "text")                                     # chat text stays text on the page
    assert panel.locator("b").count() == 0
    expect(panel.locator("[data-field=rows-total]")).to_have_text(f"Строк: {table['total']}")

    panel.locator("[data-sort=response_min]").click()
    expect(panel.locator("th[data-column=response_min]")).to_have_attribute("aria-sort", "ascending")
    panel.locator("[data-sort=response_min]").click()
    expect(panel.locator("th[data-column=response_min]")).to_have_attribute("aria-sort", "descending")
    desc = desk["tables"][key(*CALLS[2])]
    assert [int(r.get_attribute("data-id")) for r in panel.locator("tbody tr").all()] == [r["id"] for r in desc["rows"]]

    with page.expect_download() as info:
        panel.locator("[data-action=export-csv]").click()
    download = info.value
    assert download.suggested_filename == f"servicedesk-chat_dialogues-{CURRENT}.csv"
    data = open(download.path(), "rb").read()
    assert data == rows_csv(desc, "ru") and data.startswith("\ufeff".encode())

    panel.locator("[data-control=specialist]").select_option("3")
    mine = desk["tables"][key(*CALLS[3])]
    expect(app.locator(".sd-rows tbody tr")).to_have_count(mine["total"])
    assert set(cells(app, "answered_by")) == {"Вера Специалист"}

    if width == 375:
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        wrap = app.locator(".sd-rows .sd-table-wrap")
        assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")       # the table scrolls in its box
    app.locator(".sd-rows [data-action=close-rows]").click()
    expect(app.locator(".sd-rows")).to_have_count(0)
    assert app_page.console_errors == []


def test_chart_point_clicked_again_opens_rows_and_the_look_panel(app_page, desk):
    page = app_page.page
    page.set_viewport_size({"width": 375, "height": 900})
    route_dashboard(page, desk, ROWS_MAIN)
    app_page.goto()
    assert app_page.wait_booted() == "done"
    app = page.locator("[data-view=dashboard]")
    expect(app).to_have_attribute("data-state", "ready")
    app.locator(f'[data-series=tasks_closed] .sd-point[data-month="{CURRENT}"]').click()   # the selected month
    expect(app.locator(".sd-rows")).to_have_attribute("data-figure", "tasks_closed")
    table = desk["tables"][key(*CALLS[4])]
    expect(app.locator(".sd-rows tbody tr")).to_have_count(table["total"])
    app.locator(".sd-rows [data-task-id]").first.click()
    expect(page.locator("body")).to_have_attribute("data-opened", f"/company/personal/user/1/tasks/task/view/{table['rows'][0]['id']}/")

    app.locator('[data-series=chat_dialogues] .sd-point[data-month="2026-10"]').click()        # another month: select
    expect(app.locator(".sd-details")).to_have_attribute("data-month", "2026-10")
    app.locator(".sd-details [data-action=look]").click()
    look = app.locator(".sd-look")
    expect(look).to_have_attribute("data-month", "2026-10")
    expect(look.locator(".sd-heat svg.sd-heatmap")).to_have_count(2)
    expect(look.locator("[data-heat=month] .sd-heat-cell")).to_have_count(168)
    expect(look.locator(".sd-look__charts svg.sd-chart")).to_have_count(3)
    chat = desk["dist"]["series"]["chat"]["months"]["2026-10"]
    assert [c.inner_text() for c in look.locator("table[data-series=chat] td").all()][:len(chat)] == [str(n) for n in chat]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    with page.expect_download() as info:
        look.locator("[data-action=export-distribution]").click()
    assert open(info.value.path(), "rb").read() == distribution_csv(desk["dist"], "ru")
    for name, want in (("details", details_csv(desk["figures"], "2026-10", "ru")),
                       ("specialists", specialists_csv(desk["figures"], "2026-10", "ru", names_of(desk["users"])))):
        with page.expect_download() as info:
            look.locator(f"[data-action=export-{name}]").click()
        assert info.value.suggested_filename == f"servicedesk-{name}-2026-10.csv"
        assert open(info.value.path(), "rb").read() == want
    app.locator(".sd-details [data-action=look]").click()
    assert app_page.console_errors == []


# ---- the real path: the demo portal serves the golden desk, the browser's own Python loads pandas ----

REAL_PATCH = """
from servicedesk import loader as _loader
from servicedesk.views import dashboard as _dash, dashboard_render as _render
from servicedesk.views.dashboard_rows import RowsHook as _RowsHook
_screens = []
_init, _load, _draw = _dash.DashboardScreen.__init__, _loader.load_desk, _render.render_dashboard

def _screen_init(self, visit):             # the lines dashboard.py is to get: a hook, desk and figures kept
    _init(self, visit)
    self.rows_hook = _RowsHook(self)
    _screens.append(self)

async def _load_desk(*args, **kw):
    desk = await _load(*args, **kw)
    _screens[-1].desk = desk
    return desk

def _render_dashboard(figures, *args, **kw):
    _screens[-1].figures = figures
    kw.setdefault("on_rows", _screens[-1].rows_hook.open)
    return _draw(figures, *args, **kw)

_dash.DashboardScreen.__init__, _loader.load_desk, _render.render_dashboard = _screen_init, _load_desk, _render_dashboard
"""


def test_real_rows_with_pandas_in_the_browser(browser, app_url):
    """A specialist of the golden desk opens the rows of the month's chat dialogues: the browser's pandas
    builds them, sorted they match CPython's, and the download is CPython's CSV byte for byte."""
    from pathlib import Path

    from devportal.golden import portal_from_golden
    from tests.e2e.conftest import open_app, recorded_page, stopping
    from tests.e2e.test_browser_figures import frozen
    from tests.paths import GOLDEN

    main = REAL_PATCH + (Path(__file__).resolve().parents[2] / "py" / "main.py").read_text()
    running = frozen(portal_from_golden(GOLDEN))
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    context.route("**/py/main.py", lambda r: r.fulfill(content_type="text/plain", body=main))
    with stopping(context.close, running.stop), recorded_page(context, running.portal_url) as rec:
        frame = open_app(rec, running, golden_data()["input"]["group"]["members"][0])
        app = frame.locator("[data-view=dashboard]")
        expect(app).to_have_attribute("data-state", "ready", timeout=120_000)
        app.locator(".sd-block--stats tr[data-group=chat] [data-action=rows]").click()
        panel = app.locator(".sd-rows")
        expect(panel).to_have_attribute("data-figure", "chat_dialogues", timeout=120_000)
        want = rows_of(golden_data()["input"]).table("chat_dialogues", CURRENT, sort="response_min", descending=True)
        expect(panel.locator("tbody tr")).to_have_count(want["total"])
        panel.locator("[data-sort=response_min]").click()
        panel.locator("[data-sort=response_min]").click()
        expect(panel.locator("th[data-column=response_min]")).to_have_attribute("aria-sort", "descending")
        assert [int(r.get_attribute("data-id")) for r in panel.locator("tbody tr").all()] == [r["id"] for r in want["rows"]]
        with rec.page.expect_download() as info:
            panel.locator("[data-action=export-csv]").click()
        assert open(info.value.path(), "rb").read() == rows_csv(want, "ru")
        assert rec.console_errors == []
