"""Several desks in Chromium: a specialist of IT support and HR switches desks on the real dashboard
(1280 px and 375 px): both desks come in one shared load, the switch loads nothing more; the choice
is remembered for the next open; the HR desk's two chats are split in the details under their
titles; someone in IT only gets no switcher. The next start reads both desks' groups in its first
batch (the browser keeps their ids)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from devportal.demo_desks import SHARED
from devportal.run import start_demo
from tests.desks_fixture import two_desk_portal
from tests.e2e.conftest import open_app, recorded_page, stopping
from tests.unit.setup_helpers import PLAIN, SPECIALISTS

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def running(app_url):
    portal, hr = two_desk_portal()
    running = start_demo(portal)
    running.hr = hr
    yield running
    running.stop()


@pytest.mark.parametrize("width", [1280, 375])
def test_a_specialist_of_two_desks_switches_and_it_is_remembered(browser, running, width):
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": width, "height": 900})
    with stopping(context.close), recorded_page(context, running.portal_url) as rec:
        loads = []        # the desk loads' REST requests (each reads messages); the chat titles they ask for
        rec.page.on("request", lambda r: "/rest/" in r.url and "im.dialog.messages.search" in (r.post_data or "")
                    and loads.append(r.post_data))
        members = []      # start-up batches reading the desks' groups (sonet_group.user.get)
        rec.page.on("request", lambda r: "/rest/" in r.url and "sonet_group.user.get" in (r.post_data or "")
                    and members.append(r.post_data))
        frame = open_app(rec, running, SHARED, mobile=width < 400)
        view = frame.locator("[data-view=dashboard]")
        expect(view).to_have_attribute("data-state", "ready", timeout=120_000)
        assert any("im.dialog.get" in body for body in loads)        # HR's titles rode in the load
        first_load = len(loads)
        select = view.locator("#sd-desk-switch")
        expect(select.locator("option")).to_have_count(2)
        it_dialogues = view.locator(".sd-block--stats tr[data-group=chat] td[data-field=count]").inner_text()
        hr_desk = select.locator("option").nth(1).get_attribute("value")
        select.select_option(hr_desk)
        expect(view.locator(".sd-dash__bar")).to_be_hidden(timeout=60_000)
        expect(view).to_have_attribute("data-state", "ready")
        # from the shared load the switch may show no progress bar at all: wait for HR's own figures
        expect(view.locator(".sd-block--stats tr[data-group=chat] td[data-field=count]")).not_to_have_text(
            it_dialogues, timeout=30_000)
        assert len(loads) == first_load                   # the switch showed HR from the shared load
        by_chat = view.locator(".sd-block--by-chat tr[data-chat-id]")    # the HR desk's two chats, split
        expect(by_chat).to_have_count(2)
        assert {int(r.get_attribute("data-chat-id")) for r in by_chat.all()} == set(running.hr["chats"])
        titles = {running.portal.chats[c].title for c in running.hr["chats"]}
        assert {r.locator("th").inner_text() for r in by_chat.all()} == titles    # not "Chat #id"
        if width < 400:
            app = next(f for f in rec.page.frames if f.parent_frame is not None)
            assert app.evaluate("document.documentElement.scrollWidth") <= width

        assert len(members) == 2          # the first start: the options' desk, then HR's group
        frame = open_app(rec, running, SHARED, mobile=width < 400)          # the next open: still HR
        view = frame.locator("[data-view=dashboard]")
        expect(view).to_have_attribute("data-state", "ready", timeout=120_000)
        assert len(members) == 3          # ... and now one batch: HR's group as this browser last saw it
        expect(view.locator("#sd-desk-switch")).to_have_value(hr_desk)
        expect(view.locator(".sd-block--by-chat tr[data-chat-id]")).to_have_count(2)

        frame = open_app(rec, running, SPECIALISTS[0], mobile=width < 400)  # IT only: no switcher
        view = frame.locator("[data-view=dashboard]")
        expect(view).to_have_attribute("data-state", "ready", timeout=120_000)
        expect(view.locator("#sd-desk-switch")).to_have_count(0)
        assert rec.console_errors == []


def test_my_requests_of_two_desks_name_each_desk_above_its_line(browser, running):
    """An employee with requests in both desks: each item says its desk on a line of its own, and the
    task, its status and its queue place stay on one line (1280 px)."""
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": 1280, "height": 900})
    with stopping(context.close), recorded_page(context, running.portal_url) as rec:
        frame = open_app(rec, running, PLAIN)
        items = frame.locator("[data-view=my_requests] li[data-task-id]")
        expect(items.first).to_be_visible()
        boxes = items.evaluate_all("""items => items.map(li => {
            const box = s => li.querySelector(s).getBoundingClientRect();
            return {desk: li.querySelector('[data-field=desk]').textContent, deskBottom: box('[data-field=desk]').bottom,
                    tops: ['.sd-req__link', '[data-field=status]', '[data-field=queue]'].map(s => box(s).top)};
        })""")
        assert len({b["desk"] for b in boxes}) == 2
        for b in boxes:
            assert b["deskBottom"] <= min(b["tops"]) + 1, b
            assert max(b["tops"]) - min(b["tops"]) < 8, b
        assert rec.console_errors == []
