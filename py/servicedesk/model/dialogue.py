"""A chat dialogue: user messages up to the first support-side reply (DESIGN §4)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(slots=True)
class Dialogue:
    """Opened by `first_message_id` (by `author_id` at `opened_at`); closed by `reply_id` or still open."""
    chat_id: int | None
    first_message_id: int
    author_id: int
    opened_at: datetime
    reply_id: int | None = None
    replied_by: int | None = None
    replied_at: datetime | None = None

    @property
    def answered(self) -> bool:
        return self.reply_id is not None

    @property
    def response_min(self) -> float | None:
        """Minutes from the first user message to the closing reply; None while unanswered."""
        if self.replied_at is None:
            return None
        return (self.replied_at - self.opened_at).total_seconds() / 60.0
