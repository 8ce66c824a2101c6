"""Privacy (DESIGN §1): a whole session contacts only the portal and the app's own static host, sends
the static host nothing but file GETs, and the browser's cache keeps only the current user's records."""
from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from devportal.demo import build_demo
from devportal.run import start_demo
from tests.e2e.conftest import open_app, pick_people, recorded_page, stopping
from tests.e2e.real_app import cache_owners
from tests.unit.setup_helpers import ADMIN, MANAGER, PLAIN, SPECIALISTS

pytestmark = pytest.mark.e2e
PORTAL_FILES = {"/", "/_dev/frame/portal.js", "/_dev/config", "/_dev/users", "/_dev/token"}
SUPPORT_CHAT = 3


@pytest.fixture(scope="module")
def demo(app_url):
    """A portal before setup (the session starts with the wizard)."""
    running = start_demo(build_demo(1, configured=False))
    yield running
    running.stop()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Traffic:
    """Every request of a page and its frames (page.on) and of its context (workers included)."""

    def __init__(self, page):
        self.page, self.seen, self.by_context = page, [], []
        page.on("request", self.on_page)
        page.context.on("request", self.on_context)

    def on_page(self, request):
        self.seen.append(request)

    def on_context(self, request):
        self.by_context.append(request)

    def stop(self):
        self.page.remove_listener("request", self.on_page)
        self.page.context.remove_listener("request", self.on_context)

    def check(self, portal: str, static: str) -> list[str]:
        """Assert where each request went and what it carried; returns the origins seen."""
        assert {r.url for r in self.by_context} == {r.url for r in self.seen}
        web = [r for r in self.seen if urlsplit(r.url).scheme in ("http", "https")]
        origins = sorted({origin(r.url) for r in web})
        assert origins == sorted({portal, static}), origins
        for r in web:
            path = urlsplit(r.url)
            if origin(r.url) == static:       # the app's files: GETs with no query, no body, no page address
                assert (r.method, path.query, r.post_data) == ("GET", "", None), r.url
                assert "?" not in (r.headers.get("referer") or ""), (r.url, r.headers.get("referer"))
            else:                             # the portal: its REST, or the devportal page's own files
                assert path.path.startswith("/rest/") or path.path in PORTAL_FILES, r.url
        frames = {origin(r.frame.url) for r in web if r.frame.url.startswith("http")}
        assert static in frames and portal in frames   # the app's frame was recorded, not only the page
        return origins


def test_a_whole_session_talks_only_to_the_portal_and_the_apps_own_host(portal_page, demo):
    page = portal_page.page
    traffic = Traffic(page)
    portal, static = origin(demo.portal_url), origin(demo.app_url)

    # boot + the setup wizard (admin, portal not set up)
    frame = open_app(portal_page, demo, ADMIN)
    expect(frame.locator("[data-view]").first).to_have_attribute("data-view", "setup")
    frame.locator("#sd-setup-group_name").fill("Техподдержка")
    pick_people(page, frame, MANAGER, SPECIALISTS)
    frame.locator("#sd-setup-chat").select_option(str(SUPPORT_CHAT))
    frame.locator("#sd-setup-openline").select_option("1")
    frame.locator("#sd-setup-submit").click()
    expect(frame.locator('[data-setup="done"]')).to_be_visible(timeout=60_000)
    frame.locator("#sd-setup-open").click()
    expect(frame.locator('[data-view]:not([data-view="setup"])').first).to_be_visible(timeout=60_000)

    # the manager's dashboard: figures and charts computed in this browser from the portal's data
    frame = open_app(portal_page, demo, MANAGER)
    expect(frame.locator("[data-view=dashboard]")).to_have_attribute("data-state", "ready", timeout=90_000)
    assert cache_owners(frame) == {MANAGER}

    # a specialist makes a task from a message (message context menu), then opens My requests
    msg = max(m.id for m in demo.portal.messages.values() if m.chat_id == SUPPORT_CHAT and m.author_id == PLAIN)
    frame = open_app(portal_page, demo, SPECIALISTS[0], "IM_CONTEXT_MENU",
                     options=json.dumps({"messageId": str(msg), "dialogId": f"chat{SUPPORT_CHAT}"}))
    row = frame.locator(f"li[data-message-id='{msg}']")
    row.locator("[data-action=create]").click()
    expect(frame.locator("[data-field=notice][data-task-id]")).to_contain_text("создана")
    frame.locator("[data-action=my-requests]").click()
    expect(frame.locator("[data-view=my_requests] .sd-req__item").first).to_be_visible()

    traffic.stop()
    origins = traffic.check(portal, static)
    rest = sum(urlsplit(r.url).path.startswith("/rest/") for r in traffic.seen)
    print(f"\nhosts seen: {origins}; {len(traffic.seen)} requests, {rest} to the portal's REST")


def test_the_cache_keeps_only_the_current_users_records_and_clears(browser, app_url):
    running = start_demo(build_demo(1))
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow")
    with stopping(context.close, running.stop), recorded_page(context, running.portal_url) as rec:
        logs = []
        rec.page.on("console", lambda m: "warm=" in m.text and logs.append(m.text))
        def dashboard(uid):
            frame = open_app(rec, running, uid)
            expect(frame.locator("[data-view=dashboard]")).to_have_attribute("data-state", "ready", timeout=90_000)
            return frame

        assert cache_owners(dashboard(MANAGER)) == {MANAGER}
        frame = open_app(rec, running, PLAIN)                 # no dashboard, no loader: still forgotten
        expect(frame.locator("[data-view=my_requests]")).to_be_visible()
        assert cache_owners(frame) == set()
        assert cache_owners(dashboard(MANAGER)) == {MANAGER}
        frame = dashboard(SPECIALISTS[0])                     # another support member, same browser
        assert cache_owners(frame) == {SPECIALISTS[0]}
        assert "warm=False" in logs[-1]                      # nothing of the manager's was reused

        view = frame.locator("[data-view=dashboard]")
        with rec.page.expect_console_message(lambda m: "warm=" in m.text):
            view.locator("[data-action=refresh]").click()
        assert "warm=True" in logs[-1]
        with rec.page.expect_console_message(lambda m: "warm=" in m.text):
            view.locator("[data-action=clear-cache]").click()
        assert "warm=False" in logs[-1]                      # the clear emptied it: a full load followed
        expect(view.locator("[data-action=clear-cache]")).to_have_text("Очистить кэш")
        assert cache_owners(frame) == {SPECIALISTS[0]}
        assert rec.console_errors == []
