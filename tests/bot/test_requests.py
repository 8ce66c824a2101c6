"""My requests on devportal over HTTP: roles, creation order, queue positions, finished ones gone."""
from __future__ import annotations

from servicedesk.bot.requests import open_requests
from servicedesk.model.settings import Settings
from tests.bot.helpers import SPECIALIST, SUPPORT_GROUP, run, visit_of

OPEN = {2, 3, 4, 6}


def _mine(desk, uid):
    s = run(visit_of(desk, uid))
    counted = s.ctx.is_support or s.ctx.is_admin
    return run(open_requests(s.client, Settings.from_dict(s.ctx.settings), uid, count_queue=counted))


def test_a_specialist_sees_own_open_tasks_by_role_in_creation_order_with_queue_positions(desk):
    p = desk.portal
    queue = sorted((t for t in p.tasks.values() if t.group_id == SUPPORT_GROUP and t.status in OPEN),
                   key=lambda t: (t.created_date, t.id))
    place = {t.id: i for i, t in enumerate(queue, start=1)}
    got = _mine(desk, SPECIALIST)
    want = [t for t in queue if SPECIALIST in (t.responsible_id, t.created_by, *t.auditors, *t.accomplices)]
    assert [r.id for r in got] == [t.id for t in want] and got
    for r in got:
        t = p.tasks[r.id]
        role = ("doing" if SPECIALIST in (t.responsible_id, *t.accomplices) else
                "managing" if t.created_by == SPECIALIST else "watching")
        assert (r.role, r.position, r.status) == (role, place[r.id], t.status)
    p.tasks[got[0].id].status = 5                      # finished: drops off, the queue moves up
    again = _mine(desk, SPECIALIST)
    assert got[0].id not in [r.id for r in again]
    assert all(r.position == place[r.id] - (place[got[0].id] < place[r.id]) for r in again)


def test_an_employee_sees_own_requests_without_a_queue_position(desk):
    p = desk.portal
    support = {p.groups[SUPPORT_GROUP].owner_id, *p.groups[SUPPORT_GROUP].members}
    uid = next(u for u in sorted(p.users) if u not in support and not p.users[u].is_admin and any(
        t.group_id == SUPPORT_GROUP and t.status in OPEN and u in t.auditors for t in p.tasks.values()))
    got = _mine(desk, uid)
    assert got and {r.role for r in got} == {"watching"} and all(r.position is None for r in got)
    assert all(uid in p.tasks[r.id].auditors for r in got)
