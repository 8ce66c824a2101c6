"""Open Lines: imopenlines.config.list.get/get/update, imopenlines.session.history.get,
imopenlines.v2.Session.list, and crm.activity.list for Open Line sessions.

Checked against imopenlines/openlines/imopenlines-config-list-get.md, imopenlines-config-get.md,
imopenlines-config-update.md (refusal: 403 CONFIG_WRONG_USER_PERMISSION), sessions/
imopenlines-session-history-get.md (message map keyed by id with chatid/senderid/date/text) and
crm/timeline/activities/activity-base/crm-activity-list.md. imopenlines.v2.Session.list has no
page in the docs repository: its parameters and fields follow bitrix24-rest.md.

Rights (see devportal/rights.py): statistics and histories for admins and queue operators;
crm.activity.list for admins and Open Line operators, refused with 403 ACCESS_DENIED otherwise.
"""
from __future__ import annotations

from .im import chat_index
from .im import entity_data_1 as chat_entity_data_1

from ..envelope import Listed, RestError, access_denied, page
from ..filters import matches
from ..params import as_list, ci_get, flag
from ..rights import can_read_crm, operator_lines
from ..state import OLSession
from .common import date, full_name, im_user, int_or, parse_date

_CONFIG_KEYS = {"LINE_NAME": "line_name", "ACTIVE": "active", "WELCOME_BOT_ENABLE": "welcome_bot_enable",
                "WELCOME_BOT_ID": "welcome_bot_id", "WELCOME_BOT_TIME": "welcome_bot_time",
                "WELCOME_BOT_LEFT": "welcome_bot_left",
                "WELCOME_MESSAGE": "welcome_message", "WELCOME_MESSAGE_TEXT": "welcome_message_text",
                "QUEUE": "queue", "KPI_FIRST_ANSWER_TIME": "kpi_first_answer_time"}


def _yn(v: bool) -> str:
    return "Y" if v else "N"


def _queue_fields(portal, queue) -> dict:
    out = {}
    for uid in queue:
        u = portal.users.get(uid)
        out[str(uid)] = {"USER_NAME": full_name(u) if u else None,
                         "USER_WORK_POSITION": (u.work_position or None) if u else None,
                         "USER_AVATAR": (u.photo if u else "") or "", "USER_AVATAR_ID": None}
    return out


def config_list_get(portal, user, params):
    return [{"ID": str(ol.id), "LINE_NAME": ol.line_name, "ACTIVE": _yn(ol.active), "QUEUE": list(ol.queue),
             "QUEUE_USERS_FIELDS": _queue_fields(portal, ol.queue),
             # imopenlines-config-list-get.md: the queue as configured (users here; departments too there)
             "CONFIG_QUEUE": [{"ENTITY_ID": str(uid), "ENTITY_TYPE": "user"} for uid in ol.queue]}
            for ol in sorted(portal.openlines.values(), key=lambda o: o.id)]


def _config(portal, params):
    cid = int_or(ci_get(params, "CONFIG_ID"))
    ol = portal.openlines.get(cid)
    if not cid or ol is None:
        raise RestError(400, "CONFIG_ID_EMPTY", "Config ID can't be empty")
    return ol


def config_get(portal, user, params):
    ol = _config(portal, params)
    return {"ID": str(ol.id), "ACTIVE": _yn(ol.active), "LINE_NAME": ol.line_name, "CRM": "Y",
            "QUEUE_TIME": "60", "QUEUE_TYPE": "evenly", "WELCOME_BOT_ENABLE": _yn(ol.welcome_bot_enable),
            "WELCOME_MESSAGE": _yn(ol.welcome_message), "WELCOME_MESSAGE_TEXT": ol.welcome_message_text,
            "WELCOME_BOT_JOIN": "always", "WELCOME_BOT_ID": str(ol.welcome_bot_id),
            "WELCOME_BOT_TIME": str(ol.welcome_bot_time), "WELCOME_BOT_LEFT": ol.welcome_bot_left,
            "LANGUAGE_ID": "ru", "TEMPORARY": "N", "QUEUE": [str(q) for q in ol.queue],
            "QUEUE_USERS_FIELDS": _queue_fields(portal, ol.queue), "QUEUE_ONLINE": "Y",
            "KPI_FIRST_ANSWER_TIME": str(ol.kpi_first_answer_time), "KPI_FIRST_ANSWER_ALERT": "N",
            "KPI_FURTHER_ANSWER_TIME": "0", "KPI_FURTHER_ANSWER_ALERT": "N"}


