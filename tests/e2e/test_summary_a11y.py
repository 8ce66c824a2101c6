"""The dashboard's first screen and an accessibility audit of every screen, on the real demo in Chromium.

The manager's dashboard: the summary strip shows CPython's figures for the month (views/dashboard_summary),
its "now" counts jump to their lists, breached-now and at-risk lists hold each item once with "show all",
folding sections are remembered per user, and the print layout (A4) fits the page and has every figure
of the strip. axe-core (WCAG 2 A/AA) runs inside the app's frame on the dashboard (rows panel and
scorecard open), My requests, the message popup, the setup wizard and Settings, at 1280 and 375 px: one
app boot per role, the width changed in place.
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

import build
from devportal.demo import build_demo
from devportal.run import start_demo
from servicedesk.views.dashboard_summary import summary
from tests.e2e.conftest import open_app, recorded_page, settled
from tests.e2e.real_app import cpython_payload
from tests.e2e.test_browser_figures import frozen
from tests.e2e.test_routing import roles

AXE = build.ROOT / "node_modules" / "axe-core" / "axe.min.js"     # npm axe-core, used only by tests
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 375)
A4_WIDTH_PX = round((210 - 2 * 12) / 25.4 * 96)                  # A4 less the @page margins, CSS px

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm devDependency)")]


def app_frame(page):
    return next(f for f in page.frames if f.parent_frame is not None)


def axe_violations(page) -> list[dict]:
    """WCAG 2 A/AA violations axe-core finds in the app's frame (each with up to 5 of its elements)."""
    frame = app_frame(page)
    if not frame.evaluate("!!window.axe"):
        frame.add_script_tag(path=str(AXE))
    return frame.evaluate("""async (tags) => {
      const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
      return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || ''))}));
    }""", WCAG)


def audit(page, where: str, found: dict) -> None:
    """axe at each width (the viewport changed in place: no second boot), then in the dark theme
    (Bitrix's `.dark` class on the root) at 1280 px; violations collected by place."""
    for width, theme in [*((w, "light") for w in WIDTHS), (WIDTHS[0], "dark")]:
        page.set_viewport_size({"width": width, "height": 900})
        app_frame(page).evaluate(f"document.documentElement.classList.toggle('dark', {json.dumps(theme == 'dark')})")
        settled(app_frame(page))             # the layout settles
        body = app_frame(page).evaluate("getComputedStyle(document.body).backgroundColor")
        assert body == ("rgb(38, 38, 38)" if theme == "dark" else "rgb(255, 255, 255)"), (where, theme, body)
        bad = axe_violations(page)
        if bad:
            found[f"{where} @{width}px {theme}"] = bad
    app_frame(page).evaluate("document.documentElement.classList.remove('dark')")


@pytest.fixture(scope="module")
def running(app_url):
    """The seeded demo (targets, working hours) with devportal's clock stopped: CPython and the browser
    compute as of the same moment."""
    running = frozen(build_demo(1))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def fresh(app_url):
    """A demo portal not set up yet: the setup wizard."""
    running = start_demo(build_demo(1, configured=False))
    yield running
    running.stop()


@pytest.fixture
def page_rec(browser):
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": 1280, "height": 900})
    with recorded_page(context, "") as rec:
        yield rec
    context.close()


