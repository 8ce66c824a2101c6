"""The weekly digest on devportal (decisions 111–113, 155–159): due at the desk's day and hour (the portal's
clock moved by the test), sent once to the manager with its 12-week chart (imbot.v2.File.upload), kept
across a restart by its key; the chart once, retried alone after a transient failure, not retried after a
refusal; ru and en."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from devportal.clock import FakeClock
from devportal.demo import build_demo
from devportal.server import serve
import base64

import devportal.methods.bots as dp_bots
from servicedesk.bot.digest import desk_digest, digest_lines, send_digest
from servicedesk.charts.digest_chart import digest_png, title_of
from servicedesk.rest import PortalError
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


def attempt(desk, hh_mm: str, sent: set, lang: str = "ru", memo: dict | None = None) -> bool:
    h, m = map(int, hh_mm.split(":"))
    desk.fake.set(datetime(2026, 12, 7, h, m, tzinfo=MSK).astimezone(timezone.utc))
    visit = run(visit_of(desk, ADMIN))
    visit.ctx.lang = lang

    async def no_wait(_seconds):
        return None
    visit.client.sleep = no_wait                      # the client's retries, without the real waits
    dctx = visit.ctx.for_desk(visit.ctx.desks[0].id) if visit.ctx.desks else visit.ctx
    return run(send_digest(visit, dctx, sent, visit.now(), memo=memo))


def the_digest(desk, lang="ru") -> dict:
    """What the dashboard's panel computes for the week (the same code, the admin's rights)."""
    visit = run(visit_of(desk, ADMIN))
    dctx = visit.ctx.for_desk(visit.ctx.desks[0].id) if visit.ctx.desks else visit.ctx
    return run(desk_digest(visit, dctx, last_full_week(visit.now(), MSK)))


def charts_sent(desk) -> list:
    """The files the bot uploaded to the manager: (message text, PNG bytes, file name)."""
    out = []
    for m in sorted(desk.portal.messages.values(), key=lambda m: m.id):
        for fid in m.params.get("FILE_ID") or []:
            f = desk.portal.files.get(fid)
            if f is not None:
                out.append((m.text, base64.b64decode(f.content), f.name))
    return out


def storage_ready(desk):
    from servicedesk.rest.lease import ensure_storage
    assert run(ensure_storage(client_of(desk, ADMIN), {MANAGER}))


def test_sent_once_at_the_desks_hour_to_the_manager_with_the_dashboards_figures(desk):
    storage_ready(desk)
    sent: set = set()
    assert attempt(desk, "08:59", sent) is False and bot_said(desk, MANAGER) == []
    assert attempt(desk, "09:00", sent) is True
    said = bot_said(desk, MANAGER)
    assert len(said) == 2 and said[0].startswith("📊 Сводка за неделю с 2026-11-30")
    assert "/workgroups/group/2/tasks/" in said[0]
    # what the manager got is what the dashboard's panel computes for that week
    d = the_digest(desk)
    assert said[0].split("\n")[:-1] == digest_lines(d, "ru")
    assert d["figures"]["tasks"]["count"] > 0 and d["figures"]["chat"]["count"] > 0
    # then the chart of its 12 weeks, drawn from that digest's data, its title as the message
    (text, png, name), = charts_sent(desk)
    assert said[1] == text == "📈 " + title_of(d, "ru") and name == "digest-2026-11-30.png"
    assert png == digest_png(d, "ru") and len(d["trend_weeks"]) == 12 and d["trend"]["tasks"]
    assert attempt(desk, "09:30", sent) is False                    # once
    assert attempt(desk, "10:00", set(sent)) is False               # a restart with the state file's keys
    # a lost state file: the key kept in the bot's app storage holds (bot.alert_keys; the portal does not
    # drop a repeated templateId); without that storage the digest would go again
    assert attempt(desk, "10:05", set()) is False and len(bot_said(desk, MANAGER)) == 2
    assert len(charts_sent(desk)) == 1


def test_the_chart_draws_the_digests_weeks(desk, monkeypatch):
    """The data handed to the drawing is the sent digest's own 12-week trend (not re-read, not another week)."""
    import servicedesk.charts.digest_chart as chart
    drawn = []
    real = chart.digest_png
    monkeypatch.setattr(chart, "digest_png", lambda d, lang="ru": drawn.append((d, lang)) or real(d, lang))
    assert attempt(desk, "09:00", set()) is True
    (d, lang), = drawn
    expected = the_digest(desk)
    assert lang == "ru" and d["trend"] == expected["trend"] and d["trend_weeks"] == expected["trend_weeks"]
    assert d["trend_weeks"][-1] == "2026-11-30" and set(d["trend"]) == {k for k, on in d["targets_on"].items() if on}


