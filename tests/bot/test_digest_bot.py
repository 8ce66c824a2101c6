"""The weekly digest on devportal (decisions 111–113): due at the desk's day and hour (the portal's clock
moved by the test), sent once to the manager, kept across a restart by its key; ru and en."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from devportal.clock import FakeClock
from devportal.demo import build_demo
from devportal.server import serve
from servicedesk.bot.digest import desk_digest, digest_lines, send_digest
from servicedesk.metrics.digest import last_full_week
from tests.bot.helpers import ADMIN, MANAGER, client_of, run, visit_of
from tests.bot.test_sla_alerts_bot import bot_said

MSK = ZoneInfo("Europe/Moscow")
ANCHOR = datetime(2026, 12, 7, 8, 0, tzinfo=MSK)            # Monday; the digest is due at 09:00


@pytest.fixture
def desk():
    clock = FakeClock(ANCHOR.astimezone(timezone.utc))
    running = serve(build_demo(1, ANCHOR.astimezone(timezone.utc)), clock=clock)
    running.fake = clock
    yield running
    running.stop()


def attempt(desk, hh_mm: str, sent: set, lang: str = "ru") -> bool:
    h, m = map(int, hh_mm.split(":"))
    desk.fake.set(datetime(2026, 12, 7, h, m, tzinfo=MSK).astimezone(timezone.utc))
    visit = run(visit_of(desk, ADMIN))
    visit.ctx.lang = lang
    dctx = visit.ctx.for_desk(visit.ctx.desks[0].id) if visit.ctx.desks else visit.ctx
    return run(send_digest(visit, dctx, sent, visit.now()))


def test_sent_once_at_the_desks_hour_to_the_manager_with_the_dashboards_figures(desk):
    from servicedesk.rest.lease import ensure_storage
    assert run(ensure_storage(client_of(desk, ADMIN), {MANAGER}))
    sent: set = set()
    assert attempt(desk, "08:59", sent) is False and bot_said(desk, MANAGER) == []
    assert attempt(desk, "09:00", sent) is True
    said = bot_said(desk, MANAGER)
    assert len(said) == 1 and said[0].startswith("📊 Сводка за неделю с 2026-11-30")
    assert "/workgroups/group/2/tasks/" in said[0]
    # what the manager got is what the dashboard's panel computes for that week
    visit = run(visit_of(desk, ADMIN))
    dctx = visit.ctx.for_desk(visit.ctx.desks[0].id) if visit.ctx.desks else visit.ctx
    d = run(desk_digest(visit, dctx, last_full_week(visit.now(), MSK)))
    assert said[0].split("\n")[:-1] == digest_lines(d, "ru")
    assert d["figures"]["tasks"]["count"] > 0 and d["figures"]["chat"]["count"] > 0
    assert attempt(desk, "09:30", sent) is False                    # once
    assert attempt(desk, "10:00", set(sent)) is False               # a restart with the state file's keys
    # a lost state file: the key kept in the bot's app storage holds (bot.alert_keys; the portal does not
    # drop a repeated templateId); without that storage the digest would go again
    assert attempt(desk, "10:05", set()) is False and len(bot_said(desk, MANAGER)) == 1


def test_english(desk):
    assert attempt(desk, "09:00", set(), "en") is True
    assert bot_said(desk, MANAGER)[0].startswith("📊 Weekly digest, week of 2026-11-30")
