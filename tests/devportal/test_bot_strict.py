"""devportal as strict as the imbot.v2 pages (issue 24): each test names the page it pins."""
from __future__ import annotations

from tests.devportal.dp_portal import ADMIN, CLIENT, MANAGER, OL_CHAT, OPERATOR, PLAIN, SECRET_CHAT, SPECIALIST, SUPPORT_CHAT

SEND, ANSWER = "imbot.v2.Chat.Message.send", "imbot.v2.Command.answer"


def _bot(rest, kind="bot", **extra):
    fields = {"code": "sd", "type": kind, "properties": {"name": "SD"}, **extra}
    bid = rest.ok(ADMIN, "imbot.v2.Bot.register", fields=fields)["bot"]["id"]
    cmd = rest.ok(ADMIN, "imbot.v2.Command.register", botId=bid,
                  fields={"command": "status", "title": {"en": "Status"}, "common": True})["command"]["id"]
    return bid, cmd


def _command_event(rest, bid, uid, dialog, text="/status"):
    rest.ok(uid, "im.message.add", DIALOG_ID=dialog, MESSAGE=text)
    ev = rest.ok(ADMIN, "imbot.v2.Event.get", botId=bid)["events"][-1]
    assert ev["type"] == "ONIMBOTV2COMMANDADD"
    return ev["data"]


def test_message_send_is_refused_when_the_bot_is_not_a_member(rest, portal):
    """messages/chat-message-send.md: ACCESS_DENIED "Бот не является участником чата"."""
    bid, _ = _bot(rest)
    r = rest.raw(MANAGER, SEND, botId=bid, dialogId=f"chat{SUPPORT_CHAT}", fields={"message": "hi"})
    assert r.status_code == 403 and r.json()["error"] == "ACCESS_DENIED"
    assert not [m for m in portal.messages.values() if m.author_id == bid]


def test_chat_user_add_makes_the_bot_a_member_once(rest, portal):
    """chats/chat-users/im-chat-user-add.md: a member adds the bot (the bot hears ONIMBOTV2JOINCHAT);
    again changes nothing; a non-member is refused with ACCESS_ERROR; then the send works."""
    bid, _ = _bot(rest)
    assert rest(ADMIN, "im.chat.user.add", CHAT_ID=SUPPORT_CHAT, USERS=[bid])["error"] == "ACCESS_ERROR"
    assert rest(MANAGER, "im.chat.user.add", USERS=[bid])["error"] == "CHAT_ID_EMPTY"
    assert rest.ok(MANAGER, "im.chat.user.add", CHAT_ID=SUPPORT_CHAT, USERS=[bid]) is True
    assert rest.ok(SPECIALIST, "im.chat.user.add", CHAT_ID=SUPPORT_CHAT, USERS=[bid]) is True
    assert portal.chats[SUPPORT_CHAT].members.count(bid) == 1
    events = rest.ok(ADMIN, "imbot.v2.Event.get", botId=bid)["events"]
    assert [e["type"] for e in events] == ["ONIMBOTV2JOINCHAT"]
    assert rest(OPERATOR, "im.chat.user.add", CHAT_ID=OL_CHAT, USERS=[bid])["error"] == "ACCESS_ERROR"
    assert rest.ok(MANAGER, SEND, botId=bid, dialogId=f"chat{SUPPORT_CHAT}", fields={"message": "hi"})["id"]


def test_command_answer_where_the_bot_is_not_a_member_is_a_system_message(rest, portal):
    """commands/command-answer.md: answers "даже если бот не является участником этого чата" — access
    by the command's messageId + commandId; then "как системное с указанием имени бота"."""
    bid, cmd = _bot(rest)
    data = _command_event(rest, bid, PLAIN, f"chat{SUPPORT_CHAT}")      # a common command, bot not in the chat
    params = {"botId": bid, "commandId": cmd, "messageId": data["message"]["id"], "dialogId": f"chat{SUPPORT_CHAT}"}
    assert rest.ok(MANAGER, ANSWER, **params, fields={"message": "your requests"}) == {"result": True}
    got = [m for m in portal.messages.values() if m.author_id == bid]
    assert len(got) == 1 and got[0].chat_id == SUPPORT_CHAT and got[0].is_system
    assert got[0].params["BOT_NAME"] == "SD"
    # the token opens only the command's own chat, and only for a command the bot got
    for bad in ({"dialogId": f"chat{SECRET_CHAT}"}, {"messageId": 5}, {"commandId": cmd + 7}):
        r = rest.raw(MANAGER, ANSWER, **{**params, **bad}, fields={"message": "x"})
        assert r.status_code == 400 and r.json()["error"] == "COMMAND_ANSWER_FAILED"
    # the page does not say an answer is one-shot: a second one posts again
    assert rest.ok(MANAGER, ANSWER, **params, fields={"message": "again"}) == {"result": True}
    assert len([m for m in portal.messages.values() if m.author_id == bid]) == 2