def config_update(portal, user, params):
    ol = _config(portal, params)
    if not user.is_admin:
        raise RestError(403, "CONFIG_WRONG_USER_PERMISSION", "Permission denied")
    p = ci_get(params, "PARAMS") or {}
    for key, value in (p.items() if isinstance(p, dict) else []):
        attr = _CONFIG_KEYS.get(str(key).upper())
        if attr in ("active", "welcome_bot_enable", "welcome_message"):
            setattr(ol, attr, flag(value))
        elif attr in ("welcome_bot_id", "welcome_bot_time"):
            setattr(ol, attr, int_or(value))
        elif attr == "kpi_first_answer_time":       # the module keeps max(int, 0)
            ol.kpi_first_answer_time = max(int_or(value) or 0, 0)
        elif attr == "queue":
            ol.queue = [int_or(v) for v in as_list(value) if int_or(v)]
        elif attr:
            setattr(ol, attr, str(value))
    return True


def _session_messages(portal, s: OLSession):
    end = s.date_close or portal.now
    return [m for m in chat_index(portal, s.chat_id)
            if (s.date_create is None or m.date >= s.date_create) and m.date <= end]


def session_history_get(portal, user, params):
    sid, cid = int_or(ci_get(params, "SESSION_ID")), int_or(ci_get(params, "CHAT_ID"))
    if not sid and not cid:
        raise RestError(400, "MISSING_REQUIRED_PARAM", "Session ID or Chat ID must be provided")
    s = portal.sessions.get(sid) if sid else max(
        (x for x in portal.sessions.values() if x.chat_id == cid), key=lambda x: x.id, default=None)
    if s is None or (cid and s.chat_id != cid):
        raise RestError(400, "INVALID_SESSION_ID", "Unable to determine session ID from provided parameters")
    chat = portal.chats.get(s.chat_id)
    allowed = user.is_admin or any(ol.id == s.config_id for ol in operator_lines(portal, user)) \
        or (chat is not None and user.id in chat.members)
    if not allowed:
        raise RestError(403, "ACCESS_DENIED", "Вы не можете открыть этот разговор, т.к. у вас недостаточно прав")
    msgs = _session_messages(portal, s)
    key = f"chat{s.chat_id}"
    message = {str(m.id): {"id": str(m.id), "chatid": str(m.chat_id), "senderid": str(m.author_id),
                           "recipientid": key, "date": date(portal, m.date), "text": m.text,
                           "textlegacy": m.text, "params": m.params or []} for m in msgs}
    users = {str(uid): _history_user(portal, portal.users[uid])
             for uid in sorted({m.author_id for m in msgs}) if uid in portal.users}
    members = chat.members if chat else []
    return {"chatId": s.chat_id, "canJoin": "Y", "canVoteHead": "Y", "sessionId": s.id,
            "sessionVoteHead": s.vote_head, "sessionCommentHead": s.comment_head, "userId": key, "message": message,
            "usersMessage": {key: [str(m.id) for m in msgs]}, "users": users,
            "openlines": {"canvoteashead": {str(s.config_id): user.is_admin}},
            "userInGroup": [], "woUserInGroup": [],
            "chat": {str(s.chat_id): _history_chat(portal, chat, len(msgs))} if chat else [],
            "userBlockChat": {str(s.chat_id): {str(u): False for u in members}},
            "userInChat": {str(s.chat_id): list(members)}, "files": []}


def _history_user(portal, u) -> dict:
    card = im_user(portal, u, camel=True)
    keys = ("name", "active", "firstName", "lastName", "workPosition", "color", "avatar", "birthday",
            "gender", "phones", "extranet", "network", "bot", "connector", "externalAuthId", "status",
            "idle", "lastActivityDate", "mobileLastDate", "desktopLastDate", "departments", "absent",
            "type", "botData")
    return {"id": str(u.id), **{k: card[k] for k in keys}, "avatarId": "0", "phoneDevice": False,
            "profile": f"/company/personal/user/{u.id}/", "services": None}


