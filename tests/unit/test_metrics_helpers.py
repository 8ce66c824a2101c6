"""Builders of raw REST items for the metrics tests (no tests here)."""
from __future__ import annotations

from servicedesk.metrics import compute_desk

TZ = "Europe/Moscow"
NOW = "2026-11-25T12:00:00+03:00"
OWNER, S2, S3 = 1, 2, 3
SUPPORT = {OWNER, S2, S3}
U10, U11, U12, BOT = 10, 11, 12, 99
USERS = [{"id": uid, "name": f"user {uid}", "bot": uid == BOT} for uid in (0, 1, 2, 3, 10, 11, 12, BOT)]
SETTINGS = {"group_id": 7, "chat_id": 101, "openline_id": 5, "bot_id": BOT,
            "uf_message": "UF_SD_MESSAGE_ID", "uf_chat": "UF_SD_CHAT_ID"}


def msg(mid: int, author: int, when: str, *, chat: int = 101, text: str = "", system: bool = False,
        deleted: bool = False) -> dict:
    """An im.dialog.messages.search item; `when` is ISO with offset."""
    return {"id": mid, "chat_id": chat, "author_id": author, "date": when, "text": text or f"m{mid}",
            "isSystem": system, "params": {"IS_DELETED": "Y"} if deleted else []}


def session(sid: int, created: str, answered: str | None = None, *, status: str = "closed",
            operator: int = S2, chat: int | None = None, config: int = 5, reason: str | None = None,
            closed: str | None = None) -> dict:
    """An imopenlines.v2.Session.list item."""
    return {"id": sid, "configId": config, "operatorId": operator if answered else 0, "userId": 500,
            "chatId": chat if chat is not None else 500 + sid, "dateCreate": created,
            "dateOperatorAnswer": answered, "dateClose": closed, "status": status, "closeReason": reason}


def task(tid: int, created: str, closed: str | None = None, *, status: int = 5, chat: str | None = None,
         group: str = "7", responsible: int = S2) -> dict:
    """A tasks.task.list item (camelCase, strings)."""
    return {"id": str(tid), "title": f"task {tid}", "groupId": group, "createdDate": created,
            "closedDate": closed, "status": str(status), "responsibleId": str(responsible), "createdBy": "1",
            "ufSdMessageId": None, "ufSdChatId": chat}


def desk(messages=(), sessions=(), tasks=(), *, now: str = NOW, tz: str = TZ, settings: dict | None = None,
         support=SUPPORT, users=USERS) -> dict:
    """compute_desk over raw items with the test desk's defaults."""
    return compute_desk(list(messages), users, list(sessions), list(tasks), settings or SETTINGS, support, now,
                        time_zone=tz)


def month(result: dict, key: str) -> dict:
    return result["months"][key]
