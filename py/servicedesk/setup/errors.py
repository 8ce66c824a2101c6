"""Setup failures as the wizard shows them: an i18n key, the step, and the portal's own words."""
from __future__ import annotations

from ..rest import PortalError
from ..rest.errors import KINDS, kind_of
from ..rest.scopes import missing_scope

# Methods only an admin may call; their refusals are not always ACCESS_DENIED (sonet_group.* answer
# 400 with an empty code, task.item.userfield.add 400 ERROR_CORE, imopenlines 403 CONFIG_WRONG_...).
ADMIN_ONLY = {"app.option.set", "placement.bind", "placement.get", "sonet_group.user.add",
              "sonet_group.user.delete", "sonet_group.setowner", "sonet_group.delete",
              "task.item.userfield.add", "imopenlines.config.update"}
_RIGHTS_WORDS = ("access denied", "permission", "no permissions", "insufficient", "wrong_user_permission")


class SetupError(Exception):
    """A failed step: ``code`` is an i18n key, ``step`` one of spec.STEPS, ``detail`` the portal's text."""

    def __init__(self, code: str, step: str = "", detail: str = "", **info):
        self.code, self.step, self.detail, self.info = code, step, detail, info
        super().__init__(f"{code} at {step}: {detail}" if detail else f"{code} at {step}")


class SetupBusy(SetupError):
    """Another wizard run (another admin, another tab) is setting up the desk right now."""

    def __init__(self, step: str, admin_name: str):
        super().__init__("setup_err_busy", step, admin=admin_name)
        self.admin_name = admin_name


def explain(exc: PortalError, step: str) -> SetupError:
    """The wizard's message for a portal error raised during ``step``: the text of its kind
    (``rest.errors.KINDS``), except that a refusal that only looks like another error is "rights"."""
    text = (exc.description or "").lower()
    kind = kind_of(exc)
    scope = missing_scope(exc)
    if scope:
        return SetupError("setup_err_scope", step, str(exc), scope=scope)
    code = kind.setup
    if kind.name != "auth" and (exc.status in (401, 403) or (
            exc.method in ADMIN_ONLY and exc.status == 400 and (not exc.code or exc.code == "ERROR_CORE")
            and any(w in text or w in exc.code.lower() for w in _RIGHTS_WORDS))):
        code = KINDS["access"].setup
    return SetupError(code, step, str(exc))
