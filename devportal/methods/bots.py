"""Chat bots without a server: imbot.v2.Bot.register/list/update/unregister,
imbot.v2.Command.register, imbot.v2.Chat.Message.send, imbot.v2.Event.get, and the events that
users' messages generate for bots.

Checked against chat-bots/chat-bots-v2/imbot.v2/bots/bot-register.md (idempotent by code per
app; BOT_CODE_ALREADY_TAKEN for another app's code), bot-list.md, bot-update.md,
bot-unregister.md, commands/command-register.md (``fields.command`` etc.), messages/
chat-message-send.md, events/event-get.md (offset acknowledges everything below it; limit 1–1000,
default 100) and events/events.md (event data shapes). Who gets which event (event-get.md):
a "bot"-type bot gets messages addressed to it — in its 1:1 chat or mentioning it
([USER=<id>]) — and its slash commands in chats it is in (or any chat for ``common`` ones);
"supervisor" and "personal" bots get every message of the chats they are in.
Keyboards (messages/message-keyboards.md, commands/index.md, chats/messages/im-message-command.md):
``fields.keyboard`` is kept as the message param KEYBOARD (``{"BOT_ID", "BUTTONS"}`` or a bare list
of buttons); a press of a button with COMMAND is ``im.message.command`` (MESSAGE_ID, BOT_ID, COMMAND,
COMMAND_PARAMS) by a member of the message's chat, and the bot gets ONIMBOTV2COMMANDADD with
``command.context`` "keyboard", ``command.params`` = COMMAND_PARAMS, the keyboard's message and the
presser as ``user``; the command must be registered (hidden ones included) and on that keyboard.
Chat.Message.send (messages/chat-message-send.md): refused with 403 ACCESS_DENIED ("Бот не является
участником чата") when the bot is not a member of the chat. ``templateId`` ("UUID шаблона
сообщения") is kept as the message's ``uuid`` (entities.md: "UUID для дедупликации"), but the page
never says a repeat is dropped, so a second send with the same templateId posts again (the strict
reading: a client must not count on the portal to deduplicate). ``replyId`` -> param REPLY_ID.
Command.answer (commands/command-answer.md): answers a slash command in its chat even when the bot is
not a member — access is granted by the command's token, ``messageId`` + ``commandId`` (of an
ONIMBOTV2COMMANDADD this bot received); then the answer is a system message with the bot's name.
Without a valid token: COMMAND_ANSWER_FAILED. The page does not say an answer is one-shot, so a
repeated answer posts again. Types (bots/index.md, index.md#bot-types): ``isSupportOpenline`` turns
on Open Line support "для бота типа openline": for other types the flag is not kept.
File.upload (files/file-upload.md, files/index.md): see ``file_upload``. Chat.Message.update
(messages/chat-message-update.md): see ``message_update``.
"""
from __future__ import annotations

import base64
import binascii
import json

from ..envelope import RestError
from ..params import ci_get, flag
from ..state import Bot, BotEvent, Chat, ChatFile, Message, User
from .common import CURRENT_APP, date, fresh_id, int_or, v2_user

TYPES = ("bot", "network", "openline", "supervisor", "personal")


def bot_object(portal, b: Bot) -> dict:
    p = b.properties
    return {"id": b.id, "code": b.code, "type": b.type, "isHidden": bool(p.get("isHidden", False)),
            "isSupportOpenline": bool(p.get("isSupportOpenline", False)),
            "isReactionsEnabled": bool(p.get("isReactionsEnabled", True)),
            "backgroundId": p.get("backgroundId"), "language": "ru", "moduleId": "rest",
            "eventMode": b.event_mode,
            "countMessage": sum(1 for m in portal.messages.values() if m.author_id == b.id),
            "countCommand": len(b.commands),
            "countChat": sum(1 for c in portal.chats.values() if b.id in c.members), "countUser": 0}


def _bot_user(portal, b: Bot, short: bool = False) -> dict:
    card = v2_user(portal, portal.users[b.id])
    return {k: card[k] for k in ("id", "active", "name", "bot", "type")} if short else card


def _owned(portal, params) -> Bot:
    bid = int_or(ci_get(params, "botId"))
    if not bid:
        raise RestError(400, "BOT_ID_REQUIRED", "Bot ID is required")
    b = portal.bots.get(bid)
    if b is None:
        raise RestError(400, "BOT_NOT_FOUND", "Bot not found")
    if b.app_id != CURRENT_APP.get():
        raise RestError(403, "BOT_OWNERSHIP_ERROR", "Bot is registered by another application")
    return b


