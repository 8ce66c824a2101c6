"""What the wizard's form shows: the admin's group chats, the Open Lines, people with departments."""
from __future__ import annotations

from ..model.values import display_name
from ..rest import PortalError, RestClient

CHAT_TYPES = ("chat", "open")      # group chats (not 1:1, not Open Line chats)


async def group_chats(client: RestClient) -> list[dict]:
    """The group chats the current user is in, most recent first: [{id, title, members, owner}]."""
    res = await client.call("im.recent.list", {"SKIP_DIALOG": "Y", "SKIP_OPENLINES": "Y", "LIMIT": 200})
    out = []
    for item in (res or {}).get("items") or []:
        chat = item.get("chat") or {}
        if chat.get("type") in CHAT_TYPES and chat.get("id"):
            out.append({"id": int(chat["id"]), "title": str(item.get("title") or chat.get("name") or ""),
                        "members": int(chat.get("user_counter") or 0), "owner": int(chat.get("owner") or 0)})
    return out


async def chat_members(client: RestClient, chat_id: int) -> list[int] | None:
    """The chat's member ids, or None when the current user may not see them (not a member)."""
    try:
        ids = await client.call("im.chat.user.list", {"CHAT_ID": chat_id})
    except PortalError as exc:
        if exc.status in (400, 403) or exc.code in ("ACCESS_ERROR", "CHAT_ID_EMPTY"):
            return None
        raise
    return [int(i) for i in ids or []]


async def open_lines(client: RestClient) -> list[dict]:
    """The portal's Open Lines [{id, name, active}] ([] when the user may not list them)."""
    try:
        rows = await client.call("imopenlines.config.list.get", {})
    except PortalError:
        return []
    return [{"id": int(r["ID"]), "name": str(r.get("LINE_NAME") or r["ID"]), "active": r.get("ACTIVE") == "Y"}
            for r in rows or []]


async def people(client: RestClient, ids: list[int]) -> list[dict]:
    """[{id, name, photo, position, departments: [names]}] for ``ids``, in that order (one request)."""
    if not ids:
        return []
    res = await client.batch({"users": ("user.get", {"FILTER": {"ID": list(ids)}}),
                              "deps": ("department.get", {})})
    rows = res.result.get("deps") or []
    if res.next.get("deps"):            # department.get answers 50 a page (departments/department-get.md)
        rows = await client.list_all("department.get", {})
    deps = {str(d.get("ID")): str(d.get("NAME") or "") for d in rows}
    found = {}
    for u in res.result.get("users") or []:
        name = display_name(u)
        found[int(u["ID"])] = {"id": int(u["ID"]), "name": name, "photo": str(u.get("PERSONAL_PHOTO") or ""),
                               "position": str(u.get("WORK_POSITION") or ""),
                               "departments": [deps[str(d)] for d in u.get("UF_DEPARTMENT") or [] if str(d) in deps]}
    return [found[i] for i in ids if i in found]
