"""devportal's imbot.v2.Chat.Message.update, one test per rule of
chat-bots/chat-bots-v2/imbot.v2/messages/chat-message-update.md (and message-keyboards.md for the
keyboard): the bot updates only its own messages, only the fields given change, the keyboard is replaced
or removed, and a press on the new keyboard still reaches the bot."""
from __future__ import annotations

from tests.devportal.dp_portal import ADMIN, MANAGER, SPECIALIST, SUPPORT_CHAT

UPDATE, SEND = "imbot.v2.Chat.Message.update", "imbot.v2.Chat.Message.send"


def _bot_and_message(rest, **fields):
    """A bot with a hidden command, and its message with a keyboard in the specialist's 1:1 chat."""
    bid = rest.ok(ADMIN, "imbot.v2.Bot.register", fields={"code": "sd", "properties": {"name": "SD"}})["bot"]["id"]
    rest.ok(ADMIN, "imbot.v2.Command.register", botId=bid, fields={"command": "pick", "hidden": True})
    buttons = [{"TEXT": "one", "COMMAND": "pick", "COMMAND_PARAMS": "1"}]
    mid = rest.ok(ADMIN, SEND, botId=bid, dialogId=str(SPECIALIST),
                  fields={"message": "choose", "keyboard": {"BOT_ID": bid, "BUTTONS": buttons}, **fields})["id"]
    return bid, mid


def test_the_bot_updates_its_message_and_only_the_fields_given_change(rest, portal):
    """chat-message-update.md: ``fields`` are "Обновляемые поля сообщения"; the answer {"result": true}."""
    bid, mid = _bot_and_message(rest)
    new = [{"TEXT": "✓ one", "COMMAND": "pick", "COMMAND_PARAMS": "1", "BG_COLOR_TOKEN": "primary"}]
    assert rest.ok(ADMIN, UPDATE, botId=bid, messageId=mid,
                   fields={"keyboard": {"BOT_ID": bid, "BUTTONS": new}}) == {"result": True}
    m = portal.messages[mid]
    assert m.text == "choose" and m.params["KEYBOARD"]["BUTTONS"] == new         # the text as it was
    assert rest.ok(ADMIN, UPDATE, botId=bid, messageId=mid, fields={"message": "chosen"}) == {"result": True}
    assert m.text == "chosen" and m.params["KEYBOARD"]["BUTTONS"] == new         # the keyboard as it was
    rest.ok(ADMIN, UPDATE, botId=bid, messageId=mid, fields={"message": "x" * 20005})
    assert len(m.text) == 20000                                                  # "Максимальная длина — 20 000"


def test_a_press_on_the_new_keyboard_reaches_the_bot(rest, portal):
    bid, mid = _bot_and_message(rest)
    rest.ok(ADMIN, UPDATE, botId=bid, messageId=mid, fields={"message": "choose", "keyboard": {
        "BOT_ID": bid, "BUTTONS": [{"TEXT": "✓ one", "COMMAND": "pick", "COMMAND_PARAMS": "1"}]}})
    assert rest.ok(SPECIALIST, "im.message.command", MESSAGE_ID=mid, BOT_ID=bid, COMMAND="pick",
                   COMMAND_PARAMS="1") is True
    event = rest.ok(ADMIN, "imbot.v2.Event.get", botId=bid)["events"][-1]
    assert event["type"] == "ONIMBOTV2COMMANDADD" and event["data"]["message"]["id"] == mid
    assert event["data"]["message"]["text"] == "choose"


def test_n_or_an_empty_keyboard_removes_it(rest, portal):
    """chat-message-update.md: "Для удаления клавиатуры передайте "N""; message-keyboards.md: or an empty value."""
    for empty in ("N", ""):
        bid, mid = _bot_and_message(rest)
        rest.ok(ADMIN, UPDATE, botId=bid, messageId=mid, fields={"keyboard": empty})
        assert "KEYBOARD" not in portal.messages[mid].params and portal.messages[mid].text == "choose"
        r = rest.raw(SPECIALIST, "im.message.command", MESSAGE_ID=mid, BOT_ID=bid, COMMAND="pick")
        assert r.json()["error"] == "PARAMS_ERROR"                               # no button to press any more


def test_only_the_bots_own_messages(rest, portal):
    """chat-message-update.md: ACCESS_DENIED "Сообщение не принадлежит боту или не существует"; a message
    sent with ``system: true`` cannot be updated; nothing changes."""
    bid, mid = _bot_and_message(rest)
    theirs = rest.ok(MANAGER, "im.message.add", DIALOG_ID=f"chat{SUPPORT_CHAT}", MESSAGE="mine")
    system = _bot_and_message(rest, system=True)[1]
    rest.ok(ADMIN, "imbot.v2.Chat.Message.delete", botId=bid, messageId=(gone := _bot_and_message(rest)[1]))
    for message in (theirs, 987654, system, gone, 0):
        r = rest.raw(ADMIN, UPDATE, botId=bid, messageId=message, fields={"message": "hijacked"})
        assert (r.status_code, r.json()["error"]) == (403, "ACCESS_DENIED"), message
    assert "hijacked" not in {m.text for m in portal.messages.values()}


def test_the_bot_is_required_and_must_be_this_apps(rest, portal):
    bid, mid = _bot_and_message(rest)
    assert rest(ADMIN, UPDATE, messageId=mid, fields={"message": "a"})["error"] == "BOT_ID_REQUIRED"
    assert rest(ADMIN, UPDATE, botId=987654, messageId=mid, fields={"message": "a"})["error"] == "BOT_NOT_FOUND"
    portal.bots[bid].app_id = "another-app"
    r = rest.raw(ADMIN, UPDATE, botId=bid, messageId=mid, fields={"message": "a"})
    assert (r.status_code, r.json()["error"]) == (403, "BOT_OWNERSHIP_ERROR")
    assert portal.messages[mid].text == "choose"


def test_an_update_of_nothing_or_to_nothing_is_refused(rest, portal):
    """``fields`` is required and names no code for its absence: ERROR_ARGUMENT; a text emptied with no
    keyboard left is EMPTY_MESSAGE, as the send (the page never says an empty text deletes the message)."""
    bid, mid = _bot_and_message(rest)
    for fields in (None, {}, {"other": 1}):
        r = rest.raw(ADMIN, UPDATE, botId=bid, messageId=mid, **({"fields": fields} if fields is not None else {}))
        assert (r.status_code, r.json()["error"]) == (400, "ERROR_ARGUMENT"), fields
    assert rest(ADMIN, UPDATE, botId=bid, messageId=mid, fields={"message": "", "keyboard": "N"})["error"] == \
        "EMPTY_MESSAGE"
    assert portal.messages[mid].text == "choose" and portal.messages[mid].params["KEYBOARD"]
