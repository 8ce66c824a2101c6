"""The SLA dashboard's DOM in chromium with exact, hostile data: figures and SVGs computed on CPython
from the golden desk (with HTML in a name and a title) are served as JSON to a harness that runs the
real screen with stand-ins for the loader, metrics and charts (DESIGN §2). This adds to the tests of
the real path (test_browser_figures.py); plus the real demo portal with the chart libraries' wheels
blocked, where the manager gets the clear "libraries unavailable" state."""
import copy

import pytest
from playwright.sync_api import expect

from servicedesk.charts import render_all
from servicedesk.metrics import compute_from_input
from servicedesk.views.dashboard_data import month_details, names_of
from tests.e2e.harness import route_dashboard
from tests.e2e.conftest import open_app
from tests.e2e.test_routing import roles
from tests.paths import golden_data

pytestmark = pytest.mark.e2e

NO_OPENLINE = "Нет доступа к Открытым линиям: обратитесь к администратору"
@pytest.fixture(scope="module")
def desk():
    """The golden desk with HTML in a user's name and a task title, its figures, SVGs and names."""
    data = copy.deepcopy(golden_data()["input"])      # changed below
    for user in data["users"]:
        if user["id"] == 3:
            user["name"] = "<b>x</b> Вера"
    for task in data["tasks"]:
        if str(task["id"]) == "306":
            task["title"] = "<img src=x onerror=alert(1)> МФУ"
    figures = compute_from_input(data)
    return {"figures": figures, "svgs": render_all(figures, None, "ru"), "users": data["users"],
            "names": names_of(data["users"]), "problems": {"openline": NO_OPENLINE}, "user_id": 1, "delay": 0.3}


def stats(app, group):
    row = app.locator(f".sd-details tr[data-group={group}]")
    return [row.locator(f"td[data-field={f}]").inner_text() for f in ("avg", "median", "p90")]


def expected(desk, month):
    d = month_details(desk["figures"], month, "ru", desk["names"], desk["problems"])
    chat = next(r for r in d["stats"] if r["group"] == "chat")
    ttc = next(r for r in d["stats"] if r["group"] == "tasks")
    return [chat["avg"], chat["median"], chat["p90"]], [ttc["avg"], ttc["median"], ttc["p90"]], d


def pressed(app):
    return app.locator('.sd-point[aria-pressed="true"]')