def test_command_answer_where_the_bot_is_a_member_is_its_message(rest, portal):
    """commands/command-answer.md: a member bot's answer is an ordinary bot message (system: false)."""
    bid, cmd = _bot(rest)
    rest.ok(MANAGER, "im.chat.user.add", CHAT_ID=SUPPORT_CHAT, USERS=[bid])
    rest.ok(ADMIN, "imbot.v2.Event.get", botId=bid)
    data = _command_event(rest, bid, PLAIN, f"chat{SUPPORT_CHAT}")
    rest.ok(MANAGER, ANSWER, botId=bid, commandId=cmd, messageId=data["message"]["id"],
            dialogId=f"chat{SUPPORT_CHAT}", fields={"message": "ok"})
    got = [m for m in portal.messages.values() if m.author_id == bid]
    assert len(got) == 1 and not got[0].is_system and "BOT_NAME" not in got[0].params


def test_welcome_bot_leaves_on_hand_over_when_configured_queue(rest, portal):
    """imopenlines/openlines/imopenlines-config-add.md WELCOME_BOT_LEFT: "queue" — the bot leaves when
    the dialogue goes to the operators' queue; "close" — it stays until the dialogue closes.
    imopenlines-bot-session-operator.md: CHAT_ID_EMPTY, WRONG_CHAT once an operator leads it."""
    bid, cmd = _bot(rest, "openline", isSupportOpenline=True)
    rest.ok(ADMIN, "imopenlines.config.update", CONFIG_ID=1, PARAMS={
        "WELCOME_BOT_ENABLE": "Y", "WELCOME_BOT_ID": bid, "WELCOME_BOT_LEFT": "queue"})
    assert rest.ok(ADMIN, "imopenlines.config.get", CONFIG_ID=1)["WELCOME_BOT_LEFT"] == "queue"
    chat = portal.chats[OL_CHAT]
    chat.members[:] = [CLIENT, bid]                         # the bot greets the client
    rest.ok(ADMIN, SEND, botId=bid, dialogId=f"chat{OL_CHAT}", fields={"message": "hello"})
    assert rest(ADMIN, "imopenlines.bot.session.operator")["error"] == "CHAT_ID_EMPTY"
    assert rest.ok(ADMIN, "imopenlines.bot.session.operator", CHAT_ID=OL_CHAT) is True
    assert bid not in chat.members and OPERATOR in chat.members
    assert rest(ADMIN, "imopenlines.bot.session.operator", CHAT_ID=OL_CHAT)["error"] == "WRONG_CHAT"
    r = rest.raw(ADMIN, SEND, botId=bid, dialogId=f"chat{OL_CHAT}", fields={"message": "note"})
    assert r.json()["error"] == "ACCESS_DENIED"
    # a common command still reaches the bot, and Command.answer still answers there
    data = _command_event(rest, bid, OPERATOR, f"chat{OL_CHAT}")
    rest.ok(OPERATOR, ANSWER, botId=bid, commandId=cmd, messageId=data["message"]["id"],
            dialogId=f"chat{OL_CHAT}", fields={"message": "task made"})
    assert portal.messages[max(portal.messages)].is_system
    # "close": the bot stays after the hand-over
    rest.ok(ADMIN, "imopenlines.config.update", CONFIG_ID=1, PARAMS={"WELCOME_BOT_LEFT": "close"})
    chat.members[:] = [CLIENT, bid]
    rest.ok(ADMIN, "imopenlines.bot.session.operator", CHAT_ID=OL_CHAT)
    assert bid in chat.members and OPERATOR in chat.members


