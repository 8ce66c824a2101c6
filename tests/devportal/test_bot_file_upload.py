"""devportal's imbot.v2.File.upload, one test per rule of chat-bots/chat-bots-v2/imbot.v2/files/file-upload.md
(and files/index.md): the file and its message in one call, the documented errors, the bot's membership."""
from __future__ import annotations

import base64

import devportal.methods.bots as bots
from tests.devportal.dp_portal import ADMIN, MANAGER, PLAIN, SPECIALIST

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))
CONTENT = base64.b64encode(PNG).decode()


def _bot(rest, members=(SPECIALIST,)):
    bid = rest.ok(ADMIN, "imbot.v2.Bot.register", fields={"code": "sd", "properties": {"name": "SD"}})["bot"]["id"]
    cid = rest.ok(MANAGER, "im.chat.add", TITLE="with bot", USERS=[*members, bid])
    return bid, cid


def upload(rest, bid, dialog, **fields):
    return rest.raw(ADMIN, "imbot.v2.File.upload", botId=bid, dialogId=dialog,
                    fields={"name": "chart.png", "content": CONTENT, **fields}).json()


def test_one_call_stores_the_file_and_posts_its_message_with_the_text(rest, portal):
    """file-upload.md: the answer's file {id, chatId, name, extension, size}, messageId, chatId, dialogId;
    files/index.md: the upload makes the chat's message (no Chat.Message.send needed)."""
    bid, cid = _bot(rest)
    res = upload(rest, bid, f"chat{cid}", message="📈 weekly chart")["result"]
    assert res["file"] == {"id": res["file"]["id"], "chatId": cid, "name": "chart.png", "extension": "png",
                           "size": len(PNG)}
    assert (res["chatId"], res["dialogId"]) == (cid, f"chat{cid}")
    msg = portal.messages[res["messageId"]]
    assert (msg.chat_id, msg.author_id, msg.text, msg.params["FILE_ID"]) == (cid, bid, "📈 weekly chart", [res["file"]["id"]])
    assert base64.b64decode(portal.files[res["file"]["id"]].content) == PNG


def test_a_users_private_chat_with_the_bot_takes_it_and_the_text_is_optional(rest, portal):
    bid, _ = _bot(rest)
    res = upload(rest, bid, str(MANAGER))["result"]
    chat = portal.chats[res["chatId"]]
    assert chat.type == "private" and set(chat.members) == {bid, MANAGER}
    assert portal.messages[res["messageId"]].text == "" and res["dialogId"] == str(MANAGER)


def test_a_chat_the_bot_is_not_in_is_access_denied(rest, portal):
    """file-upload.md lists 403; as chat-message-send.md ("Бот не является участником чата") and
    im.v2/files/file-upload.md (ACCESS_DENIED "Нет доступа к чату")."""
    bid, _ = _bot(rest)
    other = rest.ok(MANAGER, "im.chat.add", TITLE="no bot", USERS=[SPECIALIST])
    before = len(portal.messages)
    for dialog in (f"chat{other}", "chat999999", "", str(bid)):
        r = rest.raw(ADMIN, "imbot.v2.File.upload", botId=bid, dialogId=dialog,
                     fields={"name": "chart.png", "content": CONTENT})
        assert (r.status_code, r.json()["error"]) == (403, "ACCESS_DENIED"), dialog
    assert len(portal.messages) == before and not portal.files


def test_the_bot_is_required_and_must_be_this_apps(rest):
    bid, cid = _bot(rest)
    r = rest.raw(ADMIN, "imbot.v2.File.upload", dialogId=f"chat{cid}", fields={"name": "a.png", "content": CONTENT})
    assert r.json()["error"] == "BOT_ID_REQUIRED"
    assert upload(rest, 987654, f"chat{cid}")["error"] == "BOT_NOT_FOUND"
    assert rest.raw(PLAIN, "imbot.v2.File.upload", botId=bid, dialogId=f"chat{cid}",
                    fields={"name": "a.png", "content": CONTENT}).json().get("result")   # any user of the app


def test_name_and_content_are_required(rest, portal):
    bid, cid = _bot(rest)
    assert upload(rest, bid, f"chat{cid}", name="")["error"] == "FILE_EMPTY"
    assert upload(rest, bid, f"chat{cid}", content="")["error"] == "FILE_EMPTY"
    r = rest.raw(ADMIN, "imbot.v2.File.upload", botId=bid, dialogId=f"chat{cid}", fields={"name": "a.png"})
    assert (r.status_code, r.json()["error"]) == (400, "FILE_EMPTY") and not portal.files


def test_content_is_plain_base64_without_a_data_prefix(rest, portal):
    bid, cid = _bot(rest)
    assert upload(rest, bid, f"chat{cid}", content="data:image/png;base64," + CONTENT)["error"] == "FILE_INVALID_CONTENT"
    assert upload(rest, bid, f"chat{cid}", content="not base64!")["error"] == "FILE_INVALID_CONTENT"
    assert not portal.files


def test_the_name_needs_an_extension(rest, portal):
    """"Имя файла с расширением": the page names no code for it; devportal refuses with FILE_UPLOAD_FAILED."""
    bid, cid = _bot(rest)
    for name in ("chart", "chart.", ".png"):
        assert upload(rest, bid, f"chat{cid}", name=name)["error"] == "FILE_UPLOAD_FAILED", name
    assert not portal.files


def test_over_100_mb_is_refused(rest, portal, monkeypatch):
    """"Максимальный размер — 100 МБ" (FILE_TOO_LARGE): the limit lowered for the test, checked on the
    decoded bytes."""
    monkeypatch.setattr(bots, "MAX_FILE_BYTES", len(PNG) - 1)
    bid, cid = _bot(rest)
    assert upload(rest, bid, f"chat{cid}")["error"] == "FILE_TOO_LARGE" and not portal.files
    monkeypatch.setattr(bots, "MAX_FILE_BYTES", len(PNG))
    assert upload(rest, bid, f"chat{cid}")["result"]["file"]["size"] == len(PNG)
    assert bots.MAX_FILE_BYTES == len(PNG) and 100 * 1024 * 1024 == 104857600


def test_a_repeat_posts_again(rest, portal):
    """Nothing on the page drops a repeated upload: two calls, two files, two messages."""
    bid, cid = _bot(rest)
    a, b = upload(rest, bid, f"chat{cid}")["result"], upload(rest, bid, f"chat{cid}")["result"]
    assert a["messageId"] != b["messageId"] and a["file"]["id"] != b["file"]["id"] and len(portal.files) == 2
