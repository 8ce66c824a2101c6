"""The small test portal of tests/devportal, built from devportal.state dataclasses."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from devportal.state import (Chat, Department, Group, Message, OLSession, OpenLine, Portal, Task,
                             TaskUserField, User)

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
ADMIN, MANAGER, SPECIALIST, PLAIN, OPERATOR, CLIENT = 1, 2, 3, 4, 5, 100
SUPPORT_GROUP, OTHER_GROUP = 10, 11
SUPPORT_CHAT, SECRET_CHAT, OL_CHAT = 20, 21, 22
GROUP_TASKS = 60


def build_portal() -> Portal:
    """Admin, a desk manager (group owner, department head), a specialist, a plain user, an Open
    Line operator and a client; the support group with 60 tasks; three chats; one Open Line."""
    p = Portal(now=NOW)
    for uid, name, admin, deps in [(ADMIN, "Ann", True, [1]), (MANAGER, "Mike", False, [2]),
                                   (SPECIALIST, "Sara", False, [2]), (PLAIN, "Paul", False, [1]),
                                   (OPERATOR, "Olga", False, [1]), (CLIENT, "Client", False, [])]:
        p.users[uid] = User(uid, name, last_name="Test", is_admin=admin, departments=deps,
                            work_position="staff")
    p.departments[1] = Department(1, "Company", head=ADMIN)
    p.departments[2] = Department(2, "Support", parent=1, head=MANAGER)
    p.groups[SUPPORT_GROUP] = Group(SUPPORT_GROUP, "Support desk", MANAGER, visible=False, opened=False,
                                    members={MANAGER: "A", SPECIALIST: "K"}, date_create=NOW - timedelta(days=400))
    p.groups[OTHER_GROUP] = Group(OTHER_GROUP, "Other", ADMIN, members={ADMIN: "A"})
    p.task_fields[1] = TaskUserField(1, "UF_SD_MESSAGE_ID")
    for i in range(1, GROUP_TASKS + 1):
        created = NOW - timedelta(days=GROUP_TASKS - i + 1)
        done = i % 3 == 0
        p.tasks[i] = Task(i, f"Request {i}", MANAGER, SPECIALIST, created, group_id=SUPPORT_GROUP,
                          status=5 if done else 2, auditors=[PLAIN] if i == 7 else [],
                          closed_date=created + timedelta(hours=5) if done else None,
                          uf={"UF_SD_MESSAGE_ID": str(1000 + i)})
    p.tasks[61] = Task(61, "Admin's own", ADMIN, ADMIN, NOW - timedelta(days=2), group_id=OTHER_GROUP)
    p.tasks[62] = Task(62, "Paul's own", PLAIN, PLAIN, NOW - timedelta(days=1))
    p.chats[SUPPORT_CHAT] = Chat(SUPPORT_CHAT, "Support", "chat", MANAGER, [MANAGER, SPECIALIST, PLAIN],
                                 date_create=NOW - timedelta(days=400))
    p.chats[SECRET_CHAT] = Chat(SECRET_CHAT, "Secret", "chat", ADMIN, [ADMIN, MANAGER], date_create=NOW)
    p.chats[OL_CHAT] = Chat(OL_CHAT, "Client - Line", "lines", OPERATOR, [OPERATOR, CLIENT],
                            entity_type="LINES", entity_id="livechat|1|22|100", date_create=NOW)
    for i in range(1, 121):                       # 120 messages, one an hour, in the support chat
        author = [PLAIN, SPECIALIST, MANAGER][i % 3]
        p.messages[i] = Message(i, SUPPORT_CHAT, author, NOW - timedelta(hours=121 - i), f"message {i}")
    p.messages[121] = Message(121, SECRET_CHAT, ADMIN, NOW - timedelta(hours=1), "secret")
    p.messages[122] = Message(122, OL_CHAT, CLIENT, NOW - timedelta(minutes=50), "hello, I need help")
    p.messages[123] = Message(123, OL_CHAT, OPERATOR, NOW - timedelta(minutes=45), "hi, how can I help?")
    p.openlines[1] = OpenLine(1, "Line", queue=[OPERATOR])
    p.sessions[1] = OLSession(1, 1, OL_CHAT, CLIENT, operator_id=OPERATOR, status="closed",
                              date_create=NOW - timedelta(minutes=50), date_first_answer=NOW - timedelta(minutes=45),
                              date_operator_answer=NOW - timedelta(minutes=45), date_close=NOW - timedelta(minutes=10),
                              crm_activity_id=501)
    p.app_options = {"group_id": str(SUPPORT_GROUP)}
    return p