def _history_chat(portal, chat, count: int) -> dict:
    return {"id": str(chat.id), "parentChatId": 0, "parentMessageId": 0, "name": chat.title,
            "owner": str(chat.owner_id), "color": "#ba9c7b", "extranet": False, "avatar": "",
            "call": "0", "callNumber": "", "entityType": chat.entity_type, "entityId": chat.entity_id,
            "entityData1": chat_entity_data_1(portal, chat), "entityData2": "", "entityData3": "", "messageCount": count, "public": "",
            "muteList": {str(u): False for u in chat.members}, "managerList": [chat.owner_id],
            "dateCreate": date(portal, chat.date_create), "type": chat.type,
            "entityLink": {"type": chat.entity_type, "url": "", "id": chat.entity_id},
            "permissions": {"manageUsersAdd": "member", "manageUsersDelete": "manager", "manageUi": "member",
                            "manageSettings": "owner", "manageMessages": "member", "canPost": "member"},
            "textFieldEnabled": True, "backgroundId": None, "messageType": "L", "isNew": False}


def _secs(a, b):
    return None if a is None or b is None else int((b - a).total_seconds())


def session_v2(portal, s: OLSession) -> dict:
    return {"id": s.id, "configId": s.config_id, "source": s.source, "operatorId": s.operator_id,
            "userId": s.user_id, "chatId": s.chat_id, "dateCreate": date(portal, s.date_create),
            "dateClose": date(portal, s.date_close), "dateFirstAnswer": date(portal, s.date_first_answer),
            "dateOperatorAnswer": date(portal, s.date_operator_answer), "status": s.status,
            "closeReason": s.close_reason, "vote": s.vote, "queueTransfers": 0,
            "waitAnswer": _secs(s.date_create, s.date_operator_answer),
            "waitClose": _secs(s.date_create, s.date_close), "kpiFirstAnswer": None,
            "messageCount": len(_session_messages(portal, s))}


def session_list_v2(portal, user, params):
    # no page in the docs repository; the shared REST notes: a plan without Open Line reports answers
    # TARIFF_RESTRICTION (its status is not documented: 403, like the rights' refusal)
    if not portal.openline_reports:
        raise RestError(403, "TARIFF_RESTRICTION", "Open Line reports are not available on this plan")
    lines = {ol.id for ol in operator_lines(portal, user)}
    if not lines:
        raise access_denied("Access denied")
    wanted = {int_or(x) for x in as_list(ci_get(params, "configIdList"))}
    if ci_get(params, "configId"):
        wanted.add(int_or(ci_get(params, "configId")))
    start, end = parse_date(ci_get(params, "dateCreateFrom")), parse_date(ci_get(params, "dateCreateTo"))
    if start and end and (end - start).days > 366:
        raise RestError(400, "INVALID_PERIOD", "The period must not exceed 366 days")
    offset, limit = int_or(ci_get(params, "offset")), min(max(int_or(ci_get(params, "limit"), 50), 1), 200)
    if offset < 0 or offset > 10000:
        raise RestError(400, "INVALID_OFFSET", "offset must be between 0 and 10000")
    statuses = {str(x) for x in as_list(ci_get(params, "status"))}
    rows = [s for s in portal.sessions.values() if s.config_id in lines
            and (not wanted or s.config_id in wanted) and (not statuses or s.status in statuses)
            and (not start or (s.date_create and s.date_create >= start))
            and (not end or (s.date_create and s.date_create <= end))]
    field = {"dateCreate": "date_create", "dateClose": "date_close", "id": "id"}.get(
        str(ci_get(params, "order") or "id"), "id")
    rows.sort(key=lambda s: _sort_value(getattr(s, field)), reverse=str(ci_get(params, "orderDirection") or "ASC").upper() == "DESC")
    chunk = rows[offset:offset + limit]
    return {"sessions": [session_v2(portal, s) for s in chunk], "hasNextPage": offset + limit < len(rows)}


def _sort_value(v):
    return (v is not None, v.timestamp() if hasattr(v, "timestamp") else (v or 0))


