"""Who is using the app, where, and how the desks are set up: read once at start-up (one batch, a
second one for the groups of further desks)."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from .model.desks import active_desks, desk_options, migration
from .model.values import display_name, to_int, unique
from .rest import PortalError, RestClient
from .rest.errors import error_from, wait_helps

HINTS = 20                      # hinted groups read in the first batch at most (a batch holds 50)
CHAT_PLACEMENTS = {"IM_CONTEXT_MENU", "IMMOBILE_CONTEXT_MENU", "IM_TEXTAREA", "IM_SIDEBAR"}
log = logging.getLogger("servicedesk")


@dataclass
class DeskAccess:
    """One active desk as this user sees it: its record (model.desks) and its group's people now."""
    record: dict
    owner_id: int | None = None
    member_ids: list[int] = field(default_factory=list)
    error: str = ""                  # why the group could not be read (a closed group of someone else)

    @property
    def id(self) -> int:
        return int(self.record["id"])

    @property
    def name(self) -> str:
        return str(self.record.get("name") or "")

    def supports(self, user_id: int) -> bool:
        return user_id == self.owner_id or user_id in self.member_ids


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
    options: dict | None = None                       # every app option (None: ``settings`` is all there is)
    desks: list[DeskAccess] = field(default_factory=list)   # the active desks, in stored order
    desk_id: int | None = None                        # the desk ``settings``/owner/members describe

    @property
    def configured(self) -> bool:
        if self.options is not None:
            return bool(active_desks(self.options))
        return bool(self.settings.get("group_id"))

    @property
    def my_desks(self) -> list[DeskAccess]:
        """The desks this user supports (owner or member of the group now)."""
        return [d for d in self.desks if d.supports(self.user_id)]

    def desk(self, desk_id: int | None) -> DeskAccess | None:
        return next((d for d in self.desks if d.id == desk_id), None)

    def use_desk(self, desk_id: int) -> bool:
        """Make desk ``desk_id`` the one ``settings``, ``owner_id`` and ``member_ids`` describe."""
        d = self.desk(desk_id)
        if d is None:
            return False
        self.desk_id = d.id
        self.settings = desk_options(self.options, d.record)
        self.owner_id, self.member_ids, self.group_error = d.owner_id, list(d.member_ids), d.error
        return True

    def for_desk(self, desk_id: int) -> "AppContext | None":
        """A copy of this context switched to desk ``desk_id`` (None when there is no such desk)."""
        other = replace(self, settings=dict(self.settings), member_ids=list(self.member_ids))
        return other if other.use_desk(desk_id) else None

    @property
    def supports_any(self) -> bool:
        return any(d.supports(self.user_id) for d in self.desks) or self.is_support

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
    return "dashboard" if ctx.supports_any else "my_requests"


