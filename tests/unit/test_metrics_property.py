"""Properties: dialogue count ≤ user messages, response times ≥ 0, engine == plain-Python reference."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.unit.test_metrics_helpers import BOT, SETTINGS, SUPPORT, USERS, msg, session, task

from tests.reference import differences, reference_desk
from servicedesk.metrics import chat_dialogues, compute_desk
from servicedesk.model import Message, Session, Settings, Task, User

START = datetime(2025, 11, 20, tzinfo=timezone(timedelta(hours=3)))
NOW = datetime(2026, 11, 25, 12, tzinfo=timezone(timedelta(hours=3)))
AUTHORS = st.sampled_from([1, 2, 3, 10, 11, 12, BOT, 0])
ZONES = ["Europe/Moscow", "America/New_York", "UTC"]
BOUNDARIES = sorted({int((datetime(2026, m, 1, tzinfo=ZoneInfo(z)) - START).total_seconds() // 60) + d
                     for z in ZONES for m in range(1, 12) for d in (-1, 0)})
MINUTE = st.one_of(st.integers(min_value=0, max_value=60 * 24 * 400), st.sampled_from(BOUNDARIES))


def _iso(minutes: int, tz_hours: int = 3) -> str:
    return (START + timedelta(minutes=minutes)).astimezone(timezone(timedelta(hours=tz_hours))).isoformat()


messages_st = st.lists(st.tuples(AUTHORS, MINUTE, st.booleans(), st.sampled_from([3, 0, -5]),
                                 st.sampled_from([101, 101, 102])), max_size=60).map(
    lambda rows: [msg(i + 1, a, _iso(m, tz), system=a == 0, deleted=d and i % 3 == 0, chat=c)
                  for i, (a, m, d, tz, c) in enumerate(rows)])


@given(messages_st)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_dialogues_never_exceed_user_messages_and_responses_are_not_negative(messages):
    dialogues = chat_dialogues(messages, SUPPORT, {BOT}, 101)
    users = [m for m in messages if m["author_id"] not in SUPPORT | {BOT, 0} and not m["params"]
             and m["chat_id"] == 101]
    assert len(dialogues) <= len(users)
    assert all(d.response_min >= 0 for d in dialogues if d.answered)
    assert sum(not d.answered for d in dialogues) <= 1            # one chat: at most the last one waits
    r = compute_desk(messages, USERS, [], [], SETTINGS, SUPPORT, NOW)
    assert sum(m["chat_dialogues"] for m in r["months"].values()) <= len(users)
    for m in r["months"].values():
        stats = m["chat_response_min"]
        if stats["count"]:
            assert 0 <= stats["median"] <= stats["p90"] and stats["avg"] >= 0


sessions_st = st.lists(st.tuples(MINUTE, st.one_of(st.none(), st.integers(0, 600)),
                                 st.sampled_from(["closed", "new", "spam"]), st.sampled_from([5, 6])),
                       max_size=15).map(
    lambda rows: [session(i + 1, _iso(c), None if a is None else _iso(c + a), status=s, config=cfg,
                          reason="spam" if s == "spam" else None, chat=900 + i % 4)
                  for i, (c, a, s, cfg) in enumerate(rows)])
tasks_st = st.lists(st.tuples(MINUTE, st.one_of(st.none(), st.integers(0, 60 * 24 * 90)),
                              st.sampled_from([2, 3, 4, 5, 5, 6]), st.sampled_from(["7", "8"]),
                              st.sampled_from([None, "101", "900", "901", "999"]), st.sampled_from([1, 2, 3])),
                    max_size=25).map(
    lambda rows: [task(i + 1, _iso(c), None if d is None else _iso(c + d), status=s, group=g, chat=ch,
                       responsible=resp) for i, (c, d, s, g, ch, resp) in enumerate(rows)])


@given(messages_st, sessions_st, tasks_st, st.sampled_from(ZONES), st.sampled_from([101, None]))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_engine_matches_the_plain_python_reference(messages, sessions, tasks, zone, chat):
    cfg = Settings.from_dict({**SETTINGS, "time_zone": zone, "chat_id": chat})
    records = ([Message.from_rest(m) for m in messages], [User.from_rest(u) for u in USERS],
               [Session.from_rest(s) for s in sessions], [Task.from_rest(t) for t in tasks])
    got = compute_desk(*records, cfg, SUPPORT, NOW)
    want = reference_desk(*records, cfg, SUPPORT, NOW, zone)
    assert differences(got, want) == []
