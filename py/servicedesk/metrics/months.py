"""The 12 months up to now, with boundaries at local midnight in the desk's time zone (DST-correct)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import numpy as np

MONTHS_SHOWN = 12


def zone_of(name_or_zone) -> ZoneInfo:
    """A ZoneInfo from an IANA name (a ZoneInfo passes through)."""
    return name_or_zone if isinstance(name_or_zone, ZoneInfo) else ZoneInfo(str(name_or_zone or "UTC"))


def month_key(dt: datetime, zone: ZoneInfo) -> str:
    """"YYYY-MM" of an aware datetime in the desk's zone."""
    return dt.astimezone(zone).strftime("%Y-%m")


@dataclass(frozen=True)
class MonthWindow:
    """`keys[i]` is month i (oldest first, the current month last); `starts[i]`..`starts[i+1]` its span
    as Unix seconds (`starts` has one more entry: the start of next month); `now` as Unix seconds."""
    keys: list[str]
    starts: np.ndarray
    now: float

    @property
    def count(self) -> int:
        return len(self.keys)

    def index(self, t: np.ndarray) -> np.ndarray:
        """Month index of each Unix time (start inclusive); -1 for times outside the window or NaN."""
        t = np.asarray(t, dtype=float)
        idx = np.searchsorted(self.starts, t, side="right") - 1
        idx[(idx >= self.count) | np.isnan(t)] = -1
        return idx

    def ends(self) -> np.ndarray:
        """The moment each month's open figures are taken: its end, and `now` for the current month."""
        ends = self.starts[1:].copy()
        ends[-1] = self.now
        return ends


def month_window(now: datetime, zone, count: int = MONTHS_SHOWN) -> MonthWindow:
    """The `count` months ending with the month of `now` (aware) in `zone` (IANA name or ZoneInfo)."""
    tz = zone_of(zone)
    local = now.astimezone(tz)
    y, m = local.year, local.month
    firsts = []
    for back in range(count - 1, -2, -1):           # count months back … one month ahead
        total = y * 12 + (m - 1) - back
        firsts.append((total // 12, total % 12 + 1))
    starts = np.array([datetime(yy, mm, 1, tzinfo=tz).timestamp() for yy, mm in firsts], dtype=float)
    keys = [f"{yy:04d}-{mm:02d}" for yy, mm in firsts[:-1]]
    return MonthWindow(keys=keys, starts=starts, now=now.astimezone(timezone.utc).timestamp())
