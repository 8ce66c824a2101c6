"""One demo build's shared state: the seeded RNG, the desk's calendar and the message drafts.

Times are int POSIX seconds while generating; ``Ctx.dt`` turns them into aware datetimes in the desk's
zone at the end. Messages are collected as ``Draft``s and get their ids only once all are made, so that
ids grow with time across every chat.
"""
from __future__ import annotations

import bisect
import random
from itertools import accumulate
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

MIN, HOUR, DAY = 60, 3600, 86400
# Russian public holidays (month, day) treated as days off.
HOLIDAYS = {(1, d) for d in range(1, 9)} | {(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4), (12, 31)}
# Relative chance of a message starting in each local hour (office hours, lunch dip, quiet nights).
OFFICE_HOURS = [.2, .1, .05, .05, .05, .1, .3, 1, 3, 8, 10, 10, 9, 6, 8, 9, 8, 7, 4, 2, 1.2, .8, .5, .3]
CLIENT_HOURS = [.4, .2, .1, .1, .1, .2, .5, 2, 4, 7, 9, 9, 8, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1.5, .8]
_OFFICE_CUM = list(accumulate(OFFICE_HOURS))
_CLIENT_CUM = list(accumulate(CLIENT_HOURS))


class Draft:
    """A message before it has an id. ``task`` links a bot's "task created" message to its task."""
    __slots__ = ("ts", "seq", "chat", "author", "text", "system", "params", "task", "id")

    def __init__(self, ts, seq, chat, author, text, system=False, params=None):
        self.ts, self.seq, self.chat, self.author, self.text = ts, seq, chat, author, text
        self.system, self.params, self.task, self.id = system, params or {}, None, 0


class Ctx:
    """RNG, clock and draft list of one build; ``start``..``now`` is the demo's history window."""

    def __init__(self, seed: int, now: datetime, tz: ZoneInfo, months: int):
        self.rng = random.Random(seed)
        self.tz = tz
        self.now = int(now.timestamp())
        local = now.astimezone(tz)
        y, m = local.year, local.month - (months - 1)
        while m < 1:
            y, m = y - 1, m + 12
        self.start = int(datetime(y, m, 1, tzinfo=tz).timestamp())
        self.drafts: list[Draft] = []
        self._seq = 0
        self._days: list[int] = []
        self._office = self._day_weights(1.0, 0.12)
        self._client = self._day_weights(1.0, 0.6)

    # ---- drafts -------------------------------------------------------------------------------
    def msg(self, ts: int, chat, author: int, text: str, system: bool = False, params=None) -> Draft:
        """Record a message draft (kept in creation order for stable sorting)."""
        self._seq += 1
        d = Draft(ts, self._seq, chat, author, text, system, params)
        self.drafts.append(d)
        return d

    def fill(self, text: str) -> str:
        """Fill the phrase-bank placeholders with plausible values."""
        if "{" not in text:
            return text
        r = self.rng
        return text.format(floor=r.randint(1, 5), room=r.randint(101, 512), n=r.randint(1, 9),
                           pc=f"PC-{r.randint(10, 199):04d}", ext=r.randint(201, 299),
                           code=r.randint(10000, 99999))

    def choice(self, seq):
        return seq[int(self.rng.random() * len(seq))]

    # ---- calendar -----------------------------------------------------------------------------
    def dt(self, ts: int) -> datetime:
        return datetime.fromtimestamp(ts, self.tz)

    def at(self, day: date, hour: int = 0, minute: int = 0) -> int:
        """The timestamp of a local wall time."""
        return int(datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz).timestamp())

    @staticmethod
    def workday(day: date) -> bool:
        return day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS

    def is_work(self, ts: int) -> bool:
        local = self.dt(ts)
        return 9 <= local.hour < 19 and self.workday(local.date())

    def next_morning(self, ts: int) -> int:
        """A moment soon after the next working day's 9:00 (the same day if ts is before 9:00)."""
        local = self.dt(ts)
        day = local.date()
        if local.hour >= 9 or not self.workday(day):
            day += timedelta(days=1)
            while not self.workday(day):
                day += timedelta(days=1)
        return self.at(day, 9) + min(int(self.rng.expovariate(1 / (25 * MIN))), 3 * HOUR)

    def _day_weights(self, workday: float, dayoff: float) -> list[float]:
        day = self.dt(self.start).date()
        last = self.dt(self.now).date()
        cum, total, days = [], 0.0, []
        while day <= last:
            days.append(self.at(day))
            total += workday if self.workday(day) else dayoff
            cum.append(total)
            day += timedelta(days=1)
        self._days = days
        return cum

    def sample(self, clients: bool = False, lo: int | None = None, hi: int | None = None) -> int:
        """A moment in [lo, hi) (default: the whole window), skewed to working days and hours."""
        lo = self.start if lo is None else lo
        hi = self.now if hi is None else hi
        cum, hours = (self._client, _CLIENT_CUM) if clients else (self._office, _OFFICE_CUM)
        r = self.rng
        first = max(0, bisect.bisect_right(self._days, lo) - 1)
        last = max(first, bisect.bisect_left(self._days, hi) - 1)
        base = cum[first - 1] if first else 0.0
        for _ in range(50):
            i = bisect.bisect_left(cum, base + r.random() * (cum[last] - base))
            i = min(max(i, first), last)
            hour = bisect.bisect_left(hours, r.random() * hours[-1])
            ts = self._days[i] + hour * HOUR + r.randrange(HOUR)
            if lo <= ts < hi:
                return ts
        return r.randrange(lo, hi)

    def reply_time(self, t0: int, fast: float = 0.55) -> int:
        """When a specialist answers a question asked at t0: minutes mostly, sometimes hours or a day;
        off-hours questions usually wait for the next working morning."""
        r = self.rng
        x = r.random()
        if x < fast:
            d = r.randint(MIN, 20 * MIN)
        elif x < 0.85:
            d = r.randint(20 * MIN, 2 * HOUR)
        elif x < 0.96:
            d = r.randint(2 * HOUR, 8 * HOUR)
        else:
            d = r.randint(8 * HOUR, 30 * HOUR)
        t = t0 + d
        if not self.is_work(t) and r.random() < 0.85:
            t = max(t, self.next_morning(t0))
        return t

    def month_starts(self) -> list[int]:
        """Month boundaries strictly inside the window, oldest first."""
        out, local = [], self.dt(self.start)
        y, m = local.year, local.month
        while True:
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            ts = int(datetime(y, m, 1, tzinfo=self.tz).timestamp())
            if ts >= self.now:
                return out
            out.append(ts)
