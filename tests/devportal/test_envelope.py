"""Envelopes, paging, errors, calling conventions (JSON, form, query string, webhook, CORS)."""
from __future__ import annotations

from datetime import timedelta

from tests.devportal.dp_portal import ADMIN, GROUP_TASKS, MANAGER, SPECIALIST, SUPPORT_GROUP

TIME_KEYS = {"start", "finish", "duration", "processing", "date_start", "date_finish",
             "operating", "operating_reset_at"}


def test_every_answer_has_a_time_object(rest):
    body = rest(ADMIN, "user.current")
    assert set(body) == {"result", "time"}
    assert set(body["time"]) == TIME_KEYS
    assert body["time"]["date_start"] == "2026-11-25T12:00:00+03:00"
    assert body["result"]["ID"] == "1"


def test_list_pages_of_50_with_total_and_next(rest):
    first = rest(MANAGER, "tasks.task.list", filter={"GROUP_ID": SUPPORT_GROUP}, order={"ID": "ASC"})
    assert first["total"] == GROUP_TASKS and first["next"] == 50
    assert len(first["result"]["tasks"]) == 50
    last = rest(MANAGER, "tasks.task.list", filter={"GROUP_ID": SUPPORT_GROUP}, order={"ID": "ASC"}, start=50)
    assert last["total"] == GROUP_TASKS and "next" not in last
    assert [t["id"] for t in last["result"]["tasks"]] == [str(i) for i in range(51, 61)]


def test_start_minus_one_skips_the_count(rest):
    body = rest(MANAGER, "tasks.task.list", filter={">ID": 10, "GROUP_ID": SUPPORT_GROUP},
                order={"ID": "ASC"}, start=-1)
    assert "total" not in body and "next" not in body
    assert body["result"]["tasks"][0]["id"] == "11" and len(body["result"]["tasks"]) == 50


def test_errors_have_status_and_code(rest, client):
    r = rest.raw(ADMIN, "no.such.method")
    assert r.status_code == 404 and r.json()["error"] == "ERROR_METHOD_NOT_FOUND"
    r = client.post("/rest/user.current", json={})
    assert r.status_code == 401 and r.json()["error"] == "NO_AUTH_FOUND"
    r = client.post("/rest/user.current", json={"auth": "bogus"})
    assert r.status_code == 401 and r.json()["error"] == "invalid_token"
    assert set(r.json()) == {"error", "error_description"}


def test_token_expires_on_the_portal_clock(rest, clock):
    assert rest.raw(ADMIN, "user.current").status_code == 200
    clock.advance(3601)
    r = rest.raw(ADMIN, "user.current")
    assert r.status_code == 401 and r.json()["error"] == "expired_token"


def test_json_suffix_get_query_and_form_bodies(rest, client):
    token = rest.token(MANAGER)
    by_get = client.get(f"/rest/tasks.task.list.json?auth={token}&filter[>ID]=55&filter[GROUP_ID]={SUPPORT_GROUP}"
                        "&select[0]=ID&select[1]=TITLE&order[ID]=asc")
    assert by_get.status_code == 200, by_get.text
    assert [t["id"] for t in by_get.json()["result"]["tasks"]] == ["56", "57", "58", "59", "60"]
    assert set(by_get.json()["result"]["tasks"][0]) == {"id", "title"}
    form = client.post("/rest/tasks.task.list", data={"auth": token, "filter[>=ID]": "59", "select[]": "ID",
                                                      "order[ID]": "ASC"})
    assert [t["id"] for t in form.json()["result"]["tasks"]] == ["59", "60"]


def test_webhook_url_form(client, app):
    code = app.state.service.tokens.webhook_code(SPECIALIST)
    r = client.post(f"/rest/{SPECIALIST}/{code}/user.current.json")
    assert r.status_code == 200 and r.json()["result"]["ID"] == str(SPECIALIST)
    r = client.post(f"/rest/{SPECIALIST}/wrong/user.current")
    assert r.status_code == 401 and r.json()["error"] == "NO_AUTH_FOUND"
    r = client.post(f"/rest/{SPECIALIST}/{code}/app.info")       # no application context: app-info.md
    assert (r.status_code, r.json()) == (400, {"error": "ACCESS_DENIED",
                                               "error_description": "Access denied! Application context required"})
    r = client.post(f"/rest/{SPECIALIST}/{code}/app.option.get")  # app-option-get.md
    assert (r.status_code, r.json()["error"], r.json()["error_description"]) == (
        400, "AccessException", "Application context required")
    r = client.post(f"/rest/{SPECIALIST}/{code}/user.get", json={"FILTER": {"ID": SPECIALIST}})
    assert r.json()["result"][0]["XML_ID"]                      # user/user-fields.md: XML_ID