def test_event_get_next_offset_acknowledges_below_it(rest, portal):
    """events/event-get.md + change-log.md BOT-BC-0325-1: ``offset`` acknowledges events with an id
    below it; ``nextOffset`` is the next offset, kept when nothing is new; ``hasMore`` past ``limit``."""
    bid, _ = _bot(rest)
    rest.ok(MANAGER, "im.chat.user.add", CHAT_ID=SUPPORT_CHAT, USERS=[bid])
    for i in range(3):
        rest.ok(PLAIN, "im.message.add", DIALOG_ID=f"chat{SUPPORT_CHAT}", MESSAGE=f"/status {i}")
    first = rest.ok(ADMIN, "imbot.v2.Event.get", botId=bid, limit=2)
    ids = [e["eventId"] for e in first["events"]]
    assert len(ids) == 2 and first["hasMore"] and first["nextOffset"] == ids[-1] + 1
    again = rest.ok(ADMIN, "imbot.v2.Event.get", botId=bid, limit=2)        # nothing acknowledged yet
    assert [e["eventId"] for e in again["events"]] == ids
    part = rest.ok(ADMIN, "imbot.v2.Event.get", botId=bid, offset=ids[1], limit=10)   # acks ids[0] only
    assert [e["eventId"] for e in part["events"]][0] == ids[1] and len(part["events"]) == 3
    rest_ = rest.ok(ADMIN, "imbot.v2.Event.get", botId=bid, offset=part["nextOffset"])
    assert rest_["events"] == [] and not rest_["hasMore"] and rest_["nextOffset"] == part["nextOffset"]
    assert rest.ok(ADMIN, "imbot.v2.Event.get", botId=bid, offset=rest_["nextOffset"])["events"] == []


def test_is_support_openline_only_for_an_openline_bot(rest, portal):
    """bots/index.md: isSupportOpenline "включает поддержку Открытых линий для бота типа openline";
    index.md#bot-types: an openline bot behaves as a bot. The flag is not kept for other types."""
    plain = rest.ok(ADMIN, "imbot.v2.Bot.register", fields={"code": "a", "type": "bot", "isSupportOpenline": True,
                                                            "properties": {"name": "A"}})["bot"]
    line = rest.ok(ADMIN, "imbot.v2.Bot.register", fields={"code": "b", "type": "openline",
                                                           "isSupportOpenline": True, "properties": {"name": "B"}})["bot"]
    assert plain["isSupportOpenline"] is False and line["isSupportOpenline"] is True
    assert line["type"] == "openline"
    upd = rest.ok(ADMIN, "imbot.v2.Bot.update", botId=plain["id"], fields={"isSupportOpenline": True})["bot"]
    assert upd["isSupportOpenline"] is False


def test_a_bot_deletes_only_its_own_messages(rest, portal):
    """messages/chat-message-delete.md: a bot deletes its own messages; another's (or none) is
    ACCESS_DENIED; ``complete`` removes it, else it stays marked deleted."""
    bid, _ = _bot(rest)
    rest.ok(MANAGER, "im.chat.user.add", CHAT_ID=SUPPORT_CHAT, USERS=[bid])
    one = rest.ok(MANAGER, SEND, botId=bid, dialogId=f"chat{SUPPORT_CHAT}", fields={"message": "1"})["id"]
    two = rest.ok(MANAGER, SEND, botId=bid, dialogId=f"chat{SUPPORT_CHAT}", fields={"message": "2"})["id"]
    assert rest(MANAGER, "imbot.v2.Chat.Message.delete", botId=bid, messageId=1)["error"] == "ACCESS_DENIED"
    assert rest.ok(MANAGER, "imbot.v2.Chat.Message.delete", botId=bid, messageId=one, complete=True) == {"result": True}
    assert one not in portal.messages
    rest.ok(MANAGER, "imbot.v2.Chat.Message.delete", botId=bid, messageId=two)
    assert portal.messages[two].params["IS_DELETED"] == "Y" and portal.messages[two].text == ""
