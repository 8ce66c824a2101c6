"""Chats and messages: im.chat.add/get, im.chat.user.list, im.dialog.get, im.dialog.messages.get,
im.dialog.messages.search, im.message.add, im.recent.list.

Checked against chats/im-chat-add.md, im-chat-get.md (ENTITY_TYPE + ENTITY_ID -> {"ID": id}),
chat-users/im-chat-user-list.md, im-dialog-get.md, messages/im-dialog-messages-get.md (LIMIT
default 20, max 50; LAST_ID -> older, FIRST_ID -> newer), messages/im-dialog-messages-search.md
(LIMIT default 50, max 200; ORDER ID; tariffRestrictions), messages/im-message-add.md,
im-recent-list.md (OFFSET/LIMIT ≤ 200, hasMore, top-level "total": -1). Access errors are
ACCESS_ERROR (403).
"""
from __future__ import annotations

import bisect

from datetime import timedelta

from ..envelope import Listed, RestError
from ..params import as_list, ci_get, flag
from ..rights import can_read_chat
from ..state import Chat, Message
from . import bots
from .common import date, fresh_id, full_name, im_user, int_or, parse_date

COLOR = "#4ba984"


def _no_access(text: str = "You do not have access to the specified dialog") -> RestError:
    return RestError(403, "ACCESS_ERROR", text)


def private_chat(portal, a: int, b: int, create: bool = False) -> Chat | None:
    """The 1:1 chat of users ``a`` and ``b`` (made on first use when ``create``)."""
    for c in portal.chats.values():
        if c.type == "private" and set(c.members) == {a, b}:
            return c
    if not create:
        return None
    cid = fresh_id(portal, "chat")
    portal.chats[cid] = Chat(cid, "", "private", a, [a, b], date_create=portal.now)
    return portal.chats[cid]


def dialog_chat(portal, user, dialog_id, create: bool = False) -> Chat:
    """The chat a DIALOG_ID names: ``chat<ID>`` or a user id (the 1:1 chat with that user)."""
    d = str(dialog_id or "").strip()
    if not d:
        raise RestError(400, "DIALOG_ID_EMPTY", "Dialog ID can't be empty")
    # im-dialog-messages-get.md / im-dialog-get.md: a DIALOG_ID "в неверном формате" is DIALOG_ID_EMPTY; a chat
    # one cannot see is 403 ACCESS_ERROR. The pages do not tell an unknown chat or user apart from one
    # the caller may not see: both are ACCESS_ERROR (nothing says whether it exists).
    if not (d[4:] if d.startswith("chat") else d).isdigit():
        raise RestError(400, "DIALOG_ID_EMPTY", "Dialog ID can't be empty")
    if d.startswith("chat"):
        chat = portal.chats.get(int_or(d[4:]))
        if chat is None:
            raise _no_access()
        return chat
    other = int_or(d)
    if other not in portal.users:
        raise _no_access()
    chat = private_chat(portal, user.id, other, create=True)
    return chat


_INDEX: dict = {}


def chat_index(portal, chat_id: int) -> list[Message]:
    """The chat's messages in id order, kept between calls until the portal's messages change
    (benchmarks page through 100k messages: sorting them on every call would dominate)."""
    stamp = (len(portal.messages), portal.next_id.get("message"), id(portal.messages))
    hit = _INDEX.get((id(portal), chat_id))
    if hit is None or hit[0] != stamp:
        hit = (stamp, sorted((m for m in portal.messages.values() if m.chat_id == chat_id), key=lambda m: m.id))
        _INDEX[(id(portal), chat_id)] = hit
    return hit[1]


def visible_messages(portal, chat: Chat) -> tuple[list[Message], bool]:
    """The chat's messages in id order, and whether the plan's history limit hid some."""
    msgs = chat_index(portal, chat.id)
    if portal.history_limit_days is None:
        return msgs, False
    floor = portal.now - timedelta(days=portal.history_limit_days)
    kept = [m for m in msgs if m.date >= floor]
    return kept, len(kept) < len(msgs)


def _msg_get(portal, m: Message) -> dict:
    return {"id": m.id, "chat_id": m.chat_id, "author_id": m.author_id, "date": date(portal, m.date),
            "text": m.text, "unread": False, "uuid": m.uuid or None, "replaces": [], "params": m.params or [],
            "disappearing_date": None}


def _msg_search(portal, m: Message) -> dict:
    return {"id": m.id, "chatId": m.chat_id, "chat_id": m.chat_id, "authorId": m.author_id,
            "author_id": m.author_id, "date": date(portal, m.date), "text": m.text,
            "isSystem": m.is_system or m.author_id == 0, "uuid": m.uuid or None, "forward": None,
            "params": m.params or [], "viewedByOthers": False, "block": None, "unread": False,
            "viewed": True, "viewedCount": 0}


