"""Task figures (DESIGN §4, second line): new, closed (status 5 with its last close date), time to
close, open at each month's end (now for the current month), internal vs external."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model import Task


def close_time(task: Task) -> float:
    """Unix seconds the task counts as closed: NaN if not completed now (reopened tasks too); a completed
    task without a close date falls back to its change date, else -inf (closed, month unknown)."""
    if not task.is_completed:
        return np.nan
    when = task.closed or task.changed
    return -np.inf if when is None else when.timestamp()


@dataclass(frozen=True)
class TaskArrays:
    """The support group's tasks as parallel arrays; `closed` per `close_time`."""
    tasks: list[Task]
    created: np.ndarray
    closed: np.ndarray
    external: np.ndarray
    responsible: np.ndarray
    spans: list | None = None      # per task: its paused spans (metrics.pauses), [] when none

    def open_at(self, moment: float) -> np.ndarray:
        """Mask of tasks open at `moment`: created before it and not closed before it."""
        return (self.created < moment) & ~(self.closed < moment)

    @property
    def time_to_close_min(self) -> np.ndarray:
        """Last close − creation in minutes (never negative); NaN for tasks not closed."""
        return np.maximum(self.closed - self.created, 0.0) / 60.0


def group_tasks(tasks, group_id: int | None, openline_chats: set[int], pauses: dict | None = None) -> TaskArrays:
    """Tasks whose group is the support group now (a task without groupId is kept: the loader filtered);
    ``pauses`` {task id: paused spans} (model.pauses.paused_spans)."""
    kept = [t for t in tasks if t.created is not None
            and (group_id is None or t.group_id is None or t.group_id == group_id)]
    n = len(kept)
    return TaskArrays(
        tasks=kept,
        created=np.fromiter((t.created.timestamp() for t in kept), dtype=float, count=n),
        closed=np.fromiter((close_time(t) for t in kept), dtype=float, count=n),
        external=np.fromiter((t.chat_id in openline_chats for t in kept), dtype=bool, count=n),
        responsible=np.fromiter((t.responsible_id or 0 for t in kept), dtype=np.int64, count=n),
        spans=[(pauses or {}).get(t.id) or [] for t in kept])
