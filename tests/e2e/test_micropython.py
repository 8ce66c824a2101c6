"""The interpreter index.html picks (static/js/boot.js): the message popup and, once this browser has
seen My requests, My requests run on PyScript's MicroPython, the same screens as on Pyodide; a screen
MicroPython does not run (an admin's settings) is handed over to Pyodide in the same frame."""
import json

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_app
from tests.e2e.real_app import cache_owners
from tests.e2e.test_routing import roles

pytestmark = pytest.mark.e2e


def interpreter(frame) -> str:
    return frame.locator("html").get_attribute("data-interpreter")


def forget_screen(frame) -> None:
    """This browser forgets which screen it opened last (a new profile as far as the app knows)."""
    frame.locator("html").evaluate("() => localStorage.clear()")


def listed(frame) -> list:
    frame.locator("[data-view=my_requests] .sd-req__body:not([aria-busy])").wait_for()
    return frame.locator("[data-view=my_requests] li[data-task-id]").evaluate_all(
        "items => items.map(li => [li.closest('[data-role]').dataset.role, li.dataset.taskId, li.innerText])")


def test_my_requests_opens_on_micropython_once_seen_and_lists_the_same(portal_page, demo):
    uid = roles(demo.portal)["user"]
    frame = open_app(portal_page, demo, uid)
    forget_screen(frame)
    frame = open_app(portal_page, demo, uid)
    assert interpreter(frame) == "pyodide"              # nothing known yet: the full runtime
    on_pyodide = listed(frame)
    frame = open_app(portal_page, demo, uid)
    assert interpreter(frame) == "micropython"
    assert listed(frame) == on_pyodide and len(on_pyodide) >= 2
    frame.locator("[data-view=my_requests] [data-action=open-task]").first.click()
    task_id = on_pyodide[0][1]
    portal_page.page.wait_for_function(
        f"window.devportal.log.some(c => c.cmd === 'openPath' && JSON.stringify(c.params).includes('/task/view/{task_id}/'))")
    expect(frame.locator(".py-error")).to_have_count(0)
    assert portal_page.console_errors == []


def test_the_popup_runs_on_micropython(portal_page, demo):
    people = roles(demo.portal)
    chat = int(demo.portal.app_options["chat_id"])
    frame = open_app(portal_page, demo, people["specialist"], "IM_CONTEXT_MENU",
                     options=json.dumps({"dialogId": f"chat{chat}"}))
    expect(frame.locator("[data-view=task_from_message] li[data-message-id]").first).to_be_visible()
    assert interpreter(frame) == "micropython"
    assert portal_page.console_errors == []


def test_an_admin_on_micropython_reaches_the_settings_on_pyodide(portal_page, demo):
    admin = roles(demo.portal)["admin"]
    frame = open_app(portal_page, demo, admin)
    frame = open_app(portal_page, demo, admin)          # the second time: My requests on MicroPython
    expect(frame.locator("[data-view=my_requests]")).to_be_visible()
    assert interpreter(frame) == "micropython"
    frame.locator("[data-action=settings]").click()
    expect(frame.locator("[data-view=settings] select#sd-setup-chat")).to_be_visible(timeout=60_000)
    assert interpreter(frame) == "pyodide"
    frame = open_app(portal_page, demo, admin)          # handed over once: the app tab is My requests again
    expect(frame.locator("[data-view=my_requests]")).to_be_visible()
    assert interpreter(frame) == "micropython"
    assert portal_page.console_errors == []


def test_my_requests_on_micropython_leaves_no_earlier_users_records(portal_page, demo):
    people = roles(demo.portal)
    frame = open_app(portal_page, demo, people["manager"])
    expect(frame.locator("[data-view=dashboard]")).to_have_attribute("data-state", "ready", timeout=90_000)
    assert cache_owners(frame) == {people["manager"]}
    frame.locator("html").evaluate(     # as if this browser had last opened My requests here
        "() => Object.keys(localStorage).filter(k => k.startsWith('servicedesk:screen:'))"
        ".forEach(k => localStorage.setItem(k, JSON.stringify('my_requests')))")
    frame = open_app(portal_page, demo, people["user"])
    expect(frame.locator("[data-view=my_requests] .sd-req__item").first).to_be_visible()
    assert interpreter(frame) == "micropython"
    assert cache_owners(frame) == set()
    assert portal_page.console_errors == []


def test_a_hand_over_the_browser_refuses_says_why(portal_page, demo):
    admin = roles(demo.portal)["admin"]
    open_app(portal_page, demo, admin)
    frame = open_app(portal_page, demo, admin)
    assert interpreter(frame) == "micropython"
    frame.locator("html").evaluate("() => { sdStore.set = () => false; }")      # storage refused
    frame.locator("[data-action=settings]").click()
    expect(frame.locator("[data-view=message]")).to_contain_text("вкладке приложения")
    assert interpreter(frame) == "micropython"
