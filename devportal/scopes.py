"""Scopes per token: a method whose scope the token lacks is refused with 403 ``insufficient_scope``
(_includes/system-errors.md: "The request requires higher privileges than provided by the webhook
token"; in a batch, the command's ``result_error``, settings/how-to-call-rest-api/batch.md).

Each method's scope is the "Scope:" line of its docs page (the app's own table, servicedesk/rest/
scopes.py, is the same reading; devportal reads that file as the installed demo app's declaration,
the way a portal keeps the scopes an admin ticked). ``basic`` needs nothing; the sonet_group pages
say ``sonet``, the scopes table (api-reference/scopes/permissions.md) ``sonet_group, socialnetwork``:
any of the three will do; user.* take ``user``, ``user_brief`` or ``user_basic``.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from .envelope import RestError

_APP = Path(__file__).resolve().parent.parent / "py" / "servicedesk" / "rest" / "scopes.py"
_spec = importlib.util.spec_from_file_location("_servicedesk_scopes", _APP)
_table = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_table)

APP_SCOPES = frozenset(_table.APP_SCOPES)      # what the demo app is installed with
ALIASES = {"sonet_group": {"sonet_group", "sonet", "socialnetwork"},
           "user": {"user", "user_brief", "user_basic"}}          # user/user-current.md's Scope line
TEXT = "The request requires higher privileges than provided by the webhook token"


def check(method: str, scopes) -> None:
    """Refuse ``method`` when ``scopes`` (None = every scope) lacks the one it needs."""
    if scopes is None:
        return
    need = _table.scope_of(method)
    if need in (None, _table.BASIC):
        return
    if not (ALIASES.get(need, {need}) & set(scopes)):
        raise RestError(403, "insufficient_scope", TEXT)
