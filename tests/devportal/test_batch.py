"""batch: $result references (after URL-decoding), result_error, halt, list cmd, the 50 cap."""
from __future__ import annotations

from urllib.parse import urlencode

from tests.devportal.dp_portal import ADMIN, MANAGER, SUPPORT_GROUP

BATCH_KEYS = {"result", "result_error", "result_total", "result_next", "result_time"}


def test_chained_pages_with_result_references(rest):
    first = "tasks.task.list?" + urlencode({"filter[GROUP_ID]": SUPPORT_GROUP, "filter[>ID]": 0,
                                            "order[ID]": "ASC", "select[0]": "ID", "start": -1})
    second = "tasks.task.list?" + urlencode({"filter[GROUP_ID]": SUPPORT_GROUP, "order[ID]": "ASC",
                                             "select[0]": "ID", "start": -1}) \
        + "&filter%5B%3EID%5D=%24result%5Bp0%5D%5Btasks%5D%5B49%5D%5Bid%5D"     # URL-encoded reference
    body = rest(MANAGER, "batch", halt=0, cmd={"p0": first, "p1": second})
    assert set(body["result"]) == BATCH_KEYS and "time" in body
    res = body["result"]
    assert len(res["result"]["p0"]["tasks"]) == 50
    assert [t["id"] for t in res["result"]["p1"]["tasks"]] == [str(i) for i in range(51, 61)]
    assert res["result_error"] == [] and res["result_next"] == [] and res["result_total"] == []
    assert set(res["result_time"]["p0"]) >= {"start", "finish", "duration", "date_start"}


def test_errors_go_to_result_error_and_halt_stops(rest):
    cmd = {"me": "user.current", "bad": "no.such.method", "after": "user.admin"}
    body = rest(ADMIN, "batch", halt=0, cmd=cmd)["result"]
    assert body["result_error"]["bad"]["error"] == "ERROR_METHOD_NOT_FOUND"
    assert set(body["result"]) == {"me", "after"}
    halted = rest(ADMIN, "batch", halt=1, cmd=cmd)["result"]
    assert set(halted["result"]) == {"me"} and set(halted["result_error"]) == {"bad"}


def test_list_cmd_totals_and_next(rest):
    body = rest(MANAGER, "batch", halt="true", cmd=["user.current", f"tasks.task.list?filter[GROUP_ID]={SUPPORT_GROUP}"])
    res = body["result"]
    assert isinstance(res["result"], list) and res["result"][0]["ID"] == str(MANAGER)
    assert res["result_total"] == {"1": 60} and res["result_next"] == {"1": 50}


def test_form_encoded_batch_and_whole_value_reference(rest, client):
    data = {"auth": rest.token(MANAGER), "halt": "0",
            "cmd[u]": "user.current",
            "cmd[t]": "tasks.task.list?filter[RESPONSIBLE_ID]=$result[u][ID]&filter[>ID]=58"}
    body = client.post("/rest/batch.json", data=data).json()["result"]
    assert [t["id"] for t in body["result"]["t"]["tasks"]] == []      # the manager is responsible for none
    data["auth"] = rest.token(3)
    body = client.post("/rest/batch", data=data).json()["result"]
    assert [t["id"] for t in body["result"]["t"]["tasks"]] == ["60", "59"]


def test_more_than_50_commands_and_nested_batch(rest):
    cmd = {f"c{i}": "user.admin" for i in range(52)}
    cmd["nested"] = "batch?cmd[a]=user.current"
    res = rest(ADMIN, "batch", cmd=cmd)["result"]
    assert len(res["result"]) == 50
    assert res["result_error"]["c50"]["error"] == "ERROR_BATCH_LENGTH_EXCEEDED"
    assert res["result_error"]["nested"]["error"] in ("ERROR_BATCH_LENGTH_EXCEEDED", "ERROR_BATCH_METHOD_NOT_ALLOWED")
    small = rest(ADMIN, "batch", cmd={"n": "batch?cmd[a]=user.current"})["result"]
    assert small["result_error"]["n"]["error"] == "ERROR_BATCH_METHOD_NOT_ALLOWED"
