"""Chat records: users and messages as `im.dialog.messages.search` returns them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from .values import display_name, parse_time, to_bool, to_int


@dataclass(slots=True)
class User:
    """A portal user as listed with chat messages: {"id", "name", "bot"}."""
    id: int
    name: str = ""
    bot: bool = False

    @classmethod
    def from_rest(cls, item: dict) -> "User":
        """Parse one item of the `users` list (also accepts ID/NAME/LAST_NAME of user.get)."""
        name = item.get("name")
        if name is None:
            name = display_name(item, or_id=False)
        uid = to_int(item.get("id", item.get("ID")))
        return cls(id=uid or 0, name=str(name or ""), bot=to_bool(item.get("bot", False)))


@dataclass(slots=True)
class Message:
    """One chat message. `deleted` = params.IS_DELETED == "Y"; `is_system` = isSystem or author 0."""
    id: int
    chat_id: int | None
    author_id: int
    date: datetime
    text: str = ""
    is_system: bool = False
    deleted: bool = False

    @classmethod
    def from_rest(cls, item: dict, default_tz: tzinfo | None = None) -> "Message":
        """Parse one item of `messages` (params is [] or a dict; a deleted message keeps its placeholder)."""
        get = item.get
        params = get("params")
        deleted = type(params) is dict and str(params.get("IS_DELETED", "")).upper() == "Y"
        author = to_int(get("author_id")) or 0
        system = get("isSystem", False)
        return cls(to_int(get("id")) or 0, to_int(get("chat_id")), author, parse_time(get("date"), default_tz),
                   str(get("text") or ""), author == 0 or (system is True or (system and to_bool(system))),
                   deleted)
