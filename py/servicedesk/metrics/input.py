"""The golden-file "input" shape (also what a loader can cache) → compute_desk."""
from __future__ import annotations

from .desk import compute_desk


def support_ids_of(group: dict | None) -> set[int]:
    """Owner and members of {"owner": id, "members": [ids]}."""
    group = group or {}
    ids = {int(m) for m in group.get("members") or ()}
    if group.get("owner") is not None:
        ids.add(int(group["owner"]))
    return ids


def compute_from_input(data: dict, now=None) -> dict:
    """compute_desk over {"now", "time_zone", "settings", "group", "users", "chat_messages",
    "openline_sessions", "tasks"} (raw REST items); `now` overrides data["now"]."""
    return compute_desk(data.get("chat_messages") or [], data.get("users") or [],
                        data.get("openline_sessions") or [], data.get("tasks") or [],
                        data.get("settings") or {}, support_ids_of(data.get("group")),
                        now if now is not None else data.get("now"),
                        time_zone=data.get("time_zone") or (data.get("settings") or {}).get("time_zone"))
