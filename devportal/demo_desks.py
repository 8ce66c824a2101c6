"""A second desk for the demo and the tests: HR, with its own closed group, two first-line chats
(Moscow and Kazan offices) and a few tasks, sharing specialist 5 with IT support (desk 1); and, for
tests and benches only (the demo has two desks), a third: accounting, one chat with two months of
questions and their tasks, specialist 5 in it too.

Small and fixed (no RNG), so tests can check its figures by hand: times are days before the
portal's ``now`` at fixed local hours. ``add_hr_desk(portal)`` also writes the ``desks`` option,
``add_accounting_desk(portal)`` appends desk 3 to it.
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
    _votes(portal, 2, gid, [(tasks[0], 8, "like"), (tasks[1], 9, "dislike")])
    if with_options:
        portal.app_options["desks"] = json.dumps([
            _it_desk(portal),
            {"id": 2, "name": "Кадры", "group_id": gid, "chat_ids": chats, "openline_id": None,
             "time_zone": portal.time_zone, "sla_mode": "24x7", "sla_targets": {"chat_first_response": 15}}],
            ensure_ascii=False)
    return {"group": gid, "chats": chats, "head": head, "spec": spec, "tasks": tasks, "messages": msgs}


def _it_desk(portal) -> dict:
    """Desk 1's record: the demo's single-desk options."""
    opts = portal.app_options
    return {"id": 1, "name": "ИТ-поддержка", "group_id": opts["group_id"], "chat_ids": [int(opts["chat_id"])],
            "openline_id": opts.get("openline_id"), "time_zone": opts.get("time_zone"),
            "sla_mode": opts.get("sla_mode"), "work_hours": json.loads(opts.get("work_hours") or "null"),
            "sla_targets": json.loads(opts.get("sla_targets") or "null")}


def add_accounting_desk(portal, days: int = 60, per_day: int = 8, shared: int = SHARED, askers=ASKERS) -> dict:
    """Add accounting as the next desk (3 after ``add_hr_desk``): one chat where ``askers`` ask
    ``per_day`` questions a day of the last ``days``, answered 5–40 min later (the last one of today
    waits), one task per 4 questions (every other one closed the next day); ``shared`` is in its group
    too. Returns its ids like ``add_hr_desk`` and "desk" (its id)."""
    head, spec = portal.new_id("user"), portal.new_id("user")
    portal.users[head] = User(head, "Анна", "Счётова", "a.schetova@example.ru", "Главный бухгалтер", [1])
    portal.users[spec] = User(spec, "Илья", "Проводкин", "i.provodkin@example.ru", "Бухгалтер", [1])
    gid = portal.new_id("group")
    portal.groups[gid] = Group(gid, "Бухгалтерия: вопросы", head, "Бухгалтерия", visible=False, opened=False,
                               members={head: "A", spec: "K", shared: "K"}, date_create=_at(portal, days + 10, 9))
    bot = int(portal.app_options.get("bot_id") or 0)
    cid = portal.new_id("chat")
    portal.chats[cid] = Chat(cid, "Бухгалтерия — вопросы", "chat", head,
                             [head, spec, shared, *askers, *([bot] if bot else [])], date_create=_at(portal, days + 10, 9))
    msgs, tasks = [], []
    for day in range(days, -1, -1):
        for k in range(per_day):
            asker, answerer = askers[k % len(askers)], (head, spec, shared)[(day + k) % 3]
            asked = _at(portal, day, 9 + k, 5 * (k % 3))
            if asked > portal.now:
                continue
            mid = portal.new_id("message")
            portal.messages[mid] = Message(mid, cid, asker, asked, f"Вопрос по счёту {day}-{k}")
            msgs.append(mid)
            answered = asked + timedelta(minutes=5 + 5 * ((day + k) % 8))
            if day == 0 and k == per_day - 1 or answered > portal.now:
                continue
            mid = portal.new_id("message")
            portal.messages[mid] = Message(mid, cid, answerer, answered, "Проверим и ответим")
            msgs.append(mid)
            if k % 4 == 0:
                steps = [(day, 9 + k, None, None)] + ([(day - 1, 12, "2", "5")] if day >= 2 and day % 2 else [])
                tasks.append(_task(portal, gid, f"Счёт {day}-{k}", asker, answerer, steps))
    if portal.app_options.get("desks"):
        desks = json.loads(portal.app_options["desks"])
    else:
        desks = [_it_desk(portal)]
    desk_id = max(int(d["id"]) for d in desks) + 1
    desks.append({"id": desk_id, "name": "Бухгалтерия", "group_id": gid, "chat_ids": [cid], "openline_id": None,
                  "time_zone": portal.time_zone, "sla_mode": "24x7", "sla_targets": None})
    portal.app_options["desks"] = json.dumps(desks, ensure_ascii=False)
    return {"group": gid, "chats": [cid], "head": head, "spec": spec, "tasks": tasks, "messages": msgs,
            "desk": desk_id}


def _votes(portal, desk: int, gid: int, rated) -> None:
    """Customer ratings the bot collected on closed chat tasks (py bot.csat): one item ``csat:<task>`` of
    the app's storage ``sdbot`` per (task, author, vote), as a press leaves it (entity-item-add.md)."""
    store = next((e for key, e in portal.entities.items() if key.endswith("|sdbot")), None)
    if store is None:
        return
    for tid, author, vote in rated:
        t = portal.tasks[tid]
        iid = 1 + max((int(i) for i in store["items"]), default=0)
        data = {"task": tid, "desk": desk, "group": gid, "author": author, "responsible": t.responsible_id,
                "closed": t.closed_date.isoformat(), "message": None, "vote": vote,
                "voted": t.closed_date.isoformat()}
        store["items"][str(iid)] = {"ID": iid, "CODE": f"csat:{tid}", "NAME": vote, "DETAIL_TEXT": json.dumps(data),
                                    "DATE_CREATE": t.closed_date, "TIMESTAMP_X": t.closed_date,
                                    "CREATED_BY": author, "MODIFIED_BY": author}


def _task(portal, gid: int, title: str, author: int, responsible: int, steps) -> int:
    """A task of group ``gid``; ``steps`` = (days ago, hour, from, to) — the first is its creation."""
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
