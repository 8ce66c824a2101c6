"""Working hours, targets, breaches, at-risk and month-over-month on the real dashboard in Chromium:
the golden desk with the working-hours settings of tests/unit/test_metrics_working_hours.py (hand-
checked figures there), served by devportal at the desk's "now", computed by the browser's Python;
at 1280 px and 375 px, in Russian and English."""
from __future__ import annotations

import json
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from devportal.golden import portal_from_golden
from servicedesk.metrics import compute_from_input
from servicedesk.views.dashboard_data import names_of
from servicedesk.views.dashboard_sla import sla_details
from tests.e2e.conftest import recorded_page, stopping
from tests.e2e.test_browser_figures import frozen
from tests.paths import GOLDEN, golden_data
from tests.unit.test_metrics_working_hours import SLA, _variant

pytestmark = pytest.mark.e2e
SPECIALIST = 2
PRIORITY = {302: 2, 306: 0}


@pytest.fixture(scope="module")
def running(app_url):
    portal = portal_from_golden(GOLDEN)
    portal.app_options.update(SLA)
    for task in portal.tasks.values():
        task.priority = PRIORITY.get(task.id, 1)
    running = frozen(portal)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def figures():
    return compute_from_input(_variant(**SLA))


@contextmanager
def open_dashboard(browser, running, lang: str, width: int):
    """(the recorded page, the dashboard's view) of a specialist, ready."""
    context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": width, "height": 900})
    with stopping(context.close), recorded_page(context, running.portal_url) as rec:
        rec.page.goto(running.page_url(SPECIALIST, mobile=width < 400) + f"&lang={lang}")
        frame = rec.page.frame_locator("iframe")
        view = frame.locator("[data-view=dashboard]")
        expect(view).to_have_attribute("data-state", "ready", timeout=120_000)
        yield rec, view


def table(view, block: str, fields: tuple) -> list[list[str]]:
    return [[row.locator(f"td[data-field={f}]").inner_text() for f in fields]
            for row in view.locator(f".{block} tbody tr").all()]


@pytest.mark.parametrize("lang,width", [("ru", 1280), ("en", 375)])
def test_targets_breaches_at_risk_and_comparison(browser, running, figures, lang, width):
    with open_dashboard(browser, running, lang, width) as (rec, view):
        current = figures["month_keys"][-1]
        want = sla_details(figures, current, lang, names_of(golden_data()["input"]["users"]))
        # the 9th chart: breach % per month, its current point saying each series' share
        breach = view.locator(".sd-card[data-series=breach] svg.sd-chart")
        expect(breach).to_have_count(1)
        label = breach.locator(f'.sd-point[data-month="{current}"]').get_attribute("aria-label")
        assert label.endswith("чат 50%, ОЛ 50%, задачи 100%" if lang == "ru" else "chat 50%, OL 50%, tasks 100%") \
            or label.endswith(", ".join(f"{r['label']} {r['pct']}" for r in want["breach"])), label
        # time charts: the mode in their title and the target as a line
        chat = view.locator(".sd-card[data-series=chat_response] svg.sd-chart")
        expect(chat).to_contain_text("рабочее время" if lang == "ru" else "working hours")
        expect(chat).to_contain_text("норматив" if lang == "ru" else "target")
        expect(view.locator(".sd-details__mode")).to_have_text(want["mode_text"])
        # details: breach per series, at risk now (most overdue first), the previous month
        assert table(view, "sd-block--breach", ("pct", "count")) == [[r["pct"], r["count"]] for r in want["breach"]]
        # breached now and at risk: each item in one list (here every one is breached), most overdue first
        risk = view.locator(".sd-block--breached-now tbody tr")
        assert [r.get_attribute("data-kind") for r in risk.all()] == [r["kind"] for r in want["at_risk"]]
        assert table(view, "sd-block--breached-now", ("item", "remaining")) == [[r["item"], r["remaining"]]
                                                                               for r in want["at_risk"]]
        assert all(r["breached"] for r in want["at_risk"])
        assert risk.first.get_attribute("data-breached") is not None
        expect(view.locator(".sd-block--at-risk tbody tr")).to_have_count(0)
        row = view.locator('.sd-block--comparison tr[data-key="chat_response_min.avg"]')
        expect(row).to_have_attribute("data-verdict", "worse")
        cells = [row.locator(f"td[data-field={f}]").text_content() for f in ("value", "previous", "change")]
        if lang == "ru":
            assert cells == ["2 ч 45 мин", "5 мин", "+2 ч 40 мин (+3200%)"]
        assert cells == next([r["value"], r["previous"], r["change"]] for r in want["comparison"]
                             if r["key"] == "chat_response_min.avg")
        if width < 400:            # a phone: one column, nothing wider than the screen
            frame = next(f for f in rec.page.frames if f.parent_frame is not None)
            assert frame.evaluate("document.documentElement.scrollWidth") <= width
        assert rec.console_errors == []


def test_the_settings_are_the_ones_served(running):
    """The portal serves the variant's settings (the test above would pass vacuously without targets)."""
    assert json.loads(running.portal.app_options["sla_targets"])["chat_first_response"] == 30


