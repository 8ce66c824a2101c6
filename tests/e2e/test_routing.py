"""Each role lands on its screen inside the demo portal's frame, and the boot bar ends."""
import json
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_app

pytestmark = pytest.mark.e2e


def roles(portal):
    group = portal.groups[int(portal.app_options["group_id"])]
    specialist = next(uid for uid, role in group.members.items() if role == "K")
    admin = next(u.id for u in portal.users.values() if u.is_admin and u.id not in group.members
                 and u.id != group.owner_id)
    plain = next(u.id for u in portal.users.values() if not (u.bot or u.is_admin or u.id in group.members
                                                             or u.id == group.owner_id))
    return {"manager": group.owner_id, "specialist": specialist, "admin": admin, "user": plain}


@pytest.mark.parametrize("role,placement,view", [
    ("manager", "DEFAULT", "dashboard"),
    ("specialist", "DEFAULT", "dashboard"),
    ("user", "DEFAULT", "my_requests"),
    ("admin", "DEFAULT", "my_requests"),
    ("specialist", "IM_CONTEXT_MENU", "task_from_message"),
])
def test_role_lands_on_its_view(portal_page, demo, role, placement, view):
    uid = roles(demo.portal)[role]
    chat = int(demo.portal.app_options["chat_id"])
    last = max(m.id for m in demo.portal.messages.values() if m.chat_id == chat and m.author_id)
    options = json.dumps({"messageId": str(last), "dialogId": f"chat{chat}", "URI": "/online/"}) \
        if placement == "IM_CONTEXT_MENU" else ""           # widgets/im/context-menu.md: always sent
    frame = open_app(portal_page, demo, uid, placement, options=options)
    expect(frame.locator("[data-view]").first).to_have_attribute("data-view", view)
    expect(frame.locator("#sd-boot")).to_be_hidden(timeout=120_000)   # the dashboard: once its charts are drawn
    expect(frame.locator(".py-error")).to_have_count(0)
    assert portal_page.console_errors == []
    # the app sizes the portal's frame to its content (resizeWindow through the SDK), once its screen is drawn
    portal_page.page.wait_for_function("window.devportal.log.some(e => e.cmd === 'resizeWindow')", timeout=120_000)
    deadline = time.monotonic() + 60
    while True:              # the content may still grow after the first resize (late lists): the frame follows
        height = portal_page.page.evaluate("document.querySelector('iframe').getBoundingClientRect().height")
        content = frame.locator("body").evaluate("b => b.scrollHeight")
        if abs(height - max(200, content + 16)) <= 8 or time.monotonic() > deadline:
            break
        portal_page.page.wait_for_timeout(200)
    assert abs(height - max(200, content + 16)) <= 8


def test_admin_reaches_the_settings_and_support_goes_back_to_the_dashboard(portal_page, demo):
    people = roles(demo.portal)
    frame = open_app(portal_page, demo, people["admin"])
    expect(frame.locator("[data-view=my_requests]")).to_be_visible()
    frame.locator("[data-action=settings]").click()
    expect(frame.locator("[data-view=settings] select#sd-setup-chat")).to_be_visible(timeout=60_000)  # Pyodide boots

    # working hours and targets: a bad value is refused and nothing written; "take again from the
    # portal calendar" refills the calendar from calendar.settings.get; a valid form is saved
    before, calendar = dict(demo.portal.app_options), dict(demo.portal.calendar)
    demo.portal.calendar["year_holidays"] = "1.01,7.01,9.05"
    frame.locator("#sd-setup-work_end").fill("8:00")
    frame.locator("#sd-setup-target_high").fill("abc")
    frame.locator("#sd-setup-sla-save").click()
    expect(frame.locator('#sd-setup-sla-form [data-error="work_end"]')).not_to_be_empty()
    expect(frame.locator('#sd-setup-sla-form [data-error="target_high"]')).not_to_be_empty()
    assert dict(demo.portal.app_options) == before
    frame.locator("#sd-setup-from-portal").click()
    expect(frame.locator("#sd-setup-holidays")).to_have_value("1.01,7.01,9.05")
    expect(frame.locator("#sd-setup-work_end")).to_have_value("19:00")
    frame.locator("#sd-setup-target_high").fill("6")
    frame.locator("#sd-setup-sla-save").click()
    expect(frame.locator("#sd-setup-sla-status")).not_to_have_class("sd-setup-saved sd-error")
    expect(frame.locator("#sd-setup-sla-status")).not_to_be_empty()
    desk = json.loads(demo.portal.app_options["desks"])[0]          # the desk's record (several desks)
    targets, hours = (json.loads(v) if isinstance(v, str) else v for v in (desk["sla_targets"], desk["work_hours"]))
    assert targets["task_close"]["high"] == 6
    assert hours["holidays"] == ["1.01", "7.01", "9.05"]
    demo.portal.app_options.clear()                 # the session's demo portal as the other tests know it
    demo.portal.app_options.update(before)
    demo.portal.calendar.update(calendar)

    frame = open_app(portal_page, demo, people["specialist"])
    frame.locator("[data-view=dashboard] [data-action=my-requests]").click()
    expect(frame.locator("[data-view=my_requests]")).to_be_visible()
    frame.locator("[data-view=my_requests] [data-action=dashboard]").click()
    expect(frame.locator("[data-view=dashboard]")).to_be_visible()
    assert portal_page.console_errors == []
