"""Tasks as `tasks.task.list` returns them (camelCase strings; user fields named by the settings)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from .values import parse_time, to_int, uf_to_camel

STATUS_COMPLETED = 5   # 2 pending, 3 in progress, 4 awaiting control, 5 completed, 6 deferred


@dataclass(slots=True)
class Task:
    """One task. `message_id` / `chat_id` come from the two ServiceDesk user fields."""
    id: int
    title: str
    group_id: int | None
    created: datetime
    closed: datetime | None
    status: int
    responsible_id: int | None = None
    created_by: int | None = None
    auditors: tuple[int, ...] = field(default_factory=tuple)
    message_id: str | None = None
    chat_id: int | None = None
    changed: datetime | None = None
    priority: int = 1          # 2 high, 1 medium (the portal's default), 0 low

    @property
    def is_completed(self) -> bool:
        """Status 5 now (a reopened task is not, whatever its last close date)."""
        return self.status == STATUS_COMPLETED

    @classmethod
    def from_rest(cls, item: dict, uf_message: str = "UF_SD_MESSAGE_ID", uf_chat: str = "UF_SD_CHAT_ID",
                  default_tz: tzinfo | None = None) -> "Task":
        """Parse one item of `tasks`; `uf_message`/`uf_chat` are the UF_ names from the settings."""
        msg = item.get(uf_to_camel(uf_message)) if uf_message else None
        auditors = item.get("auditors") or []
        if isinstance(auditors, dict):
            auditors = list(auditors.values())
        return cls(
            id=to_int(item.get("id")) or 0,
            title=str(item.get("title") or ""),
            group_id=to_int(item.get("groupId")),
            created=parse_time(item.get("createdDate"), default_tz),
            closed=parse_time(item.get("closedDate"), default_tz),
            status=to_int(item.get("status")) or 0,
            responsible_id=to_int(item.get("responsibleId")),
            created_by=to_int(item.get("createdBy")),
            auditors=tuple(a for a in (to_int(x) for x in auditors) if a is not None),
            message_id=None if msg in (None, "") else str(msg),
            chat_id=to_int(item.get(uf_to_camel(uf_chat))) if uf_chat else None,
            changed=parse_time(item.get("changedDate"), default_tz),
            priority=_priority(item.get("priority")),
        )


def _priority(value) -> int:
    """"2" high, "1" medium, "0" low; anything else (or missing) is medium."""
    p = to_int(value)
    return p if p in (0, 1, 2) else 1
