"""Open Line sessions as `imopenlines.v2.Session.list` returns them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from .values import parse_time, to_int


@dataclass(slots=True)
class Session:
    """One Open Line session = one dialogue. Dates are aware datetimes or None."""
    id: int
    config_id: int | None
    operator_id: int | None
    user_id: int | None
    chat_id: int | None
    date_create: datetime
    date_operator_answer: datetime | None = None
    date_close: datetime | None = None
    status: str = ""
    close_reason: str | None = None

    @property
    def is_spam(self) -> bool:
        """Marked as spam: status "spam" or closed with reason "spam"."""
        return self.status.lower() == "spam" or (self.close_reason or "").lower() == "spam"

    @classmethod
    def from_rest(cls, item: dict, default_tz: tzinfo | None = None) -> "Session":
        """Parse one item of `sessions` (camelCase keys, nullable dates)."""
        reason = item.get("closeReason")
        return cls(
            id=to_int(item.get("id")) or 0,
            config_id=to_int(item.get("configId")),
            operator_id=to_int(item.get("operatorId")),
            user_id=to_int(item.get("userId")),
            chat_id=to_int(item.get("chatId")),
            date_create=parse_time(item.get("dateCreate"), default_tz),
            date_operator_answer=parse_time(item.get("dateOperatorAnswer"), default_tz),
            date_close=parse_time(item.get("dateClose"), default_tz),
            status=str(item.get("status") or ""),
            close_reason=None if reason is None else str(reason),
        )
