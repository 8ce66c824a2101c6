"""devportal: a bot message with a keyboard, and a button press (im.message.command) that gives the
bot ONIMBOTV2COMMANDADD with command.context "keyboard" (message-keyboards.md, events.md)."""
from __future__ import annotations

from tests.devportal.dp_portal import ADMIN, PLAIN, SPECIALIST


def _keyboard_in_private(rest, portal):
    bid = rest.ok(ADMIN, "imbot.v2.Bot.register", fields={"code": "sd", "type": "bot", "eventMode": "fetch",
                                                           "properties": {"name": "SD"}})["bot"]["id"]
    rest.ok(ADMIN, "imbot.v2.Command.register", botId=bid, fields={"command": "pick", "hidden": True})
    rest.ok(SPECIALIST, "im.message.add", DIALOG_ID=str(bid), MESSAGE="hi")          # the 1:1 chat
    buttons = [{"TEXT": "one", "COMMAND": "pick", "COMMAND_PARAMS": "1"}, {"TYPE": "NEWLINE"},
               {"TEXT": "site", "LINK": "https://example.com"}]
    mid = rest.ok(ADMIN, "imbot.v2.Chat.Message.send", botId=bid, dialogId=str(SPECIALIST),
                  fields={"message": "choose", "keyboard": {"BOT_ID": bid, "BUTTONS": buttons}})["id"]
    assert portal.messages[mid].params["KEYBOARD"]["BUTTONS"] == buttons
    return bid, mid


def test_a_press_gives_the_bot_a_keyboard_command_event(rest, portal):
    bid, mid = _keyboard_in_private(rest, portal)
    assert rest.ok(SPECIALIST, "im.message.command", MESSAGE_ID=mid, BOT_ID=bid, COMMAND="pick",
                   COMMAND_PARAMS="42") is True
    events = rest.ok(ADMIN, "imbot.v2.Event.get", botId=bid)["events"]
    assert [e["type"] for e in events] == ["ONIMBOTV2MESSAGEADD", "ONIMBOTV2COMMANDADD"]
    data = events[-1]["data"]
    assert data["command"]["command"] == "/pick" and data["command"]["params"] == "42"
    assert data["command"]["context"] == "keyboard"
    assert data["message"]["id"] == mid and data["message"]["authorId"] == bid
    assert data["user"]["id"] == SPECIALIST and data["chat"]["dialogId"] == str(SPECIALIST)


def test_bad_presses_are_refused_as_the_docs_list(rest, portal):
    bid, mid = _keyboard_in_private(rest, portal)
    before = len(portal.events)
    for params, code in [({"BOT_ID": bid, "COMMAND": "pick"}, "MESSAGE_ID_ERROR"),
                         ({"MESSAGE_ID": mid, "COMMAND": "pick"}, "BOT_ID_ERROR"),
                         ({"MESSAGE_ID": mid, "BOT_ID": bid}, "COMMAND_ERROR"),
                         ({"MESSAGE_ID": mid, "BOT_ID": bid, "COMMAND": "other"}, "PARAMS_ERROR")]:
        assert rest(SPECIALIST, "im.message.command", **params)["error"] == code
    outsider = rest.raw(PLAIN, "im.message.command", MESSAGE_ID=mid, BOT_ID=bid, COMMAND="pick")
    assert outsider.status_code == 403 and outsider.json()["error"] == "ACCESS_ERROR"
    assert len(portal.events) == before


def test_a_press_carries_the_callers_command_params(rest, portal):
    """im-message-command.md takes COMMAND_PARAMS from the caller and binds them to no button, so a bot
    must check what a press names (py bot.csat checks the presser against the rated task's author)."""
    bid, mid = _keyboard_in_private(rest, portal)
    rest.ok(SPECIALIST, "im.message.command", MESSAGE_ID=mid, BOT_ID=bid, COMMAND="pick", COMMAND_PARAMS="999 other")
    data = rest.ok(ADMIN, "imbot.v2.Event.get", botId=bid)["events"][-1]["data"]
    assert data["command"]["params"] == "999 other"