def _set_props(b: Bot, u: User, fields: dict) -> None:
    props = fields.get("properties") or {}
    if isinstance(props, dict):
        b.properties.update({k: v for k, v in props.items() if k != "avatar"})
        u.name = str(props.get("name", u.name))
        u.last_name = str(props.get("lastName", u.last_name))
        u.work_position = str(props.get("workPosition", u.work_position))
    for key in ("isHidden", "isSupportOpenline", "isReactionsEnabled"):
        if key in fields:
            b.properties[key] = flag(fields[key])
    if b.type != "openline":     # bots/index.md: the flag is for a bot of type openline
        b.properties["isSupportOpenline"] = False
    if "backgroundId" in fields:
        b.properties["backgroundId"] = fields["backgroundId"]
    if fields.get("eventMode"):
        if fields["eventMode"] not in ("fetch", "webhook"):
            raise RestError(400, "BOT_INVALID_EVENT_MODE", "Invalid event mode")
        b.event_mode = fields["eventMode"]


def bot_register(portal, user, params):
    fields = ci_get(params, "fields") or {}
    code = str(fields.get("code") or "").strip() if isinstance(fields, dict) else ""
    if not code:
        raise RestError(400, "BOT_CODE_REQUIRED", "Bot code is required")
    app = CURRENT_APP.get()
    for b in portal.bots.values():
        if b.code == code:
            if b.app_id != app:
                raise RestError(400, "BOT_CODE_ALREADY_TAKEN", "Bot code is already taken")
            return {"bot": bot_object(portal, b), "users": [_bot_user(portal, b)]}
    props = fields.get("properties")
    if not isinstance(props, dict) or not props.get("name"):
        raise RestError(400, "BOT_PROPERTIES_REQUIRED", "Bot properties are required")
    btype = fields.get("type") or "bot"
    if btype not in TYPES:
        raise RestError(400, "BOT_INVALID_TYPE", "Invalid bot type")
    if fields.get("eventMode") == "webhook" and not fields.get("webhookUrl"):
        raise RestError(400, "BOT_WEBHOOK_URL_REQUIRED", "Webhook URL is required")
    bid = fresh_id(portal, "user")
    u = User(id=bid, name=str(props["name"]), bot=True, departments=[])
    portal.users[bid] = u
    b = Bot(id=bid, code=code, type=btype, app_id=app)
    _set_props(b, u, fields)
    portal.bots[bid] = b
    return {"bot": bot_object(portal, b), "users": [_bot_user(portal, b)]}


def bot_list(portal, user, params):
    app = CURRENT_APP.get()
    flt = ci_get(params, "filter") or {}
    rows = [b for b in sorted(portal.bots.values(), key=lambda b: b.id) if b.app_id == app
            and (not isinstance(flt, dict) or not flt.get("type") or b.type == flt["type"])]
    offset, limit = max(int_or(ci_get(params, "offset")), 0), max(int_or(ci_get(params, "limit"), 50), 1)
    chunk = rows[offset:offset + limit]
    return {"bots": [bot_object(portal, b) for b in chunk],
            "users": [_bot_user(portal, b, short=True) for b in chunk], "hasNextPage": offset + limit < len(rows)}


def bot_update(portal, user, params):
    b = _owned(portal, params)
    fields = ci_get(params, "fields") or {}
    _set_props(b, portal.users[b.id], fields if isinstance(fields, dict) else {})
    return {"bot": bot_object(portal, b), "users": [_bot_user(portal, b, short=True)]}


def bot_unregister(portal, user, params):
    b = _owned(portal, params)
    del portal.bots[b.id]
    portal.users[b.id].active = False
    portal.events = [e for e in portal.events if e.bot_id != b.id]
    return {"result": True}


def command_register(portal, user, params):
    b = _owned(portal, params)
    fields = ci_get(params, "fields") or {}
    if not isinstance(fields, dict) or not fields.get("command"):
        raise RestError(400, "COMMAND_REQUIRED", "Command is required")
    name = str(fields["command"]).lstrip("/")
    hidden = flag(fields.get("hidden"))
    if not hidden and not fields.get("title"):
        raise RestError(400, "COMMAND_TITLE_REQUIRED", "Command title is required")
    for c in b.commands:
        if c["command"] == "/" + name:
            return {"command": _public(c)}
    cmd = {"id": 1 + max((c["id"] for bb in portal.bots.values() for c in bb.commands), default=0),
           "botId": b.id, "command": "/" + name, "common": flag(fields.get("common")), "hidden": hidden,
           "extranetSupport": flag(fields.get("extranetSupport")), "title": fields.get("title") or {},
           "params": fields.get("params") or {}}
    b.commands.append(cmd)
    return {"command": _public(cmd)}


