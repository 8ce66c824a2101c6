"""Ratings on a chat-first-line desk on devportal over HTTP (decisions 150–154): the bot offers a
one-tap rating to the author of a chat task's message when the task is closed — once (not twice
after a restart or with the state lost), not for tasks not from the chat; a press stores the vote
(a second press changes it), a stranger's press is refused; ru and en."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from devportal.clock import FakeClock
from devportal.demo import build_demo
from devportal.methods.im import private_chat
from devportal.server import serve
from servicedesk.bot.alerts_run import AlertRunner
from servicedesk.bot.csat import COMMAND, item_data
from servicedesk.bot.poller import Poller
from servicedesk.bot.texts import say
from tests.bot.helpers import ADMIN, SPECIALIST, SUPPORT_CHAT, SUPPORT_GROUP, client_of, post, run, visit_of

MSK = ZoneInfo("Europe/Moscow")
START = datetime(2026, 11, 23, 10, 0, tzinfo=MSK)
AUTHOR, OTHER = 8, 9                       # employees in the support chat, not in the desk


@pytest.fixture
def desk():
    portal = build_demo(1, START.astimezone(timezone.utc))
    portal.app_options["openline_id"] = ""                # a chat-first-line desk
    chat = portal.chats[SUPPORT_CHAT]
    for uid in (AUTHOR, OTHER):
        if uid not in chat.members:
            chat.members.append(uid)
    clock = FakeClock(START.astimezone(timezone.utc))
    running = serve(portal, clock=clock)
    running.fake = clock
    yield running
    running.stop()


def at(desk, hh_mm: str, day: int = 23):
    h, m = map(int, hh_mm.split(":"))
    desk.fake.set(datetime(2026, 11, day, h, m, tzinfo=MSK).astimezone(timezone.utc))


def _bot(desk) -> int:
    return int(desk.portal.app_options["bot_id"])


def chat_task(desk, author: int, text: str) -> int:
    """``author`` asks in the support chat; a specialist makes a task from the message (its fields)."""
    mid = post(desk, author, f"chat{SUPPORT_CHAT}", text)
    res = run(client_of(desk, SPECIALIST).call("tasks.task.add", {"fields": {
        "TITLE": text, "GROUP_ID": SUPPORT_GROUP, "RESPONSIBLE_ID": SPECIALIST, "AUDITORS": [author],
        "UF_SD_MESSAGE_ID": str(mid), "UF_SD_CHAT_ID": str(SUPPORT_CHAT)}}))
    return int(res["task"]["id"])


def close(desk, tid: int) -> None:
    run(client_of(desk, SPECIALIST).call("tasks.task.update", {"taskId": tid, "fields": {"STATUS": 5}}))


def check(desk, runner: AlertRunner | None = None, uid: int = ADMIN) -> list[int]:
    """One check as the worker makes it (``runner``: the same checker again; None: a new one, as after a
    restart); the tasks this checker has offered a rating for."""
    runner = runner or AlertRunner(run(visit_of(desk, uid)))
    run(runner.run_once())
    return sorted(runner.csat.offered)


def offers(desk, uid: int) -> list:
    chat = private_chat(desk.portal, _bot(desk), uid)
    return [m for m in sorted(desk.portal.messages.values(), key=lambda m: m.id)
            if chat and m.chat_id == chat.id and m.author_id == _bot(desk)]


def press(desk, uid: int, message, params: str) -> None:
    run(client_of(desk, uid).call("im.message.command", {"MESSAGE_ID": message.id, "BOT_ID": _bot(desk),
                                                          "COMMAND": COMMAND, "COMMAND_PARAMS": params}))

    async def go():
        return await Poller(await visit_of(desk, SPECIALIST)).poll_once()
    run(go())


def votes(desk) -> dict[int, str]:
    items = next(e for k, e in desk.portal.entities.items() if k.endswith("|sdbot"))["items"].values()
    out = {}
    for it in items:
        d = item_data({"CODE": it.get("CODE"), "DETAIL_TEXT": it.get("DETAIL_TEXT")})
        if d:
            assert d["task"] not in out, "one item per task"
            out[d["task"]] = d["vote"]
    return out


def test_a_closed_chat_task_is_offered_once_to_its_author(desk):
    tid = chat_task(desk, AUTHOR, "Принтер не печатает")
    plain = run(client_of(desk, SPECIALIST).call("tasks.task.add", {"fields": {
        "TITLE": "Внутренняя", "GROUP_ID": SUPPORT_GROUP, "RESPONSIBLE_ID": SPECIALIST}}))["task"]["id"]
    at(desk, "11:00")
    same = AlertRunner(run(visit_of(desk, ADMIN)))
    assert check(desk, same) == []                          # still open
    close(desk, tid)
    close(desk, int(plain))                                 # not from the chat: never offered
    at(desk, "11:05")
    assert check(desk, same) == [tid]
    (offer,) = offers(desk, AUTHOR)
    assert f"#{tid}" in offer.text and "Принтер не печатает" in offer.text
    buttons = offer.params["KEYBOARD"]["BUTTONS"]
    assert [b["COMMAND_PARAMS"] for b in buttons] == [f"{tid} like", f"{tid} dislike"]
    assert votes(desk) == {tid: "none"}
    at(desk, "11:10")
    check(desk, same)                                       # the same checker
    assert check(desk) == [tid]                             # a restart: found on the portal, not sent
    check(desk, uid=SPECIALIST)                             # a page of a specialist
    assert len(offers(desk, AUTHOR)) == 1 and offers(desk, SPECIALIST) == []


def test_a_press_stores_the_vote_a_second_press_changes_it(desk):
    tid = chat_task(desk, AUTHOR, "VPN")
    close(desk, tid)
    at(desk, "11:05")
    check(desk)
    (offer,) = offers(desk, AUTHOR)
    press(desk, AUTHOR, offer, f"{tid} like")
    assert votes(desk) == {tid: "like"}
    press(desk, AUTHOR, offer, f"{tid} dislike")
    assert votes(desk) == {tid: "dislike"}
    texts = [m.text for m in offers(desk, AUTHOR)[1:]]
    assert texts == [say("csat_thanks", "ru", vote=say("csat_like", "ru")),
                     say("csat_changed", "ru", vote=say("csat_dislike", "ru"))]


def test_a_strangers_press_is_refused_and_changes_nothing(desk):
    mine, theirs = chat_task(desk, AUTHOR, "Почта"), chat_task(desk, OTHER, "Монитор")
    close(desk, mine)
    close(desk, theirs)
    at(desk, "11:05")
    check(desk)
    press(desk, AUTHOR, offers(desk, AUTHOR)[0], f"{mine} like")
    (their_offer,) = offers(desk, OTHER)
    press(desk, OTHER, their_offer, f"{mine} dislike")      # the params of someone else's task
    assert votes(desk) == {mine: "like", theirs: "none"}
    assert offers(desk, OTHER)[-1].text == say("csat_not_yours", "ru")


def test_the_offer_lost_from_the_storage_is_still_counted_once_on_a_press(desk):
    """The offer was sent but its item not written (a refusal): the press makes the item from the task."""
    tid = chat_task(desk, AUTHOR, "Доступ к папке")
    close(desk, tid)
    at(desk, "11:05")
    check(desk)
    store = next(e for k, e in desk.portal.entities.items() if k.endswith("|sdbot"))
    store["items"] = {k: v for k, v in store["items"].items() if not str(v.get("CODE")).startswith("csat:")}
    (offer,) = offers(desk, AUTHOR)
    press(desk, AUTHOR, offer, f"{tid} like")
    press(desk, AUTHOR, offer, f"{tid} like")
    assert votes(desk) == {tid: "like"}
    assert offers(desk, AUTHOR)[-1].text == say("csat_same", "ru", vote=say("csat_like", "ru"))


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_offer_speaks_the_desks_language(desk, lang):
    tid = chat_task(desk, AUTHOR, "Keyboard")
    close(desk, tid)
    at(desk, "11:05")
    visit = run(visit_of(desk, ADMIN))
    visit.ctx.lang = lang
    run(AlertRunner(visit).run_once())
    (offer,) = offers(desk, AUTHOR)
    assert offer.text == say("csat_offer", lang, id=tid, title="Keyboard")
    assert [b["TEXT"] for b in offer.params["KEYBOARD"]["BUTTONS"]] == [say("csat_like", lang),
                                                                       say("csat_dislike", lang)]


def test_without_the_storage_nothing_is_offered(desk):
    """A vote that cannot be kept is not asked for (the storage missing: no admin opened the app yet)."""
    desk.portal.entities.clear()
    tid = chat_task(desk, AUTHOR, "Сканер")
    close(desk, tid)
    at(desk, "11:05")
    assert check(desk) == [] and offers(desk, AUTHOR) == []


def test_a_task_closed_before_the_lookback_is_not_offered(desk):
    tid = chat_task(desk, AUTHOR, "Старый вопрос")
    close(desk, tid)
    at(desk, "11:05", day=26)                               # 3 days later: a first check does not go back so far
    assert check(desk) == [] and offers(desk, AUTHOR) == []


def test_more_than_the_cap_go_at_the_next_check_oldest_first(desk, monkeypatch):
    import servicedesk.bot.csat as csat
    monkeypatch.setattr(csat, "MAX_PER_CHECK", 1)
    first, second = chat_task(desk, AUTHOR, "Первая"), chat_task(desk, OTHER, "Вторая")
    close(desk, first)
    at(desk, "10:30")
    close(desk, second)
    at(desk, "11:00")
    runner = AlertRunner(run(visit_of(desk, ADMIN)))
    check(desk, runner)
    assert (len(offers(desk, AUTHOR)), len(offers(desk, OTHER))) == (1, 0)      # the older closure first
    check(desk, runner)                                     # within the minute: no check at all
    assert len(offers(desk, OTHER)) == 0
    at(desk, "11:02")
    check(desk, runner)
    at(desk, "11:04")
    check(desk, runner)
    assert (len(offers(desk, AUTHOR)), len(offers(desk, OTHER))) == (1, 1)


# --- the offer redrawn after a press (decisions 171–172) ---------------------------------------

UPDATE = "imbot.v2.Chat.Message.update"


def shown(desk, message) -> list[str]:
    """The offer's buttons as the author sees them now (its texts), and its text unchanged."""
    m = desk.portal.messages[message.id]
    return [b["TEXT"] for b in m.params["KEYBOARD"]["BUTTONS"]]


