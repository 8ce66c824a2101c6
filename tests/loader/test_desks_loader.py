"""Several desks over HTTP on devportal: the HR desk has two chats (dialogues per chat, summed, split by
chat), shares specialist 5 with IT support, and its figures stay closed to IT-only people."""
from __future__ import annotations

import pytest

from devportal.demo_desks import SHARED
from servicedesk.bot.desks import with_desk
from servicedesk.loader import load_desk
from servicedesk.loader.store import MemoryStore
from servicedesk.metrics import compute_desk
from tests.bot.helpers import ADMIN, MANAGER, SPECIALIST, run, visit_of



def figures(data):
    return compute_desk(data.messages, data.users, data.sessions, data.tasks, data.settings, data.support_ids, data.now)



def test_the_hr_desk_counts_dialogues_per_chat_and_sums_them(two):
    a, b = two.ids["chats"]
    head = run(visit_of(two, two.ids["head"]))
    assert [d.id for d in head.ctx.my_desks] == [2] and head.ctx.desk_id == 2 and head.ctx.role == "manager"
    data = run(load_desk(head, store=MemoryStore()))
    assert {m["chat_id"] for m in data.messages} == {a, b} and not data.problems
    f = figures(data)
    month = f["months"][f["month_keys"][-1]]
    assert month["chat_dialogues"] == 4 and month["chat_unanswered"] == 1
    assert month["chat_response_min"]["median"] == 20.0
    assert month["chat_by_chat"] == {
        str(a): {"dialogues": 2, "answered": 2, "unanswered": 0, "median_response_min": 25.0, "p90_response_min": 29.0},
        str(b): {"dialogues": 2, "answered": 1, "unanswered": 1, "median_response_min": 10.0, "p90_response_min": 10.0}}
    assert {str(k) for k in month["by_specialist"]} == {str(two.ids["head"]), str(two.ids["spec"]), str(SHARED)}
    assert [u["chat_id"] for u in f["unanswered"]] == [b]
    assert sorted(int(t["id"]) for t in data.tasks) == sorted(two.ids["tasks"])


def test_a_shared_specialist_has_both_desks_and_both_caches_stay(two):
    store = MemoryStore()
    spec = run(visit_of(two, SHARED))
    assert [d.id for d in spec.ctx.my_desks] == [1, 2]
    it = run(load_desk(with_desk(spec, 1), store=store))
    hr = run(load_desk(with_desk(spec, 2), store=store))
    assert {m["chat_id"] for m in hr.messages} == set(two.ids["chats"])
    assert not ({t["id"] for t in it.tasks} & {t["id"] for t in hr.tasks})
    again = run(load_desk(with_desk(spec, 1), store=store))
    assert again.warm and again.requests == 1                # desk 1's cache survived desk 2's load


@pytest.mark.parametrize("uid", [SPECIALIST, MANAGER])
def test_an_it_member_never_sees_hr_figures(two, uid):
    visit = run(visit_of(two, uid))
    assert [d.id for d in visit.ctx.my_desks] == [1]
    hr = visit.ctx.desk(2)
    assert hr is not None and hr.error and hr.owner_id is None        # the closed group does not answer
    data = run(load_desk(with_desk(visit, 2), store=MemoryStore()))
    assert data.messages == [] and data.tasks == [] and "chat" in data.problems


def test_an_admin_sees_every_desk_but_supports_none(two):
    admin = run(visit_of(two, ADMIN))
    assert [d.id for d in admin.ctx.desks] == [1, 2] and admin.ctx.my_desks == []
    assert admin.ctx.desk(2).owner_id == two.ids["head"]
