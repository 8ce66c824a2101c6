"""RestClient's retry, refresh and error typing, against a scripted transport (no server)."""
import asyncio

import pytest

from servicedesk.rest import (AccessDenied, AuthExpired, NetworkError, PortalError, RateLimited,
                              Reply, RestClient)
from servicedesk.rest.query import build_query, command


class Scripted:
    """Answers each send with the next scripted reply (or raises it); records what was sent."""

    def __init__(self, *replies):
        self.replies = list(replies)
        self.sent = []
        self.refreshes = 0

    async def send(self, method, params):
        self.sent.append((method, params))
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    async def refresh_auth(self):
        self.refreshes += 1


def ok(result, **extra):
    return Reply(200, {"result": result, "time": {}, **extra})


def err(status, code, text="x"):
    return Reply(status, {"error": code, "error_description": text})


def run(coro):
    return asyncio.run(coro)


def client(transport):
    waits = []

    async def sleep(s):
        waits.append(s)

    c = RestClient(transport, sleep=sleep)
    c.waits = waits
    return c


def test_rate_limit_is_retried_with_growing_backoff():
    t = Scripted(err(503, "QUERY_LIMIT_EXCEEDED"), err(503, "QUERY_LIMIT_EXCEEDED"), ok({"ID": 1}))
    c = client(t)
    assert run(c.call("user.current")) == {"ID": 1}
    assert c.waits == [0.5, 1.0]
    assert c.requests == 3


def test_rate_limit_gives_up_with_typed_error():
    t = Scripted(*[err(503, "QUERY_LIMIT_EXCEEDED")] * 8)
    c = client(t)
    with pytest.raises(RateLimited):
        run(c.call("user.current"))
    assert len(t.sent) == 8
    assert max(c.waits) == 8.0


def test_expired_token_refreshes_once_then_succeeds():
    t = Scripted(err(401, "expired_token"), ok(True))
    c = client(t)
    assert run(c.call("app.option.get")) is True
    assert t.refreshes == 1 and c.waits == []


def test_expired_token_twice_is_an_auth_error():
    t = Scripted(err(401, "expired_token"), err(401, "expired_token"))
    with pytest.raises(AuthExpired):
        run(client(t).call("app.option.get"))
    assert t.refreshes == 1


def test_access_denied_is_not_retried():
    t = Scripted(err(403, "ACCESS_DENIED", "Access denied!"))
    with pytest.raises(AccessDenied) as info:
        run(client(t).call("app.option.set", {"options": {"a": 1}}))
    assert len(t.sent) == 1
    assert info.value.code == "ACCESS_DENIED" and info.value.method == "app.option.set"


def test_server_error_retried_three_times_then_raised():
    t = Scripted(*[err(500, "INTERNAL_SERVER_ERROR")] * 3)
    c = client(t)
    with pytest.raises(PortalError) as info:
        run(c.call("tasks.task.list"))
    assert info.value.code == "INTERNAL_SERVER_ERROR" and len(t.sent) == 3


def test_malformed_body_is_retried_like_a_server_error():
    t = Scripted(Reply(200, None, "<html>oops"), ok([1]))
    assert run(client(t).call("user.get")) == [1]


def test_network_error_retried_then_raised():
    t = Scripted(NetworkError("NETWORK_ERROR", "refused"), NetworkError("NETWORK_ERROR", "refused"),
                 NetworkError("NETWORK_ERROR", "refused"))
    with pytest.raises(NetworkError):
        run(client(t).call("user.current"))
    assert len(t.sent) == 3


def test_unknown_error_code_is_a_portal_error_with_description():
    t = Scripted(err(400, "ERROR_CORE", "Неверный фильтр"))
    with pytest.raises(PortalError, match="Неверный фильтр"):
        run(client(t).call("tasks.task.list"))