def marked(vote: str, lang: str = "ru") -> list[str]:
    return [say("csat_chosen", lang, vote=say(f"csat_{v}", lang)) if v == vote else say(f"csat_{v}", lang)
            for v in ("like", "dislike")]


def offered(desk, text: str) -> tuple[int, object]:
    tid = chat_task(desk, AUTHOR, text)
    close(desk, tid)
    at(desk, "11:05")
    check(desk)
    return tid, offers(desk, AUTHOR)[0]


def test_a_press_marks_the_chosen_button_and_a_change_moves_the_mark(desk):
    """Before: the offer kept its two plain buttons whatever was pressed; the author could not see the vote."""
    tid, offer = offered(desk, "Принтер")
    text = offer.text
    assert shown(desk, offer) == [say("csat_like", "ru"), say("csat_dislike", "ru")]
    press(desk, AUTHOR, offer, f"{tid} like")
    assert shown(desk, offer) == marked("like") == ["✓ 👍 Хорошо", say("csat_dislike", "ru")]
    buttons = desk.portal.messages[offer.id].params["KEYBOARD"]["BUTTONS"]
    assert [b["COMMAND_PARAMS"] for b in buttons] == [f"{tid} like", f"{tid} dislike"]   # both still pressable
    assert [b["BG_COLOR_TOKEN"] for b in buttons] == ["primary", "secondary"]
    assert desk.portal.messages[offer.id].params["KEYBOARD"]["BOT_ID"] == _bot(desk)
    press(desk, AUTHOR, offer, f"{tid} dislike")
    assert shown(desk, offer) == marked("dislike")
    assert [b["BG_COLOR_TOKEN"] for b in desk.portal.messages[offer.id].params["KEYBOARD"]["BUTTONS"]] == [
        "secondary", "primary"]
    assert desk.portal.messages[offer.id].text == text                      # the offer's words as they were
    assert votes(desk) == {tid: "dislike"}