def test_cors_preflight_and_headers(rest, client):
    pre = client.options("/rest/user.current", headers={
        "Origin": "http://app.local:9000", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code == 200                    # Starlette's CORSMiddleware; a browser takes any 2xx
    assert pre.headers["access-control-allow-origin"] == "http://app.local:9000"
    assert "POST" in pre.headers["access-control-allow-methods"]
    assert "content-type" in pre.headers["access-control-allow-headers"].lower()
    assert pre.headers["access-control-max-age"] == "600" and "Origin" in pre.headers["vary"]
    assert "access-control-allow-credentials" not in pre.headers
    r = client.post("/rest/user.current", json={"auth": rest.token(ADMIN)}, headers={"Origin": "http://app.local:9000"})
    assert r.headers["access-control-allow-origin"] == "http://app.local:9000" and "Origin" in r.headers["vary"]
    err = client.post("/rest/user.current", json={}, headers={"Origin": "http://x"})
    assert err.status_code == 401 and err.headers["access-control-allow-origin"] == "http://x"


def test_cors_refuses_a_header_it_does_not_allow_and_needs_an_origin(rest, client):
    pre = client.options("/rest/user.current", headers={
        "Origin": "http://app.local:9000", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, x-secret"})
    assert pre.status_code == 400                    # the browser would refuse it anyway: not in the allowed list
    same_origin = client.post("/rest/user.current", json={"auth": rest.token(ADMIN)})
    assert same_origin.status_code == 200 and "access-control-allow-origin" not in same_origin.headers


def test_invalid_json_body_is_a_400(rest, client):
    r = client.post("/rest/user.current", content=b"{broken", headers={"Content-Type": "application/json"})
    assert r.status_code == 400


def test_dates_follow_the_clock(rest, clock):
    clock.advance(timedelta(days=1).total_seconds())
    task = rest.ok(ADMIN, "tasks.task.add", fields={"TITLE": "x", "RESPONSIBLE_ID": ADMIN})["task"]
    assert task["createdDate"] == "2026-11-26T12:00:00+03:00"


def test_dialogs_unknown_or_malformed_as_the_pages_answer(rest):
    """im-dialog-messages-get.md: a DIALOG_ID in a wrong format is 400 DIALOG_ID_EMPTY; a chat one may
    not see 403 ACCESS_ERROR (an unknown chat or user alike: nothing tells whether it exists)."""
    for dialog, status, code in (("chat999999", 403, "ACCESS_ERROR"), ("999999", 403, "ACCESS_ERROR"),
                                 ("chatabc", 400, "DIALOG_ID_EMPTY"), ("", 400, "DIALOG_ID_EMPTY")):
        r = rest.raw(ADMIN, "im.dialog.messages.get", DIALOG_ID=dialog)
        assert (r.status_code, r.json()["error"]) == (status, code), dialog


def test_placement_bind_keeps_lang_all_and_user_id_only_where_documented(rest):
    """placement-bind.md: LANG_ALL per language; USER_ID only for PAGE_BACKGROUND_WORKER, else
    ERROR_PLACEMENT_USER_MODE; placement-get.md answers them back."""
    langs = {"en": {"TITLE": "Create a request", "DESCRIPTION": "d", "GROUP_NAME": "g"},
             "ru": {"TITLE": "Создать заявку", "DESCRIPTION": "о", "GROUP_NAME": "г"}}
    rest.ok(ADMIN, "placement.bind", PLACEMENT="IM_CONTEXT_MENU", HANDLER="http://app/", TITLE="t", LANG_ALL=langs)
    r = rest.raw(ADMIN, "placement.bind", PLACEMENT="IM_TEXTAREA", HANDLER="http://app/", USER_ID=ADMIN,
                 OPTIONS={"iconName": "fa-bug"})
    assert (r.status_code, r.json()["error"]) == (400, "ERROR_PLACEMENT_USER_MODE")
    rest.ok(ADMIN, "placement.bind", PLACEMENT="PAGE_BACKGROUND_WORKER", HANDLER="http://app/w", USER_ID=ADMIN)
    got = {p["placement"]: p for p in rest.ok(ADMIN, "placement.get")}
    assert got["IM_CONTEXT_MENU"]["langAll"] == langs and got["IM_CONTEXT_MENU"]["userId"] == 0
    assert got["PAGE_BACKGROUND_WORKER"]["userId"] == ADMIN and "IM_TEXTAREA" not in got
