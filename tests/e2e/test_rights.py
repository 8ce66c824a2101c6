"""Rights in chromium: a specialist removed from the support group loses the dashboard on the next
open (My requests instead), and the browser keeps none of the desk's records they had loaded."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from devportal.demo import build_demo
from devportal.run import start_demo
from tests.e2e.conftest import open_app, recorded_page, stopping
from tests.e2e.real_app import cache_owners
from tests.unit.setup_helpers import SPECIALISTS

pytestmark = pytest.mark.e2e
GROUP = 2


def test_a_member_removed_from_the_group_gets_my_requests_next_time(browser, app_url):
    running = start_demo(build_demo(1))
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow")
    with stopping(context.close, running.stop), recorded_page(context, running.portal_url) as rec:
        removed = SPECIALISTS[1]
        frame = open_app(rec, running, removed)
        expect(frame.locator("[data-view=dashboard]")).to_have_attribute("data-state", "ready", timeout=90_000)
        assert cache_owners(frame) == {removed}

        del running.portal.groups[GROUP].members[removed]          # devportal: out of group.members
        frame = open_app(rec, running, removed)
        expect(frame.locator("[data-view]").first).to_have_attribute("data-view", "my_requests")
        expect(frame.locator(".sd-dash")).to_have_count(0)
        assert cache_owners(frame) == set()
        assert rec.console_errors == []
