"""department.get answers 50 departments a page (departments/department-get.md): the people picker
reads every page, so a person in the 60th department shows it."""
from __future__ import annotations

from devportal.state import Department
from servicedesk.setup.lookups import people
from tests.bot.helpers import SPECIALIST, client_of, run


def test_a_persons_department_past_the_first_page_is_named(desk):
    p = desk.portal
    top = max(p.departments) + 1
    for i in range(top, top + 60):
        p.departments[i] = Department(i, f"Dept {i}", parent=1)
    p.users[SPECIALIST].departments = [top + 59]
    got = run(people(client_of(desk, SPECIALIST), [SPECIALIST]))
    assert got[0]["departments"] == [f"Dept {top + 59}"]
