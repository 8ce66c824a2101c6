"""Which message a rating press redraws (docs/decisions 171–172, ``bot.csat_mark``): only the task's own
offer — the one its item recorded, or, when none was recorded, the bot's keyboard message in the
presser's 1:1 chat that names the task — and the buttons it is redrawn with, ru and en."""
from __future__ import annotations

import pytest

from servicedesk.bot.csat import buttons
from servicedesk.bot.csat_mark import names_task, offer_of_press
from servicedesk.bot.texts import say

BOT, AUTHOR, TASK = 41, 8, 12
TEXT = say("csat_offer", "ru", id=TASK, title="VPN")


def press(**over) -> dict:
    data = {"command": {"id": 3, "command": "/csat", "params": f"{TASK} like", "context": "keyboard"},
            "message": {"id": 500, "chatId": 70, "authorId": BOT, "text": TEXT},
            "chat": {"id": 70, "dialogId": str(AUTHOR), "type": "private"}, "user": {"id": AUTHOR}}
    for key, value in over.items():
        data[key] = {**data[key], **value}
    return data


def test_the_recorded_offer_is_the_one_redrawn_with_its_text_as_it_is():
    assert offer_of_press(press(), BOT, TASK, 500) == (500, TEXT)
    assert offer_of_press(press(), BOT, TASK, 499) is None            # another offer's keyboard: not this one


def test_without_a_record_the_press_must_name_the_task_in_the_authors_chat():
    assert offer_of_press(press(), BOT, TASK, None) == (500, TEXT)
    assert offer_of_press(press(), BOT, 1, None) is None              # "#12" does not name task 1
    assert offer_of_press(press(chat={"dialogId": "chat70"}), BOT, TASK, None) is None
    assert offer_of_press(press(user={"id": 9}), BOT, TASK, None) is None


@pytest.mark.parametrize("over", [{"command": {"context": "textarea"}}, {"message": {"authorId": AUTHOR}},
                                  {"message": {"text": ""}}, {"message": {"text": None}}, {"message": {"id": 0}}])
def test_not_a_keyboard_press_on_the_bots_own_message_with_text_is_never_redrawn(over):
    """A typed /csat, a message of someone else's (the portal would refuse: chat-message-update.md), or
    no text to send back (the page does not promise that a text left out stays)."""
    assert offer_of_press(press(**over), BOT, TASK, 500) is None
    assert offer_of_press(press(**over), BOT, TASK, None) is None


def test_a_task_number_is_matched_whole():
    assert names_task("Заявка #12 «VPN» закрыта", 12) and names_task("#12", 12)
    assert not names_task("Заявка #123 закрыта", 12) and not names_task("Заявка 12", 12)
    assert names_task("#123 и #12.", 12)


@pytest.mark.parametrize("lang,like,dislike", [("ru", "✓ 👍 Хорошо", "👎 Плохо"), ("en", "✓ 👍 Good", "👎 Bad")])
def test_the_chosen_button_is_marked_and_both_stay(lang, like, dislike):
    drawn = buttons(TASK, lang, "like")
    assert [b["TEXT"] for b in drawn] == [like, dislike]
    assert [b["COMMAND_PARAMS"] for b in drawn] == [f"{TASK} like", f"{TASK} dislike"]
    assert [b["BG_COLOR_TOKEN"] for b in drawn] == ["primary", "secondary"]
    assert [b["BG_COLOR_TOKEN"] for b in buttons(TASK, lang, "dislike")] == ["secondary", "primary"]
    assert [b["TEXT"] for b in buttons(TASK, lang)] == [say("csat_like", lang), say("csat_dislike", lang)]
