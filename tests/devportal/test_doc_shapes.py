"""Our answers against the JSON examples of the docs pages (tests/devportal/doc_examples/).

Each example is copied from the page named in its ``_source``. Checked: the envelope keys, every
key we send exists in the example with the same JSON type; keys the example has and we leave out
must be listed in OMITTED (fields with no meaning on devportal: files, CRM, copilot, ...).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.devportal.dp_portal import ADMIN, MANAGER, OL_CHAT, OPERATOR, PLAIN, SPECIALIST, SUPPORT_CHAT, SUPPORT_GROUP
from tests.devportal.shapes import diff

EXAMPLES = Path(__file__).parent / "doc_examples"


def example(name: str) -> dict:
    data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    data.pop("_source")
    return data


def setup_bot(rest):
    bid = rest.ok(ADMIN, "imbot.v2.Bot.register", fields={"code": "sd", "properties": {"name": "SD"}})["bot"]["id"]
    cid = rest.ok(MANAGER, "im.chat.add", TITLE="bot chat", USERS=[bid, SPECIALIST])
    rest.ok(ADMIN, "imbot.v2.Command.register", botId=bid, fields={"command": "help", "title": {"en": "Help"}})
    rest.ok(SPECIALIST, "im.message.add", DIALOG_ID=f"chat{cid}", MESSAGE="/help topic")
    rest.ok(SPECIALIST, "im.message.add", DIALOG_ID=str(bid), MESSAGE="hello bot")
    return bid, cid


CALLS = {
    "user.current": (ADMIN, {}),
    "user.get": (ADMIN, {}),
    "profile": (ADMIN, {}),
    "app.info": (ADMIN, {}),
    "sonet_group.get": (ADMIN, {"IS_ADMIN": "Y"}),
    "sonet_group.user.get": (MANAGER, {"ID": SUPPORT_GROUP}),
    "tasks.task.add": (MANAGER, {"fields": {"TITLE": "x", "RESPONSIBLE_ID": SPECIALIST, "GROUP_ID": SUPPORT_GROUP,
                                            "AUDITORS": [ADMIN]}}),
    "tasks.task.get": (MANAGER, {"taskId": 7}),
    "tasks.task.list": (MANAGER, {"filter": {"ID": 7}}),
    "task.item.userfield.getlist": (ADMIN, {}),
    "im.dialog.messages.get": (MANAGER, {"DIALOG_ID": f"chat{SUPPORT_CHAT}"}),
    "im.dialog.messages.search": (MANAGER, {"CHAT_ID": SUPPORT_CHAT}),
    "im.chat.get": (OPERATOR, {"ENTITY_TYPE": "LINES", "ENTITY_ID": "livechat|1|22|100"}),
    "imopenlines.config.list.get": (ADMIN, {}),
    "imopenlines.config.get": (ADMIN, {"CONFIG_ID": 1}),
    "imopenlines.session.history.get": (OPERATOR, {"CHAT_ID": OL_CHAT}),
    "crm.activity.list": (ADMIN, {"filter": {"PROVIDER_ID": "IMOPENLINES_SESSION"}}),
    "calendar.settings.get": (PLAIN, {}),               # "any user"
}

# Keys of an example we do not send: fields with no meaning on devportal (timers, CRM, files, ...).
OMITTED = {
    "tasks.task.list": {"lengthDeadline", "taskRequireResult", "taskHasOpenResult", "taskHasResult",
                        "timeElapsed", "timerIsRunningForCurrentUser", "parsedDescription", "counter", "tags"},
    "tasks.task.add": {"action", "checkListTree", "checkListCanAdd"},
    "tasks.task.get": {"action", "checkListTree", "checkListCanAdd", "ufCrmTask", "ufTaskWebdavFiles",
                       "ufMailMessage"},
    "crm.activity.list": {"next"},                      # the example is a first page; ours is the last
    "userfieldconfig.list": {"next"},                   # the same: a first page of 94
    "imopenlines.config.get": {"*"},                    # 100+ settings: we send the ones the app uses
}
# Keys we send that an example leaves out (the example shows a selection, or another page documents them).
EXTRA = {
    "user.get": {"PERSONAL_PHOTO", "XML_ID"},           # XML_ID: user/user-fields.md
    "user.current": {"PERSONAL_PHOTO", "XML_ID", "SECOND_NAME", "TIME_ZONE", "PERSONAL_WWW", "PERSONAL_MOBILE",
                     "PERSONAL_CITY", "WORK_PHONE", "USER_TYPE", "TIMESTAMP_X", "WORK_POSITION"},
    "profile": {"PERSONAL_PHOTO"},
    "tasks.task.add": {"subStatus"},
    "tasks.task.get": {"*"},                            # the example shows a select; the add page shows all
    "tasks.task.list": {"*"},
    "imopenlines.config.get": {"*"},
}
# Paths whose JSON type differs between docs pages (search shows phones as an object, the others false).
TYPE_OK = {"$.result.users[0].phones"}


def check(name: str, answer: dict, doc: dict | None = None) -> list[str]:
    """Shape differences of ``answer`` from the docs example ``name`` not explained above."""
    omitted, extra = OMITTED.get(name, set()), EXTRA.get(name, set())
    out = []
    for line in diff(answer, doc or example(name)):
        path, what = line.split(": ", 1)
        key = path.rsplit(".", 1)[-1]
        if path.startswith("$.time") or path in TYPE_OK:
            continue
        if what == "missing" and ("*" in omitted or key in omitted):
            continue
        if what == "not in the docs" and ("*" in extra or key in extra or key.startswith("uf")):
            continue
        out.append(line)
    return out


@pytest.mark.parametrize("name", sorted(CALLS))
def test_answer_matches_the_docs_example(rest, name):
    user, params = CALLS[name]
    r = rest.raw(user, name, **params)
    assert r.status_code == 200, r.text
    problems = check(name, r.json())
    assert not problems, "\n".join(problems)


def test_recent_list_chat_item_matches_the_docs(rest):
    ours = rest(MANAGER, "im.recent.list")
    doc = example("im.recent.list")
    def pick(body):
        return {**body, "result": {**body["result"], "items": [
            i for i in body["result"]["items"] if i["type"] == "chat"][:1]}}
    assert ours["total"] == -1
    assert not check("im.recent.list", pick(ours), pick(doc))


def test_batch_envelope_matches_the_docs(rest):
    ours = rest(MANAGER, "batch", cmd={"get_user": "user.current", "get_department": "sonet_group.user.get?ID=10"})
    doc = example("batch")
    assert set(ours) == set(doc) | {"time"} and set(ours["result"]) == set(doc["result"])
    assert set(ours["result"]["result_time"]["get_user"]) >= set(doc["result"]["result_time"]["get_user"])
    assert ours["result"]["result_error"] == doc["result"]["result_error"] == []
    assert not check("user.current", {"result": ours["result"]["result"]["get_user"]},
                     {"result": doc["result"]["result"]["get_user"]})


def test_bot_answers_and_events_match_the_docs(rest):
    bid, cid = setup_bot(rest)
    answers = {
        "imbot.v2.Bot.register": rest(ADMIN, "imbot.v2.Bot.register", fields={"code": "sd", "properties": {"name": "SD"}}),
        "imbot.v2.Bot.list": rest(ADMIN, "imbot.v2.Bot.list"),
        "imbot.v2.Command.register": rest(ADMIN, "imbot.v2.Command.register", botId=bid,
                                          fields={"command": "help", "title": {"en": "Help"}}),
        "imbot.v2.Chat.Message.send": rest(ADMIN, "imbot.v2.Chat.Message.send", botId=bid, dialogId=f"chat{cid}",
                                           fields={"message": "hi"}),
    }
    events = rest.ok(ADMIN, "imbot.v2.Event.get", botId=bid)
    answers["imbot.v2.Event.get"] = {"result": {**events, "events": [{**events["events"][0], "data": {}}]},
                                     "time": {}}
    problems = []
    for name, answer in answers.items():
        problems += [f"{name} {ln}" for ln in check(name, answer)]
    by_type = {e["type"]: e["data"] for e in events["events"]}
    assert set(by_type) == {"ONIMBOTV2JOINCHAT", "ONIMBOTV2COMMANDADD", "ONIMBOTV2MESSAGEADD"}
    for kind_, data in by_type.items():
        problems += [f"{kind_} {ln}" for ln in check("event", data, example(f"event.{kind_}"))]
    assert not problems, "\n".join(problems)


def test_placement_get_matches_the_docs(rest):
    rest.ok(ADMIN, "placement.bind", PLACEMENT="IM_CONTEXT_MENU", HANDLER="http://app/", TITLE="t",
            OPTIONS={"context": "ALL"})
    assert not check("placement.get", rest(ADMIN, "placement.get"))
