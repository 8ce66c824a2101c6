"""A second desk for the demo and the tests: HR, with its own closed group, two first-line chats
(Moscow and Kazan offices) and a few tasks, sharing specialist 5 with IT support (desk 1).

Small and fixed (no RNG), so tests can check its figures by hand: times are days before the
portal's ``now`` at fixed local hours. ``add_hr_desk(portal)`` also writes the ``desks`` option.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from .state import Chat, Group, Message, Task, User

SHARED = 5                     # an IT specialist who also answers in HR
ASKERS = (8, 9)                # employees who write to HR


def _at(portal, days: int, hour: int, minute: int = 0) -> datetime:
    day = portal.now - timedelta(days=days)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def add_hr_desk(portal, with_options: bool = True) -> dict:
    """Add the HR desk to a configured demo portal; returns its ids {"group", "chats", "head", "spec",
    "tasks", "messages"}."""
    head, spec = portal.new_id("user"), portal.new_id("user")
    portal.users[head] = User(head, "Ольга", "Кадрова", "o.kadrova@example.ru", "Руководитель отдела кадров", [1])
    portal.users[spec] = User(spec, "Пётр", "Табелев", "p.tabelev@example.ru", "Специалист по кадрам", [1])
    gid = portal.new_id("group")
    portal.groups[gid] = Group(gid, "Кадры: заявки", head, "Служба кадров", visible=False, opened=False,
                               members={head: "A", spec: "K", SHARED: "K"}, date_create=_at(portal, 40, 9))
    bot = int(portal.app_options.get("bot_id") or 0)
    members = [head, spec, SHARED, *ASKERS, *([bot] if bot else [])]
    chats = []
    for title in ("Кадры — Москва", "Кадры — Казань"):
        cid = portal.new_id("chat")
        portal.chats[cid] = Chat(cid, title, "chat", head, list(members), date_create=_at(portal, 40, 9))
        chats.append(cid)
    a, b = chats
    script = [(a, 8, 3, 10, 0, "Нужна справка 2-НДФЛ"), (a, head, 3, 10, 30, "Подготовим к вечеру"),
              (a, 9, 2, 11, 0, "Как оформить отпуск?"), (a, SHARED, 2, 11, 20, "Заявление в кадровом портале"),
              (b, 8, 1, 9, 0, "Копия трудовой книжки"), (b, spec, 1, 9, 10, "Сделаем завтра"),
              (b, 9, 0, 8, 0, "Когда придёт расчётный лист?")]
    msgs = []
    for chat, author, days, hour, minute, text in script:
        mid = portal.new_id("message")
        portal.messages[mid] = Message(mid, chat, author, _at(portal, days, hour, minute), text)
        msgs.append(mid)
    tasks = [_task(portal, gid, "Справка 2-НДФЛ", 8, spec, [(10, 9, None, None), (10, 12, "2", "3"),
                                                            (5, 15, "3", "5")]),
             _task(portal, gid, "Отпуск: заявление", 9, SHARED, [(12, 10, None, None), (9, 11, "2", "5"),
                                                                 (8, 10, "5", "3"), (4, 16, "3", "5")]),
             _task(portal, gid, "Копия трудовой", 8, head, [(1, 10, None, None)])]
    if with_options:
        portal.app_options["desks"] = json.dumps([
            {"id": 1, "name": "ИТ-поддержка", "group_id": portal.app_options["group_id"],
             "chat_ids": [int(portal.app_options["chat_id"])], "openline_id": portal.app_options.get("openline_id"),
             "time_zone": portal.app_options.get("time_zone"), "sla_mode": portal.app_options.get("sla_mode"),
             "work_hours": json.loads(portal.app_options.get("work_hours") or "null"),
             "sla_targets": json.loads(portal.app_options.get("sla_targets") or "null")},
            {"id": 2, "name": "Кадры", "group_id": gid, "chat_ids": chats, "openline_id": None,
             "time_zone": portal.time_zone, "sla_mode": "24x7", "sla_targets": {"chat_first_response": 15}}],
            ensure_ascii=False)
    return {"group": gid, "chats": chats, "head": head, "spec": spec, "tasks": tasks, "messages": msgs}


def _task(portal, gid: int, title: str, author: int, responsible: int, steps) -> int:
    """A task of the HR group; ``steps`` = (days ago, hour, from, to) — the first is its creation."""
    tid = portal.new_id("task")
    created = _at(portal, steps[0][0], steps[0][1])
    hist = [{"date": created, "field": "NEW", "from": None, "to": None, "user_id": author}]
    status = 2
    for days, hour, old, new in steps[1:]:
        hist.append({"date": _at(portal, days, hour), "field": "STATUS", "from": old, "to": new,
                     "user_id": responsible})
        status = int(new)
    closed = hist[-1]["date"] if status == 5 else None
    portal.tasks[tid] = Task(tid, title, author, responsible, created, group_id=gid, status=status,
                             auditors=[author], changed_date=hist[-1]["date"], closed_date=closed, history=hist)
    return tid
