"""The setup wizard in the devportal frame: an employee is told to wait for the admin; the admin
sets the desk up with the portal's user picker and lands on the summary, then in the app."""
import json

import pytest
from playwright.sync_api import expect

from devportal.demo import build_demo
from devportal.run import start_demo
from servicedesk.setup.progress import Progress
from servicedesk.setup.spec import PROGRESS_KEY
from tests.e2e.conftest import open_app, pick_people
from tests.unit.setup_helpers import ADMIN, MANAGER, PLAIN, SPECIALISTS, assert_one_desk, choices

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def demo(app_url):
    """A portal before setup (overrides the session's configured demo for this module)."""
    running = start_demo(build_demo(1, configured=False))
    yield running
    running.stop()


def test_employee_is_told_whom_to_ask(portal_page, demo):
    demo.portal.app_options[PROGRESS_KEY] = Progress(admin_id=ADMIN, admin_name="Сергей Ерёмин",
                                                     state="opened").dump()
    frame = open_app(portal_page, demo, PLAIN)
    view = frame.locator("[data-view]").first
    expect(view).to_have_attribute("data-view", "not_configured")
    expect(view.locator(".sd-note")).to_contain_text("Сергей Ерёмин")
    assert not demo.portal.groups.keys() - {1} and not demo.portal.bots
    assert portal_page.console_errors == []


def test_admin_completes_the_wizard(portal_page, demo):
    page = portal_page.page
    frame = open_app(portal_page, demo, ADMIN)
    expect(frame.locator("[data-view]").first).to_have_attribute("data-view", "setup")
    frame.locator("#sd-setup-group_name").fill("")
    frame.locator("#sd-setup-submit").click()                       # nothing chosen yet
    expect(frame.locator('[data-error="group_name"]')).to_contain_text("Введите название")
    expect(frame.locator('[data-error="specialists"]')).to_contain_text("специалиста")
    assert not demo.portal.bots

    frame.locator("#sd-setup-group_name").fill("Техподдержка")
    pick_people(page, frame, MANAGER, SPECIALISTS)
    expect(frame.locator("#sd-setup-manager-list")).to_contain_text("Техподдержка")   # the department
    frame.locator("#sd-setup-chat_title").fill("Чат поддержки")
    frame.locator("#sd-setup-openline").select_option("1")
    expect(frame.locator("#sd-setup-time_zone")).to_have_value("Europe/Moscow")   # the browser's zone

    # working hours and targets: bad input is refused field by field and nothing is written
    frame.locator("#sd-setup-sla_mode").select_option("working_hours")
    frame.locator("#sd-setup-work_start").fill("18:00")
    frame.locator("#sd-setup-work_end").fill("09:00")
    frame.locator("#sd-setup-holidays").fill("1.01, 31.02")
    frame.locator("#sd-setup-target_chat").fill("-5")
    frame.locator("#sd-setup-submit").click()
    for name in ("work_end", "holidays", "target_chat"):
        expect(frame.locator(f'[data-error="{name}"]')).not_to_be_empty()
    expect(frame.locator('[data-error="group_name"]')).to_be_empty()
    assert not demo.portal.bots and "sla_mode" not in demo.portal.app_options
    frame.locator("#sd-setup-work_start").fill("9")
    frame.locator("#sd-setup-work_end").fill("18:00")
    frame.locator("#sd-setup-holidays").fill("1.01, 7.01")
    frame.locator("#sd-setup-target_chat").fill("30")
    frame.locator("#sd-setup-submit").click()

    done = frame.locator('[data-setup="done"]')
    expect(done).to_be_visible(timeout=60_000)
    expect(done.locator(".sd-setup-summary")).to_contain_text("Техподдержка")
    expect(done.locator(".sd-setup-summary")).to_contain_text("Чат поддержки")
    assert_one_desk(demo.portal, choices(handler=demo.app_url))
    assert demo.portal.app_options["sla_mode"] == "working_hours"
    assert json.loads(demo.portal.app_options["sla_targets"])["chat_first_response"] == 30
    assert json.loads(demo.portal.app_options["work_hours"])["holidays"] == ["1.01", "7.01"]
    assert portal_page.console_errors == []

    frame.locator("#sd-setup-open").click()                          # reload into the app
    expect(frame.locator('[data-view]:not([data-view="setup"])').first).to_be_visible(timeout=60_000)
