"""Durations per DESIGN §4b: wall-clock (24/7) or business time over a working calendar, vectorised.

Business time uses W(t) = working seconds from a fixed origin up to t: the working intervals of every day
in the data's span become sorted arrays (Unix seconds, so DST changes count as they happen), and
W(t1) − W(t0) is one `searchsorted` per time — O(n log days) for n intervals.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np

from ..model.sla import WorkHours
from .months import zone_of


class Clock:
    """`minutes(t0, t1)`: elapsed minutes from Unix times t0 to t1 (arrays or scalars), never negative;
    NaN where either is NaN. Wall-clock unless built with a working calendar (`business=True`)."""

    def __init__(self, hours: WorkHours | None = None, zone="UTC"):
        self.hours = hours
        self.zone = zone_of(zone)
        self._days: tuple[int, int] | None = None      # ordinal range built: [first, last]
        self._starts = self._lens = self._cum = np.zeros(0)

    @property
    def business(self) -> bool:
        return self.hours is not None

    @classmethod
    def of(cls, settings) -> "Clock":
        """The clock of a desk's settings (model.Settings)."""
        return cls(settings.work_hours if settings.working_hours else None, settings.time_zone)

    def minutes(self, t0, t1) -> np.ndarray:
        t0, t1 = np.broadcast_arrays(np.asarray(t0, dtype=float), np.asarray(t1, dtype=float))
        wall = np.maximum(t1 - t0, 0.0) / 60.0
        if not self.business:
            return wall
        ok = np.isfinite(t0) & np.isfinite(t1)
        if not ok.any():
            return wall
        self._cover(min(t0[ok].min(), t1[ok].min()), max(t0[ok].max(), t1[ok].max()))
        out = np.array(wall, dtype=float)
        out[ok] = np.maximum(self.worked(t1[ok]) - self.worked(t0[ok]), 0.0) / 60.0
        return out

    def minute(self, t0: float, t1: float) -> float:
        """`minutes` of one pair, as a float."""
        return float(self.minutes(t0, t1))

    def worked(self, t: np.ndarray) -> np.ndarray:
        """W(t): working seconds from the start of the built range up to each t (finite, covered)."""
        k = np.searchsorted(self._starts, t, side="right") - 1
        kk = np.maximum(k, 0)
        inside = np.clip(t - self._starts[kk], 0.0, self._lens[kk]) if self._starts.size else np.zeros_like(t)
        return np.where(k < 0, 0.0, self._cum[kk] + inside) if self._starts.size else inside

    def _local_day(self, unix: float) -> int:
        return datetime.fromtimestamp(unix, tz=self.zone).date().toordinal()

    def _cover(self, lo: float, hi: float) -> None:
        """Build working intervals for every local day from lo's day − 1 to hi's day + 1 (at most 100 years)."""
        first, last = self._local_day(lo) - 1, self._local_day(hi) + 1
        first = max(first, last - 36_600)
        if self._days and self._days[0] <= first and last <= self._days[1]:
            return
        if self._days:
            first, last = min(first, self._days[0]), max(last, self._days[1])
        h, tz = self.hours, self.zone
        starts, ends = [], []
        for ordinal in range(first, last + 1):
            d = date.fromordinal(ordinal)
            if not h.is_working(d):
                continue
            s = datetime(d.year, d.month, d.day, h.start // 60, h.start % 60, tzinfo=tz).timestamp()
            end_day = d + timedelta(days=1) if h.end >= 24 * 60 else d
            e = datetime(end_day.year, end_day.month, end_day.day, (h.end // 60) % 24, h.end % 60,
                         tzinfo=tz).timestamp()
            if e > s:
                starts.append(s)
                ends.append(e)
        self._starts = np.array(starts, dtype=float)
        self._lens = np.array(ends, dtype=float) - self._starts
        self._cum = np.concatenate(([0.0], np.cumsum(self._lens)))
        self._days = (first, last)


def business_minutes(t0: datetime, t1: datetime, hours: WorkHours, zone) -> float:
    """Business duration (§4b) of [t0, t1) in minutes for aware datetimes."""
    return Clock(hours, zone).minute(t0.timestamp(), t1.timestamp())
