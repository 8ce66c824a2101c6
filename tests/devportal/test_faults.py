"""Injected faults (per method, counted), latency on the fake clock, and the leaky bucket."""
from __future__ import annotations

import pytest

from tests.devportal.dp_portal import ADMIN

CASES = [("QUERY_LIMIT_EXCEEDED", 503), ("expired_token", 401), ("ACCESS_DENIED", 403),
         ("INTERNAL_SERVER_ERROR", 500)]


@pytest.mark.parametrize("kind,status", CASES)
def test_error_faults_for_the_next_n_calls_of_one_method(rest, faults, kind, status):
    faults.add(kind, "user.current", count=2)
    for _ in range(2):
        r = rest.raw(ADMIN, "user.current")
        assert r.status_code == status and r.json()["error"] == kind
        assert rest.raw(ADMIN, "user.admin").status_code == 200          # other methods unaffected
    assert rest.raw(ADMIN, "user.current").status_code == 200


def test_fault_on_every_method_until_cleared(rest, faults):
    faults.add("INTERNAL_SERVER_ERROR")
    assert rest.raw(ADMIN, "user.admin").status_code == 500
    assert rest.raw(ADMIN, "profile").status_code == 500
    faults.clear()
    assert rest.raw(ADMIN, "profile").status_code == 200


def test_fault_inside_a_batch_lands_in_result_error(rest, faults):
    faults.add("ACCESS_DENIED", "user.admin", count=1)
    res = rest.ok(ADMIN, "batch", cmd={"a": "user.admin", "b": "user.current"})
    assert res["result_error"]["a"]["error"] == "ACCESS_DENIED" and "b" in res["result"]


def test_malformed_answer(rest, faults):
    faults.add("malformed", "user.current", count=1)
    r = rest.raw(ADMIN, "user.current")
    assert r.status_code == 200
    with pytest.raises(ValueError):
        r.json()
    assert rest.raw(ADMIN, "user.current").json()["result"]["ID"] == "1"


def test_latency_waits_on_the_injected_clock(rest, faults, clock):
    faults.add("latency", "user.current", ms=1500)
    before = clock.monotonic()
    body = rest(ADMIN, "user.current")
    assert clock.monotonic() - before == pytest.approx(1.5)
    assert body["time"]["duration"] == pytest.approx(1.5)


def test_leaky_bucket_burst_then_two_per_second(rest, faults, clock):
    faults.rate_limit(True)
    assert all(rest.raw(ADMIN, "user.admin").status_code == 200 for _ in range(50))
    refused = rest.raw(ADMIN, "user.admin")
    assert refused.status_code == 503 and refused.json()["error"] == "QUERY_LIMIT_EXCEEDED"
    clock.advance(1.0)
    assert [rest.raw(ADMIN, "user.admin").status_code for _ in range(3)] == [200, 200, 503]
    faults.rate_limit(False)
    assert rest.raw(ADMIN, "user.admin").status_code == 200


def test_a_batch_is_one_request_for_the_bucket(rest, faults):
    faults.rate_limit(True, burst=2)
    assert rest.raw(ADMIN, "batch", cmd=["user.admin" for _ in range(10)]).status_code == 200
    assert rest.raw(ADMIN, "user.admin").status_code == 200
    assert rest.raw(ADMIN, "user.admin").status_code == 503


def test_unknown_fault_kind_is_rejected(faults):
    with pytest.raises(ValueError):
        faults.add("teapot")


def test_repeat_page_answers_the_first_page_whatever_the_cursor(rest, faults):
    """``repeat_page``: a list ignores ``>ID`` (and ``LAST_ID``), alone and inside a batch."""
    params = {"order": {"ID": "ASC"}, "select": ["ID"], "start": -1}
    first = [t["id"] for t in rest(ADMIN, "tasks.task.list", **params)["result"]["tasks"]]
    after = {**params, "filter": {">ID": first[0]}}
    assert [t["id"] for t in rest(ADMIN, "tasks.task.list", **after)["result"]["tasks"]][:49] == first[1:]
    faults.add("repeat_page", "tasks.task.list")
    assert [t["id"] for t in rest(ADMIN, "tasks.task.list", **after)["result"]["tasks"]] == first
    res = rest.ok(ADMIN, "batch", cmd={"a": f"tasks.task.list?filter[%3EID]={first[0]}&order[ID]=ASC&start=-1"})
    assert [t["id"] for t in res["result"]["a"]["tasks"]] == first
