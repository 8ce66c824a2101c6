"""The app's scope list in one place (servicedesk/rest/scopes.py): exactly the scopes of the methods
its code calls (each page's "Scope:" line), printed by ``build.py scopes``, listed in the README; a
refusal for a missing scope names it (dashboard, My requests, the setup wizard)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from servicedesk.rest import PortalError
from servicedesk.rest.scopes import APP_SCOPES, BASIC, scope_of
from servicedesk.setup.errors import explain
from servicedesk.views.dashboard_data import error_text
from tests.contract.app_methods import app_methods

ROOT = Path(__file__).resolve().parents[2]


def test_the_list_is_the_scopes_of_the_methods_the_app_calls():
    called = app_methods()
    unknown = sorted(m for m in called if scope_of(m) is None)
    assert not unknown, f"methods with no scope in servicedesk/rest/scopes.py: {unknown}"
    assert {scope_of(m) for m in called} - {BASIC} == set(APP_SCOPES)
    assert scope_of("department.get") == "department" and scope_of("crm.activity.list") == "crm"
    assert scope_of("user.admin") == BASIC and scope_of("user.get") == "user"


def test_build_prints_it_and_the_readme_lists_it():
    out = subprocess.run([sys.executable, "build.py", "scopes"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "scopes: " + ",".join(APP_SCOPES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"^\s*Scopes to tick: (.+)$", readme, re.M)
    assert listed and [s.strip(" `.") for s in listed.group(1).split(",")] == list(APP_SCOPES)


def test_a_missing_scope_is_named():
    exc = PortalError("insufficient_scope", "The request requires higher privileges than provided by the webhook token",
                      403, "department.get")
    assert "«department»" in error_text(exc, "ru") and "“department”" in error_text(exc, "en")
    err = explain(exc, "members")
    assert (err.code, err.info) == ("setup_err_scope", {"scope": "department"})


def test_the_worker_refreshes_at_the_documented_authorization_server():
    """settings/oauth/index.md, auto-renewal.md: tokens come from https://oauth.bitrix24.tech/oauth/token/
    only (the secret never goes to the portal); a box portal's admin may set another (oauth_server)."""
    from servicedesk.bot.worker import OAUTH_SERVER
    assert OAUTH_SERVER == "https://oauth.bitrix24.tech/oauth/token/"
