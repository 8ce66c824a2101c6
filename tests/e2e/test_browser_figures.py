"""The real path, as users get it: the dashboard in Chromium, offline, loads numpy/pandas/matplotlib
from the app's own host, and its own Python computes and draws the figures of the portal's data.

- the golden desk (../shared/golden/desk.json) served by devportal at its anchor time: every golden
  figure of every month is on the page (read from the DOM), with 8 SVG charts and month selection;
- the seeded demo desk: the browser's figures for all 12 months × 8 series equal the CPython engine's.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from devportal.clock import FakeClock
from devportal.demo import build_demo
from devportal.golden import portal_from_golden
from devportal.run import start_demo
from servicedesk.charts import SERIES_NAMES, chart_names
from servicedesk.charts.labels import format_duration
from servicedesk.charts.series import SERIES_BY_NAME
from tests.e2e.conftest import open_app, recorded_page, stopping
from tests.e2e.real_app import browser_figures, cpython_payload, export_figures
from tests.paths import GOLDEN, golden_data

pytestmark = pytest.mark.e2e
STATS = (("chat", "chat_dialogues", "chat_response_min"), ("openline", "openline_dialogues", "openline_response_min"),
         ("tasks", "tasks_closed", "time_to_close_min"))


@pytest.fixture(scope="module")
def golden_page(browser, app_url):
    """A specialist of the golden desk (in the Open Line's queue, so every series is readable) with the
    real dashboard ready, at 1280 px; devportal's clock stands at the desk's "now"."""
    running = frozen(portal_from_golden(GOLDEN))
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": 1280, "height": 900})
    with stopping(context.close, running.stop), recorded_page(context, running.portal_url) as rec:
        frame = open_app(rec, running, golden_data()["input"]["group"]["members"][0])
        expect(frame.locator("[data-view=dashboard]")).to_have_attribute("data-state", "ready", timeout=120_000)
        yield rec, frame


def frozen(portal):
    """The demo servers for `portal` with devportal's clock stopped at the portal's "now"."""
    running = start_demo(portal, clock=FakeClock(None))
    running.devportal.clock.set(portal.now)
    return running


def shown_month(app, month: str) -> dict:
    """What the details block shows for `month` once it is selected."""
    expect(app.locator(".sd-details")).to_have_attribute("data-month", month)
    cells = {}
    for group, _, _ in STATS:
        row = app.locator(f".sd-details tr[data-group={group}]")
        cells[group] = [row.locator(f"td[data-field={f}]").inner_text() for f in ("avg", "median", "p90")]
        cells[f"{group}_count"] = row.locator("td[data-field=count]").inner_text().split("\n")[0].strip()
    for key in ("tasks_new", "tasks_closed", "tasks_open"):
        cells[key] = app.locator(f".sd-block--tasks tr[data-key={key}] td").all_inner_texts()
    people = {}
    for row in app.locator(".sd-block--specialists tr[data-uid]").all():
        people[row.get_attribute("data-uid")] = {
            "dialogues": int(row.locator("td[data-field=chat_dialogues]").text_content()),   # a folded section:
            "tasks_closed": int(row.locator("td[data-field=tasks_closed]").text_content())}  # its text, not shown
    cells["people"] = people
    return cells


def golden_month(want: dict) -> dict:
    """The golden month as the details block must show it."""
    cells = {}
    for group, count, durations in STATS:
        cells[group] = [format_duration(want[durations][f], "ru") for f in ("avg", "median", "p90")]
        cells[f"{group}_count"] = str(want[count])
    for key in ("tasks_new", "tasks_closed", "tasks_open"):
        total, ext = want[key], want[f"{key}_external"]
        cells[key] = [str(total), str(total - ext), str(ext)]
    cells["people"] = {uid: {"dialogues": p["dialogues"], "tasks_closed": p["tasks_closed"]}
                       for uid, p in want["by_specialist"].items()}
    return cells


def test_the_browser_shows_every_golden_figure_of_every_month(golden_page):
    rec, frame = golden_page
    app = frame.locator("[data-view=dashboard]")
    expect(app.locator(".sd-card svg.sd-chart")).to_have_count(len(SERIES_NAMES))
    months = golden_data()["expected"]["months"]
    keys = list(months)
    assert app.locator("[data-series=chat_dialogues] .sd-point").evaluate_all(
        "ps => ps.map(p => p.dataset.month)") == keys
    expect(app.locator(".sd-details")).to_have_attribute("data-month", keys[-1])   # current month first
    for i, key in enumerate(keys):
        point = app.locator(f'[data-series=tasks_new] .sd-point[data-month="{key}"]')
        if i % 2:
            point.click()
        else:                                # every other month by keyboard
            point.focus()
            rec.page.keyboard.press("Enter")
        got = shown_month(app, key)
        want = golden_month(months[key])
        people = got.pop("people")
        assert got == {k: v for k, v in want.items() if k != "people"}, key
        for uid, figures in want["people"].items():
            assert people[uid] == figures, (key, uid)
        pressed = app.locator('.sd-point[aria-pressed="true"]')
        assert set(pressed.evaluate_all("ps => ps.map(p => p.dataset.month)")) == {key}
    # the chart's own points carry the month's figure (its accessible label)
    label = app.locator(f'[data-series=chat_dialogues] .sd-point[data-month="{keys[-1]}"]').get_attribute("aria-label")
    assert label.endswith(f": {months[keys[-1]]['chat_dialogues']}")
    assert rec.console_errors == []


def test_the_browser_computes_what_cpython_computes_on_the_demo_desk(browser, app_url):
    running = frozen(build_demo(1))
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow")
    with stopping(context.close, running.stop), recorded_page(context, running.portal_url) as rec:
        logs: list[str] = []
        rec.page.on("console", lambda m: logs.append(m.text))
        manager = running.portal.groups[int(running.portal.app_options["group_id"])].owner_id
        export_figures(rec.page)
        frame = open_app(rec, running, manager)
        view = frame.locator("[data-view=dashboard]")
        expect(view).to_have_attribute("data-state", "ready", timeout=120_000)
        got = browser_figures(rec.page)
        expect(view.locator(".sd-card svg.sd-chart")).to_have_count(len(chart_names(got)))   # 8, + breach
        want = cpython_payload(running.devportal, manager)["figures"]
        assert got["month_keys"] == want["month_keys"] and len(got["month_keys"]) == 12
        compared = 0
        for name in SERIES_NAMES:
            series = SERIES_BY_NAME[name]
            for key in want["month_keys"]:
                g, w = series.value(got["months"][key]), series.value(want["months"][key])
                assert (g is None and w is None) or g == pytest.approx(w, rel=1e-9), (name, key)
                assert series.external_value(got["months"][key]) == series.external_value(want["months"][key])
                compared += 1
        assert compared == 96
        assert sum(m["chat_dialogues"] for m in got["months"].values()) > 100    # a real desk, not zeros
        assert _flat(got) == _flat(want)          # and everything else: lists, per specialist, "now"
        assert rec.console_errors == []
        # the charts were drawn with the font list built at build time (not built again on the page)
        assert any("charts: 9 drawn" in line or "charts: 8 drawn" in line for line in logs), logs[-5:]
        assert not [line for line in logs if "building the font cache" in line]


def _flat(value):
    """The figures with floats rounded to 9 significant digits (wasm and x86 may differ in the last bit)."""
    if isinstance(value, dict):
        return {k: _flat(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_flat(v) for v in value]
    if isinstance(value, float):
        return float(f"{value:.9g}")
    return value
