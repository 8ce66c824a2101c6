"""Portal texts stay text on every screen: chat messages, task titles, user and group names holding
HTML, <script>, <img onerror>, BB-code, 10,000 characters without a space, and right-to-left text with
an unclosed RLO. Nothing is built from them, no dialog fires, nothing overflows 375 px, and the
right-to-left runs are isolated from the text around them."""
from __future__ import annotations

import copy
import json
from contextlib import contextmanager
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from devportal.demo import build_demo
from devportal.run import start_demo
from devportal.state import Message
from servicedesk.setup.progress import Progress
from servicedesk.setup.spec import PROGRESS_KEY
from tests.e2e.conftest import open_app, pick_people, recorded_page, stopping
from tests.unit.setup_helpers import ADMIN, MANAGER, PLAIN, SPECIALISTS

pytestmark = pytest.mark.e2e
RLO = "\u202e"
PAYLOADS = {
    "script": '<script>alert("sd-xss")</script>',
    "img": '<img src=x onerror=alert("sd-xss")>',
    "html": '<b>жирно</b><a href="javascript:alert(1)">ссылка</a><svg onload=alert(1)>',
    "bbcode": '[b]жирно[/b] [url=javascript:alert("sd-xss")]ссылка[/url] [USER=1]все[/USER]',
    "long": "Ж" * 10_000,
    "rtl": f"مرحبا שלום {RLO}gnp.exe",
}
SHORT = " ".join(v for k, v in PAYLOADS.items() if k != "long")     # fits a group name (≤ 300)
SUPPORT_CHAT, GROUP = 3, 2
OPEN = {2, 3, 4, 6}
TRIED: list[tuple[str, str]] = []         # (screen, payload) pairs checked, printed at the end

# what no portal text may turn into, inside the app's view or the devportal page
INJECTED = """root => [...root.querySelectorAll('*')].filter(e =>
    ['SCRIPT', 'B', 'IFRAME', 'OBJECT', 'EMBED'].includes(e.tagName)
    || (e.tagName === 'IMG' && !e.classList.contains('sd-person-avatar'))
    || [...e.attributes].some(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))
  ).map(e => e.outerHTML.slice(0, 80))"""
# text nodes where the RLO's override reaches text of ours: in the node after the payload (unless an
# FSI…PDI closes it) or in the next elements (unless the node's element isolates it)
UNISOLATED = """root => { const out = [], walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const at = n.data.lastIndexOf('\\u202e');
    if (at < 0) continue;
    const rest = n.data.slice(at), ub = getComputedStyle(n.parentElement).unicodeBidi;
    const isolated = rest === '\\u202egnp.exe' && ['isolate', 'isolate-override', 'plaintext'].includes(ub);
    if (!(isolated || rest.includes('\\u2069'))) out.push(n.parentElement.outerHTML.slice(0, 120));
  } return out; }"""


def poisoned(configured: bool = True):
    """The seed-1 demo with the payloads in user names, the support chat's last messages and the
    open desk tasks of a plain user (also the oldest open ones: first in the dashboard's list)."""
    portal = copy.deepcopy(build_demo(1, configured=configured))
    kinds = list(PAYLOADS)
    people = [MANAGER, *SPECIALISTS, PLAIN]
    for uid, kind in zip(people, kinds):
        portal.users[uid].name, portal.users[uid].last_name = PAYLOADS[kind], ""
    mid = max(portal.messages) + 1                 # a reply closes the dialogue waiting now, then
    portal.messages[mid] = Message(mid, SUPPORT_CHAT, SPECIALISTS[1], portal.now - timedelta(minutes=7), "ok")
    for i, kind in enumerate(reversed(kinds)):     # one unanswered dialogue, opened by PLAIN's RTL text
        mid = max(portal.messages) + 1
        portal.messages[mid] = Message(mid, SUPPORT_CHAT, 9 if i % 2 else PLAIN,
                                       portal.now - timedelta(minutes=6 - i), PAYLOADS[kind])
    tasks = sorted((t for t in portal.tasks.values() if t.group_id == GROUP and t.status in OPEN),
                   key=lambda t: (t.created_date, t.id))
    for task, kind in zip(tasks, kinds):
        task.title = PAYLOADS[kind]
        if PLAIN not in task.auditors:
            task.auditors.append(PLAIN)
    return portal