def test_english(desk):
    assert attempt(desk, "09:00", set(), "en") is True
    said = bot_said(desk, MANAGER)
    assert said[0].startswith("📊 Weekly digest, week of 2026-11-30")
    assert said[1].startswith("📈 Target breaches by week, %") and said[1].endswith("weeks of Sep 14 – Nov 30 2026")
    assert charts_sent(desk)[0][1] == digest_png(the_digest(desk), "en")


def test_a_transient_upload_failure_retries_the_chart_alone_at_the_next_poll(desk):
    storage_ready(desk)
    desk.faults.add("INTERNAL_SERVER_ERROR", method="imbot.v2.File.upload", count=3)   # the client's 3 tries
    sent: set = set()
    memo: dict = {}
    with pytest.raises(PortalError) as failed:
        attempt(desk, "09:00", sent, memo=memo)
    assert getattr(failed.value, "status", 0) == 500
    assert len(bot_said(desk, MANAGER)) == 1 and charts_sent(desk) == []       # the text went, kept
    assert attempt(desk, "09:01", sent, memo=memo) is False                   # the chart alone, from memory
    said = bot_said(desk, MANAGER)
    assert len(said) == 2 and said[1].startswith("📈") and len(charts_sent(desk)) == 1 and memo == {}
    assert attempt(desk, "09:02", sent) is False and len(bot_said(desk, MANAGER)) == 2


def test_a_restart_with_the_state_lost_after_the_text_sends_only_the_chart(desk):
    storage_ready(desk)
    desk.faults.add("INTERNAL_SERVER_ERROR", method="imbot.v2.File.upload", count=3)
    with pytest.raises(PortalError):
        attempt(desk, "09:00", set())
    assert attempt(desk, "09:05", set()) is False          # a new process, no state file: the portal's keys
    said = bot_said(desk, MANAGER)
    assert len(said) == 2 and said[0].startswith("📊") and said[1].startswith("📈")
    assert attempt(desk, "09:10", set()) is False and len(charts_sent(desk)) == 1


def test_a_refused_upload_is_not_retried_and_the_text_stands(desk, monkeypatch, caplog):
    storage_ready(desk)
    monkeypatch.setattr(dp_bots, "MAX_FILE_BYTES", 10)      # the portal refuses it: FILE_TOO_LARGE
    sent: set = set()
    with caplog.at_level("WARNING"):
        assert attempt(desk, "09:00", sent) is True
    assert "FILE_TOO_LARGE" in caplog.text
    said = bot_said(desk, MANAGER)
    assert len(said) == 1 and said[0].startswith("📊") and charts_sent(desk) == []
    monkeypatch.setattr(dp_bots, "MAX_FILE_BYTES", 100 * 1024 * 1024)
    assert attempt(desk, "09:30", sent) is False and attempt(desk, "09:31", set()) is False
    assert len(bot_said(desk, MANAGER)) == 1 and charts_sent(desk) == []


def test_the_workers_check_keeps_the_owed_chart_and_sends_it_at_its_next_round(desk):
    """The worker's AlertRunner (digests=True): a transient upload failure ends the round (the worker backs
    off); the next round uploads the chart from the runner's memory, and the keys it keeps name all three."""
    from servicedesk.bot.alerts_run import AlertRunner
    storage_ready(desk)
    desk.fake.set(datetime(2026, 12, 7, 9, 0, tzinfo=MSK).astimezone(timezone.utc))
    visit = run(visit_of(desk, ADMIN))

    async def no_wait(_seconds):
        return None
    visit.client.sleep = no_wait
    keys: set = set()
    runner = AlertRunner(visit, keys, digests=True)
    desk.faults.add("INTERNAL_SERVER_ERROR", method="imbot.v2.File.upload", count=3)
    with pytest.raises(PortalError):
        run(runner.run_once())
    assert list(runner.digests_owed) == ["digest:1:2026-11-30"] and charts_sent(desk) == []
    run(runner.run_once())
    assert runner.digests_owed == {} and len(charts_sent(desk)) == 1
    assert sorted(k for k in keys if k.startswith("digest:")) == [
        "digest:1:2026-11-30", "digest:1:2026-11-30:chart", "digest:1:2026-11-30:chart-due"]
    run(runner.run_once())
    assert len(charts_sent(desk)) == 1 and sum(t.startswith("📊") for t in bot_said(desk, MANAGER)) == 1
