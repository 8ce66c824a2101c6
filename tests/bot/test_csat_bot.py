"""Ratings on a chat-first-line desk on devportal over HTTP (decisions 150–154): the bot offers a
one-tap rating to the author of a chat task's message when the task is closed — once (not twice
after a restart or with the state lost), not for tasks not from the chat; a press stores the vote
(a second press changes it), a stranger's press is refused; ru and en."""
from __future__ import annotations

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