def press_in_english(desk, offer, params: str) -> None:
    """The author presses a button of ``offer`` from a client in English; a poll handles it."""
    run(client_of(desk, AUTHOR).call("im.message.command", {"MESSAGE_ID": offer.id, "BOT_ID": _bot(desk),
                                                             "COMMAND": COMMAND, "COMMAND_PARAMS": params}))
    for e in desk.portal.events:
        e.data["language"] = "en"

    async def go():
        return await Poller(await visit_of(desk, SPECIALIST)).poll_once()
    run(go())


def test_the_mark_keeps_the_offers_language_the_answer_speaks_the_pressers(desk):
    """The offer went out in the desk's language (ru); its author's client is in English. The answer
    below is in the press's language, the redrawn buttons stay in the offer's (decision 181). Before: the
    buttons turned English under a Russian offer."""
    tid, offer = offered(desk, "Keyboard")
    assert item_data(next(v for k, e in desk.portal.entities.items() if k.endswith("|sdbot")
                          for v in e["items"].values() if v.get("CODE") == f"csat:{tid}"))["lang"] == "ru"
    press_in_english(desk, offer, f"{tid} like")
    assert shown(desk, offer) == marked("like", "ru")
    assert offers(desk, AUTHOR)[-1].text == say("csat_thanks", "en", vote=say("csat_like", "en"))


