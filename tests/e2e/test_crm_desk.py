"""A desk on a smart process on the real dashboard (issue 27), in Chromium on the demo with its CRM desk:
the manager switches to it and sees the time-in-stage chart with clickable months and the month's
figures from the stage history — the same the CPython engine computes — and downloads the stays behind
them as CSV (ru at 1280 px, en at 375 px)."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from devportal.demo import build_demo
from devportal.demo_desks import add_hr_desk
from devportal.run import start_demo
from servicedesk.loader import load_desk
from servicedesk.loader.store import MemoryStore
from servicedesk.metrics.crm import crm_desk_figures
from servicedesk.visit import Visit
from servicedesk.views.dashboard_crm import crm_csv, crm_month
from tests.bot.helpers import MANAGER, visit_of
from tests.desks_fixture import crm_desk_portal
from tests.e2e.conftest import recorded_page

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def running(app_url):
    """The CRM demo with devportal's clock stopped: the browser and CPython compute the items' ages (the
    breached and at-risk lists) as of the same moment, however long apart their loads come."""
    from tests.e2e.test_browser_figures import frozen
    portal, ids = crm_desk_portal()
    demo = frozen(portal)
    demo.ids = ids
    yield demo
    demo.stop()


def cpython_crm(running) -> dict:
    async def go():
        s = await visit_of(running.devportal, MANAGER)
        s = Visit(s.client, s.ctx.for_desk(running.ids["desk"]), s.ui, s.lang)
        data = await load_desk(s, store=MemoryStore(), now=running.portal.now)
        return crm_desk_figures(data.settings, data.crm_items, data.crm_history, data.crm_stages, data.now)
    with ThreadPoolExecutor(1) as pool:          # playwright's sync API holds this thread's event loop
        return pool.submit(asyncio.run, go()).result()


@pytest.mark.parametrize("lang,width", [("ru", 1280), ("en", 375)])
def test_the_manager_sees_time_in_stage_and_the_months_figures(browser, running, lang, width):
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": width, "height": 900},
                                  accept_downloads=True)
    try:
        with recorded_page(context, running.portal_url) as rec:
            rec.page.goto(running.page_url(MANAGER, mobile=width < 400) + f"&lang={lang}")
            frame = rec.page.frame_locator("iframe")
            view = frame.locator("[data-view=dashboard]")
            expect(view).to_have_attribute("data-state", "ready", timeout=120_000)
            view.locator("#sd-desk-switch").select_option(str(running.ids["desk"]))
            expect(view.locator(".sd-card[data-series=crm_stages] svg")).to_be_visible(timeout=120_000)
            expect(view).to_have_attribute("data-state", "ready")
            crm = cpython_crm(running)
            points = view.locator(".sd-card[data-series=crm_stages] .sd-point")
            expect(points).to_have_count(12)
            current = crm["months"][-1]
            want = {r["key"]: str(r["value"]) for r in crm_month(crm, current, lang)["figures"]}
            rows = view.locator(".sd-block--crm-figures tr[data-key]")
            got = {r.get_attribute("data-key"): r.locator("td").inner_text() for r in rows.all()}
            assert got == want
            # decision 166: the items open now are in the open list, the due ones in breached now / at risk
            opened = view.locator(".sd-block--open-tasks tr[data-item-id]")
            assert [int(r.get_attribute("data-item-id")) for r in opened.all()] == [r["id"] for r in crm["open_now"]]
            assert crm["open_now"] and crm["target_min"]
            due = [r for r in crm["open_now"] if r["target_min"] - r["age_min"] <= 0.25 * r["target_min"]]
            over = sum(1 for r in due if r["age_min"] > r["target_min"])
            assert over > 0                                    # the demo has open items past the target
            expect(view.locator(".sd-block--breached-now tr[data-kind=items]")).to_have_count(over)
            expect(view.locator(".sd-block--at-risk tr[data-kind=items]")).to_have_count(len(due) - over)
            # decision 168: the per-specialist table counts requests closed on a desk set up on the smart process
            expect(view.locator(".sd-block--specialists thead")).to_contain_text(
                "Закрыто заявок" if lang == "ru" else "Requests closed")
            # decision 167: the manager's digest panel gives the second line from the requests
            expect(view.locator(".sd-block--digest")).to_contain_text("Заявки:" if lang == "ru" else "Requests:")
            month = crm["months"][-3]                          # a month with closes: click it in the stage chart
            view.locator(f".sd-card[data-series=crm_stages] .sd-point[data-month='{month}']").click()
            expect(view.locator(".sd-block--crm")).to_have_attribute("data-month", month)
            d = crm_month(crm, month, lang)
            stage_rows = view.locator(".sd-block--crm-stages tr[data-stage]")
            expect(stage_rows).to_have_count(len(d["stages"]))
            assert [(r.locator("th").inner_text(), r.locator("td[data-field=median]").inner_text())
                    for r in stage_rows.all()] == [(s["name"], s["median"]) for s in d["stages"]]
            with rec.page.expect_download() as info:
                view.locator("[data-action=crm-csv]").click()
            download = info.value
            assert download.suggested_filename == f"servicedesk-stages-{month}.csv"
            assert open(download.path(), "rb").read() == crm_csv(crm, month, lang)
            # decision 169: the scorecard's closed column counts the requests of each responsible
            view.locator(".sd-details [data-action=scorecard]").click()
            panel = view.locator("[data-panel=scorecard]")
            expect(panel.locator("th[data-col=tasks_closed]")).to_have_text(
                "Закрыто заявок" if lang == "ru" else "Requests closed", timeout=60_000)
            k = crm["months"].index(panel.get_attribute("data-month"))
            shown = [int(c.get_attribute("data-value") or 0) for c in panel.locator("td[data-col=tasks_closed]").all()]
            assert crm["closed"][k] and sum(shown) == crm["closed"][k]
            if width < 400:
                app = next(f for f in rec.page.frames if f.parent_frame is not None)
                assert app.evaluate("document.documentElement.scrollWidth") <= width
            assert rec.console_errors == []
    finally:
        context.close()


def test_the_admin_moves_a_desk_to_a_smart_process_in_settings(browser, app_url):
    import json

    from tests.e2e.conftest import open_app
    portal = build_demo(1)
    add_hr_desk(portal)
    demo = start_demo(portal)
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": 1280, "height": 900})
    try:
        with recorded_page(context, demo.portal_url) as rec:
            frame = open_app(rec, demo, 1)
            frame.locator("[data-action=settings]").click()
            form = frame.locator("[data-view=settings] #sd-setup-second-line-form")
            expect(form.locator("#sd-setup-second_line")).to_have_value("tasks")
            form.locator("#sd-setup-second_line").select_option("crm")
            form.locator("#sd-setup-second-line-save").click()
            expect(form.locator("#sd-setup-second-line-status")).to_have_text("Сохранено", timeout=60_000)
            record = json.loads(portal.app_options["desks"])[0]
            assert record["second_line"] == "crm" and record["switches"][0]["to"] == "crm"
            assert [t.title for t in portal.crm_types.values()] == [f"ServiceDesk: {record['name']}"]
            assert rec.console_errors == []
    finally:
        context.close()
        demo.stop()


@pytest.mark.parametrize("capped", [False, True])
def test_the_wizard_puts_the_second_line_in_a_smart_process_or_says_why_not(browser, app_url, capped):
    import json

    from tests.e2e.conftest import open_app, pick_people
    from tests.unit.setup_helpers import ADMIN, SPECIALISTS
    from tests.unit.setup_helpers import MANAGER as DESK_MANAGER
    portal = build_demo(1, configured=False)
    portal.crm_type_limit = 0 if capped else None
    demo = start_demo(portal)
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": 1280, "height": 900})
    try:
        with recorded_page(context, demo.portal_url) as rec:
            frame = open_app(rec, demo, ADMIN)
            expect(frame.locator("[data-view]").first).to_have_attribute("data-view", "setup")
            frame.locator("#sd-setup-group_name").fill("Техподдержка")
            pick_people(rec.page, frame, DESK_MANAGER, SPECIALISTS)
            frame.locator("#sd-setup-chat_title").fill("Чат поддержки")
            frame.locator("#sd-setup-second_line").select_option("crm")
            frame.locator("#sd-setup-submit").click()
            done = frame.locator('[data-setup="done"]')
            expect(done).to_be_visible(timeout=60_000)
            if capped:
                expect(done.locator("[data-note=second-line]")).to_contain_text("Тариф портала")
                assert "desks" not in portal.app_options or "second_line" not in portal.app_options["desks"]
                assert not portal.crm_types
            else:
                expect(done.locator("[data-note=second-line]")).to_have_count(0)
                record = json.loads(portal.app_options["desks"])[0]
                assert record["second_line"] == "crm" and record["crm"]["type_id"] == 1
                assert [t.title for t in portal.crm_types.values()] == ["ServiceDesk: Техподдержка"]
            refused = [e for e in rec.console_errors if "status of 400" in e]     # the browser logs the plan's refusal
            assert len(refused) == (1 if capped else 0) and len(rec.console_errors) == len(refused)
    finally:
        context.close()
        demo.stop()
