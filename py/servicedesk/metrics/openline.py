"""Open Line dialogues (DESIGN §4): one non-spam session = one dialogue, in the month of its creation;
response = dateOperatorAnswer − dateCreate; no operator answer = unanswered (still waiting unless closed)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model import Session


def _unix(dt) -> float:
    return np.nan if dt is None else dt.timestamp()


@dataclass(frozen=True)
class SessionArrays:
    """Counted sessions as parallel arrays; `answered_at` is NaN while unanswered."""
    sessions: list[Session]
    created: np.ndarray
    answered_at: np.ndarray
    operator: np.ndarray      # 0 = no operator
    finished: np.ndarray      # closed (dateClose or status "closed"): no longer waiting, answered or not
    vote: np.ndarray          # the client's rating: 1 like, -1 dislike, 0 none (metrics.csat)

    @property
    def answered(self) -> np.ndarray:
        return ~np.isnan(self.answered_at)

    @property
    def response_min(self) -> np.ndarray:
        """Minutes to the operator's answer (never negative), NaN while unanswered."""
        return np.maximum(self.answered_at - self.created, 0.0) / 60.0


def counted_sessions(sessions, openline_id: int | None = None) -> SessionArrays:
    """Sessions that count: not spam, of the desk's Open Line when both it and the session name one."""
    kept = [s for s in sessions if not s.is_spam and s.date_create is not None
            and (not openline_id or s.config_id is None or s.config_id == openline_id)]
    n = len(kept)
    return SessionArrays(
        sessions=kept,
        created=np.fromiter((s.date_create.timestamp() for s in kept), dtype=float, count=n),
        answered_at=np.fromiter((_unix(s.date_operator_answer) for s in kept), dtype=float, count=n),
        operator=np.fromiter((s.operator_id or 0 for s in kept), dtype=np.int64, count=n),
        finished=np.fromiter((s.date_close is not None or s.status.lower() == "closed" for s in kept),
                             dtype=bool, count=n),
        vote=np.fromiter((s.vote for s in kept), dtype=np.int64, count=n))


def openline_chat_ids(sessions) -> set[int]:
    """Chats of every session seen (spam and other lines included): what makes a task external."""
    return {s.chat_id for s in sessions if s.chat_id}