def _public(c: dict) -> dict:
    return {k: c[k] for k in ("id", "botId", "command", "common", "hidden", "extranetSupport")}


def message_send(portal, user, params):
    from .im import private_chat
    b = _owned(portal, params)
    dialog = str(ci_get(params, "dialogId") or "")
    if dialog.startswith("chat"):
        chat = portal.chats.get(int_or(dialog[4:]))
    else:
        other = int_or(dialog)
        chat = private_chat(portal, b.id, other, create=other in portal.users)
    if chat is None or b.id not in chat.members:     # chat-message-send.md: "Бот не является участником чата"
        raise RestError(403, "ACCESS_DENIED", "Access denied")
    fields = ci_get(params, "fields") or {}
    text = str(fields.get("message") or "") if isinstance(fields, dict) else ""
    extra = {k.upper(): fields[k] for k in ("attach", "keyboard") if isinstance(fields, dict) and fields.get(k)}
    if not text.strip() and not extra:
        raise RestError(400, "EMPTY_MESSAGE", "Message is empty")
    # chat-message-send.md: templateId is "UUID шаблона сообщения"; nothing says a repeat is dropped
    uuid = str(fields.get("templateId") or "")
    if fields.get("replyId"):
        extra["REPLY_ID"] = int_or(fields["replyId"])
    mid = fresh_id(portal, "message")
    portal.messages[mid] = Message(mid, chat.id, b.id, portal.now, text[:20000],
                                   is_system=flag(fields.get("system")), params=extra, uuid=uuid)
    return {"id": mid, "uuidMap": {}}


MAX_FILE_BYTES = 100 * 1024 * 1024     # files/file-upload.md: "Максимальный размер — 100 МБ"


def _bot_chat(portal, b: Bot, dialog: str) -> Chat | None:
    """The chat ``dialog`` names (``chat<ID>`` or a user id: the 1:1 chat with the bot) if the bot is in it."""
    from .im import private_chat
    if dialog.startswith("chat"):
        chat = portal.chats.get(int_or(dialog[4:]))
    else:
        other = int_or(dialog)
        chat = private_chat(portal, b.id, other, create=other in portal.users and other != b.id)
    return chat if chat is not None and b.id in chat.members else None


