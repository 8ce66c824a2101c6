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
    vote: int = 0                  # the client's rating: 1 like, -1 dislike, 0 none (parse_vote)

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
            vote=parse_vote(item.get("vote")),
        )


def parse_vote(value) -> int:
    """The client's rating of a session (imopenlines.v2.Session.list ``vote``; decisions 108): "like" or
    5 → 1, "dislike" or 1 → -1, "none", 0, empty → 0 (Bitrix24 keeps a like as 5 and a dislike as 1; the
    method's page is not in the docs repository, so both spellings are read)."""
    text = str(value if value is not None else "").strip().lower()
    if text in ("like", "5", "positive"):
        return 1
    if text in ("dislike", "1", "negative"):
        return -1
    return 0
