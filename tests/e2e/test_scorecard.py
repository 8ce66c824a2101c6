"""The specialist scorecard on the real demo dashboard (Chromium, the real loader and metrics): the manager
opens "By specialist" in the month's details; every figure of every specialist equals metrics.scorecard
computed on CPython over the same devportal (with the month's task histories and head votes); the CSV
download has one line per specialist."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from devportal.demo import build_demo
from tests.e2e.conftest import open_app, recorded_page, stopping
from tests.e2e.test_browser_figures import frozen

pytestmark = pytest.mark.e2e


async def _cpython_card(running, user_id: int, month: str) -> dict:
    from servicedesk.context import load_context
    from servicedesk.loader import load_desk
    from servicedesk.loader.store import MemoryStore
    from servicedesk.rest import RestClient
    from servicedesk.rest.http import HttpTransport
    from servicedesk.visit import Visit
    from servicedesk.views.scorecard_data import month_scorecard
    client = RestClient(HttpTransport(running.url, running.token(user_id)))
    ctx = await load_context(client, is_admin=running.portal.users[user_id].is_admin, lang="ru")
    desk = await load_desk(Visit(client, ctx, None, "ru"), store=MemoryStore())
    return await month_scorecard(client, desk, month)


def cpython_card(running, user_id: int, month: str) -> dict:
    with ThreadPoolExecutor(1) as pool:            # Playwright's loop owns this thread
        return pool.submit(asyncio.run, _cpython_card(running, user_id, month)).result()


def test_the_manager_opens_the_scorecard_and_its_figures_are_cpythons(browser, app_url):
    running = frozen(build_demo(1))
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", accept_downloads=True)
    with stopping(context.close, running.stop), recorded_page(context, running.portal_url) as rec:
        manager = running.portal.groups[int(running.portal.app_options["group_id"])].owner_id
        frame = open_app(rec, running, manager)
        view = frame.locator("[data-view=dashboard]")
        expect(view).to_have_attribute("data-state", "ready", timeout=120_000)
        view.locator(".sd-details [data-action=scorecard]").click()
        panel = view.locator("[data-panel=scorecard]")
        expect(panel).to_be_visible(timeout=60_000)
        month = panel.get_attribute("data-month")
        want = cpython_card(running.devportal, manager, month)["people"]
        rows = panel.locator("tbody tr")
        got = {}
        for i in range(rows.count()):
            row = rows.nth(i)
            got[row.get_attribute("data-user")] = {
                str(cell.get_attribute("data-col")): cell.get_attribute("data-value")
                for cell in row.locator("td[data-value]").all()}
        assert set(got) == set(want) and len(got) >= 2
        compared = 0
        for uid, figures in got.items():
            for key, text in figures.items():
                w = want[uid][key]
                assert (text == "" and w is None) or float(text) == pytest.approx(w, rel=1e-9), (uid, key)
                compared += 1
        from servicedesk.views.scorecard_data import COLUMNS
        assert compared == len(COLUMNS) * len(got) == 10 * len(got)      # 10 with customer ratings (issue 26)
        assert sum(want[u]["tasks_closed"] + want[u]["chat_dialogues"] for u in want) > 0    # not all zeros
        assert panel.locator("svg.sd-score-trend").count() == len(got)

        with rec.page.expect_download() as info:
            panel.locator("[data-action=score-export]").click()
        data = open(info.value.path(), "rb").read()
        assert data.startswith("\ufeff".encode()) and data.count(b"\r\n") == len(got) + 1
        assert info.value.suggested_filename == f"servicedesk-specialists-scorecard-{month}.csv"
        assert rec.console_errors == []
