"""The rows behind a figure hold only what the user may read through REST (issue 16): the rows of every
figure of every month, built from what the loader read as each role over HTTP, are within what the
portal's rules let that user read (chat messages of chats they are in, tasks by task rights, sessions of
their lines)."""
from __future__ import annotations

import pytest

from servicedesk.loader import load_desk
from servicedesk.loader.store import MemoryStore
from servicedesk.metrics.rows import FIGURES, DeskRows
from tests.bot.helpers import run, visit_of
from tests.security.test_rights import ROLES, readable


def every_row(rows: DeskRows) -> dict[str, set]:
    seen = {"messages": set(), "tasks": set(), "sessions": set()}
    field = {"chat": ("messages", "message_id"), "openline": ("sessions", "session_id"), "tasks": ("tasks", "id"),
             "task_votes": ("tasks", "id")}
    for figure, (kind, _) in FIGURES.items():
        for month in rows.items.month_keys:
            key, column = field[kind]
            seen[key] |= {r[column] for r in rows.table(figure, month)["rows"]}
    return seen


@pytest.mark.parametrize("role", ROLES)
def test_rows_hold_only_what_the_user_may_read(desk, role):
    uid = ROLES[role]
    data = run(load_desk(run(visit_of(desk, uid)), store=MemoryStore()))
    rows = DeskRows.of(data.messages, data.users, data.sessions, data.tasks, data.settings, data.support_ids,
                       data.now, time_zone=data.settings.time_zone)
    seen, allowed = every_row(rows), readable(desk.portal, uid)
    for key in seen:
        assert seen[key] <= allowed[key], (role, key, sorted(seen[key] - allowed[key])[:5])
    assert bool(seen["sessions"]) == (role in ("specialist", "manager", "admin"))
    assert bool(seen["messages"]) == (role != "outsider")
