"""One contract per REST method the app calls: the docs page, its own example request (ids put on
the test portal's records: ``<NAME>`` stands for one of IDS, as a value or inside a string), who
calls it, what must exist first, and the example response (tests/contract/examples/ or
tests/devportal/doc_examples/, each with its ``_source``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from tests.devportal.dp_portal import (ADMIN, MANAGER, OL_CHAT, OPERATOR, PLAIN, SPECIALIST, SUPPORT_CHAT,
                                       SUPPORT_GROUP, OTHER_GROUP)

IDS = {"SUPPORT_GROUP": SUPPORT_GROUP, "OTHER_GROUP": OTHER_GROUP, "SUPPORT_CHAT": SUPPORT_CHAT,
       "OL_CHAT": OL_CHAT, "SPECIALIST": SPECIALIST, "PLAIN": PLAIN, "OPERATOR": OPERATOR, "MANAGER": MANAGER,
       "TASK": 7, "LINE": 1, "SESSION": 1}


@dataclass
class Contract:
    page: str                       # the docs page (bitrix-tools/b24-rest-docs)
    user: int
    request: dict
    setup: Callable | None = None   # setup(rest) -> extra ids for the request (e.g. {"BOT": 12})
    view: Callable | None = None    # view(answer) -> the part compared (events: their common envelope)
    example: str = ""               # the example's file name when it is not the method's name
    notes: str = ""
    extra: set = field(default_factory=set)   # keys we send that the page documents but its example lacks


def _options(rest):
    rest.service.portal.app_options.clear()           # the example's options only
    rest.ok(ADMIN, "app.option.set", options={"data": "value", "data2": "value2"})
    return {}


def _bot(rest):
    bot = rest.ok(ADMIN, "imbot.v2.Bot.register", fields={"code": "sd", "properties": {"name": "SD"}})["bot"]["id"]
    chat = rest.ok(MANAGER, "im.chat.add", TITLE="bot chat", USERS=[bot, SPECIALIST])
    return {"BOT": bot, "BOT_CHAT": chat}


def _bot_events(rest):
    ids = _bot(rest)
    rest.ok(SPECIALIST, "im.message.add", DIALOG_ID=f"chat{ids['BOT_CHAT']}", MESSAGE="hello")
    return ids


def _bot_message(rest):
    """A bot in a chat and one message of its own (Chat.Message.delete and .update take only the bot's own)."""
    ids = _bot(rest)
    msg = rest.ok(ADMIN, "imbot.v2.Chat.Message.send", botId=ids["BOT"], dialogId=f"chat{ids['BOT_CHAT']}",
                  fields={"message": "to delete"})["id"]
    return {**ids, "MSG": msg}


def _bot_command(rest):
    """As tests/devportal/test_bot_strict.py: a bot with a command, the command posted in its chat, the
    ONIMBOTV2COMMANDADD event read: its message and command ids are Command.answer's token."""
    ids = _bot(rest)
    rest.ok(ADMIN, "imbot.v2.Command.register", botId=ids["BOT"],
            fields={"command": "help", "title": {"en": "Show help"}, "common": True})
    rest.ok(SPECIALIST, "im.message.add", DIALOG_ID=f"chat{ids['BOT_CHAT']}", MESSAGE="/help topic")
    ev = rest.ok(ADMIN, "imbot.v2.Event.get", botId=ids["BOT"])["events"][-1]
    assert ev["type"] == "ONIMBOTV2COMMANDADD", ev
    return {**ids, "CMD": ev["data"]["command"]["id"], "CMD_MESSAGE": ev["data"]["message"]["id"]}


def _lone_bot(rest):
    bot = rest.ok(ADMIN, "imbot.v2.Bot.register", fields={"code": "sd", "properties": {"name": "SD"}})["bot"]["id"]
    return {"BOT": bot}


def _storage(name):
    """entity-add.md's example storage (``dish``) under ``name``; the caller gets X."""
    def setup(rest):
        rest.ok(ADMIN, "entity.add", ENTITY=name, NAME="Dishes", ACCESS={"U1": "W", "AU": "R"})
        return {}
    return setup


def _storage_item(rest):
    _storage("dish")(rest)
    return {"ITEM": rest.ok(ADMIN, "entity.item.add", ENTITY="dish", NAME="Hello, world!")}


def _storage_listed(rest):
    """entity-item-get.md's example lists ``dish_v2`` by an activity range: one item inside it."""
    _storage("dish_v2")(rest)
    rest.ok(ADMIN, "entity.item.add", ENTITY="dish_v2", NAME="Тестовый элемент",
            DATE_ACTIVE_FROM="2026-03-25T12:29:06+03:00")
    return {}


def _storage_managed(rest):
    """entity-rights.md's example answer: the caller (U577 there) keeps X while U1 gets W: the storage
    here made by the admin with X for the manager, who calls."""
    rest.ok(ADMIN, "entity.add", ENTITY="dish", NAME="Dishes", ACCESS={f"U{MANAGER}": "X"})
    return {}


def _access_view(body):
    """entity.rights: an access map keyed by access codes (U577, AU, ...): compared as [code, level] pairs."""
    res = body.get("result")
    return {**body, "result": sorted([k, v] for k, v in res.items()) if isinstance(res, dict) else res}


def _crm_chat(rest):
    rest.ok(MANAGER, "im.chat.add", **CONTRACTS["im.chat.add"].request)
    return {}


def _placement(rest):
    rest.ok(ADMIN, "placement.bind", PLACEMENT="IM_CONTEXT_MENU", HANDLER="http://app/", TITLE="t",
            OPTIONS={"context": "ALL"})
    return {}


def _status_change(rest):
    rest.ok(SPECIALIST, "tasks.task.update", taskId=7, fields={"STATUS": 3})
    return {}


# crm-type-add.md's own example request (the setup of every smart-process contract makes this type).
TYPE_ADD = {"fields": {
    "title": "Смарт-процесс", "entityTypeId": 2024, "isAutomationEnabled": "Y", "isBeginCloseDatesEnabled": "Y",
    "isBizProcEnabled": "Y", "isCategoriesEnabled": "Y", "isClientEnabled": "Y", "isDocumentsEnabled": "Y",
    "isLinkWithProductsEnabled": "Y", "isMycompanyEnabled": "Y", "isObserversEnabled": "Y", "isRecyclebinEnabled": "Y",
    "isSetOpenPermissions": "Y", "isSourceEnabled": "Y", "isStagesEnabled": "Y", "isUseInUserfieldEnabled": "Y",
    "linkedUserFields": {"CALENDAR_EVENT|UF_CRM_CAL_EVENT": "true", "TASKS_TASK|UF_CRM_TASK": "true"},
    "relations": {"parent": [{"entityTypeId": 1, "isChildrenListEnabled": "true"},
                             {"entityTypeId": 2, "isChildrenListEnabled": "true"},
                             {"entityTypeId": 31, "isChildrenListEnabled": "true"}],
                  "child": [{"entityTypeId": 3, "isChildrenListEnabled": "true"}, {"entityTypeId": 4}]}}}
# userfieldconfig-add.md's own example request (entityId and fieldName put on the type made above).
FIELD_ADD = {"moduleId": "crm", "field": {
    "entityId": "CRM_<TYPE>", "fieldName": "UF_CRM_<TYPE>_NEW_REST_LIST_2026", "userTypeId": "enumeration",
    "multiple": "Y", "editFormLabel": {"ru": "Список характеристик", "en": "List of characteristics"},
    "enum": [{"value": "Характеристика 1", "def": "N", "sort": 100}, {"value": "Характеристика 2", "def": "Y", "sort": 200}]}}


def _smart(rest):
    """A smart process (TYPE_ADD), a pipeline (CAT) with a stage WORK, an item (ITEM) moved to WORK."""
    t = rest.ok(ADMIN, "crm.type.add", **TYPE_ADD)["type"]
    ent = t["entityTypeId"]
    cat = rest.ok(ADMIN, "crm.category.add", entityTypeId=ent, fields={"name": "Вторая линия", "sort": 100})
    cat = cat["category"]["id"]
    rest.ok(ADMIN, "crm.status.add", fields={"ENTITY_ID": f"DYNAMIC_{ent}_STAGE_{cat}", "STATUS_ID": "WORK",
                                             "NAME": "В работе", "SORT": 20})
    item = rest.ok(ADMIN, "crm.item.add", entityTypeId=ent, fields={"title": "Заявка", "categoryId": cat,
                                                                     "assignedById": SPECIALIST})["item"]["id"]
    rest.ok(ADMIN, "crm.item.update", entityTypeId=ent, id=item, fields={"stageId": f"DT{ent}_{cat}:WORK"})
    return {"TYPE": t["id"], "ENT": ent, "CAT": cat, "ITEM": item}


def _smart_types(rest):
    """crm-type-list.md's example lists types titled "Смарт-процесс #N": three of them (#5, #10 match)."""
    ids = _smart(rest)
    for n in (5, 7, 10):
        rest.ok(ADMIN, "crm.type.add", fields={"title": f"Смарт-процесс #{n}", "isClientEnabled": "Y"})
    return ids


def _smart_field(rest):
    ids = _smart(rest)
    rest.ok(ADMIN, "userfieldconfig.add", **resolve(FIELD_ADD, ids))
    return ids


def _lead_fields_out(body):
    """crm.item.list: crm-item-list.md's example lists leads; name and lastName are lead fields, which a
    smart process has not (universal/object-fields.md)."""
    res = body.get("result") or {}
    items = [{k: v for k, v in i.items() if k not in ("name", "lastName")} for i in res.get("items", [])]
    return {**body, "result": {**res, "items": items}}


def _spa_item(body):
    """crm.item.add: crm-item-add.md's example is a deal; only the fields universal/object-fields.md
    lists for a smart process are compared (not the example's own ufCrm_ field, nor contactIds: the
    test items have no contacts)."""
    from tests.devportal.test_crm_doc_shapes import SPA_ONLY
    res = body.get("result") or {}
    item = {k: v for k, v in (res.get("item") or {}).items() if k in SPA_ONLY and k != "contactIds"}
    return {**body, "result": {**res, "item": item}}


def _history_selected(body):
    """crm.stagehistory.list: the example request selects ID, STAGE_ID, CREATED_TIME, while the page's example
    answer shows all seven fields; the selected ones are compared."""
    res = body.get("result") or {}
    items = [{k: v for k, v in i.items() if k in ("ID", "STAGE_ID", "CREATED_TIME")} for i in res.get("items", [])]
    return {**body, "result": {**res, "items": items}}


def _events_view(body):
    """Event.get: the envelope and the first event's common keys (each type's data has its own page)."""
    res = body["result"]
    return {**body, "result": {**res, "events": [{**e, "data": {}} for e in res.get("events", [])[:1]]}}


def _recent_view(body):
    """im.recent.list: chat items compared with the example's chat item (users differ by design)."""
    items = [i for i in body["result"]["items"] if i.get("type") == "chat"][:1]
    return {**body, "result": {**body["result"], "items": items}}


CONTRACTS: dict[str, Contract] = {
    "app.info": Contract("api-reference/common/system/app-info.md", ADMIN, {}),
    "app.option.set": Contract("api-reference/common/settings/app-option-set.md", ADMIN,
                               {"options": {"data": "value", "data2": "value2"}}),
    "app.option.get": Contract("api-reference/common/settings/app-option-get.md", ADMIN, {}, _options,
                               notes="example 2: no option, every option"),
    "batch": Contract("settings/how-to-call-rest-api/batch.md", ADMIN, {
        "halt": 0, "cmd": {"get_user": "user.current",
                           "get_department": "department.get?ID=$result[get_user][UF_DEPARTMENT][0]"}},
        view=lambda b: {**b, "result": {**b["result"], "result": {}, "result_time": {}}}),
    "calendar.settings.get": Contract("api-reference/calendar/calendar-settings-get.md", PLAIN, {}),
    "crm.activity.list": Contract(
        "api-reference/crm/timeline/activities/activity-base/crm-activity-list.md", ADMIN,
        {"order": {"ID": "DESC"}, "filter": {"OWNER_TYPE_ID": 3, "OWNER_ID": 0}, "select": ["*", "COMMUNICATIONS"],
         "start": 0}, notes="OWNER_ID: devportal's Open Line activities have no CRM owner (0)"),
    "crm.category.add": Contract("api-reference/crm/universal/category/crm-category-add.md", ADMIN, {
        "entityTypeId": "<ENT>", "fields": {"name": "Новая воронка по умолчанию", "sort": 50, "isDefault": "Y"}},
        _smart, notes="entityTypeId: the test portal's smart process (the example's 1152)"),
    "crm.category.list": Contract("api-reference/crm/universal/category/crm-category-list.md", ADMIN,
                                  {"entityTypeId": "<ENT>"}, _smart,
                                  notes="entityTypeId: a smart process (the example's 2, deals: not on devportal)"),
    "crm.item.add": Contract("api-reference/crm/universal/crm-item-add.md", ADMIN, {
        "entityTypeId": "<ENT>", "fields": {"title": "Заявка из чата", "categoryId": "<CAT>",
                                            "assignedById": "<SPECIALIST>", "observers": ["<SPECIALIST>"],
                                            "sourceDescription": "Текст сообщения"}}, _smart, _spa_item,
        notes="the example's deal (entityTypeId 2) put on a smart process: the fields a smart process has",
        extra={"mycompanyId", "previousStageId", "xmlId"}),
    "crm.item.delete": Contract("api-reference/crm/universal/crm-item-delete.md", ADMIN, {
        "entityTypeId": "<ENT>", "id": "<ITEM>"}, _smart,
        notes="the example's deal put on the test smart process's item"),
    "crm.item.list": Contract("api-reference/crm/universal/crm-item-list.md", ADMIN, {
        "entityTypeId": "<ENT>",
        "select": ["id", "title", "stageId", "sourceId", "assignedById", "opportunity", "isManualOpportunity"],
        "filter": {"0": {"logic": "OR", "0": {"!=title": ""}, "1": {"!=xmlId": ""}},
                   "@stageId": ["DT<ENT>_<CAT>:NEW", "DT<ENT>_<CAT>:WORK"], "@assignedById": [1, "<SPECIALIST>"]},
        "order": {"title": "ASC", "id": "ASC"}}, _smart, _lead_fields_out,
        notes="the example's leads (entityTypeId 1) put on a smart process: name/lastName (lead fields) become "
              "title/xmlId, the lead stages the pipeline's; the opportunity range, sourceId and isManualOpportunity "
              "conditions are left out (devportal's items have no amount or source)"),
    "crm.stagehistory.list": Contract("api-reference/crm/crm-stage-history-list.md", ADMIN, {
        "entityTypeId": "<ENT>", "order": {"ID": "ASC"}, "filter": {"OWNER_ID": "<ITEM>"},
        "select": ["ID", "STAGE_ID", "CREATED_TIME"]}, _smart, _history_selected,
        notes="the page's smart-process example (entityTypeId 130, OWNER_ID 29) on the test portal's"),
    "crm.status.add": Contract("api-reference/crm/status/crm-status-add.md", ADMIN, {"fields": {
        "ENTITY_ID": "DYNAMIC_<ENT>_STAGE_<CAT>", "STATUS_ID": "DECISION", "NAME": "Принятие решения", "SORT": 70,
        "COLOR": "#FFA900"}}, _smart, notes="ENTITY_ID: the smart process's pipeline (the example's DEAL_STAGE_1)"),
    "crm.status.list": Contract("api-reference/crm/status/crm-status-list.md", ADMIN, {
        "order": {"SORT": "ASC"}, "filter": {"ENTITY_ID": "DYNAMIC_<ENT>_STAGE_<CAT>"}}, _smart,
        notes="ENTITY_ID: the smart process's pipeline (the example's DEAL_STAGE)"),
    "crm.type.add": Contract("api-reference/crm/universal/user-defined-object-types/crm-type-add.md", ADMIN, TYPE_ADD),
    "crm.type.get": Contract("api-reference/crm/universal/user-defined-object-types/crm-type-get.md", ADMIN,
                             {"id": "<TYPE>"}, _smart, notes="the type made by crm-type-add.md's example"),
    "crm.type.list": Contract("api-reference/crm/universal/user-defined-object-types/crm-type-list.md", ADMIN, {
        "filter": [{"logic": "OR", "0": {"%title": "5"}, "1": {"%title": "0"}}], "order": {"id": "DESC"}}, _smart_types,
        notes="the PHP tab's filter (the cURL tab's JSON is not valid: a group's conditions have no keys)"),
    "department.get": Contract("api-reference/departments/department-get.md", ADMIN,
                               {"sort": "NAME", "order": "DESC", "PARENT": 1}, extra={"UF_HEAD"}),
    "entity.get": Contract("api-reference/entity/entities/entity-get.md", ADMIN, {"ENTITY": "dish_v2"},
                           _storage("dish_v2"), notes="the app lists its storages (no ENTITY): the same entity shape"),
    "entity.add": Contract("api-reference/entity/entities/entity-add.md", ADMIN, {
        "ENTITY": "dish", "NAME": "Dishes", "ACCESS": {"U1": "W", "AU": "R"}}),
    "entity.item.add": Contract("api-reference/entity/items/entity-item-add.md", ADMIN, {
        "ENTITY": "dish", "NAME": "Hello, world!", "PROPERTY_VALUES": {"test": 11, "test1": 22}, "SECTION": 219},
        _storage("dish"), notes="PROPERTY_VALUES and SECTION: devportal's storages have no properties or sections "
                                "(the page: only existing properties are taken); the app sends neither"),
    "entity.item.get": Contract("api-reference/entity/items/entity-item-get.md", ADMIN, {
        "ENTITY": "dish_v2", "SORT": {"DATE_ACTIVE_FROM": "ASC", "ID": "ASC"},
        "FILTER": {">=DATE_ACTIVE_FROM": "2026-03-01T00:00:00+03:00", "<DATE_ACTIVE_FROM": "2026-04-01T00:00:00+03:00"},
        "start": 0}, _storage_listed, notes="one item in the example's range"),
    "entity.item.update": Contract("api-reference/entity/items/entity-item-update.md", ADMIN, {
        "ENTITY": "dish", "ID": "<ITEM>", "NAME": "Hello, updated world!", "PROPERTY_VALUES": {"test": 33, "test1": 44},
        "SECTION": 219}, _storage_item, notes="ID: the item entity-item-add.md's example made (the example's 2333)"),
    "entity.rights": Contract("api-reference/entity/entities/entity-rights.md", MANAGER, {
        "ENTITY": "dish", "ACCESS": {"U1": "W", "AU": "R"}}, _storage_managed, _access_view),
    "im.chat.user.add": Contract("api-reference/chats/chat-users/im-chat-user-add.md", MANAGER, {
        "CHAT_ID": "<SUPPORT_CHAT>", "USERS": ["<OPERATOR>", "<BOT>"], "HIDE_HISTORY": "N"}, _lone_bot,
        notes="USERS: a user and the app's bot (the app adds its bot), not yet in the chat"),
    "im.chat.add": Contract("api-reference/chats/im-chat-add.md", MANAGER, {
        "USERS": ["<SPECIALIST>", "<PLAIN>"], "TYPE": "CHAT", "TITLE": "Чат по сделке",
        "DESCRIPTION": "Здесь обсуждаем сделку", "COLOR": "PINK", "MESSAGE": "Добро пожаловать в чат сделки",
        "ENTITY_TYPE": "CRM", "ENTITY_ID": "DEAL|1663"}),
    "im.chat.get": Contract("api-reference/chats/im-chat-get.md", MANAGER,
                            {"ENTITY_TYPE": "CRM", "ENTITY_ID": "DEAL|1663"}, _crm_chat),
    "im.chat.user.list": Contract("api-reference/chats/chat-users/im-chat-user-list.md", MANAGER,
                                  {"CHAT_ID": "<SUPPORT_CHAT>"}),
    "im.dialog.get": Contract("api-reference/chats/im-dialog-get.md", MANAGER, {"DIALOG_ID": "chat<SUPPORT_CHAT>"}),
    "im.dialog.messages.get": Contract("api-reference/chats/messages/im-dialog-messages-get.md", MANAGER,
                                       {"DIALOG_ID": "chat<SUPPORT_CHAT>", "FIRST_ID": 100, "LIMIT": 10}),
    "im.dialog.messages.search": Contract("api-reference/chats/messages/im-dialog-messages-search.md", MANAGER, {
        "CHAT_ID": "<SUPPORT_CHAT>", "SEARCH_MESSAGE": "message", "ORDER": {"ID": "DESC"}, "LIMIT": 20}),
    "im.recent.list": Contract("api-reference/chats/im-recent-list.md", MANAGER, {
        "SKIP_OPENLINES": "N", "SKIP_DIALOG": "N", "SKIP_CHAT": "N", "UNREAD_ONLY": "N", "PARSE_TEXT": "Y",
        "GET_ORIGINAL_TEXT": "N", "SKIP_UNDISTRIBUTED_OPENLINES": "Y", "ONLY_COPILOT": "N", "ONLY_CHANNEL": "N",
        "CAN_MANAGE_MESSAGES": "Y", "OFFSET": 0, "LIMIT": 20}, view=_recent_view,
        notes="LAST_MESSAGE_DATE and UNREAD_ONLY of the example would leave nothing on the test portal"),
    "imbot.v2.Bot.register": Contract("api-reference/chat-bots/chat-bots-v2/imbot.v2/bots/bot-register.md", ADMIN, {
        "fields": {"code": "support_bot", "properties": {"name": "Support Bot", "workPosition": "AI Assistant"},
                   "type": "bot", "eventMode": "fetch"}}),
    "imbot.v2.Chat.Message.send": Contract(
        "api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-send.md", ADMIN, {
            "botId": "<BOT>", "dialogId": "chat<BOT_CHAT>", "fields": {
                "message": "Hello from bot!",
                "keyboard": [{"TEXT": "Open", "LINK": "https://example.com", "BG_COLOR_TOKEN": "primary"}]}}, _bot),
    "imbot.v2.Chat.Message.delete": Contract(
        "api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-delete.md", ADMIN,
        {"botId": "<BOT>", "messageId": "<MSG>"}, _bot_message, notes="the OAuth tab's request (no botToken)"),
    "imbot.v2.Chat.Message.update": Contract(
        "api-reference/chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-update.md", ADMIN,
        {"botId": "<BOT>", "messageId": "<MSG>", "fields": {"message": "Updated text"}}, _bot_message,
        notes="the OAuth tab's request (no botToken), on a message of the bot's own"),
    "imbot.v2.File.upload": Contract(
        "api-reference/chat-bots/chat-bots-v2/imbot.v2/files/file-upload.md", ADMIN, {
            "botId": "<BOT>", "dialogId": "chat<BOT_CHAT>",
            "fields": {"name": "report.pdf", "content": "SGVsbG8gV29ybGQh", "message": "Here is the report"}},
        _bot, notes="the OAuth tab's request (no botToken), in a chat the bot is in"),
    "imbot.v2.Command.answer": Contract(
        "api-reference/chat-bots/chat-bots-v2/imbot.v2/commands/command-answer.md", ADMIN, {
            "botId": "<BOT>", "commandId": "<CMD>", "messageId": "<CMD_MESSAGE>", "dialogId": "chat<BOT_CHAT>",
            "fields": {"message": "Here is the help text..."}}, _bot_command,
        notes="the OAuth tab's request, on a command posted in the bot's chat (its event gives the token)"),
    "imbot.v2.Command.register": Contract(
        "api-reference/chat-bots/chat-bots-v2/imbot.v2/commands/command-register.md", ADMIN, {
            "botId": "<BOT>", "fields": {"command": "help", "title": {"en": "Show help", "ru": "Показать помощь"},
                                         "params": {"en": "query", "ru": "запрос"}}}, _bot),
    "imbot.v2.Event.get": Contract("api-reference/chat-bots/chat-bots-v2/imbot.v2/events/event-get.md", ADMIN,
                                   {"botId": "<BOT>", "offset": 0, "limit": 50, "withUserEvents": True},
                                   _bot_events, _events_view, notes="offset 0: the example's 1000 acknowledges all"),
    "imopenlines.config.get": Contract("api-reference/imopenlines/openlines/imopenlines-config-get.md", ADMIN,
                                       {"CONFIG_ID": "<LINE>", "WITH_QUEUE": "Y", "SHOW_OFFLINE": "Y"}),
    "imopenlines.config.list.get": Contract(
        "api-reference/imopenlines/openlines/imopenlines-config-list-get.md", ADMIN, {
            "PARAMS": {"select": ["ID", "LINE_NAME", "ACTIVE"], "order": {"ID": "ASC"}, "filter": {"ACTIVE": "Y"},
                       "limit": 50, "offset": 0}, "OPTIONS": {"QUEUE": "Y", "CONFIG_QUEUE": "Y"}}),
    "imopenlines.config.update": Contract("api-reference/imopenlines/openlines/imopenlines-config-update.md", ADMIN, {
        "CONFIG_ID": "<LINE>", "PARAMS": {
            "LINE_NAME": "Линия поддержки интернет-магазина (VIP)",
            "QUEUE": [{"ENTITY_TYPE": "user", "ENTITY_ID": "<OPERATOR>"}], "QUEUE_TYPE": "strictly", "QUEUE_TIME": 45,
            "NO_ANSWER_TIME": 120, "WELCOME_MESSAGE": "Y",
            "WELCOME_MESSAGE_TEXT": "Здравствуйте! Ответим в течение пары минут", "WORKTIME_ENABLE": "Y",
            "WORKTIME_FROM": "09:00", "WORKTIME_TO": "21:00", "WORKTIME_TIMEZONE": "Europe/Kaliningrad"}}),
    "imopenlines.session.history.get": Contract(
        "api-reference/imopenlines/openlines/sessions/imopenlines-session-history-get.md", OPERATOR,
        {"SESSION_ID": "<SESSION>"}),
    "imopenlines.v2.Session.list": Contract(
        "none: no page in the docs repository; fields of the shared REST notes", ADMIN,
        {"configId": "<LINE>", "dateCreateFrom": "2026-01-01T00:00:00+03:00",
         "dateCreateTo": "2026-12-31T23:59:59+03:00", "limit": 50}),
    "placement.bind": Contract("api-reference/widgets/placement-bind.md", ADMIN, {
        "PLACEMENT": "IM_CONTEXT_MENU", "HANDLER": "http://myapp.com/handler/?type=1",
        "OPTIONS": {"errorHandlerUrl": "http://myapp.com/error/"}, "TITLE": "title", "DESCRIPTION": "description",
        "GROUP_NAME": "group", "LANG_ALL": {
            "en": {"TITLE": "title", "DESCRIPTION": "description", "GROUP_NAME": "group"},
            "ru": {"TITLE": "заголовок", "DESCRIPTION": "описание", "GROUP_NAME": "группа"}}},
        notes="PLACEMENT_CODE of the example: the app's own chat menu"),
    "placement.get": Contract("api-reference/widgets/placement-get.md", ADMIN, {}, _placement),
    "profile": Contract("api-reference/common/users/profile.md", ADMIN, {}),
    "sonet_group.create": Contract("api-reference/sonet-group/sonet-group-create.md", ADMIN, {
        "NAME": "Новый проект", "PROJECT": "Y", "VISIBLE": "Y", "OPENED": "N", "INITIATE_PERMS": "K",
        "IMAGE": ["avatar.png", "iVBORw0KGgoAAAANSUhEUgAA..."]}),
    "sonet_group.delete": Contract("api-reference/sonet-group/sonet-group-delete.md", ADMIN,
                                   {"GROUP_ID": "<OTHER_GROUP>"}),
    "sonet_group.get": Contract("api-reference/sonet-group/sonet-group-get.md", ADMIN,
                                {"ORDER": {"NAME": "ASC"}, "FILTER": {"%NAME": "Oth"}},
                                notes="%NAME: the test portal's group name"),
    "sonet_group.setowner": Contract("api-reference/sonet-group/sonet-group-setowner.md", MANAGER,
                                     {"GROUP_ID": "<SUPPORT_GROUP>", "USER_ID": "<SPECIALIST>"},
                                     notes="called by the owner: the only one the page lets"),
    "sonet_group.update": Contract("api-reference/sonet-group/sonet-group-update.md", MANAGER,
                                   {"GROUP_ID": "<SUPPORT_GROUP>", "NAME": "Новый заголовок проекта"}),
    "sonet_group.user.add": Contract("api-reference/sonet-group/members/sonet-group-user-add.md", ADMIN,
                                     {"GROUP_ID": "<SUPPORT_GROUP>", "USER_ID": ["<PLAIN>", "<OPERATOR>"]}),
    "sonet_group.user.delete": Contract("api-reference/sonet-group/members/sonet-group-user-delete.md", ADMIN,
                                        {"GROUP_ID": "<SUPPORT_GROUP>", "USER_ID": ["<SPECIALIST>"]}),
    "sonet_group.user.get": Contract("api-reference/sonet-group/members/sonet-group-user-get.md", MANAGER,
                                     {"ID": "<SUPPORT_GROUP>"}),
    "task.item.userfield.add": Contract("api-reference/tasks/user-field/task-item-user-field-add.md", ADMIN, {
        "PARAMS": {"USER_TYPE_ID": "string", "FIELD_NAME": "UF_TASK_CLIENT_REQUEST", "XML_ID": "UF_TASK_CLIENT_REQUEST",
                   "LABEL": "Запрос клиента", "EDIT_FORM_LABEL": {"ru": "Запрос клиента", "en": "Client request"},
                   "SORT": 220, "MULTIPLE": "N", "MANDATORY": "Y",
                   "SETTINGS": {"DEFAULT_VALUE": "Уточнить цель и ожидаемый результат", "ROWS": 10}}}),
    "task.item.userfield.getlist": Contract("api-reference/tasks/user-field/task-item-user-field-get-list.md",
                                            ADMIN, {"ORDER": {"SORT": "ASC"}}),
    "tasks.task.add": Contract("api-reference/tasks/tasks-task-add.md", MANAGER, {"fields": {
        "TITLE": "Название задачи", "DEADLINE": "2025-12-31T23:59:59", "CREATED_BY": "<MANAGER>",
        "RESPONSIBLE_ID": "<SPECIALIST>", "UF_CRM_TASK": ["L_4", "C_7", "CO_5", "D_10"],
        "UF_TASK_WEBDAV_FILES": ["n12345", "n67890"]}}),
    "tasks.task.delete": Contract("api-reference/tasks/tasks-task-delete.md", MANAGER, {"taskId": "<TASK>"}),
    "tasks.task.get": Contract("api-reference/tasks/tasks-task-get.md", MANAGER, {"taskId": "<TASK>", "select": [
        "ID", "TITLE", "DESCRIPTION", "CREATED_BY", "RESPONSIBLE_ID", "DEADLINE", "UF_CRM_TASK",
        "UF_TASK_WEBDAV_FILES"]}),
    "tasks.task.history.list": Contract("api-reference/tasks/tasks-task-history-list.md", MANAGER, {
        "taskId": "<TASK>", "filter": {"FIELD": "STATUS"}, "order": {"createdDate": "ASC"}}, _status_change,
        notes="FIELD STATUS (the example's COMMENT: devportal keeps status changes only)"),
    "tasks.task.list": Contract("api-reference/tasks/tasks-task-list.md", MANAGER, {
        "filter": {">STATUS": 2, "REPLICATE": "N", "::SUBFILTER-PARAMS": {"FAVORITE": "Y"}}}),
    "userfieldconfig.add": Contract("api-reference/crm/universal/userfieldconfig/userfieldconfig-add.md", ADMIN,
                                    FIELD_ADD, _smart, notes="entityId CRM_7 of the example: the test portal's type"),
    "userfieldconfig.list": Contract("api-reference/crm/universal/userfieldconfig/userfieldconfig-list.md", ADMIN, {
        "moduleId": "crm", "select": {"0": "*", "language": "ru"}, "order": {"id": "DESC"}, "filter": {"multiple": "Y"},
        "start": 0}, _smart_field, notes="the field of userfieldconfig-add.md's example listed"),
    "user.admin": Contract("api-reference/common/users/user-admin.md", ADMIN, {}),
    "user.current": Contract("api-reference/user/user-current.md", ADMIN, {}),
    "user.get": Contract("api-reference/user/user-get.md", ADMIN, {"UF_DEPARTMENT": 1, "SORT": "ID", "ORDER": "asc"}),
}


def resolve(value, ids: dict):
    """``value`` with every ``<NAME>`` put as ``ids[NAME]`` (whole values keep their type)."""
    if isinstance(value, dict):
        return {k: resolve(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, ids) for v in value]
    if isinstance(value, str) and "<" in value:
        for name, got in ids.items():
            if value == f"<{name}>":
                return got
            value = value.replace(f"<{name}>", str(got))
    return value


