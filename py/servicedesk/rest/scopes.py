"""The app's permissions (scopes) in one place: what each REST method it calls needs, per the
"Scope:" line of the method's docs page, and the list an admin ticks for the app (``APP_SCOPES``).

``build.py scopes`` prints it, the README's install guide lists it (tests/unit/test_scopes.py keeps
them equal), devportal's demo app is installed with it. Scope codes as api-reference/scopes/
permissions.md names them (the sonet_group pages say ``sonet``; the table's code is ``sonet_group``).
"""
from __future__ import annotations

BASIC = "basic"       # "базовый": every app has it (app.*, batch, profile, user.admin)

# method prefix -> scope (the longest prefix wins); each from its pages' "Scope:" line
PREFIXES = (
    ("app.", BASIC), ("batch", BASIC), ("profile", BASIC), ("user.admin", BASIC), ("user.option.", BASIC),
    ("user.", "user"), ("department.", "department"), ("calendar.", "calendar"), ("crm.", "crm"),
    ("im.", "im"), ("imbot.", "imbot"), ("imopenlines.", "imopenlines"), ("placement.", "placement"),
    ("sonet_group.", "sonet_group"), ("task.", "task"), ("tasks.", "task"),
    ("userfieldconfig.", "userfieldconfig"), ("entity.", "entity"),   # entity: the bot's lease and alert keys   # crm/universal/userfieldconfig/*: also the module's (crm)
)

# What the app calls needs these (crm: the Open Line figures' fallback and the CRM desks; department: the
# people picker's departments; userfieldconfig: the CRM desks' fields); basic is not ticked, every app has it.
APP_SCOPES = ("calendar", "crm", "department", "im", "imbot", "imopenlines", "placement", "sonet_group",
              "task", "user", "userfieldconfig", "entity")


def scope_of(method: str) -> str | None:
    """The scope ``method`` needs (None when no prefix knows it)."""
    name = str(method or "").lower()
    best = None
    for prefix, scope in PREFIXES:
        if (name == prefix or name.startswith(prefix)) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, scope)
    return best[1] if best else None


def missing_scope(exc) -> str | None:
    """The scope an ``insufficient_scope`` refusal of ``exc.method`` lacks (None for other errors)."""
    if getattr(exc, "code", "") != "insufficient_scope":
        return None
    return scope_of(getattr(exc, "method", "")) or "?"