def activity(portal, s: OLSession) -> dict:
    """An Open Line session as the CRM activity Bitrix24 records for it."""
    return {"ID": str(s.crm_activity_id or s.id), "OWNER_ID": "0", "OWNER_TYPE_ID": "3", "TYPE_ID": "6",
            "PROVIDER_ID": "IMOPENLINES_SESSION", "PROVIDER_TYPE_ID": s.source.upper(),
            "PROVIDER_GROUP_ID": None, "ASSOCIATED_ENTITY_ID": str(s.id),
            "SUBJECT": f"Open Line session #{s.id}", "CREATED": date(portal, s.date_create),
            "LAST_UPDATED": date(portal, s.date_close or s.date_operator_answer or s.date_create),
            "START_TIME": date(portal, s.date_create), "END_TIME": date(portal, s.date_close),
            "DEADLINE": date(portal, s.date_close), "COMPLETED": "Y" if s.status in ("closed", "spam") else "N",
            "STATUS": "2" if s.status in ("closed", "spam") else "1", "RESPONSIBLE_ID": str(s.operator_id),
            "PRIORITY": "2", "NOTIFY_TYPE": "0", "NOTIFY_VALUE": "0", "DESCRIPTION": "",
            "DESCRIPTION_TYPE": "1", "DIRECTION": "1", "LOCATION": "", "SETTINGS": [],
            "ORIGINATOR_ID": None, "ORIGIN_ID": f"IMOL_{s.id}", "AUTHOR_ID": str(s.operator_id),
            "EDITOR_ID": str(s.operator_id),
            "PROVIDER_PARAMS": {"USER_CODE": f"{s.source}|{s.config_id}|{s.chat_id}|{s.user_id}"},
            "PROVIDER_DATA": None, "RESULT_MARK": "0", "RESULT_VALUE": None, "RESULT_SUM": None,
            "RESULT_CURRENCY_ID": None, "RESULT_STATUS": "0", "RESULT_STREAM": "0",
            "RESULT_SOURCE_ID": None, "AUTOCOMPLETE_RULE": "0"}


def crm_activity_list(portal, user, params) -> Listed:
    if not can_read_crm(portal, user):
        raise access_denied("Access denied.")
    lines = {ol.id for ol in operator_lines(portal, user)}
    flt = ci_get(params, "filter") or {}
    rows = [activity(portal, s) for s in sorted(portal.sessions.values(), key=lambda s: s.id)
            if s.config_id in lines]
    rows = [r for r in rows if matches(lambda f, r=r: _act_value(r, f), flt)]
    order = ci_get(params, "order") or {}
    if isinstance(order, dict) and str(order.get("ID", "ASC")).upper() == "DESC":
        rows.reverse()
    select = [str(s).upper() for s in as_list(ci_get(params, "select"))]
    listed = page(rows, params)
    if select and "*" not in select:
        listed.result = [{k: v for k, v in r.items() if k in select or k == "ID"} for r in listed.result]
    return listed


def _act_value(r: dict, f: str):
    v = r.get(f)
    if f in ("CREATED", "LAST_UPDATED", "START_TIME", "END_TIME"):
        return parse_date(v) if v else None
    if f in ("ID", "ASSOCIATED_ENTITY_ID", "RESPONSIBLE_ID", "OWNER_ID"):
        return int_or(v)
    return v


def hand_over(portal, chat_id: int) -> bool:
    """The Open Line chat ``chat_id`` goes from the welcome bot to the line's queue (its first operator
    joins). imopenlines/openlines/imopenlines-config-add.md, WELCOME_BOT_LEFT: "queue" — the bot leaves
    on the hand-over; "close" — it stays until the dialogue closes. False when no bot holds the chat."""
    chat = portal.chats.get(chat_id)
    if chat is None or chat.entity_type != "LINES":
        return False
    parts = chat.entity_id.split("|")
    ol = portal.openlines.get(int_or(parts[1]) if len(parts) > 1 else 0)
    bot = ol.welcome_bot_id if ol and ol.welcome_bot_enable else 0
    if not bot or bot not in chat.members:
        return False
    op = next((q for q in (ol.queue or []) if q in portal.users), 0)
    if op and op not in chat.members:
        chat.members.append(op)
    if ol.welcome_bot_left == "queue":
        chat.members.remove(bot)
    return True


def bot_session_operator(portal, user, params):
    """imopenlines.bot.session.operator {CHAT_ID} (chat-bots/imopenlines-bot-session-operator.md):
    CHAT_ID_EMPTY for none or <= 0, WRONG_CHAT when an operator (not a bot) already leads it."""
    cid = int_or(ci_get(params, "CHAT_ID"))
    if cid <= 0:
        raise RestError(400, "CHAT_ID_EMPTY", "Chat ID can't be empty")
    if not hand_over(portal, cid):
        raise RestError(400, "WRONG_CHAT", "Operator is not a bot")
    return True


METHODS = {
    "imopenlines.bot.session.operator": bot_session_operator,
    "imopenlines.config.list.get": config_list_get, "imopenlines.config.get": config_get,
    "imopenlines.config.update": config_update, "imopenlines.session.history.get": session_history_get,
    "imopenlines.v2.Session.list": session_list_v2, "crm.activity.list": crm_activity_list,
}