def test_an_item_with_no_language_recorded_marks_in_the_press_language(desk):
    """Items written before the offer's language was recorded: the press's language, as before."""
    tid, offer = offered(desk, "Keyboard")
    store = next(e for k, e in desk.portal.entities.items() if k.endswith("|sdbot"))
    for v in store["items"].values():
        if v.get("CODE") == f"csat:{tid}":
            data = item_data(v)
            del data["lang"]
            v["DETAIL_TEXT"] = json.dumps(data)
    press_in_english(desk, offer, f"{tid} like")
    assert shown(desk, offer) == marked("like", "en") == ["✓ 👍 Good", "👎 Bad"]


@pytest.mark.parametrize("fault", ["ACCESS_DENIED", "INTERNAL_SERVER_ERROR"])
def test_a_failed_redraw_keeps_the_vote_once_and_the_next_press_redraws(desk, fault):
    """The vote is stored and answered first; the redraw is best effort: a refusal or a server error is
    logged, the event is not handled again (one vote, one answer), and the same vote pressed again
    redraws the offer."""
    tid, offer = offered(desk, "VPN")
    failing = desk.faults.add(fault, UPDATE, count=100)
    press(desk, AUTHOR, offer, f"{tid} like")
    assert failing.count < 100                                              # the redraw was tried
    assert votes(desk) == {tid: "like"} and shown(desk, offer) == [say("csat_like", "ru"), say("csat_dislike", "ru")]
    press(desk, AUTHOR, offer, f"{tid} like")                               # polled again: nothing came twice
    answers = [m.text for m in offers(desk, AUTHOR)[1:]]
    assert answers == [say("csat_thanks", "ru", vote=say("csat_like", "ru")),
                       say("csat_same", "ru", vote=say("csat_like", "ru"))]
    desk.faults.clear(UPDATE)
    press(desk, AUTHOR, offer, f"{tid} like")
    assert shown(desk, offer) == marked("like") and votes(desk) == {tid: "like"}