@pytest.fixture(scope="module")
def visit(browser, app_url):
    """A phone-sized page of its own context; a JS dialog anywhere fails the test."""
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": 375, "height": 800})
    yield context
    context.close()
    print(f"\npayloads x screens tried: {len(TRIED)} "
          f"({len({s for s, _ in TRIED})} screens x {len(PAYLOADS)} payloads, where a screen shows them)")


@contextmanager
def page_of(context, running):
    """A recorded page of the demo portal that notes every dialog the page opens."""
    with recorded_page(context, running.portal_url) as rec:
        dialogs = []
        rec.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        yield rec, dialogs


PAGE_WIDTH = "e => e.ownerDocument.documentElement.scrollWidth"      # the app's page at 375 px
OWN_WIDTH = "e => e.getBoundingClientRect().right"                   # devportal's page is wider by design


def shows_as_text(screen: str, scope, kinds, dialogs, width: str = PAGE_WIDTH) -> None:
    """The payloads of `kinds` are on `scope` as text, nothing was made of them, nothing overflows."""
    text = scope.inner_text()
    for kind in kinds:
        needle = PAYLOADS[kind][:200] if kind != "long" else PAYLOADS[kind][:50]
        assert needle.replace("\n", " ") in text.replace("\n", " "), (screen, kind)
        TRIED.append((screen, kind))
    assert scope.evaluate(INJECTED) == [], screen
    assert scope.evaluate(UNISOLATED) == [], screen
    assert scope.evaluate(width) <= 375, screen
    assert dialogs == [], screen


def test_desk_screens_show_portal_texts_as_text(visit):
    running = start_demo(poisoned())
    with stopping(running.stop), page_of(visit, running) as (rec, dialogs):
        page = rec.page
        frame = open_app(rec, running, PLAIN, mobile=True)                       # My requests
        expect(page.locator("#user option")).not_to_have_count(0)              # devportal's user switcher
        shows_as_text("devportal user switcher", page.locator("label:has(#user)"), list(PAYLOADS), dialogs,
                      OWN_WIDTH)
        view = frame.locator("[data-view=my_requests]")
        expect(view.locator(".sd-req__item")).not_to_have_count(0)
        shows_as_text("my requests", view, list(PAYLOADS), dialogs)

        frame = open_app(rec, running, SPECIALISTS[0], "IM_CONTEXT_MENU", mobile=True,
                         options=json.dumps({"dialogId": f"chat{SUPPORT_CHAT}"}))
        view = frame.locator("[data-view=task_from_message]")
        expect(view.locator("li[data-message-id]")).not_to_have_count(0)
        shows_as_text("task from a message", view, list(PAYLOADS), dialogs)

        frame = open_app(rec, running, MANAGER, mobile=True)
        view = frame.locator("[data-view=dashboard]")
        expect(view).to_have_attribute("data-state", "ready", timeout=90_000)
        expect(view.locator(".sd-block--open-tasks tr")).not_to_have_count(0)
        folded = view.locator(".sd-details details.sd-fold:not([open]) > summary")
        for _ in range(folded.count()):          # the long tables fold (issue 29): their texts shown too
            folded.first.click()
        shows_as_text("dashboard details", view.locator(".sd-details"), list(PAYLOADS), dialogs)
        expect(view.locator(".sd-block--unanswered")).to_contain_text(PAYLOADS["rtl"])
        assert rec.console_errors == []


def test_setup_screens_show_portal_texts_as_text(visit):
    portal = poisoned(configured=False)
    portal.app_options[PROGRESS_KEY] = Progress(admin_id=ADMIN, admin_name=" ".join(PAYLOADS.values()),
                                                state="opened").dump()
    running = start_demo(portal)
    with stopping(running.stop), page_of(visit, running) as (rec, dialogs):
        frame = open_app(rec, running, PLAIN, mobile=True)
        view = frame.locator("[data-view=not_configured]")
        shows_as_text("not configured (admin name)", view, list(PAYLOADS), dialogs)

        frame = open_app(rec, running, ADMIN, mobile=True)
        frame.locator("#sd-setup-group_name").fill(SHORT)
        pick_people(rec.page, frame, MANAGER, SPECIALISTS)
        shows_as_text("wizard people", frame.locator("form.sd-setup-form"), list(PAYLOADS)[:5], dialogs)
        frame.locator("#sd-setup-chat").select_option(str(SUPPORT_CHAT))
        frame.locator("#sd-setup-submit").click()
        done = frame.locator('[data-setup="done"]')
        expect(done).to_be_visible(timeout=60_000)
        shows_as_text("wizard summary", done, list(PAYLOADS), dialogs)   # group name SHORT, people names
        assert rec.console_errors == []