async def load_context(client: RestClient, *, is_admin: bool, lang: str = "ru", placement: str = "DEFAULT",
                       placement_options: dict | None = None, groups: list[int] | None = None) -> AppContext:
    """The current user, the app's settings and the support groups' members, in one request.

    ``groups``: the desks' group ids as the last start found them (``desk_groups``; the browser keeps
    them): their members ride in the same batch, so a portal of several desks needs no second round
    trip unless its desks changed. A hint never decides anything: what is read is what the options say."""
    ids = unique(g for g in groups if type(g) is int and g > 0)[:HINTS] if isinstance(groups, list) else []
    hinted = {f"h{g}": ("sonet_group.user.get", {"ID": g}) for g in ids}
    for attempt in range(client.retry.server_attempts):   # a passing failure of user.current: ask again
        res = await client.batch({
            "me": ("user.current", None),
            "opts": ("app.option.get", None),
            "members": ("sonet_group.user.get", {"ID": "$result[opts][group_id]"}),
            **hinted,
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
    if is_admin:
        settings = await migrate(client, settings)
    ctx = AppContext(
        user_id=int(me.get("ID", 0)),
        user_name=display_name(me),
        is_admin=bool(is_admin), lang=lang or "ru", placement=placement or "DEFAULT",
        placement_options=placement_options or {}, settings=settings, options=settings)
    ctx.desks = await desk_access(client, settings, (res, "members"), res)
    if ctx.desks:
        ctx.use_desk(_pick(ctx))
    return ctx


async def desk_access(client: RestClient, options: dict, first=None, hinted=None) -> list[DeskAccess]:
    """The active desks of ``options`` with their groups' people (one batch, none when all were read).
    ``first`` = (a batch answer, its key) already holding the members of the group of option
    ``group_id``; ``hinted``: a batch answer holding ``h<group id>`` keys (load_context's hint)."""
    records = active_desks(options)
    known = str(options.get("group_id")) if first else None

    def ready(r):
        key = f"h{to_int(r['group_id'])}"
        return (hinted, key) if hinted is not None and (key in hinted.result or key in hinted.errors) else None
    more = {f"g{r['id']}": ("sonet_group.user.get", {"ID": r["group_id"]}) for r in records
            if str(r["group_id"]) != known and not ready(r)}
    extra = await client.batch(more) if more else None
    out = []
    for r in records:
        src, key = (extra, f"g{r['id']}") if f"g{r['id']}" in more else \
            first if str(r["group_id"]) == known else ready(r)
        out.append(_access(r, src.result.get(key), src.errors.get(key)))
    return out


def desk_groups(ctx: AppContext) -> list[int]:
    """The desks' group ids but the first (whose members come by reference): the next start's hint."""
    first = to_int((ctx.options or ctx.settings).get("group_id"))
    return [g for g in (to_int(d.record.get("group_id")) for d in ctx.desks) if g and g != first][:HINTS]


def _pick(ctx: AppContext, keep: int | None = None) -> int:
    """The desk to describe: ``keep`` while it is still a choice, else the user's first (else the first)."""
    ids = [d.id for d in (ctx.my_desks or ctx.desks)]
    return keep if keep in ids else ids[0]


async def refresh_desks(client: RestClient, ctx: AppContext) -> bool:
    """Read the options and the desks' groups again (after the admin added, edited or retired a desk)
    into ``ctx``, which keeps describing its desk while that is still a choice (``_pick``). Returns
    whether the described desk or its record changed."""
    opts = await client.call("app.option.get", {})
    options = opts if isinstance(opts, dict) else {}
    old = ctx.desk(ctx.desk_id)
    before = (old.id, old.record) if old else None
    ctx.options, ctx.desks = options, await desk_access(client, options)
    if ctx.desks:
        ctx.use_desk(_pick(ctx, ctx.desk_id))
        return before != (ctx.desk_id, ctx.desk(ctx.desk_id).record)
    ctx.desk_id, ctx.settings, ctx.owner_id, ctx.member_ids, ctx.group_error = None, options, None, [], ""
    return before is not None


def _access(record: dict, rows, err) -> DeskAccess:
    """A desk with its group's owner and members (or why they could not be read)."""
    d = DeskAccess(record)
    if err is not None:
        d.error = str(err.get("error_description") or err.get("error")) if isinstance(err, dict) else str(err)
    for row in rows or []:
        uid = int(row.get("USER_ID", 0))
        if row.get("ROLE") == "A":
            d.owner_id = uid
        elif row.get("ROLE") in ("E", "K"):
            d.member_ids.append(uid)
    return d


async def migrate(client: RestClient, options: dict) -> dict:
    """Move single-desk settings to the ``desks`` list once (an admin's start-up; nothing to see).
    One write; when it fails the desk is read from the old keys and the next admin start tries again."""
    change = migration(options)
    if not change:
        return options
    try:
        await client.call("app.option.set", {"options": change})
    except PortalError as exc:
        log.warning("desks migration not written: %s", exc)
        return options
    log.info("settings moved to the desks list")
    return {**options, **change}
