"""rest.errors' one table: what is temporary and what the user is told, for every kind of error,
and the modules that used to decide it themselves agreeing with it."""
import pytest

from servicedesk.bot.send import transient
from servicedesk.loader.plan import Plan
from servicedesk.rest.errors import (AccessDenied, AuthExpired, MethodBlocked, NetworkError, PortalError, RateLimited,
                                     RepeatedPage, error_from, is_lost_answer, is_temporary,
                                     wait_helps)
from servicedesk.setup.errors import explain
from servicedesk.views.i18n import error_text
from servicedesk.views.i18n import t

# error, temporary, wait helps, lost answer, dashboard key, setup key
CASES = [
    (AccessDenied("ACCESS_DENIED", "", 403), False, False, False, "dash_access_denied", "setup_err_rights"),
    (AuthExpired("expired_token", "", 401), True, False, False, "dash_auth_expired", "setup_err_auth"),
    (RateLimited("QUERY_LIMIT_EXCEEDED", "", 503), True, True, True, "dash_rate_limited", "setup_err_rate"),
    (MethodBlocked("OPERATION_TIME_LIMIT", "", 429), True, False, False, "dash_blocked", "setup_err_blocked"),
    (NetworkError("NETWORK_ERROR"), True, True, True, "dash_network", "setup_err_network"),
    (NetworkError("TIMEOUT"), True, True, True, "dash_network", "setup_err_network"),
    (PortalError("MALFORMED_RESPONSE", "", 200), True, True, True, "dash_portal_error", "setup_err_network"),
    (PortalError("INTERNAL_SERVER_ERROR", "", 500), True, True, True, "dash_portal_error", "setup_err_server"),
    (PortalError("SOMETHING", "", 502), True, True, True, "dash_portal_error", "setup_err_server"),
    (PortalError("ERROR_CORE", "bad filter", 400), False, False, False, "dash_portal_error", "setup_err_portal"),
    (RepeatedPage("REPEATED_PAGE", "", 0), False, False, False, "dash_portal_error", "setup_err_portal"),
]


@pytest.mark.parametrize("exc,temporary,wait,lost,dash,setup", CASES, ids=lambda v: getattr(v, "code", None))
def test_one_table_answers_every_question(exc, temporary, wait, lost, dash, setup):
    assert is_temporary(exc) is temporary and transient(exc) is temporary
    assert wait_helps(exc) is wait
    assert is_lost_answer(exc) is lost
    assert error_text(exc, "en").startswith(t(dash, "en"))
    assert explain(exc, "group").code == setup


def test_typed_errors_come_from_the_table():
    assert type(error_from("insufficient_scope")) is AccessDenied
    assert type(error_from("invalid_token")) is AuthExpired
    assert type(error_from("OPERATION_TIME_LIMIT")) is MethodBlocked
    # app.option.set by a non-admin: 400 AccessException (common/settings/app-option-set.md) is rights
    refused = error_from("AccessException", "Administrator authorization required", 400, "app.option.set")
    assert type(refused) is AccessDenied and explain(refused, "settings").code == "setup_err_rights"
    assert error_text(refused, "en").startswith(t("dash_access_denied", "en"))
    assert type(error_from("TIMEOUT")) is NetworkError
    assert type(error_from("ERROR_CORE")) is PortalError


def test_batch_command_errors_by_code():
    """The loader's and start-up's retries of one command: rate limits and 5xx codes, nothing else."""
    for code, again in (("QUERY_LIMIT_EXCEEDED", True), ("INTERNAL_SERVER_ERROR", True),
                        ("ACCESS_DENIED", False), ("expired_token", False), ("ERROR_CORE", False)):
        assert wait_helps({"error": code}) is again
        assert Plan().transient({"error": code, "error_description": ""}) is again
    assert Plan().transient("not a dict") is False


def test_what_is_not_a_portal_error_is_not_temporary():
    assert not is_temporary(ValueError("boom")) and not transient(KeyError("x"))
    assert error_text(ValueError("boom"), "en").endswith("boom")


def test_an_admin_only_refusal_that_looks_like_a_bad_request_says_rights():
    exc = PortalError("", "Access denied", 400, "sonet_group.setowner")
    assert explain(exc, "group").code == "setup_err_rights"
    assert explain(AuthExpired("expired_token", "", 401), "group").code == "setup_err_auth"
