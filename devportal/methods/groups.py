"""Workgroups: sonet_group.create/get/update/delete/setowner, sonet_group.user.add/get/delete.

Checked against sonet-group/sonet-group-create.md (KEYWORDS kept), sonet-group-get.md,
sonet-group-update.md (admin or owner), sonet-group-delete.md (admin or owner; true),
sonet-group-setowner.md (owner; admins too), members/sonet-group-user-add.md (admin),
members/sonet-group-user-get.md, members/sonet-group-user-delete.md (admin; the ids removed,
never the owner). These methods answer refusals with HTTP 400 and an
empty ``error`` code plus a text, exactly as their docs pages show.
"""
from __future__ import annotations

from ..envelope import RestError, page
from ..filters import matches
from ..params import as_list, ci_get, flag
from ..rights import member_role
from ..state import Group
from .common import date, fresh_id, int_or


def _refuse(text: str) -> RestError:
    return RestError(400, "", text)


def group_fields(portal, g: Group) -> dict:
    created = date(portal, g.date_create or portal.now)
    return {"ID": str(g.id), "SITE_ID": "s1", "NAME": g.name, "DESCRIPTION": g.description or None,
            "DATE_CREATE": created, "DATE_UPDATE": created, "ACTIVE": "Y",
            "VISIBLE": "Y" if g.visible else "N", "OPENED": "Y" if g.opened else "N", "CLOSED": "N",
            "SUBJECT_ID": "1", "OWNER_ID": str(g.owner_id), "KEYWORDS": g.keywords or None,
            "NUMBER_OF_MEMBERS": str(len(set(g.members) | {g.owner_id})), "DATE_ACTIVITY": created,
            "SUBJECT_NAME": "Рабочие группы", "PROJECT": "Y" if g.project else "N", "IS_EXTRANET": "N"}


def sonet_group_create(portal, user, params):
    name = str(ci_get(params, "NAME") or "").strip()
    if not name:
        raise _refuse("Incorrect input data")
    gid = fresh_id(portal, "group")
    portal.groups[gid] = Group(
        id=gid, name=name, owner_id=user.id, description=str(ci_get(params, "DESCRIPTION") or ""),
        visible=flag(ci_get(params, "VISIBLE"), True), opened=flag(ci_get(params, "OPENED"), False),
        project=flag(ci_get(params, "PROJECT"), False), members={user.id: "A"}, date_create=portal.now,
        keywords=str(ci_get(params, "KEYWORDS") or ""))
    return gid


def sonet_group_get(portal, user, params):
    flt = ci_get(params, "FILTER") or {}
    admin_mode = user.is_admin and flag(ci_get(params, "IS_ADMIN"))
    rows = []
    for g in sorted(portal.groups.values(), key=lambda g: g.id):
        if not (g.visible or admin_mode or member_role(g, user.id)):
            continue
        fields = group_fields(portal, g)
        if matches(lambda f, g=g, fields=fields: g.id if f == "ID" else fields.get(f), flt):
            rows.append(fields)
    if ci_get(params, "GROUP_ID"):
        rows = [r for r in rows if r["ID"] == str(int_or(ci_get(params, "GROUP_ID")))]
    return page(rows, params)


def sonet_group_update(portal, user, params):
    g = portal.groups.get(int_or(ci_get(params, "GROUP_ID")))
    if g is None:
        raise _refuse("Wrong group ID")
    if not (user.is_admin or g.owner_id == user.id):
        raise _refuse("User has no permissions to update group")
    if ci_get(params, "NAME"):
        g.name = str(ci_get(params, "NAME"))
    for key, attr in (("DESCRIPTION", "description"), ("KEYWORDS", "keywords")):
        if ci_get(params, key) is not None:
            setattr(g, attr, str(ci_get(params, key)))
    for key, attr in (("VISIBLE", "visible"), ("OPENED", "opened"), ("PROJECT", "project")):
        if ci_get(params, key) is not None:
            setattr(g, attr, flag(ci_get(params, key)))
    return g.id


def sonet_group_delete(portal, user, params):
    g = portal.groups.get(int_or(ci_get(params, "GROUP_ID")))
    if g is None:
        raise _refuse("Socialnetwork group not found" if ci_get(params, "GROUP_ID") else "Wrong group ID")
    if not (user.is_admin or g.owner_id == user.id):
        raise _refuse("User has no permissions to delete group")
    del portal.groups[g.id]
    return True


def sonet_group_setowner(portal, user, params):
    g = portal.groups.get(int_or(ci_get(params, "GROUP_ID")))
    if g is None:
        raise _refuse("Invalid workgroup/project ID")
    new = int_or(ci_get(params, "USER_ID"))
    if new not in portal.users:
        raise _refuse("Invalid user ID")
    # sonet-group/sonet-group-setowner.md: "Кто может выполнять метод: владелец группы или проекта" —
    # the owner only, an administrator included in no other way
    if g.owner_id != user.id:
        raise _refuse("User has no permissions to set owner")
    g.members[g.owner_id] = "E"
    g.owner_id = new
    g.members[new] = "A"
    return True


def _members_change(portal, user, params, denied: str) -> tuple[Group, list[int]]:
    """The group and the staff user ids of a members call made by an admin (else the refusals)."""
    g = portal.groups.get(int_or(ci_get(params, "GROUP_ID")))
    if g is None:
        raise _refuse("Wrong group ID")
    if not user.is_admin:
        raise _refuse(denied)
    ids = [int_or(x) for x in as_list(ci_get(params, "USER_ID"))]
    ids = [i for i in ids if i in portal.users and not portal.users[i].bot]
    if not ids:
        raise _refuse("Wrong user IDs")
    return g, ids


def sonet_group_user_add(portal, user, params):
    g, ids = _members_change(portal, user, params, "No permissions to add users")
    added = []
    for uid in ids:
        if uid not in g.members and uid != g.owner_id:
            g.members[uid] = "K"
            added.append(str(uid))
    return added


def sonet_group_user_delete(portal, user, params):
    g, ids = _members_change(portal, user, params, "No permissions to update users role")
    removed = [uid for uid in ids if uid in g.members and uid != g.owner_id]
    for uid in removed:
        del g.members[uid]
    return [str(uid) for uid in removed]


def sonet_group_user_get(portal, user, params):
    g = portal.groups.get(int_or(ci_get(params, "ID")))
    if g is None or not (g.visible or user.is_admin or member_role(g, user.id)):
        raise _refuse("Socialnetwork group not found")
    rows = [{"USER_ID": str(g.owner_id), "ROLE": "A"}]
    rows += [{"USER_ID": str(uid), "ROLE": role} for uid, role in g.members.items()
             if uid != g.owner_id and role in ("A", "E", "K")]
    return rows


METHODS = {
    "sonet_group.create": sonet_group_create, "sonet_group.get": sonet_group_get,
    "sonet_group.update": sonet_group_update, "sonet_group.delete": sonet_group_delete,
    "sonet_group.setowner": sonet_group_setowner, "sonet_group.user.add": sonet_group_user_add,
    "sonet_group.user.get": sonet_group_user_get, "sonet_group.user.delete": sonet_group_user_delete,
}
