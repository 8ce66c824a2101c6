"""The dashboard opens at once from the browser's own storage (issue "Open in a blink"): the last
charts and tables of this user are shown before Python is up, marked as saved data, then replaced by
fresh figures; unchanged charts are reused without loading matplotlib; another user of the same
browser never sees them."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from devportal.demo import build_demo
from devportal.run import start_demo
from tests.e2e.conftest import open_app, recorded_page, stopping
from tests.e2e.real_app import cache_owners
from tests.unit.setup_helpers import MANAGER, SPECIALISTS

pytestmark = pytest.mark.e2e

# in every frame, from its first byte: what the first saved ("cached") dashboard shown looked like
WATCH = """new MutationObserver(() => {
  const v = document.querySelector('[data-view=dashboard][data-cached]');
  if (v && !window.sdSawCached) window.sdSawCached = {user: v.dataset.cachedUser, state: v.dataset.state,
    stamp: (v.querySelector('[data-field=as-of]') || {}).textContent,
    charts: v.querySelectorAll('.sd-card svg.sd-chart').length,
    digest: v.querySelectorAll('.sd-digest__chart svg.sd-chart').length, rows: v.querySelectorAll('.sd-details tr').length};
}).observe(document, {childList: true, subtree: true});"""


def app_frame(page):
    return next(f for f in page.frames if f.parent_frame is not None)


def test_saved_dashboard_first_then_fresh_and_never_another_users(browser, app_url):
    running = start_demo(build_demo(1))
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow")
    context.add_init_script(WATCH)
    with stopping(context.close, running.stop), recorded_page(context, running.portal_url) as rec:
        logs = []
        rec.page.on("console", lambda m: m.text.startswith("servicedesk.dashboard: charts:") and logs.append(m.text))

        def dashboard(uid):
            start = len(rec.requests)
            frame = open_app(rec, running, uid)
            view = frame.locator("[data-view=dashboard]")
            expect(view).to_have_attribute("data-state", "ready", timeout=120_000)
            expect(view).not_to_have_attribute("data-cached", "")
            return frame, app_frame(rec.page).evaluate("window.sdSawCached || null"), rec.requests[start:]

        frame, saw, _ = dashboard(MANAGER)                 # a new browser: nothing saved yet
        assert saw is None
        charts = frame.locator(".sd-card svg.sd-chart").count()
        assert charts >= 8 and logs[-1].endswith(f"charts: {charts} drawn, 0 reused")

        frame, saw, requests = dashboard(MANAGER)          # again: saved view first, then fresh
        assert saw is not None and saw["user"] == str(MANAGER) and saw["state"] == "cached"
        assert saw["charts"] == charts and saw["rows"] > 10
        assert saw["digest"] == 1              # the manager's digest panel with its chart (decision 156)
        assert saw["stamp"].startswith("Данные на ") and "сохранённые в браузере" in saw["stamp"]
        expect(frame.locator("[data-field=as-of]")).not_to_contain_text("сохранённые")
        assert logs[-1].endswith(f"charts: 0 drawn, {charts} reused")       # nothing new to draw
        assert not [u for u in requests if "/wheels/matplotlib" in u]      # so no matplotlib at all

        frame, saw, _ = dashboard(SPECIALISTS[0])          # another user of the same browser
        assert saw is None
        assert cache_owners(frame) == {SPECIALISTS[0]}      # the manager's saved view is gone too

        with rec.page.expect_console_message(lambda m: "servicedesk.dashboard: dashboard:" in m.text,
                                             timeout=60_000):     # the reload after the clear has ended
            frame.locator("[data-view=dashboard] [data-action=clear-cache]").click()   # cleared with the records
        frame, saw, _ = dashboard(SPECIALISTS[0])
        assert saw is not None and saw["user"] == str(SPECIALISTS[0])     # written afresh after the clear
        assert rec.console_errors == []