def test_dashboard_charts_select_months_and_fit_a_phone(app_page, desk):
    page = app_page.page
    page.set_viewport_size({"width": 1280, "height": 900})
    route_dashboard(page, desk)
    app_page.goto()
    assert app_page.wait_booted() == "done"
    app = page.locator("[data-view=dashboard]")
    expect(app).to_have_attribute("data-state", "ready")
    expect(app.locator("[data-field=as-of]")).to_have_text("Данные на 25.11.2026 12:00")

    # 8 cards: 6 charts, and the two Open Line cards say why they have none
    expect(app.locator(".sd-card")).to_have_count(8)
    expect(app.locator(".sd-card svg.sd-chart")).to_have_count(6)
    expect(app.locator('.sd-card[data-problem] .sd-card__problem')).to_have_text([NO_OPENLINE, NO_OPENLINE])
    months = desk["figures"]["month_keys"]
    current, previous, before = months[-1], months[-2], months[-3]
    expect(pressed(app)).to_have_count(6)
    assert {p.get_attribute("data-month") for p in pressed(app).all()} == {current}
    chat, ttc, d = expected(desk, current)
    expect(app.locator(".sd-details")).to_have_attribute("data-month", current)
    assert stats(app, "chat") == chat == ["8 ч 5 мин", "30 мин", "19 ч 1 мин"]
    assert stats(app, "openline") == ["—", "—", "—"]

    # click a previous month's point: every chart and the details follow
    app.locator(f'[data-series=chat_dialogues] .sd-point[data-month="{previous}"]').click()
    expect(app.locator(".sd-details")).to_have_attribute("data-month", previous)
    assert {p.get_attribute("data-month") for p in pressed(app).all()} == {previous}
    expect(pressed(app)).to_have_count(6)
    chat, ttc, d = expected(desk, previous)
    assert stats(app, "chat") == chat and stats(app, "tasks") == ttc
    assert app.locator(".sd-block--tasks tr[data-key=tasks_new] td").all_inner_texts() == [
        next(r for r in d["tasks"] if r["key"] == "tasks_new")[f] for f in ("total", "internal", "external")]

    # keyboard: Enter, then Space, on a focused point
    app.locator(f'[data-series=tasks_new] .sd-point[data-month="{before}"]').focus()
    page.keyboard.press("Enter")
    expect(app.locator(".sd-details")).to_have_attribute("data-month", before)
    assert stats(app, "tasks") == expected(desk, before)[1]
    app.locator(f'[data-series=time_to_close] .sd-point[data-month="{current}"]').focus()
    page.keyboard.press(" ")
    expect(app.locator(".sd-details")).to_have_attribute("data-month", current)

    # portal texts stay text: no element made from a name, a message or a task title
    details = app.locator(".sd-details")
    expect(details.locator(".sd-block--unanswered")).to_contain_text("<script>alert(1)</script>")
    expect(details.locator(".sd-block--specialists")).to_contain_text("<b>x</b> Вера")
    expect(details.locator(".sd-block--open-tasks")).to_contain_text("<img src=x onerror=alert(1)> МФУ")
    assert page.locator("#app script, #app b, #app img").count() == 0
    open_tasks = expected(desk, current)[2]["open_tasks"]
    fold = details.locator("details.sd-block--open-tasks")      # a folding section: open it first
    if fold.get_attribute("open") is None:
        fold.locator("summary").click()
    assert details.locator(".sd-block--open-tasks .sd-link").all_inner_texts() == [r["title"] for r in open_tasks]
    details.locator(".sd-block--open-tasks .sd-link").first.click()
    expect(page.locator("body")).to_have_attribute(
        "data-opened", f"/company/personal/user/1/tasks/task/view/{open_tasks[0]['id']}/")

    # refresh: the in-page bar shows the load, the selected month stays (what the bar showed is noted as it
    # changes: a poll after the click could come when the short load is over on a slow machine)
    app.locator(f'[data-series=chat_dialogues] .sd-point[data-month="{previous}"]').click()
    app.locator(".sd-dash__bar").evaluate("""bar => { window.sdBarShown = [];
      new MutationObserver(() => bar.hidden || window.sdBarShown.push(bar.querySelector('.sd-dash__bar-label').textContent))
        .observe(bar, {attributes: true, childList: true, subtree: true, characterData: true}); }""")
    app.locator("[data-action=refresh]").click()
    page.wait_for_function("window.sdBarShown.includes('Загрузка данных портала…')")
    expect(app.locator(".sd-dash__bar")).to_be_hidden(timeout=60_000)
    expect(app.locator("[data-action=refresh]")).to_be_enabled()
    expect(app.locator(".sd-details")).to_have_attribute("data-month", previous)
    assert {p.get_attribute("data-month") for p in pressed(app).all()} == {previous}

    # a portal error on refresh: a plain message, the last figures stay
    page.evaluate("window.sdHarnessFail = 'ACCESS_DENIED'")
    app.locator("[data-action=refresh]").click()
    expect(app.locator('[data-notice="load"]')).to_contain_text("Недостаточно прав: портал не дал прочитать")
    expect(app.locator(".sd-card svg.sd-chart")).to_have_count(6)
    expect(app).to_have_attribute("data-state", "ready")

    # desktop: a grid; phone: one column and nothing wider than the screen
    boxes = [c.bounding_box() for c in app.locator(".sd-card").all()]
    assert len({round(b["x"]) for b in boxes}) == 3 and len({round(b["y"]) for b in boxes}) == 3
    page.set_viewport_size({"width": 375, "height": 800})
    boxes = [c.bounding_box() for c in app.locator(".sd-card").all()]
    assert len({round(b["x"]) for b in boxes}) == 1 and all(b["width"] <= 375 for b in boxes)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    wrap = app.locator(".sd-block--open-tasks .sd-table-wrap")
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")          # the table scrolls in its box
    assert app_page.console_errors == []


def test_manager_sees_libraries_unavailable_and_a_user_gets_no_dashboard(portal_page, demo):
    """A failure state only: the wheels of numpy/pandas/matplotlib cannot be fetched."""
    people = roles(demo.portal)
    portal_page.page.route("**/static/vendor/wheels/*", lambda r: r.abort()
                           if "tzdata" not in r.request.url else r.continue_())
    frame = open_app(portal_page, demo, people["manager"])
    view = frame.locator("[data-view=dashboard]")
    expect(view).to_have_attribute("data-state", "no-packages")
    expect(view.locator("h1")).to_have_text("SLA поддержки")
    notice = view.locator('[data-notice="packages"]')
    expect(notice).to_contain_text("Графики SLA недоступны: браузер не смог загрузить библиотеки")
    expect(notice).to_contain_text("Остальные разделы приложения работают")
    expect(frame.locator("#sd-boot")).to_be_hidden()
    expect(frame.locator(".py-error")).to_have_count(0)
    view.locator("[data-action=my-requests]").click()           # the rest of the app works
    expect(frame.locator("[data-view=my_requests]")).to_be_visible()

    frame = open_app(portal_page, demo, people["user"])
    expect(frame.locator("[data-view]").first).not_to_have_attribute("data-view", "dashboard")
    expect(frame.locator(".sd-dash")).to_have_count(0)
    assert set(portal_page.console_errors) <= {"Failed to load resource: net::ERR_FAILED"}   # the blocked wheels
