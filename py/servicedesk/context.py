"""Who is using the app, where, and how the desk is set up: read once at start-up in one batch."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model.values import display_name
from .rest import RestClient
from .rest.errors import error_from, wait_helps

CHAT_PLACEMENTS = {"IM_CONTEXT_MENU", "IMMOBILE_CONTEXT_MENU", "IM_TEXTAREA", "IM_SIDEBAR"}


@dataclass
class AppContext:
    """The current user, the placement the app was opened in, and the desk's settings."""
    user_id: int
    user_name: str
    is_admin: bool
    lang: str = "ru"
    placement: str = "DEFAULT"
    placement_options: dict = field(default_factory=dict)
    settings: dict = field(default_factory=dict)      # app options; empty = not set up yet
    owner_id: int | None = None
    member_ids: list[int] = field(default_factory=list)
    group_error: str = ""                             # why the group could not be read, if it could not

    @property
    def configured(self) -> bool:
        return bool(self.settings.get("group_id"))

    @property
    def support_ids(self) -> set[int]:
        """The desk's support side as it is now: the group's owner and members."""
        return {i for i in (self.owner_id, *self.member_ids) if i}

    @property
    def is_support(self) -> bool:
        """The group's owner or a member (as they are now)."""
        return self.user_id == self.owner_id or self.user_id in self.member_ids

    @property
    def role(self) -> str:
        if self.user_id == self.owner_id:
            return "manager"
        if self.user_id in self.member_ids:
            return "specialist"
        return "admin" if self.is_admin else "user"


def choose_view(ctx: AppContext) -> str:
    """The screen to open: setup, not_configured, task_from_message, dashboard or my_requests."""
    if not ctx.configured:
        return "setup" if ctx.is_admin else "not_configured"
    if ctx.placement in CHAT_PLACEMENTS:
        return "task_from_message"
    return "dashboard" if ctx.is_support else "my_requests"


async def load_context(client: RestClient, *, is_admin: bool, lang: str = "ru", placement: str = "DEFAULT",
                       placement_options: dict | None = None) -> AppContext:
    """The current user, the app's settings and the support group's members, in one request."""
    for attempt in range(client.retry.server_attempts):   # a passing failure of user.current: ask again
        res = await client.batch({
            "me": ("user.current", None),
            "opts": ("app.option.get", None),
            "members": ("sonet_group.user.get", {"ID": "$result[opts][group_id]"}),
        })
        err = res.errors.get("me")
        err = err if isinstance(err, dict) or err is None else {}
        if err is None or not wait_helps(err):
            break
        await client.sleep(client.retry.delay(attempt))
    if err is not None:
        raise error_from(str(err.get("error") or "ERROR"), str(err.get("error_description") or ""), 0, "user.current")
    me = res.result.get("me") or {}
    opts = res.result.get("opts")
    settings = opts if isinstance(opts, dict) else {}
    ctx = AppContext(
        user_id=int(me.get("ID", 0)),
        user_name=display_name(me),
        is_admin=bool(is_admin), lang=lang or "ru", placement=placement or "DEFAULT",
        placement_options=placement_options or {}, settings=settings)
    if ctx.configured:
        if "members" in res.errors:
            err = res.errors["members"]
            ctx.group_error = err.get("error_description") or err.get("error") if isinstance(err, dict) else str(err)
        for row in res.result.get("members") or []:
            uid = int(row.get("USER_ID", 0))
            if row.get("ROLE") == "A":
                ctx.owner_id = uid
            elif row.get("ROLE") in ("E", "K"):
                ctx.member_ids.append(uid)
    return ctx