def file_upload(portal, user, params):
    """imbot.v2.File.upload (chat-bots/chat-bots-v2/imbot.v2/files/file-upload.md): the bot uploads
    ``fields.content`` (Base64) as ``fields.name`` to ``dialogId`` and posts a message with it and the
    optional ``fields.message`` — one call (files/index.md: disk, chat, message). Rules, each per the page:
    botId required, the bot this app's (BOT_ID_REQUIRED / BOT_NOT_FOUND / BOT_OWNERSHIP_ERROR); name and
    content required (FILE_EMPTY); content is Base64 "без префикса data:*/*;base64," (else
    FILE_INVALID_CONTENT); at most 100 МБ (FILE_TOO_LARGE); "Имя файла с расширением": a name without one is
    refused as FILE_UPLOAD_FAILED (the page names no code of its own for it). The page lists 403 but not
    who may be written to: as Chat.Message.send (messages/chat-message-send.md, "Бот не является участником
    чата") and im.v2.File.upload (im.v2/files/file-upload.md, ACCESS_DENIED "Нет доступа к чату"), a chat
    the bot is not in is 403 ACCESS_DENIED; a user's 1:1 chat with the bot always takes it. Nothing says a
    repeat is dropped: a second upload posts a second message (a client must not send twice)."""
    b = _owned(portal, params)
    dialog = str(ci_get(params, "dialogId") or "")
    fields = ci_get(params, "fields")
    fields = fields if isinstance(fields, dict) else {}
    name, content = str(fields.get("name") or "").strip(), fields.get("content")
    if not name or not isinstance(content, str) or not content.strip():       # file-upload.md: FILE_EMPTY
        raise RestError(400, "FILE_EMPTY", "File name or content is empty")
    try:                                   # file-upload.md: only the Base64 string, no data: prefix
        data = base64.b64decode(content.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise RestError(400, "FILE_INVALID_CONTENT", "Invalid base64 content") from None
    if len(data) > MAX_FILE_BYTES:                                              # file-upload.md: 100 МБ
        raise RestError(400, "FILE_TOO_LARGE", "File is too large")
    if "." not in name.strip(".") or name.endswith("."):                        # "Имя файла с расширением"
        raise RestError(400, "FILE_UPLOAD_FAILED", "File upload failed")
    chat = _bot_chat(portal, b, dialog)
    if chat is None:
        raise RestError(403, "ACCESS_DENIED", "Access denied")
    fid = fresh_id(portal, "file")
    f = portal.files[fid] = ChatFile(fid, chat.id, name, content.strip(), len(data), b.id, portal.now)
    mid = fresh_id(portal, "message")
    text = str(fields.get("message") or "")
    portal.messages[mid] = Message(mid, chat.id, b.id, portal.now, text[:20000], params={"FILE_ID": [fid]})
    return {"file": {"id": fid, "chatId": chat.id, "name": f.name, "extension": f.extension, "size": f.size},
            "messageId": mid, "chatId": chat.id, "dialogId": dialog}


def message_delete(portal, user, params):
    """imbot.v2.Chat.Message.delete (messages/chat-message-delete.md): the bot deletes its own message
    (ACCESS_DENIED for another's or a missing one); ``complete`` removes it, else it stays deleted.
    The answer is ``"result": true`` (the page's example; Command.answer's is ``{"result": true}``)."""
    b = _owned(portal, params)
    m = portal.messages.get(int_or(ci_get(params, "messageId")))
    if m is None or m.author_id != b.id:
        raise RestError(403, "ACCESS_DENIED", "Access denied")
    if flag(ci_get(params, "complete")):
        del portal.messages[m.id]
    else:
        m.text, m.params = "", {**m.params, "IS_DELETED": "Y"}
    return True     # messages/chat-message-delete.md: "result": true


def message_update(portal, user, params):
    """imbot.v2.Chat.Message.update (chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-update.md).
    Rules, each per the page: botId required, the bot this app's (BOT_ID_REQUIRED / BOT_NOT_FOUND /
    BOT_OWNERSHIP_ERROR); "Бот может обновлять только собственные сообщения": a message of anyone else, or
    none, is 403 ACCESS_DENIED ("Сообщение не принадлежит боту или не существует"), and so is a message
    sent with ``system: true`` ("обновить нельзя — они имеют authorId = 0") and a deleted one (it no longer
    exists as a message). ``fields`` "Обновляемые поля сообщения": only the fields given change —
    ``message`` (at most 20 000 characters, cut there as the send does), ``attach``, ``keyboard``
    (``"N"`` or an empty value removes it: message-keyboards.md "Чтобы отключить вывод кнопок"; any other
    value is kept as the message's KEYBOARD, as the send keeps it), ``urlPreview``. The page marks
    ``fields`` required but names no code for its absence: without it, or with none of those four
    fields, nothing is changed and the call is refused with 400 ERROR_ARGUMENT (no error code of its own;
    the strict reading: a call that updates nothing is the caller's mistake). A text emptied with nothing
    else left (no keyboard, no attach) is refused as the send refuses it (EMPTY_MESSAGE): the page does
    not say, as imbot.message.update's did, that an empty text deletes the message. The answer is
    ``{"result": true}`` (the page's example)."""
    b = _owned(portal, params)
    m = portal.messages.get(int_or(ci_get(params, "messageId")))
    if m is None or m.author_id != b.id or m.is_system or (m.params or {}).get("IS_DELETED"):
        raise RestError(403, "ACCESS_DENIED", "Access denied")
    fields = ci_get(params, "fields")
    fields = fields if isinstance(fields, dict) else {}
    known = [k for k in ("message", "attach", "keyboard", "urlPreview") if k in fields]
    if not known:
        raise RestError(400, "ERROR_ARGUMENT", "Fields to update are required")
    text = str(fields["message"] or "")[:20000] if "message" in fields else m.text
    extra = dict(m.params or {})
    for key in ("attach", "keyboard"):
        if key in fields:
            value = fields[key]
            if value in (None, "", "N", [], {}):
                extra.pop(key.upper(), None)
            else:
                extra[key.upper()] = value
    if "urlPreview" in fields:
        extra["URL_PREVIEW"] = "N" if str(fields["urlPreview"]).upper() in ("N", "FALSE", "0") else "Y"
    if not text.strip() and not (extra.get("ATTACH") or extra.get("KEYBOARD") or extra.get("FILE_ID")):
        raise RestError(400, "EMPTY_MESSAGE", "Message is empty")
    m.text, m.params = text, extra
    return {"result": True}


def command_answer(portal, user, params):
    """imbot.v2.Command.answer (commands/command-answer.md): see the module's doc. ``{"result": true}``."""
    b = _owned(portal, params)
    mid, cid = int_or(ci_get(params, "messageId")), int_or(ci_get(params, "commandId"))
    dialog = str(ci_get(params, "dialogId") or "")
    chat_id, where = portal.command_tokens.get(f"{b.id}:{mid}:{cid}", (0, ""))
    chat = portal.chats.get(chat_id)
    if chat is None or not dialog or dialog != where:    # the chat the command came from only
        raise RestError(400, "COMMAND_ANSWER_FAILED", "Command answer failed")
    fields = ci_get(params, "fields") or {}
    fields = fields if isinstance(fields, dict) else {}
    text = str(fields.get("message") or "")
    extra = {k.upper(): fields[k] for k in ("attach", "keyboard") if fields.get(k)}
    if not text.strip() and not extra:
        raise RestError(400, "COMMAND_ANSWER_FAILED", "Command answer failed")
    member = b.id in chat.members
    if not member:              # "отправляется как системное с указанием имени бота"
        extra["BOT_NAME"] = portal.users[b.id].name
        extra.pop("KEYBOARD", None)
    mid2 = fresh_id(portal, "message")
    portal.messages[mid2] = Message(mid2, chat.id, b.id, portal.now, text[:20000],
                                    is_system=(not member) or flag(fields.get("system")), params=extra,
                                    answer_to=mid)
    return {"result": True}


def event_get(portal, user, params):
    """events/event-get.md: ``offset`` acknowledges every event with an id below it (they never come
    again); the answer's ``nextOffset`` is the next ``offset`` (change-log.md BOT-BC-0325-1), kept
    even when ``events`` is empty; ``hasMore`` when more wait than ``limit``."""
    b = _owned(portal, params)
    offset = ci_get(params, "offset")
    if offset not in (None, ""):
        portal.events = [e for e in portal.events if e.bot_id != b.id or e.event_id >= int_or(offset)]
    limit = min(max(int_or(ci_get(params, "limit"), 100), 1), 1000)
    pending = sorted((e for e in portal.events if e.bot_id == b.id), key=lambda e: e.event_id)
    chunk = pending[:limit]
    nxt = chunk[-1].event_id + 1 if chunk else int_or(offset, 0)
    return {"events": [{"eventId": e.event_id, "type": e.type, "date": date(portal, e.date), "data": e.data}
                       for e in chunk], "nextOffset": nxt, "hasMore": len(pending) > limit}


# --- events generated by users' actions -------------------------------------------------------

def _chat_obj(chat: Chat, dialog: str) -> dict:
    return {"id": chat.id, "dialogId": dialog, "type": chat.type, "name": chat.title,
            "entityType": chat.entity_type, "owner": chat.owner_id, "avatar": "", "color": "#ab7761"}


def _message_obj(portal, m: Message) -> dict:
    return {"id": m.id, "chatId": m.chat_id, "authorId": m.author_id, "date": date(portal, m.date),
            "text": m.text, "isSystem": m.is_system, "uuid": m.uuid, "forward": None,
            "params": m.params or {}, "viewedByOthers": False}


def _emit(portal, b: Bot, kind: str, data: dict) -> None:
    if kind == "ONIMBOTV2COMMANDADD":    # the command's token for Command.answer: messageId + commandId
        portal.command_tokens[f'{b.id}:{data["message"]["id"]}:{data["command"]["id"]}'] = [
            data["chat"]["id"], data["chat"]["dialogId"]]
    eid = fresh_id(portal, "event")
    portal.events.append(BotEvent(eid, b.id, kind, portal.now, {"bot": bot_object(portal, b), **data,
                                                                "language": "ru"}))


def on_join(portal, b: Bot, chat: Chat, by: User) -> None:
    """ONIMBOTV2JOINCHAT when a bot is put in a chat."""
    dialog = f"chat{chat.id}"
    _emit(portal, b, "ONIMBOTV2JOINCHAT", {"dialogId": dialog, "chat": _chat_obj(chat, dialog),
                                           "user": v2_user(portal, by)})


def on_message(portal, chat: Chat, msg: Message, author: User) -> None:
    """The bot events a user's new message causes (none for bots' own messages)."""
    if author.bot or msg.is_system:
        return
    text = msg.text.strip()
    for b in sorted(portal.bots.values(), key=lambda b: b.id):
        if b.id == author.id:
            continue
        member = b.id in chat.members
        dialog = str(author.id) if chat.type == "private" else f"chat{chat.id}"
        base = {"message": _message_obj(portal, msg), "chat": _chat_obj(chat, dialog),
                "user": v2_user(portal, author)}
        cmd = _command(b, text, member)
        if cmd is not None:
            word, _, rest = text.partition(" ")
            _emit(portal, b, "ONIMBOTV2COMMANDADD",
                  {"command": {"id": cmd["id"], "command": cmd["command"], "params": rest.strip(),
                               "context": "textarea"}, **base})
        elif member and (chat.type == "private" or b.type in ("supervisor", "personal")
                         or f"[USER={b.id}]" in msg.text.upper()):
            _emit(portal, b, "ONIMBOTV2MESSAGEADD", base)


def _buttons(keyboard) -> list:
    """The buttons of a KEYBOARD param: a JSON string, ``{"BUTTONS": [...]}`` or a bare list."""
    if isinstance(keyboard, str):
        try:
            keyboard = json.loads(keyboard)
        except ValueError:
            return []
    if isinstance(keyboard, dict):
        keyboard = keyboard.get("BUTTONS") or []
    return [b for b in keyboard if isinstance(b, dict)] if isinstance(keyboard, list) else []


def message_command(portal, user, params):
    """im.message.command: ``user`` pressed a keyboard button with COMMAND (see the module's doc)."""
    mid, bid = int_or(ci_get(params, "MESSAGE_ID")), int_or(ci_get(params, "BOT_ID"))
    word = str(ci_get(params, "COMMAND") or "").strip().lstrip("/").lower()
    if mid <= 0:
        raise RestError(400, "MESSAGE_ID_ERROR", "Message ID can't be empty")
    if bid <= 0:
        raise RestError(400, "BOT_ID_ERROR", "Bot ID can't be empty")
    if not word:
        raise RestError(400, "COMMAND_ERROR", "Command can't be empty")
    msg = portal.messages.get(mid)
    chat = portal.chats.get(msg.chat_id) if msg else None
    if chat is None or user.id not in chat.members:
        raise RestError(403, "ACCESS_ERROR", "You do not have access to the specified dialog")
    b = portal.bots.get(bid)
    cmd = next((c for c in b.commands if c["command"].lower() == "/" + word), None) if b else None
    keyboard = msg.params.get("KEYBOARD")
    owner = int_or(keyboard.get("BOT_ID"), bid) if isinstance(keyboard, dict) else bid
    on_it = any(str(x.get("COMMAND") or "").lstrip("/").lower() == word for x in _buttons(keyboard))
    if cmd is None or not on_it or owner != bid:
        raise RestError(400, "PARAMS_ERROR", "Incorrect params")
    dialog = str(user.id) if chat.type == "private" else f"chat{chat.id}"
    # im-message-command.md: COMMAND_PARAMS is the caller's "Параметр команды", tied to no button: passed on
    _emit(portal, b, "ONIMBOTV2COMMANDADD", {
        "command": {"id": cmd["id"], "command": cmd["command"], "params": str(ci_get(params, "COMMAND_PARAMS") or ""),
                    "context": "keyboard"},
        "message": _message_obj(portal, msg), "chat": _chat_obj(chat, dialog), "user": v2_user(portal, user)})
    return True


def _command(b: Bot, text: str, member: bool) -> dict | None:
    if not text.startswith("/"):
        return None
    word = text.split()[0].lower()
    for c in b.commands:
        if c["command"].lower() == word and (member or c["common"]):
            return c
    return None


METHODS = {
    "imbot.v2.Bot.register": bot_register, "imbot.v2.Bot.list": bot_list,
    "imbot.v2.Bot.update": bot_update, "imbot.v2.Bot.unregister": bot_unregister,
    "imbot.v2.Command.register": command_register, "imbot.v2.Chat.Message.send": message_send,
    "imbot.v2.Command.answer": command_answer, "imbot.v2.Chat.Message.delete": message_delete,
    "imbot.v2.Event.get": event_get, "im.message.command": message_command,
    "imbot.v2.File.upload": file_upload, "imbot.v2.Chat.Message.update": message_update,
}
