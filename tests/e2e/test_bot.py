"""Task from a chat message in the demo portal's frame, then My requests — desktop and 375 px."""
import json
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_app

pytestmark = pytest.mark.e2e
SPECIALISTS = (4, 5)
CHAT = 3


def _untasked(portal) -> list:
    used = {t.uf.get("UF_SD_MESSAGE_ID") for t in portal.tasks.values()}
    msgs = sorted((m for m in portal.messages.values() if m.chat_id == CHAT), key=lambda m: -m.id)[:10]
    return [m for m in msgs if m.author_id and not portal.users[m.author_id].bot and m.text.strip()
            and str(m.id) not in used]


def _create_then_see_it_in_my_requests(portal_page, demo, frame, row, uid):
    row.locator("[data-action=create]").click()
    note = frame.locator("[data-field=notice][data-task-id]")
    expect(note).to_contain_text("создана")
    task_id = int(note.get_attribute("data-task-id"))
    task = demo.portal.tasks[task_id]
    assert task.responsible_id == uid and task.group_id == 2
    assert task.uf["UF_SD_MESSAGE_ID"] == row.get_attribute("data-message-id")
    expect(row.locator("[data-action=open-task]")).to_have_text(f"Задача #{task_id}")
    # the task opens in the portal after the notice shows (a message to the portal's page): wait for it there
    portal_page.page.wait_for_function(
        f"window.devportal.log.some(c => c.cmd === 'openPath' && JSON.stringify(c.params).includes('/tasks/task/edit/{task_id}/'))")

    frame.locator("[data-action=my-requests]").click()
    item = frame.locator(f"[data-view=my_requests] [data-role=doing] li[data-task-id='{task_id}']")
    expect(item).to_be_visible()
    expect(item.locator("[data-field=queue]")).to_contain_text("в очереди")
    expect(frame.locator("[data-field=bot-poll]")).to_contain_text("бот:")
    refused_creator = "status of 400"     # tasks.task.add refused the owner as creator: the fallback
    assert [e for e in portal_page.console_errors if refused_creator not in e] == []
    assert len(portal_page.console_errors) <= 1
    return task_id


def test_context_menu_message_becomes_my_task(portal_page, demo):
    msg = _untasked(demo.portal)[0]
    frame = open_app(portal_page, demo, SPECIALISTS[0], "IM_CONTEXT_MENU",
                     options=json.dumps({"messageId": str(msg.id), "dialogId": f"chat{CHAT}", "URI": "/online/"}))
    rows = frame.locator("li[data-message-id]")
    expect(rows.first).to_have_attribute("data-message-id", str(msg.id))     # the chosen one first
    assert rows.count() <= 10
    expect(rows.first.locator(".sd-msg__text")).to_contain_text(msg.text.splitlines()[0][:40])
    _create_then_see_it_in_my_requests(portal_page, demo, frame, rows.first, SPECIALISTS[0])


def test_the_portals_message_menu_opens_the_popup_on_that_message(portal_page, demo):
    """widgets/im/context-menu.md: the menu of a message sends its messageId; devportal's portal page
    sends it from its own chat, and the popup opens on that message, one tap from its task, with the
    last messages below."""
    msg = _untasked(demo.portal)[1]
    page = portal_page.page
    page.goto(demo.page_url(SPECIALISTS[0], "IM_CONTEXT_MENU"))
    page.locator(f"#dev-chat li[data-message-id='{msg.id}'] [data-action=message-menu]").click()
    frame = page.frame_locator("iframe")
    rows = frame.locator("[data-view=task_from_message] li[data-message-id]")
    expect(rows.first).to_have_attribute("data-message-id", str(msg.id))
    expect(rows.first).to_have_class("sd-msg sd-msg--chosen")
    assert rows.count() > 1                                   # the last messages stay below
    options = json.loads(page.evaluate("new URLSearchParams(location.search).get('options')"))
    assert options == {"messageId": str(msg.id), "dialogId": f"chat{CHAT}", "URI": f"/online/?IM_DIALOG=chat{CHAT}"}
    _create_then_see_it_in_my_requests(portal_page, demo, frame, rows.first, SPECIALISTS[0])


def test_the_mobile_chat_menu_is_not_bound_and_says_what_to_use(portal_page, demo):
    """widgets/mobile-app.md: a page of its own with POST data, which a static app cannot read: the
    app does not bind it; devportal offers only what is bound and says so."""
    page = portal_page.page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(demo.page_url(SPECIALISTS[1], "IMMOBILE_CONTEXT_MENU", mobile=True))
    box = page.locator("#frame-box[data-unbound=IMMOBILE_CONTEXT_MENU]")
    expect(box).to_contain_text("/status")
    assert page.locator("iframe").count() == 0
    group = demo.portal.groups[2]
    plain = next(u.id for u in demo.portal.users.values() if not (u.bot or u.is_admin or u.id in group.members
                                                                   or u.id == group.owner_id))
    frame = open_app(portal_page, demo, plain, mobile=True)                # My requests says what to use
    expect(frame.locator("[data-view=my_requests] [data-field=mobile-hint]")).to_contain_text("/status")


def test_on_a_narrow_screen_pick_one_of_the_last_messages(portal_page, demo):
    portal_page.page.set_viewport_size({"width": 375, "height": 740})
    frame = open_app(portal_page, demo, SPECIALISTS[1], "IM_TEXTAREA",
                     options=json.dumps({"dialogId": f"chat{CHAT}", "URI": "/online/"}), mobile=True)
    first = frame.locator("li[data-message-id]:has([data-action=create])").first
    expect(first).to_be_visible()
    row = frame.locator(f"li[data-message-id='{first.get_attribute('data-message-id')}']")
    width = frame.locator("body").evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert width[0] <= width[1] <= 375
    _create_then_see_it_in_my_requests(portal_page, demo, frame, row, SPECIALISTS[1])
    width = frame.locator("body").evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert width[0] <= width[1]


def test_where_an_app_binds_the_mobile_menu_it_opens_as_a_page_with_post_data(portal_page, demo):
    """widgets/mobile-app.md: "отдельной страницей, а не фреймом", the data sent by POST (auth,
    PLACEMENT_OPTIONS {dialogId}); a static host cannot answer that with the app (why it is not bound)."""
    from devportal.state import Placement
    handler = demo.app_url.rstrip("/") + "/index.html"
    demo.portal.placements.append(Placement("IMMOBILE_CONTEXT_MENU", handler, "Создать заявку"))
    page = portal_page.page
    posted = []
    page.context.on("request", lambda r: posted.append(r) if r.url.startswith(handler) else None)
    try:
        with page.expect_popup() as popup:
            page.goto(demo.page_url(SPECIALISTS[1], "IMMOBILE_CONTEXT_MENU", mobile=True))
        popup.value.wait_for_load_state()
        form = next(r for r in posted if r.method == "POST")
        data = dict(p.split("=", 1) for p in form.post_data.split("&"))
        assert data["PLACEMENT"] == "IMMOBILE_CONTEXT_MENU" and data["AUTH_ID"]
        assert json.loads(unquote(data["PLACEMENT_OPTIONS"])) == {"dialogId": f"chat{CHAT}"}
        assert page.locator("iframe").count() == 0                     # not a frame
        popup.value.close()
    finally:
        demo.portal.placements.pop()
