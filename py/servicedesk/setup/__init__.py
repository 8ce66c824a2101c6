"""The setup wizard's steps (no DOM): ``run_setup`` over a RestClient, input validation, the
progress record, and the settings an admin may change afterwards (the support chat)."""
from .errors import SetupBusy, SetupError
from .spec import SetupInput
from .wizard import mark_opened, run_setup

__all__ = ["SetupInput", "SetupError", "SetupBusy", "run_setup", "mark_opened"]
