"""Warnings before a breach and escalation at breach (decisions 103–107). Pure: the open items of a desk
and what was already sent → what is due now.

An item (a desk task, an unanswered chat question) has a start, a target and an owner. Its *used* time is
the desk's clock from the start until now (business minutes when the desk counts working hours), minus
its paused minutes (metrics.pauses). Due:
- a **warning** to the owner once used ≥ share × target (the desk's ``alert_share``, 75 % by default) and
  used ≤ target;
- an **escalation** to the desk's manager once used > target (strictly, as a breach is counted).
An item first seen already breached gets the escalation only. Each alert has a key; a key in ``sent``
is never due again. With working hours, nothing is due outside a working interval (quiet hours follow
the working calendar): what became due at night is sent at the next working start.
"""
from __future__ import annotations

from dataclasses import dataclass, field

WARN, BREACH = "warn", "breach"


@dataclass
class Item:
    """An open item: ``kind`` "task" | "chat" | "openline" | "item" (a smart-process item); ``start`` Unix seconds;
    ``target_min``; ``owner`` (the task's or item's responsible; None for a chat question: its desk chat is
    told); ``spans`` its paused spans (never any for an item); ``stage`` an item's stage name."""
    kind: str
    id: int
    start: float
    target_min: float
    owner: int | None = None
    chat_id: int | None = None
    title: str = ""
    spans: list = field(default_factory=list)
    stage: str = ""


@dataclass
class Alert:
    """What is due: ``level`` WARN | BREACH for ``item``, with the used and left minutes at the check."""
    item: Item
    level: str
    used_min: float
    desk_id: int = 1

    @property
    def key(self) -> str:
        """The alert's identity: the state's entry and the message's dedup key."""
        return alert_key(self.desk_id, self.level, self.item.kind, self.item.id)

    @property
    def left_min(self) -> float:
        return self.item.target_min - self.used_min


def alert_key(desk_id: int, level: str, kind: str, item_id: int) -> str:
    return f"sla:{desk_id}:{level}:{kind}:{item_id}"


def quiet(clock, now: float) -> bool:
    """Outside working time (only a desk that counts working hours has quiet hours)."""
    return clock.business and clock.minute(now - 1.0, now) <= 0.0


def used_minutes(clock, item: Item, now: float) -> float:
    """The item's used time on the paused clock (decisions 103)."""
    from ..metrics.pauses import paused_minutes
    return max(clock.minute(item.start, now) - paused_minutes(clock, item.spans, item.start, now), 0.0)


def due_alerts(items, settings, clock, now: float, sent) -> list[Alert]:
    """The alerts due at ``now`` (Unix seconds) for ``items``, none whose key is in ``sent``; oldest first.
    Vectorised: one clock call for every item, the paused minutes only for items with spans."""
    import numpy as np

    from ..metrics.pauses import paused_minutes
    if not settings.alert_on or quiet(clock, now):
        return []
    items = [it for it in items if it.target_min and it.target_min > 0]
    if not items:
        return []
    share = settings.alert_share / 100.0
    start = np.fromiter((it.start for it in items), dtype=float, count=len(items))
    target = np.fromiter((it.target_min for it in items), dtype=float, count=len(items))
    used = clock.minutes(start, np.full(start.size, float(now)))
    for i, it in enumerate(items):
        if it.spans:
            used[i] = max(used[i] - paused_minutes(clock, it.spans, it.start, now), 0.0)
    out = []
    for i in np.flatnonzero(used >= share * target):
        item = items[int(i)]
        alert = Alert(item, BREACH if used[i] > target[i] else WARN, float(used[i]), settings.desk_id)
        if alert.key not in sent:
            out.append(alert)
    out.sort(key=lambda a: (a.item.start, a.item.kind, a.item.id, a.level))
    return out
