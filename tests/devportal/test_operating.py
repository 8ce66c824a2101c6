"""OPERATION_TIME_LIMIT as settings/performance/limits.md describes it: a method's execution time per
app, in one-minute buckets kept 10 minutes; over the limit the next call of that method is refused
with 429 (other methods go on), ``time`` carries ``operating`` and ``operating_reset_at``."""
from __future__ import annotations

from datetime import datetime, timezone

from tests.devportal.dp_portal import MANAGER, SUPPORT_GROUP


def test_a_heavy_method_is_blocked_until_its_oldest_bucket_leaves(rest, clock):
    rest.service.operating.cost["tasks.task.list"] = 100.0
    first = clock.now().timestamp()
    times = []
    for _ in range(5):                                 # 500 s counted: over 480 after the fifth call
        times.append(rest(MANAGER, "tasks.task.list", filter={"GROUP_ID": SUPPORT_GROUP})["time"])
        clock.advance(20)
    assert [t["operating"] for t in times] == [100.0, 200.0, 300.0, 400.0, 500.0]
    assert {t["operating_reset_at"] for t in times[:3]} == {int(first) + 600}
    r = rest.raw(MANAGER, "tasks.task.list", filter={"GROUP_ID": SUPPORT_GROUP})
    assert (r.status_code, r.json()["error"]) == (429, "OPERATION_TIME_LIMIT")
    assert r.json()["error_description"] == "Method is blocked due to operation time limit"
    assert rest.raw(MANAGER, "tasks.task.get", taskId=7).status_code == 200     # other methods go on
    batch = rest.ok(MANAGER, "batch", cmd={"a": "tasks.task.list", "b": "user.current"})
    assert batch["result_error"]["a"]["error"] == "OPERATION_TIME_LIMIT" and "b" in batch["result"]
    clock.set(datetime.fromtimestamp(int(first) + 600, timezone.utc))   # the first minute's bucket leaves
    again = rest(MANAGER, "tasks.task.list", filter={"GROUP_ID": SUPPORT_GROUP})
    assert again["time"]["operating"] == 300.0       # the second minute's 200 s and this call's 100 s


def test_each_app_and_webhook_has_its_own_count(rest, client, clock):
    rest.service.operating.cost["user.current"] = 500.0
    rest.ok(MANAGER, "user.current")
    assert rest.raw(MANAGER, "user.current").status_code == 429
    code = rest.service.tokens.webhook_code(MANAGER)
    assert client.post(f"/rest/{MANAGER}/{code}/user.current").status_code == 200


def test_light_methods_never_block(rest):
    for _ in range(60):
        body = rest(MANAGER, "user.current")
    assert body["time"]["operating"] == 0 and "result" in body
