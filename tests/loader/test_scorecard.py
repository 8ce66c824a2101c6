"""The specialist scorecard on the small HR desk (hand-checked), with the on-demand task history and
supervisor ratings loaded for the selected month only, 50 a request."""
from __future__ import annotations

import math

import pytest

from devportal.demo_desks import SHARED
from servicedesk.loader import load_desk
from servicedesk.rest import PortalError
from servicedesk.loader.scorecard import head_votes, task_histories
from servicedesk.loader.store import MemoryStore
from servicedesk.metrics.scorecard import closed_in, reopened, scorecard
from tests.bot.helpers import ADMIN, MANAGER, SPECIALIST, client_of, run, visit_of



def test_the_hr_scorecard_matches_the_hand_checked_figures(two):
    head = run(visit_of(two, two.ids["head"]))
    data = run(load_desk(head, store=MemoryStore()))
    month = "2026-11"
    ids = closed_in(data.tasks, data.settings, month, data.now)
    assert sorted(ids) == sorted(two.ids["tasks"][:2])
    before = head.client.requests
    history = run(task_histories(head.client, ids))
    assert head.client.requests - before == 1
    card = scorecard(data.messages, data.users, data.sessions, data.tasks, data.settings, data.support_ids, month,
                     data.now, history=history, votes={})
    p = card["people"]
    h, s, sh = p[str(two.ids["head"])], p[str(two.ids["spec"])], p[str(SHARED)]
    assert (h["chat_dialogues"], h["median_response_min"], h["breach_pct"], h["tasks_closed"]) == (1, 30.0, 100.0, 0)
    assert (s["chat_dialogues"], s["median_response_min"], s["breach_pct"]) == (1, 10.0, 0.0)
    assert (s["tasks_closed"], s["median_time_to_close_min"], s["tasks_reopened"]) == (1, 126 * 60.0, 0)
    assert (sh["chat_dialogues"], sh["median_response_min"], sh["tasks_closed"]) == (1, 20.0, 1)
    assert (sh["median_time_to_close_min"], sh["tasks_reopened"], sh["rating"]) == (198 * 60.0, 1, None)
    assert len(sh["trend_median_response_min"]) == 12 and sh["trend_median_response_min"][-1] == 20.0


def test_without_the_history_reopenings_are_unknown_not_zero(two):
    head = run(visit_of(two, two.ids["head"]))
    data = run(load_desk(head, store=MemoryStore()))
    card = scorecard(data.messages, data.users, data.sessions, data.tasks, data.settings, data.support_ids,
                     "2026-11", data.now)
    assert all(v["tasks_reopened"] is None and v["rating"] is None for v in card["people"].values())


def test_the_history_of_many_tasks_costs_one_request_per_fifty(two):
    client = client_of(two, ADMIN)
    ids = sorted(two.portal.tasks)[:120]
    before = client.requests
    got = run(task_histories(client, ids))
    assert client.requests - before == math.ceil(120 / 50) and set(got) == set(ids)
    assert any(reopened(v) for v in got.values())          # the demo has reopened tasks


def test_an_it_member_cannot_read_hr_task_history(two):
    client = client_of(two, SPECIALIST)
    got = run(task_histories(client, two.ids["tasks"]))
    assert all(v == [] for v in got.values())


def test_supervisor_ratings_come_from_session_history(two):
    sid = max(s.id for s in two.portal.sessions.values() if s.operator_id)
    run(client_of(two, ADMIN).call("imopenlines.session.head.vote", {"SESSION_ID": sid, "RATING": 4}))
    assert run(head_votes(client_of(two, MANAGER), [sid])) == {sid: 4}
    with pytest.raises(PortalError):
        run(client_of(two, SPECIALIST).call("imopenlines.session.head.vote", {"SESSION_ID": sid, "RATING": 5}))