def _authors(portal, msgs, camel: bool) -> list[dict]:
    ids = sorted({m.author_id for m in msgs if m.author_id in portal.users})
    return [im_user(portal, portal.users[i], camel=camel) for i in ids]


def im_chat_get(portal, user, params):
    etype, eid = str(ci_get(params, "ENTITY_TYPE") or ""), str(ci_get(params, "ENTITY_ID") or "")
    for c in sorted(portal.chats.values(), key=lambda c: c.id):
        if c.entity_type == etype and c.entity_id == eid and etype and user.id in c.members:
            return {"ID": c.id}
    return None


def im_chat_add(portal, user, params):
    users = [int_or(u) for u in as_list(ci_get(params, "USERS"))]
    if not users:                                   # im-chat-add.md: USERS is required
        raise RestError(400, "USERS_EMPTY", "Не переданы участники чата")
    members = [user.id] + [u for u in users if u in portal.users and u != user.id]
    ctype = "open" if str(ci_get(params, "TYPE") or "CHAT").upper() == "OPEN" else "chat"
    owner = int_or(ci_get(params, "OWNER_ID"), user.id) or user.id
    cid = fresh_id(portal, "chat")
    chat = Chat(cid, str(ci_get(params, "TITLE") or ""), ctype, owner, members,
                str(ci_get(params, "ENTITY_TYPE") or ""), str(ci_get(params, "ENTITY_ID") or ""),
                date_create=portal.now)
    portal.chats[cid] = chat
    for uid in members:
        if uid in portal.bots:
            bots.on_join(portal, portal.bots[uid], chat, user)
    text = ci_get(params, "MESSAGE")
    if text:
        _post(portal, user, chat, str(text), {})
    return cid


def im_chat_user_add(portal, user, params):
    """im.chat.user.add {CHAT_ID, USERS, HIDE_HISTORY} (chats/chat-users/im-chat-user-add.md): a member
    of a group chat adds people (a bot among them gets ONIMBOTV2JOINCHAT); CHAT_ID_EMPTY without a chat,
    ACCESS_ERROR for a 1:1 or Open Line chat or a caller outside it. Already a member: no change, true."""
    cid = int_or(ci_get(params, "CHAT_ID"))
    if cid <= 0:
        raise RestError(400, "CHAT_ID_EMPTY", "Chat ID can't be empty")
    chat = portal.chats.get(cid)
    if chat is None or user.id not in chat.members:
        raise _no_access("Action unavailable")
    if chat.type not in ("chat", "open"):
        raise _no_access("It is forbidden to add users to this chat")
    for uid in (int_or(u) for u in as_list(ci_get(params, "USERS"))):
        if uid in portal.users and uid not in chat.members:
            chat.members.append(uid)
            if uid in portal.bots:
                bots.on_join(portal, portal.bots[uid], chat, user)
    return True


def _chat_by_id(portal, user, params, empty: str, denied: str) -> Chat:
    """The readable chat named by CHAT_ID (CHAT_ID_EMPTY / ACCESS_ERROR with each page's text)."""
    cid = int_or(ci_get(params, "CHAT_ID"))
    if not cid:
        raise RestError(400, "CHAT_ID_EMPTY", empty)
    chat = portal.chats.get(cid)
    if chat is None or not can_read_chat(user, chat):
        raise RestError(403, "ACCESS_ERROR", denied)
    return chat


def im_chat_user_list(portal, user, params):
    chat = _chat_by_id(portal, user, params, "Chat ID can't be empty", "Action unavailable")
    return list(chat.members)


def entity_data_1(portal, chat: Chat) -> str:
    """An Open Line chat's ENTITY_DATA_1: its latest session id is the sixth field
    (imopenlines-session-history-get.md: "Y|LEAD|1205|N|N|321|1773223732|0|0|0" → 321); "" elsewhere."""
    sessions = [s for s in portal.sessions.values() if s.chat_id == chat.id]
    if chat.type != "lines" or not sessions:
        return ""
    last = max(sessions, key=lambda s: s.id)
    stamp = int(last.date_create.timestamp()) if last.date_create else 0
    return f"Y|LEAD|0|N|N|{last.id}|{stamp}|0|0|0"


