"""A Portal built from the golden desk (``golden/desk.json``'s "input"), keeping its ids.

What the file does not give is filled plainly: one external client per Open Line session (ids above
the golden users), the session chats (type "lines", no transcript), group 8 for the task that lives
elsewhere (owned by that task's creator), the Open Line config with the specialists as its queue, the
bot's ``Bot`` entry and the two task fields. Settings go to ``app_options`` with ``time_zone``.
"""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from .auth import APP_ID
from .methods.entity import seed_bot_storage
from .state import (Bot, Chat, Group, Message, OLSession, OpenLine, Portal, Task, TaskUserField, User)

SUPPORT_GROUP_NAME, SUPPORT_CHAT_NAME, OPENLINE_NAME = "Техподдержка", "ИТ-поддержка", "Поддержка клиентов"


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _user(row: dict) -> User:
    first, _, last = row["name"].partition(" ")
    return User(int(row["id"]), first, last, bot=bool(row.get("bot")), external_auth_id="bot" if row.get("bot") else "")


def portal_from_golden(path: str | Path) -> Portal:
    """Read desk.json and return the portal its "input" describes."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))["input"]
    s = data["settings"]
    portal = Portal(time_zone=data["time_zone"], now=_dt(data["now"]))
    for row in data["users"]:
        if int(row["id"]):
            u = _user(row)
            portal.users[u.id] = u
    owner, members = data["group"]["owner"], data["group"]["members"]
    portal.groups[s["group_id"]] = Group(s["group_id"], SUPPORT_GROUP_NAME, owner, visible=False, opened=False,
                                         members={owner: "A", **{m: "K" for m in members}})
    portal.chats[s["chat_id"]] = Chat(s["chat_id"], SUPPORT_CHAT_NAME, "chat", owner, sorted(portal.users))
    for m in data["chat_messages"]:
        portal.messages[m["id"]] = Message(m["id"], m["chat_id"], m["author_id"], _dt(m["date"]), m["text"],
                                           bool(m["isSystem"]), m["params"] or {})
    _sessions(portal, data["openline_sessions"], s, members)
    _tasks(portal, data["tasks"], s)
    bot = s["bot_id"]
    portal.bots[bot] = Bot(bot, "servicedesk", app_id=APP_ID, properties={"name": portal.users[bot].name})
    portal.app_options = {**s, "time_zone": data["time_zone"]}
    admin = next((u.id for u in portal.users.values() if u.is_admin), owner)
    seed_bot_storage(portal, APP_ID, admin, [owner, *members])
    portal.next_id = {"user": max(portal.users) + 1, "chat": max(portal.chats) + 1,
                      "message": max(portal.messages) + 1, "session": max(portal.sessions) + 1,
                      "task": max(portal.tasks) + 1, "group": max(portal.groups) + 1, "task_field": 3}
    return portal


def _sessions(portal: Portal, rows: list[dict], s: dict, queue: list[int]) -> None:
    line = s["openline_id"]
    portal.openlines[line] = OpenLine(line, OPENLINE_NAME, queue=list(queue), welcome_bot_enable=True,
                                      welcome_bot_id=s["bot_id"], welcome_bot_time=60)
    client = max(portal.users) + 1
    for row in rows:
        uid, client = client, client + 1
        portal.users[uid] = User(uid, f"Клиент {row['id']}", external_auth_id="imconnector")
        chat_id, operator = row["chatId"], row["operatorId"]
        portal.chats[chat_id] = Chat(chat_id, f"Клиент {row['id']} - {OPENLINE_NAME}", "lines", 0,
                                     [uid, *([operator] if operator else [])], "LINES",
                                     f"livechat|{line}|{chat_id}|{uid}", _dt(row["dateCreate"]))
        portal.sessions[row["id"]] = OLSession(
            row["id"], row["configId"], chat_id, uid, operator, status=row["status"],
            close_reason=row["closeReason"], date_create=_dt(row["dateCreate"]),
            date_operator_answer=_dt(row["dateOperatorAnswer"]))


def _tasks(portal: Portal, rows: list[dict], s: dict) -> None:
    for i, name in enumerate((s["uf_message"], s["uf_chat"]), start=1):
        portal.task_fields[i] = TaskUserField(i, name, xml_id=name)
    for row in rows:
        group = int(row["groupId"])
        if group not in portal.groups:
            portal.groups[group] = Group(group, f"Группа {group}", int(row["createdBy"]))
        created, closed = _dt(row["createdDate"]), _dt(row["closedDate"])
        t = Task(int(row["id"]), row["title"], int(row["createdBy"]), int(row["responsibleId"]), created,
                 group_id=group, status=int(row["status"]), changed_date=closed or created, closed_date=closed,
                 uf={s["uf_message"]: row["ufSdMessageId"], s["uf_chat"]: row["ufSdChatId"]})
        portal.tasks[t.id] = t