def test_first_screen_lists_print_and_audit(page_rec, running):
    page, manager = page_rec.page, roles(running.portal)["manager"]
    want = cpython_payload(running.devportal, manager)["figures"]
    current = want["month_keys"][-1]
    frame = open_app(page_rec, running, manager)
    view = frame.locator("[data-view=dashboard]")
    expect(view).to_have_attribute("data-state", "ready", timeout=120_000)

    # the strip: CPython's figures for the month, state in a word (not colour alone)
    strip = view.locator(".sd-summary")
    expect(strip).to_have_attribute("data-month", current)
    data = summary(want, current, "ru")
    assert data["tiles"], "the demo desk has targets"
    tiles = strip.locator(".sd-tile[data-series]")
    expect(tiles).to_have_count(len(data["tiles"]))
    for tile in data["tiles"]:
        node = strip.locator(f'.sd-tile[data-series="{tile["series"]}"]')
        expect(node).to_have_attribute("data-state", tile["state"])
        expect(node.locator("[data-field=figure]")).to_have_text(tile["figure"])
        expect(node.locator("[data-field=state]")).to_contain_text(tile["state_text"])
        for field, text in (("target", tile["target"]), ("change", tile["change"]), ("breach", tile["breach_pct"])):
            expect(node.locator(f"[data-field={field}]")).to_contain_text(text)
    expect(strip.locator("[data-field=waiting_now]")).to_have_text(str(data["waiting_now"]))
    expect(strip.locator("[data-field=breached_now]")).to_have_text(str(data["breached_now"]))
    # first screen: the strip is above the charts, in the first 900 px
    assert strip.bounding_box()["y"] < view.locator(".sd-charts").bounding_box()["y"]
    assert strip.bounding_box()["y"] + strip.bounding_box()["height"] < 900
    page.set_viewport_size({"width": 375, "height": 800})         # a phone: two tiles a row
    boxes = [b.bounding_box() for b in strip.locator(".sd-tile").all()]
    assert len({round(b["x"]) for b in boxes}) == 2 and all(b["x"] + b["width"] <= 375 for b in boxes)
    assert len({round(b["y"]) for b in boxes}) == (len(boxes) + 1) // 2
    page.set_viewport_size({"width": 1280, "height": 900})

    # "breached now" and "at risk": each item once; breached first list, the first 10 with "show all N"
    overdue = view.locator(".sd-block--breached-now tbody tr")
    risk = view.locator(".sd-block--at-risk tbody tr")
    assert overdue.count() == data["breached_now"]
    assert all(r.get_attribute("data-breached") is not None for r in overdue.all())
    assert all(r.get_attribute("data-breached") is None for r in risk.all())
    assert overdue.count() + risk.count() == len(want["at_risk"])
    if overdue.count() > 10:
        expect(view.locator(".sd-block--breached-now tbody tr:visible")).to_have_count(10)
        more = view.locator(".sd-block--breached-now [data-action=show-all]")
        expect(more).to_have_text(f"Показать все ({overdue.count()})")
        more.click()
        expect(view.locator(".sd-block--breached-now tbody tr:visible")).to_have_count(overdue.count())
        more.click()
        expect(view.locator(".sd-block--breached-now tbody tr:visible")).to_have_count(10)

    # the "now" counts jump to their lists
    strip.locator("[data-now=breached_now] button").click()
    expect(view.locator(".sd-block--breached-now")).to_be_focused()
    expect(view.locator(".sd-block--breached-now")).to_be_in_viewport()
    strip.locator("[data-now=waiting_now] button").click()
    expect(view.locator(".sd-block--unanswered")).to_be_focused()

    # folding sections with their count, folded the first time, remembered per user across a rebuild
    fold = view.locator("details.sd-block--specialists")
    assert fold.get_attribute("open") is None
    expect(fold.locator("summary [data-field=count]")).to_have_text(
        f" ({view.locator('.sd-block--specialists tbody tr').count()})")
    fold.locator("summary").click()
    expect(fold).to_have_attribute("open", "")
    key = f"servicedesk:fold:{manager}:specialists"       # kept by the page's toggle handler, after the attribute
    app_frame(page).wait_for_function(f"localStorage.getItem({json.dumps(key)}) === 'open'")
    previous = want["month_keys"][-2]
    view.locator(f'[data-series=chat_dialogues] .sd-point[data-month="{previous}"]').click()
    expect(view.locator(".sd-details")).to_have_attribute("data-month", previous)
    expect(view.locator("details.sd-block--specialists")).to_have_attribute("open", "")
    expect(view.locator("details.sd-block--open-tasks")).not_to_have_attribute("open", "")
    expect(view.locator(".sd-summary")).to_have_attribute("data-month", previous)

    # charts: a title and a text alternative each; months reachable by Tab, with a visible focus
    charts = view.locator(".sd-card svg.sd-chart")
    assert charts.count() >= 8
    for chart in charts.all():
        assert chart.locator("title").text_content().strip() and chart.get_attribute("aria-label")
        assert chart.locator(".sd-point[role=button][tabindex='0'][aria-label]").count() == 12
    # the manager's digest chart (decision 156): a title, a text alternative, each of its 12 weeks labelled
    digest = view.locator(".sd-digest__chart svg.sd-chart")
    assert digest.locator("title").text_content().strip() and digest.get_attribute("aria-label")
    assert digest.locator("g.sd-week[role=img][aria-label]").count() == 12
    first = charts.first.locator(".sd-point").first
    first.focus()
    page.keyboard.press("Tab")                                  # from a month to the next by keyboard
    focused = app_frame(page).evaluate("document.activeElement.getAttribute('data-month')")
    assert focused == want["month_keys"][1]
    page.keyboard.press("Shift+Tab")
    stroke = first.evaluate("p => getComputedStyle(p.querySelector('path')).stroke")
    assert stroke == "rgb(0, 98, 214)", stroke                  # the focus ring: --sd-accent, 5.6:1 on white

    # print: A4 width, every figure of the strip, no buttons
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1100})
    frame_el = app_frame(page)
    assert frame_el.evaluate("document.documentElement.scrollWidth") <= A4_WIDTH_PX + 1
    printed = frame_el.evaluate("document.body.innerText")
    for tile in summary(want, previous, "ru")["tiles"]:
        for text in (tile["figure"], tile["target"], tile["breach_pct"], tile["state_text"]):
            assert text in printed, text
    assert frame_el.evaluate("[...document.querySelectorAll('button')].filter(b => b.offsetParent).length") == 0
    assert view.locator("details.sd-block--comparison").get_attribute("open") is None       # folded on screen,
    compared = view.locator(".sd-block--comparison tbody tr").first                            # printed whole
    assert compared.is_visible() and compared.locator("th").text_content() in printed
    assert view.locator(".sd-block--breached-now tbody tr").last.is_visible()                  # every row
    page.emulate_media(media="screen")

    # axe: the dashboard, then with the rows panel open, then with the scorecard open
    found: dict = {}
    audit(page, "dashboard", found)
    page.set_viewport_size({"width": 1280, "height": 900})
    view.locator(".sd-block--stats tr[data-group=chat] [data-action=rows]").click()
    expect(view.locator(".sd-rows table")).to_be_visible(timeout=60_000)
    audit(page, "dashboard + rows", found)
    page.set_viewport_size({"width": 1280, "height": 900})
    view.locator(".sd-details [data-action=scorecard]").click()
    expect(view.locator("[data-panel=scorecard] tbody tr").first).to_be_visible(timeout=60_000)
    audit(page, "dashboard + scorecard", found)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
    assert page_rec.console_errors == []


