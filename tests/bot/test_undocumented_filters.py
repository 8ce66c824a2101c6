"""The app never relies on tasks.task.list filters its page does not document (MEMBER, UF_*):
on strict devportal (they are ignored) and on the lenient switch (honoured) it finds the same tasks.
Doc: tasks/tasks-task-list.md ("filter")."""
from __future__ import annotations

import pytest

from servicedesk.bot.requests import chat_requests, open_requests
from servicedesk.bot.tasks import create_once, find_by_message
from servicedesk.model.settings import Settings
from tests.bot.helpers import SPECIALIST, SUPPORT_GROUP, client_of, run

OPEN = {2, 3, 4, 6}


@pytest.fixture(params=[False, True], ids=["strict", "lenient"])
def lenient(request, desk):
    desk.portal.lenient_filters = request.param
    return request.param


def _settings(desk) -> Settings:
    return Settings.from_dict(dict(desk.portal.app_options))


def test_an_existing_task_is_found_by_its_message_beyond_the_first_page(desk, lenient):
    p = desk.portal
    made = sorted((t for t in p.tasks.values() if t.group_id == SUPPORT_GROUP and t.uf.get("UF_SD_MESSAGE_ID")),
                  key=lambda t: t.id)
    last = made[-1]                                    # far past the first 50 tasks of the group
    assert sum(1 for t in p.tasks.values() if t.group_id == SUPPORT_GROUP and t.id < last.id) > 50
    client = client_of(desk, SPECIALIST)
    found = run(find_by_message(client, _settings(desk), [last.uf["UF_SD_MESSAGE_ID"]]))
    assert {k: int(v["id"]) for k, v in found.items()} == {last.uf["UF_SD_MESSAGE_ID"]: last.id}
    before = len(p.tasks)
    outcome = run(create_once(client, _settings(desk), last.uf["UF_SD_MESSAGE_ID"],
                              {"TITLE": "again", "GROUP_ID": SUPPORT_GROUP, "RESPONSIBLE_ID": SPECIALIST},
                              None, SPECIALIST))
    assert (outcome.task_id, outcome.created, len(p.tasks)) == (last.id, False, before)


def test_a_message_without_a_task_finds_none_even_when_the_filter_is_ignored(desk, lenient):
    found = run(find_by_message(client_of(desk, SPECIALIST), _settings(desk), ["999999"]))
    assert found == {}


def test_my_requests_list_only_the_persons_own_tasks(desk, lenient):
    p = desk.portal
    got = run(open_requests(client_of(desk, SPECIALIST), _settings(desk), SPECIALIST, count_queue=True))
    want = sorted((t for t in p.tasks.values() if t.group_id == SUPPORT_GROUP and t.status in OPEN
                   and SPECIALIST in (t.responsible_id, t.created_by, *t.auditors, *t.accomplices)),
                  key=lambda t: (t.created_date, t.id))
    assert [r.id for r in got] == [t.id for t in want] and got


def test_an_open_lines_status_lists_only_that_chats_tasks(desk, lenient):
    p = desk.portal
    chat = next(int(t.uf["UF_SD_CHAT_ID"]) for t in sorted(p.tasks.values(), key=lambda t: t.id)
                if t.group_id == SUPPORT_GROUP and t.uf.get("UF_SD_CHAT_ID") not in (None, "3"))
    got = run(chat_requests(client_of(desk, SPECIALIST), _settings(desk), chat))
    want = sorted(t.id for t in p.tasks.values() if t.group_id == SUPPORT_GROUP
                  and t.uf.get("UF_SD_CHAT_ID") == str(chat))
    assert sorted(r.id for r in got) == want and want