def chat_card(portal, chat: Chat, viewer: int) -> dict:
    """A chat as im.dialog.get / im.recent.list describe it (snake_case)."""
    return {"id": chat.id, "parent_chat_id": 0, "parent_message_id": 0, "name": chat.title,
            "owner": chat.owner_id, "extranet": False, "contains_collaber": False, "avatar": "",
            "color": COLOR, "type": chat.type, "entity_type": chat.entity_type,
            "entity_id": chat.entity_id, "entity_data_1": entity_data_1(portal, chat), "entity_data_2": "",
            "entity_data_3": "",
            "mute_list": [], "manager_list": [chat.owner_id], "date_create": date(portal, chat.date_create),
            "message_type": {"private": "P", "open": "O", "lines": "L"}.get(chat.type, "C"),
            "user_counter": len(chat.members),
            "restrictions": dict.fromkeys(("avatar", "rename", "extend", "call", "mute", "leave",
                                           "leave_owner", "send", "user_list"), True),
            "role": "OWNER" if chat.owner_id == viewer else "MEMBER",
            "text_field_enabled": True, "background_id": None,
            "entity_link": {"type": chat.entity_type, "url": "", "id": chat.entity_id},
            "permissions": {"manage_users_add": "member", "manage_users_delete": "manager",
                            "manage_ui": "member", "manage_settings": "owner",
                            "manage_messages": "member", "can_post": "member"},
            "public": ""}


def im_dialog_get(portal, user, params):
    chat = dialog_chat(portal, user, ci_get(params, "DIALOG_ID"))
    if not can_read_chat(user, chat):
        raise _no_access()
    card = chat_card(portal, chat, user.id)
    card.pop("contains_collaber")                   # im.recent.list's item has it; im-dialog-get.md's not
    msgs, _ = visible_messages(portal, chat)
    last = msgs[-1].id if msgs else 0
    # im-dialog-get.md's example: the counters, the last message and who read up to where
    card.update(dialog_id=f"chat{chat.id}", description=getattr(chat, "description", "") or "", counter=0,
                message_count=len(msgs), unread_id=0, last_message_id=last, last_id=last, marked_id=0,
                disk_folder_id=0, is_new=False,
                last_message_views={"message_id": last, "first_viewers": [], "count_of_viewers": 0},
                readed_list=[{"user_id": uid, "user_name": full_name(portal.users[uid]), "message_id": 0,
                              "date": None} for uid in chat.members if uid != user.id and uid in portal.users])
    card["restrictions"] = {**card["restrictions"], "path": "", "path_title": ""}
    return card


def im_dialog_messages_get(portal, user, params):
    chat = dialog_chat(portal, user, ci_get(params, "DIALOG_ID"))
    if not can_read_chat(user, chat):
        raise _no_access()
    limit = min(max(int_or(ci_get(params, "LIMIT"), 20), 1), 50)
    for key in ("LAST_ID", "FIRST_ID"):
        v = ci_get(params, key)
        if v not in (None, "") and not str(v).lstrip("-").isdigit():
            raise RestError(400, f"{key}_STRING", f"{key.title().replace('_', ' ')} can't be string")
    msgs, _ = visible_messages(portal, chat)
    first, last = int_or(ci_get(params, "FIRST_ID")), int_or(ci_get(params, "LAST_ID"))
    if first:
        chosen = [m for m in msgs if m.id > first][:limit]          # newer ones, oldest first
    else:
        older = [m for m in msgs if not last or m.id < last]
        chosen = list(reversed(older[-limit:]))                      # newest first
    return {"chat_id": chat.id, "messages": [_msg_get(portal, m) for m in chosen],
            "users": _authors(portal, chosen, camel=False), "files": []}


def im_dialog_messages_search(portal, user, params):
    chat = _chat_by_id(portal, user, params, "CHAT_ID can't be empty", "You do not have access to this chat")
    msgs, limited = visible_messages(portal, chat)
    start, end = parse_date(ci_get(params, "DATE_FROM")), parse_date(ci_get(params, "DATE_TO"))
    day = parse_date(ci_get(params, "DATE"))
    if day:
        start, end = day, day + timedelta(days=1)
    text = str(ci_get(params, "SEARCH_MESSAGE") or "")
    order = ci_get(params, "ORDER") or {}
    asc = isinstance(order, dict) and str(order.get("ID", "DESC")).upper() == "ASC"
    last = int_or(ci_get(params, "LAST_ID"))
    limit = min(max(int_or(ci_get(params, "LIMIT"), 50), 1), 200)
    ids = [m.id for m in msgs] if last else None
    if asc:
        seq = msgs[bisect.bisect_right(ids, last):] if last else msgs
    else:
        seq = reversed(msgs[:bisect.bisect_left(ids, last)] if last else msgs)
    rows = []
    for m in seq:
        if (not start or m.date >= start) and (not end or m.date <= end) \
                and (len(text) <= 2 or text.lower() in m.text.lower()):
            rows.append(m)
            if len(rows) == limit:
                break
    if limited and start is not None:
        limited = start < portal.now - timedelta(days=portal.history_limit_days)
    return {"users": _authors(portal, rows, camel=True), "files": [], "additionalMessages": [],
            "copilot": None, "stickers": [], "reactions": [],
            "tariffRestrictions": {"isHistoryLimitExceeded": bool(limited)}, "usersShort": [],
            "messages": [_msg_search(portal, m) for m in rows]}


