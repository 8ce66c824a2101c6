"""devportal additions for the bot: Chat.Message.send keeps templateId as the uuid (+ replyId), tasks.task.delete."""
from __future__ import annotations

from tests.devportal.dp_portal import ADMIN, MANAGER, PLAIN, SPECIALIST, SUPPORT_GROUP


def _bot_in_chat(rest):
    fields = {"code": "sd", "type": "bot", "properties": {"name": "SD"}}
    bid = rest.ok(ADMIN, "imbot.v2.Bot.register", fields=fields)["bot"]["id"]
    cid = rest.ok(MANAGER, "im.chat.add", TITLE="with bot", USERS=[SPECIALIST, bid])
    return bid, cid


def test_send_with_the_same_template_id_posts_again(rest, portal):
    """chat-message-send.md never says a repeated templateId is dropped: it posts again (the strict
    reading); the message's uuid (entities.md) carries it, so a client can see it was sent."""
    bid, cid = _bot_in_chat(rest)
    key = "7d4bd4e2-4f0e-5c1a-9d0e-3f1f8a3c2b11"
    first = rest.ok(SPECIALIST, "imbot.v2.Chat.Message.send", botId=bid, dialogId=f"chat{cid}",
                    fields={"message": "one", "templateId": key, "replyId": 5})
    again = rest.ok(MANAGER, "imbot.v2.Chat.Message.send", botId=bid, dialogId=f"chat{cid}",
                    fields={"message": "one", "templateId": key})
    other = rest.ok(MANAGER, "imbot.v2.Chat.Message.send", botId=bid, dialogId=f"chat{cid}",
                    fields={"message": "two"})
    assert len({first["id"], again["id"], other["id"]}) == 3
    mine = [m for m in portal.messages.values() if m.chat_id == cid and m.author_id == bid]
    assert len(mine) == 3 and portal.messages[first["id"]].params["REPLY_ID"] == 5
    got = rest.ok(MANAGER, "im.dialog.messages.get", DIALOG_ID=f"chat{cid}", LIMIT=5)["messages"]
    assert {m["id"]: m["uuid"] for m in got}[first["id"]] == key


def test_task_delete_rights(rest, portal):
    tid = rest.ok(SPECIALIST, "tasks.task.add", fields={"TITLE": "mine", "RESPONSIBLE_ID": SPECIALIST,
                                                        "GROUP_ID": SUPPORT_GROUP})["task"]["id"]
    refused = rest.raw(PLAIN, "tasks.task.delete", taskId=tid).json()
    assert refused["error"] == "ERROR_CORE"           # PLAIN cannot even see it
    other = rest.ok(PLAIN, "tasks.task.add", fields={"TITLE": "p", "RESPONSIBLE_ID": SPECIALIST})["task"]["id"]
    assert rest.raw(MANAGER, "tasks.task.delete", taskId=other).json()["error"] == "ERROR_CORE"
    assert rest.raw(SPECIALIST, "tasks.task.delete", taskId=other).json()["error"] == "1048582"
    assert rest.ok(SPECIALIST, "tasks.task.delete", taskId=tid) == {"task": True}
    assert int(tid) not in portal.tasks
