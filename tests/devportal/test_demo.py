"""build_demo: reproducibility, sizes, the configured and unconfigured portals."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from devportal.demo import DEFAULT_NOW, build_demo

SETTINGS = {"group_id", "chat_id", "openline_id", "bot_id", "uf_message", "uf_chat", "time_zone",
            "installed_at", "version", "sla_mode", "work_hours", "sla_targets"}


@pytest.fixture(scope="module")
def portal():
    return build_demo(1)


def support_messages(p):
    return [m for m in p.messages.values() if m.chat_id == p.app_options["chat_id"]]


def test_same_seed_and_now_give_identical_bytes(portal):
    assert build_demo(1).to_json() == portal.to_json()


def test_same_bytes_in_another_process_with_another_hash_seed(portal):
    code = ("import hashlib; from devportal.demo import build_demo; "
            "print(hashlib.sha256(build_demo(1).to_json().encode()).hexdigest())")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == hashlib.sha256(portal.to_json().encode()).hexdigest()


def test_another_seed_or_now_gives_another_portal(portal):
    assert build_demo(2).to_json() != portal.to_json()
    assert build_demo(1, datetime(2026, 6, 10, 15, 0, tzinfo=timezone.utc)).to_json() != portal.to_json()


def test_default_sizes(portal):
    assert portal.now == DEFAULT_NOW
    assert len(support_messages(portal)) == 3000
    assert len(portal.sessions) == 300
    assert len(portal.tasks) == 300
    staff = [u for u in portal.users.values() if not u.bot and not u.external_auth_id]
    assert len(staff) == 40


def test_sizes_are_parameters():
    p = build_demo(5, users=20, months=3, messages=400, sessions=30, tasks=50)
    assert len(support_messages(p)) == 400
    assert len(p.sessions) == 30 and len(p.tasks) == 50
    assert len([u for u in p.users.values() if not u.bot and not u.external_auth_id]) == 20
    assert min(m.date for m in p.messages.values()) >= datetime(2026, 9, 1, tzinfo=p.now.tzinfo)


def test_large_scale():
    p = build_demo(9, messages=100_000, sessions=5_000, tasks=20_000)
    assert len(support_messages(p)) == 100_000
    assert (len(p.sessions), len(p.tasks)) == (5_000, 20_000)


def test_naive_now_is_read_in_the_desk_zone():
    p = build_demo(1, datetime(2026, 11, 25, 12, 0), messages=50, sessions=5, tasks=10)
    assert p.now == DEFAULT_NOW and p.now.utcoffset().total_seconds() == 3 * 3600


def test_settings_are_design_section_3(portal):
    o = portal.app_options
    assert set(o) == SETTINGS
    assert o["time_zone"] == "Europe/Moscow" and portal.time_zone == "Europe/Moscow"
    assert (o["uf_message"], o["uf_chat"]) == ("UF_SD_MESSAGE_ID", "UF_SD_CHAT_ID")
    assert {f.field_name for f in portal.task_fields.values()} == {"UF_SD_MESSAGE_ID", "UF_SD_CHAT_ID"}
    assert datetime.fromisoformat(o["installed_at"]) < portal.now
    bot = portal.bots[o["bot_id"]]
    assert bot.code == "servicedesk" and bot.event_mode == "fetch" and portal.users[bot.id].bot
    assert {p.placement for p in portal.placements} >= {"IM_CONTEXT_MENU", "IM_TEXTAREA"}
    assert "IMMOBILE_CONTEXT_MENU" not in {p.placement for p in portal.placements}     # a static app cannot


def test_support_group_chat_and_open_line(portal):
    o = portal.app_options
    group = portal.groups[o["group_id"]]
    assert not group.visible and not group.opened
    roles = sorted(group.members.values())
    assert roles == ["A", "K", "K", "K", "K"] and group.members[group.owner_id] == "A"
    specialists = sorted(u for u, r in group.members.items() if r == "K")
    chat = portal.chats[o["chat_id"]]
    assert chat.type == "chat" and set(group.members) <= set(chat.members) and 1 in chat.members
    assert len(chat.members) > 30 and o["bot_id"] in chat.members
    line = portal.openlines[o["openline_id"]]
    assert sorted(line.queue) == specialists
    assert line.welcome_bot_enable and line.welcome_bot_id == o["bot_id"] and line.welcome_bot_time == 60


def test_people(portal):
    users = portal.users
    assert users[1].is_admin and users[1].work_position == "Администратор портала"
    group = portal.groups[portal.app_options["group_id"]]
    admins_outside = [u for u in users.values() if u.is_admin and u.id not in group.members]
    assert 1 <= len(admins_outside) <= 2
    assert not any(users[u].is_admin for u in group.members)
    staff = [u for u in users.values() if not u.bot and not u.external_auth_id]
    assert 2 <= sum(not u.active for u in staff) <= 5
    emails = [u.email for u in staff]
    assert len(set(emails)) == len(emails) and all(e.endswith("@severtorg.example") for e in emails)
    assert all(u.departments for u in staff)
    deps = {d.name for d in portal.departments.values()}
    assert {"Бухгалтерия", "Отдел продаж", "Склад", "Юридический отдел", "ИТ-отдел", "Техподдержка"} <= deps
    support_dep = next(d.id for d in portal.departments.values() if d.name == "Техподдержка")
    assert all(users[u].departments == [support_dep] for u in group.members)
    assert sum(u.bot for u in users.values()) == 2


def test_unconfigured_portal_is_the_wizards_starting_point(portal):
    p = build_demo(1, configured=False)
    assert not p.app_options and not p.bots and not p.placements and not p.task_fields
    assert portal.app_options["group_id"] not in p.groups
    assert not any(u.bot and u.name == "ServiceDesk" for u in p.users.values())
    staff = lambda q: [(u.id, u.name, u.last_name, u.departments) for u in q.users.values()  # noqa: E731
                       if not u.bot and not u.external_auth_id]
    assert staff(p) == staff(portal) and p.departments == portal.departments
    assert any(c.type in ("open", "chat") for c in p.chats.values())
    line = next(iter(p.openlines.values()))
    assert line.queue and not line.welcome_bot_enable
    assert all(not t.uf and t.group_id != portal.app_options["group_id"] for t in p.tasks.values())
    assert all(m.author_id in p.users or m.author_id == 0 for m in p.messages.values())


def test_too_few_users_is_refused():
    with pytest.raises(ValueError):
        build_demo(1, users=5)