def _post(portal, user, chat: Chat, text: str, params: dict, system: bool = False) -> Message:
    mid = fresh_id(portal, "message")
    msg = Message(mid, chat.id, 0 if system else user.id, portal.now, text, is_system=system, params=params)
    portal.messages[mid] = msg
    return msg


def im_message_add(portal, user, params):
    chat = dialog_chat(portal, user, ci_get(params, "DIALOG_ID"), create=True)
    if user.id not in chat.members:
        raise RestError(403, "ACCESS_ERROR", "Action unavailable")
    text = str(ci_get(params, "MESSAGE") or "")
    extra = {k: ci_get(params, k) for k in ("ATTACH", "KEYBOARD", "MENU") if ci_get(params, k)}
    if not text.strip() and "ATTACH" not in extra:
        raise RestError(400, "MESSAGE_EMPTY", "Message can't be empty")
    msg = _post(portal, user, chat, text, extra, system=flag(ci_get(params, "SYSTEM")))
    bots.on_message(portal, chat, msg, user)
    return msg.id


def _recent_item(portal, user, chat: Chat) -> dict | None:
    msgs = [m for m in portal.messages.values() if m.chat_id == chat.id]
    last = max(msgs, key=lambda m: m.id, default=None)
    when = last.date if last else chat.date_create
    message = {"id": last.id, "text": last.text, "file": False, "author_id": last.author_id,
               "attach": False, "sticker": None, "date": date(portal, last.date), "status": "received",
               "uuid": None} if last else None
    if chat.type == "private":
        other = next((m for m in chat.members if m != user.id), user.id)
        u = portal.users.get(other)
        return {"id": other, "chat_id": chat.id, "type": "user", "avatar": {"url": "", "color": COLOR},
                "title": full_name(u) if u else "", "message": message, "counter": 0,
                "last_id": last.id if last else 0, "pinned": False, "unread": False,
                "has_reminder": False, "date_update": date(portal, when),
                "date_last_activity": date(portal, when),
                "user": im_user(portal, u) if u else {"id": 0},
                "chat": {"text_field_enabled": True, "background_id": None, "mute_list": []},
                "options": [], "_sort": when}
    author = portal.users.get(last.author_id) if last else None
    return {"id": f"chat{chat.id}", "chat_id": chat.id, "type": chat.type if chat.type != "open" else "chat",
            "avatar": {"url": "", "color": COLOR}, "title": chat.title, "message": message,
            "counter": 0, "last_id": last.id if last else 0, "pinned": False, "unread": False,
            "has_reminder": False, "date_update": date(portal, when),
            "date_last_activity": date(portal, when), "chat": chat_card(portal, chat, user.id),
            "user": im_user(portal, author) if author else {"id": 0}, "options": [], "_sort": when}


def im_recent_list(portal, user, params):
    skip = {"lines": flag(ci_get(params, "SKIP_OPENLINES")), "private": flag(ci_get(params, "SKIP_DIALOG")),
            "chat": flag(ci_get(params, "SKIP_CHAT")), "open": flag(ci_get(params, "SKIP_CHAT"))}
    items = [_recent_item(portal, user, c) for c in portal.chats.values()
             if user.id in c.members and not skip.get(c.type, False)]
    items.sort(key=lambda i: (i["_sort"] is not None, i["_sort"] and i["_sort"].timestamp()), reverse=True)
    offset = max(int_or(ci_get(params, "OFFSET")), 0)
    limit = min(max(int_or(ci_get(params, "LIMIT"), 50), 1), 200)
    chunk = items[offset:offset + limit]
    for i in chunk:
        i.pop("_sort")
    more = offset + limit < len(items)
    return Listed({"items": chunk, "hasMorePages": more, "hasMore": more, "copilot": None,
                   "messagesAutoDeleteConfigs": []}, total=-1)


METHODS = {
    "im.chat.get": im_chat_get, "im.chat.add": im_chat_add, "im.chat.user.list": im_chat_user_list,
    "im.chat.user.add": im_chat_user_add,
    "im.dialog.get": im_dialog_get, "im.dialog.messages.get": im_dialog_messages_get,
    "im.dialog.messages.search": im_dialog_messages_search, "im.message.add": im_message_add,
    "im.recent.list": im_recent_list,
}