def test_my_requests_popup_and_settings_pass_axe(page_rec, running):
    people, found = roles(running.portal), {}
    frame = open_app(page_rec, running, people["user"])
    expect(frame.locator("[data-view=my_requests] .sd-req__body")).not_to_have_attribute("aria-busy", "true")
    audit(page_rec.page, "my requests", found)
    chat = int(running.portal.app_options["chat_id"])
    page_rec.page.set_viewport_size({"width": 1280, "height": 900})
    frame = open_app(page_rec, running, people["specialist"], "IM_CONTEXT_MENU",
                     options=json.dumps({"dialogId": f"chat{chat}"}))
    expect(frame.locator("[data-view=task_from_message] li[data-message-id]").first).to_be_visible()
    audit(page_rec.page, "popup", found)
    page_rec.page.set_viewport_size({"width": 1280, "height": 900})
    frame = open_app(page_rec, running, people["admin"])
    frame.locator("[data-action=settings]").click()
    expect(frame.locator("[data-view=settings] select#sd-setup-chat")).to_be_visible(timeout=60_000)
    expect(frame.locator("[data-view=settings] [data-section=worker]")).to_be_visible()   # its last section: all drawn
    audit(page_rec.page, "settings", found)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_setup_wizard_passes_axe(page_rec, fresh):
    admin = next(u.id for u in fresh.portal.users.values() if u.is_admin)
    frame = open_app(page_rec, fresh, admin)
    expect(frame.locator("[data-view=setup]")).to_be_visible()
    found: dict = {}
    audit(page_rec.page, "setup", found)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
