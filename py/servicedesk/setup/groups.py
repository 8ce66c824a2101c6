"""The support group: find or create it (exactly one, even with lost answers or two admins at
once), keep it closed and invisible, and give it the chosen owner and members.

Which group is *the* group: the oldest one marked with the ServiceDesk keyword (or, per the hint
of bitrix24-rest.md, of the chosen name and owned by this admin). Ids only grow, so every run that
looks after its own create sees the same oldest group; a run deletes only the marked groups it
made itself that lost (still owned by it, nobody else in them).

Two admins at once: both runs may pass their turn check before either made the group, and only
the group's owner may hand it to the manager. So the run that made the group goes on, and a run
that meets a group another admin made moments ago (fresh, not from its own progress) stops with
``SetupBusy`` naming that admin, unless its admin chose to take over.
"""
from __future__ import annotations

from datetime import datetime

from ..rest import PortalError
from ..rest.errors import KINDS
from .errors import SetupBusy, SetupError, explain
from .progress import FRESH_SECONDS
from .run import Run
from .spec import GROUP_KEYWORD


def is_marked(g: dict) -> bool:
    words = str(g.get("KEYWORDS") or "").lower().replace(" ", "").split(",")
    return GROUP_KEYWORD in words


async def support_groups(run: Run) -> list[dict]:
    """Candidate support groups, oldest first."""
    rows = await run.client.list_all("sonet_group.get", {"IS_ADMIN": "Y", "ORDER": {"ID": "ASC"}})
    name = run.inp.group_name
    ours = [g for g in rows if is_marked(g) or (g.get("NAME") == name and int(g.get("OWNER_ID") or 0) == run.admin_id)]
    return sorted(ours, key=lambda g: int(g["ID"]))


async def _by_id(run: Run, group_id: int) -> dict | None:
    rows = await run.client.call("sonet_group.get", {"IS_ADMIN": "Y", "FILTER": {"ID": group_id}})
    return next((g for g in rows or [] if int(g["ID"]) == int(group_id)), None)


async def _create(run: Run) -> dict:
    inp = run.inp
    params = {"NAME": inp.group_name, "VISIBLE": "N", "OPENED": "N", "PROJECT": "N", "INITIATE_PERMS": "E",
              "KEYWORDS": GROUP_KEYWORD,
              "DESCRIPTION": "ServiceDesk" if inp.lang != "ru" else "Группа поддержки ServiceDesk"}
    await run.create_once("sonet_group.create", params, lambda: support_groups(run))
    groups = await support_groups(run)
    winner = groups[0]
    for g in groups[1:]:             # our own duplicates (a lost answer, a second admin's run)
        if is_marked(g) and int(g.get("OWNER_ID") or 0) == run.admin_id and str(g.get("NUMBER_OF_MEMBERS")) == "1":
            try:
                await run.client.call("sonet_group.delete", {"GROUP_ID": int(g["ID"])})
            except PortalError:
                pass                 # already gone, or not ours to delete: it is ignored either way
    run.result["group_created"] = run.made_group = int(winner.get("OWNER_ID") or 0) == run.admin_id
    return winner


def _made_moments_ago(group: dict, now) -> bool:
    """Created less than FRESH_SECONDS before ``now`` (portal time): by a run still going."""
    try:
        then = datetime.fromisoformat(str(group.get("DATE_CREATE") or ""))
        return now is not None and abs((now - then).total_seconds()) < FRESH_SECONDS
    except (TypeError, ValueError):
        return False


async def _give_way(run: Run, group: dict) -> None:
    """Stop when another admin's run made ``group`` moments ago: that run goes on with it."""
    owner = int(group.get("OWNER_ID") or 0)
    if run.made_group or run.progress.forced or owner in (0, run.admin_id):
        return
    if _made_moments_ago(group, run.client.portal_time()):
        raise SetupBusy("group", await _name(run.client, owner))


async def ensure_group(run: Run) -> None:
    """The support group (found, resumed or created), closed, invisible, named as chosen."""
    group = await _by_id(run, run.progress.group_id) if run.progress.group_id else None
    run.result["group_created"] = group is not None      # made by an earlier, interrupted run
    if group is None:
        found = await support_groups(run)
        group = found[0] if found else await _create(run)
        await _give_way(run, group)
    gid = int(group["ID"])
    changes = {}
    if group.get("NAME") != run.inp.group_name:
        changes["NAME"] = run.inp.group_name
    if group.get("VISIBLE") != "N":
        changes["VISIBLE"] = "N"
    if group.get("OPENED") != "N":
        changes["OPENED"] = "N"
    if not is_marked(group):
        changes["KEYWORDS"] = ",".join(filter(None, [str(group.get("KEYWORDS") or ""), GROUP_KEYWORD]))
    if changes:
        await run.client.call("sonet_group.update", {"GROUP_ID": gid, **changes})
    run.progress.group_id = gid
    run.result["group"] = {"id": gid, "name": run.inp.group_name}
    await run.save()


def _owner_of(rows) -> int | None:
    return next((int(r["USER_ID"]) for r in rows or [] if r.get("ROLE") == "A"), None)


async def _owner(client, gid: int) -> int | None:
    return _owner_of(await client.call("sonet_group.user.get", {"ID": gid}))


async def _name(client, user_id: int) -> str:
    rows = await client.call("user.get", {"ID": user_id})
    u = next((r for r in rows or [] if str(r.get("ID")) == str(user_id)), None)
    name = " ".join(filter(None, [str(u.get("NAME") or ""), str(u.get("LAST_NAME") or "")])) if u else ""
    return name or f"#{user_id}"


async def ensure_members(run: Run) -> None:
    """Owner = the manager (sonet_group.setowner), members = exactly the specialists.

    Only the group's owner may call sonet_group.setowner (sonet-group/sonet-group-setowner.md): the
    admin can hand over a group the wizard created (the admin owns it), not a reused group that
    someone else owns; then the step fails with what the admin must ask that owner to do."""
    client, gid, manager = run.client, run.progress.group_id, run.inp.manager_id
    rows = await client.call("sonet_group.user.get", {"ID": gid})
    owner = _owner_of(rows)
    if owner != manager:
        try:
            await client.call("sonet_group.setowner", {"GROUP_ID": gid, "USER_ID": manager})
        except PortalError as exc:
            if await _owner(client, gid) != manager:     # else: a repeat after a lost answer, done by the first
                if owner in (None, run.admin_id) or explain(exc, "members").code != KINDS["access"].setup:
                    raise
                raise SetupError("setup_err_owner", "members", str(exc), owner=await _name(client, owner),
                                 manager=await _name(client, manager)) from exc
        rows = await client.call("sonet_group.user.get", {"ID": gid})
    have = {int(r["USER_ID"]) for r in rows if r.get("ROLE") in ("E", "K")} - {manager}
    want = set(run.inp.specialist_ids)
    if want - have:
        await client.call("sonet_group.user.add", {"GROUP_ID": gid, "USER_ID": sorted(want - have)})
    if have - want:
        await client.call("sonet_group.user.delete", {"GROUP_ID": gid, "USER_ID": sorted(have - want)})
    run.result["owner"] = manager
    run.result["members"] = sorted(want)