def test_list_all_asks_remaining_pages_in_one_batch():
    first = ok({"tasks": [{"id": str(i)} for i in range(50)]}, total=120, next=50)
    rest = ok({"result": {"p50": {"tasks": [{"id": str(i)} for i in range(50, 100)]},
                          "p100": {"tasks": [{"id": str(i)} for i in range(100, 120)]}},
               "result_error": [], "result_total": {}, "result_next": {}})
    t = Scripted(first, rest)
    items = run(client(t).list_all("tasks.task.list", {"filter": {"GROUP_ID": 7}}, key="tasks"))
    assert [int(i["id"]) for i in items] == list(range(120))
    method, params = t.sent[1]
    assert method == "batch" and sorted(params["cmd"]) == ["p100", "p50"]
    assert params["cmd"]["p100"] == "tasks.task.list?filter[GROUP_ID]=7&start=100"


def test_query_encoding_is_php_style():
    assert build_query({"filter": {">ID": 5}, "select": ["ID", "TITLE"]}) == \
        "filter[%3EID]=5&select[0]=ID&select[1]=TITLE"
    assert command("user.current") == "user.current"
    assert build_query({"a": "x y&z", "b": True, "c": None}) == "a=x%20y%26z&b=Y&c="


def test_list_fast_stops_with_a_typed_error_when_a_page_repeats():
    """A portal that ignores ``>ID`` answers the first page again: RepeatedPage, not an endless loop."""
    from servicedesk.rest.errors import RepeatedPage
    page = [{"ID": str(i)} for i in range(1, 51)]
    again = ok({"result": {f"f{k}": page for k in range(50)}, "result_error": [], "result_total": {},
                "result_next": {}})
    t = Scripted(ok(page), *[again] * 5)
    with pytest.raises(RepeatedPage) as info:
        run(client(t).list_fast("tasks.task.list", {"filter": {"GROUP_ID": 7}}))
    assert len(t.sent) == 2 and info.value.method == "tasks.task.list"
    assert "50" in info.value.description


def test_list_fast_reads_pages_that_move_on():
    pages = [[{"id": str(i)} for i in range(s, s + 50)] for s in (1, 51)]
    rest = ok({"result": {"f0": {"tasks": pages[1]}, "f1": {"tasks": [{"id": "101"}]}},
               "result_error": [], "result_total": {}, "result_next": {}})
    t = Scripted(ok({"tasks": pages[0]}), rest)
    items = run(client(t).list_fast("tasks.task.list", key="tasks", item_id="id"))
    assert [int(i["id"]) for i in items] == list(range(1, 102))


def test_a_batch_sends_each_command_after_those_it_refers_to():
    """The portal runs a batch in its order; the caller's dict order is not kept on MicroPython."""
    batch = ok({"result": {}, "result_error": [], "result_total": {}, "result_next": {}})
    t = Scripted(batch)
    run(client(t).batch({
        "c2": ("tasks.task.list", {"filter": {">ID": "$result[c1][tasks][49][id]"}}),
        "members": ("sonet_group.user.get", {"ID": "$result[opts][group_id]"}),
        "c1": ("tasks.task.list", {"filter": {">ID": "$result[c0][tasks][49][id]"}}),
        "me": ("user.current", None),
        "c0": ("tasks.task.list", {"filter": {">ID": 0}}),
        "opts": ("app.option.get", None),
        "loop": ("x", {"a": "$result[loop]"}),             # refers to itself: sent, not waited for
    }))
    sent = list(t.sent[0][1]["cmd"])
    assert sent.index("c0") < sent.index("c1") < sent.index("c2")
    assert sent.index("opts") < sent.index("members")
    assert sorted(sent) == sorted(["c0", "c1", "c2", "members", "me", "opts", "loop"])
    assert sent.index("me") < sent.index("opts")               # otherwise as given


def test_a_batch_with_no_references_keeps_its_order():
    from servicedesk.rest.client import referenced_first
    rows = [(f"k{i}", f"m?x={i}") for i in (3, 1, 2)]
    assert referenced_first(rows) == rows