async def _manager_digest(dp, user_id: int) -> dict:
    """The digest as the worker computes it for this desk (bot.digest.desk_digest: records, paused spans,
    ratings), from what ``user_id`` may read (over REST)."""
    from servicedesk.bot.digest import desk_digest
    from servicedesk.context import load_context
    from servicedesk.metrics.digest import last_full_week
    from servicedesk.metrics.months import zone_of
    from servicedesk.model import Settings
    from servicedesk.rest import RestClient
    from servicedesk.rest.http import HttpTransport
    from servicedesk.visit import Visit
    client = RestClient(HttpTransport(dp.url, dp.token(user_id)))
    ctx = await load_context(client, is_admin=dp.portal.users[user_id].is_admin, lang="ru")
    visit = Visit(client, ctx, None, "ru")
    zone = zone_of(Settings.from_dict(ctx.settings).time_zone)
    return await desk_digest(visit, ctx, last_full_week(visit.now(), zone))


def test_the_managers_digest_panel_shows_the_digest_the_worker_sends(browser, running):
    """Decisions 113: the manager (the group's owner) sees last week's digest on the dashboard, computed by
    the browser's Python, line for line what bot.digest sends for the same desk and rights."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from servicedesk.bot.digest import digest_lines
    from servicedesk.charts.digest_chart import describe_week, title_of, week_label
    from servicedesk.texts import t
    with ThreadPoolExecutor(1) as pool:
        d = pool.submit(asyncio.run, _manager_digest(running.devportal, 1)).result()
    assert any(v is not None for values in d["trend"].values() for v in values)     # not a blank digest
    assert d["ratings"]["of"] == "sessions"          # an Open Line desk: its ratings line (decisions 176-178)
    for lang in ("ru", "en"):
        context = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": 1280, "height": 900})
        with recorded_page(context, running.portal_url) as rec:
            rec.page.goto(running.page_url(1) + f"&lang={lang}")
            view = rec.page.frame_locator("iframe").locator("[data-view=dashboard]")
            expect(view).to_have_attribute("data-state", "ready", timeout=120_000)
            panel = view.locator(".sd-block--digest")
            expect(panel).to_have_attribute("data-week", d["week"])
            assert panel.locator("li").all_inner_texts() == digest_lines(d, lang)[1:]
            assert panel.locator("li", has_text=t("digest_ratings", lang).split(":")[0]).count() == 1
            # after the charts: the summary strip stays the first thing on screen (issue 29)
            order = view.evaluate("v => [...v.querySelectorAll('.sd-summary, .sd-charts, .sd-block--digest')]"
                                  ".map(e => e.classList[0])")
            assert order == ["sd-summary", "sd-charts", "sd-block"], order
            # its 12-week chart (decision 156): the bot's image's drawing, as SVG, of the same digest's weeks
            svg = panel.locator(".sd-digest__chart svg")
            expect(svg).to_have_attribute("aria-label", title_of(d, lang))
            weeks = svg.locator("g.sd-week").evaluate_all(
                "gs => gs.map(g => [g.getAttribute('data-week'), g.getAttribute('aria-label')])")
            assert weeks == [[w, f"{week_label(w, lang)} {w[:4]}: {describe_week(d, i, lang)}"]
                             for i, w in enumerate(d["trend_weeks"])]
        context.close()
    # a specialist has no digest panel
    with open_dashboard(browser, running, "ru", 1280) as (rec, view):
        assert view.locator(".sd-block--digest").count() == 0
    context.close()


def test_a_chat_desks_ratings_show_in_the_details(browser, app_url):
    """Decisions 153–154: a desk with no Open Line shows the bot's ratings of closed chat tasks — read by
    the browser from the app storage, counted by the month of the close — with the note saying so (ru)."""
    from datetime import timedelta

    portal = portal_from_golden(GOLDEN)
    portal.app_options.update(SLA)
    portal.app_options["openline_id"] = ""
    store = next(e for k, e in portal.entities.items() if k.endswith("|sdbot"))
    closed = portal.now - timedelta(minutes=5)
    group = int(portal.app_options["group_id"])
    ids = sorted(t.id for t in portal.tasks.values() if t.group_id == group)[:3]      # tasks the desk loads
    for n, (task, vote) in enumerate(zip(ids, ("like", "like", "dislike")), start=100):
        data = {"task": task, "desk": 1, "group": group, "author": 90, "responsible": SPECIALIST,
                "closed": closed.isoformat(), "vote": vote}
        store["items"][str(n)] = {"ID": n, "CODE": f"csat:{task}", "NAME": vote, "DETAIL_TEXT": json.dumps(data),
                                  "DATE_CREATE": closed, "TIMESTAMP_X": closed, "CREATED_BY": 1, "MODIFIED_BY": 1}
    chat_desk = frozen(portal)
    try:
        with open_dashboard(browser, chat_desk, "ru", 1280) as (rec, view):
            block = view.locator(".sd-block--csat")
            rows = [[r.locator("th").inner_text(), *(r.locator(f"td[data-field={f}]").inner_text()
                                                      for f in ("pct", "rated"))]
                    for r in block.locator("tbody tr").all()]
            assert rows[0] == ["Вся служба", "66,7%", "3"], rows
            assert [r[1:] for r in rows[1:]] == [["66,7%", "3"]]       # the one specialist, the responsible
            assert "задач из чата" in block.inner_text()
    finally:
        chat_desk.stop()
