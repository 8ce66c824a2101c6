"""Warnings and escalation, the pure rule (decisions 103–105): when each is due, once, quiet hours,
holidays, DST and pauses. Hand-checked times."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from servicedesk.bot.alerts import BREACH, WARN, Item, due_alerts
from servicedesk.metrics.business import Clock
from servicedesk.model.settings import Settings
from servicedesk.model.sla import WorkHours

MSK, BERLIN = ZoneInfo("Europe/Moscow"), ZoneInfo("Europe/Berlin")
HOURS = WorkHours(start=9 * 60, end=19 * 60, holidays=((4, 11),))
WORK = Settings.from_dict({"sla_mode": "working_hours", "time_zone": "Europe/Moscow"})


def at(text: str, zone=MSK) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=zone).timestamp()


def levels(items, settings, clock, when, sent=()):
    return [(a.item.id, a.level) for a in due_alerts(items, settings, clock, when, set(sent))]


def test_warning_at_the_share_then_escalation_after_the_target_each_once():
    clock = Clock(HOURS, MSK)
    task = [Item("task", 1, at("2026-11-23T10:00:00"), 8 * 60, owner=4)]          # Mon 10:00, 8 h target
    assert levels(task, WORK, clock, at("2026-11-23T15:59:00")) == []              # 5 h 59 min used
    assert levels(task, WORK, clock, at("2026-11-23T16:00:00")) == [(1, WARN)]     # 6 h = 75 %
    sent = {a.key for a in due_alerts(task, WORK, clock, at("2026-11-23T16:00:00"), set())}
    assert levels(task, WORK, clock, at("2026-11-23T17:00:00"), sent) == []        # not twice
    assert levels(task, WORK, clock, at("2026-11-23T18:00:00"), sent) == []        # 8 h: not over yet
    assert levels(task, WORK, clock, at("2026-11-23T18:01:00"), sent) == [(1, BREACH)]
    sent |= {"sla:1:breach:task:1"}
    assert levels(task, WORK, clock, at("2026-11-24T12:00:00"), sent) == []


def test_first_seen_already_breached_gets_the_escalation_only():
    clock = Clock(HOURS, MSK)
    task = [Item("task", 1, at("2026-11-23T10:00:00"), 8 * 60, owner=4)]
    assert levels(task, WORK, clock, at("2026-11-24T10:00:00")) == [(1, BREACH)]


def test_the_share_is_per_desk_and_off_means_nothing():
    clock = Clock(HOURS, MSK)
    task = [Item("task", 1, at("2026-11-23T10:00:00"), 8 * 60, owner=4)]
    half = Settings.from_dict({**WORK.to_dict(), "alert_share": 50})
    assert levels(task, half, clock, at("2026-11-23T14:00:00")) == [(1, WARN)]      # 4 h = 50 %
    off = Settings.from_dict({**WORK.to_dict(), "alert_on": False})
    assert levels(task, off, clock, at("2026-11-24T14:00:00")) == []


def test_quiet_hours_weekends_and_holidays_hold_alerts_until_the_next_working_start():
    clock = Clock(HOURS, MSK)
    # Fri 27 Nov 17:00, 8 h target: 2 h by Fri 19:00; 6 h used at Mon 30 Nov 13:00.
    task = [Item("task", 2, at("2026-11-27T17:00:00"), 8 * 60, owner=4)]
    assert levels(task, WORK, clock, at("2026-11-28T12:00:00")) == []              # Saturday: quiet
    assert levels(task, WORK, clock, at("2026-11-30T12:59:00")) == []
    assert levels(task, WORK, clock, at("2026-11-30T13:00:00")) == [(2, WARN)]
    # Tue 3 Nov 18:00, 2 h target: 60 min on Tue; 75 % = 90 min is Thu 5 Nov 09:30 (Wed 4 Nov: holiday).
    short = [Item("task", 3, at("2026-11-03T18:00:00"), 120, owner=4)]
    assert levels(short, WORK, clock, at("2026-11-04T12:00:00")) == []             # holiday: quiet
    assert levels(short, WORK, clock, at("2026-11-05T09:29:00")) == []             # 89 min used
    assert levels(short, WORK, clock, at("2026-11-05T09:30:00")) == [(3, WARN)]
    # due at night (a 24/7 item counted on a working-hours desk's clock cannot be; a 24/7 desk has no quiet)
    wall = Settings.from_dict({"time_zone": "Europe/Moscow"})
    night = [Item("chat", 5, at("2026-11-28T02:00:00"), 60)]
    assert levels(night, wall, Clock(None, MSK), at("2026-11-28T02:45:00")) == [(5, WARN)]


def test_dst_counts_the_real_hour():
    # Europe/Berlin leaves summer time on Sun 25 Oct 2026 at 03:00 (back to 02:00): that night has 25 h.
    wall = Settings.from_dict({"time_zone": "Europe/Berlin"})
    clock = Clock(None, BERLIN)
    item = [Item("task", 7, at("2026-10-24T12:00:00", BERLIN), 24 * 60, owner=4)]
    assert levels(item, wall, clock, at("2026-10-25T11:00:00", BERLIN)) == [(7, WARN)]   # 24 h real: not over
    assert levels(item, wall, clock, at("2026-10-25T11:01:00", BERLIN)) == [(7, BREACH)]
    # 75 % of 24 h = 18 h: Sat 12:00 + 18 h real = Sun 05:00 local (not 06:00)
    assert levels(item, wall, clock, at("2026-10-25T04:59:00", BERLIN)) == []
    assert levels(item, wall, clock, at("2026-10-25T05:00:00", BERLIN)) == [(7, WARN)]


def test_a_pause_holds_the_clock():
    clock = Clock(HOURS, MSK)
    # Mon 10:00, 8 h target, deferred Mon 12:00 → Tue 12:00 (10 working hours paused)
    spans = [(at("2026-11-23T12:00:00"), at("2026-11-24T12:00:00"))]
    task = [Item("task", 8, at("2026-11-23T10:00:00"), 8 * 60, owner=4, spans=spans)]
    assert levels(task, WORK, clock, at("2026-11-23T18:00:00")) == []              # 2 h used, paused since
    assert levels(task, WORK, clock, at("2026-11-24T15:59:00")) == []              # 2 h + 3 h 59
    assert levels(task, WORK, clock, at("2026-11-24T16:00:00")) == [(8, WARN)]     # 2 h + 4 h = 6 h
    still = [Item("task", 9, at("2026-11-23T10:00:00"), 8 * 60, owner=4,
                  spans=[(at("2026-11-23T12:00:00"), float("inf"))])]
    assert levels(still, WORK, clock, at("2026-11-30T16:00:00")) == []             # deferred: never due