def test_the_offer_whose_item_the_press_made_is_marked_and_recorded(desk):
    """The offer's item was not written: the press makes it, takes the offer's id from the press (a
    keyboard press on the bot's message in the author's 1:1 chat naming the task) and records it."""
    tid, offer = offered(desk, "Доступ к папке")
    store = next(e for k, e in desk.portal.entities.items() if k.endswith("|sdbot"))
    store["items"] = {k: v for k, v in store["items"].items() if not str(v.get("CODE")).startswith("csat:")}
    press(desk, AUTHOR, offer, f"{tid} like")
    assert shown(desk, offer) == marked("like")
    (item,) = [v for v in store["items"].values() if str(v.get("CODE")) == f"csat:{tid}"]
    assert item_data(item)["message"] == offer.id


def test_a_press_with_another_tasks_params_marks_no_other_offer(desk):
    """The params are the caller's (152): the author presses offer A with task B's params — B's vote
    counts (B is theirs too), but offer A is not marked with it, nor is B's offer (its text unknown)."""
    first = chat_task(desk, AUTHOR, "Первая")
    second = chat_task(desk, AUTHOR, "Вторая")
    close(desk, first)
    close(desk, second)
    at(desk, "11:05")
    check(desk)
    offer_a, offer_b = offers(desk, AUTHOR)
    assert f"#{first}" in offer_a.text
    press(desk, AUTHOR, offer_a, f"{second} dislike")
    assert votes(desk) == {first: "none", second: "dislike"}
    plain = [say("csat_like", "ru"), say("csat_dislike", "ru")]
    assert shown(desk, offer_a) == plain and shown(desk, offer_b) == plain


def test_a_strangers_press_redraws_nothing(desk):
    mine, theirs = chat_task(desk, AUTHOR, "Почта"), chat_task(desk, OTHER, "Монитор")
    close(desk, mine)
    close(desk, theirs)
    at(desk, "11:05")
    check(desk)
    (their_offer,) = offers(desk, OTHER)
    press(desk, OTHER, their_offer, f"{mine} dislike")
    assert shown(desk, their_offer) == [say("csat_like", "ru"), say("csat_dislike", "ru")]
    assert shown(desk, offers(desk, AUTHOR)[0]) == [say("csat_like", "ru"), say("csat_dislike", "ru")]


# --- the desk's switch for the offers (decision 173) -------------------------------------------

def switch(desk, on: bool) -> None:
    """The admin saves the desk's "Alerts and digest" form with the rating offers on or off."""
    from servicedesk.setup.alerts import alerts_form, save_alerts
    form = {**alerts_form(desk.portal.app_options, 1), "csat_on": on}
    errors, written = run(save_alerts(client_of(desk, ADMIN), form, 1))
    assert errors == {} and written["csat_on"] is on


def test_a_desk_with_the_offers_off_gets_none_and_earlier_offers_still_count(desk):
    """Before: every chat desk got offers (there was no switch)."""
    from servicedesk.context import refresh_desks
    first = chat_task(desk, AUTHOR, "Первая")
    close(desk, first)
    at(desk, "11:05")
    visit = run(visit_of(desk, ADMIN))
    runner = AlertRunner(visit)
    check(desk, runner)
    assert len(offers(desk, AUTHOR)) == 1
    switch(desk, False)
    run(refresh_desks(visit.client, visit.ctx))               # as a page does after the save
    second = chat_task(desk, OTHER, "Вторая")
    close(desk, second)
    at(desk, "11:10")
    check(desk, runner)                                       # the same checker
    at(desk, "11:12")
    check(desk)                                               # a restart, a specialist's page
    check(desk, uid=SPECIALIST)
    assert offers(desk, OTHER) == [] and len(offers(desk, AUTHOR)) == 1
    press(desk, AUTHOR, offers(desk, AUTHOR)[0], f"{first} like")          # an earlier offer still counts
    assert votes(desk) == {first: "like"}
    assert shown(desk, offers(desk, AUTHOR)[0]) == marked("like")

    switch(desk, True)                                        # on again: a first check, 2 days back
    run(refresh_desks(visit.client, visit.ctx))
    at(desk, "11:20")
    check(desk, runner)
    assert len(offers(desk, OTHER)) == 1 and len(offers(desk, AUTHOR)) == 2     # the first: its offer + answer
