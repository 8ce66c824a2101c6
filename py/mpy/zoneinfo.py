"""zoneinfo.ZoneInfo on MicroPython: the browser's own time-zone data (``Intl``, through
``static/js/boot.js``'s ``sdZoneWall``) gives the offsets."""
from datetime import datetime, timedelta, timezone, tzinfo

import js

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class ZoneInfoNotFoundError(KeyError):
    """An unknown zone name."""


class ZoneInfo(tzinfo):
    """An IANA zone; offsets come from ``Intl`` for each instant."""

    def __init__(self, key):
        self.key = str(key)
        if js.sdZoneWall(0, self.key) is None:       # static/js/boot.js
            raise ZoneInfoNotFoundError(self.key)

    def _wall(self, ms):
        """The zone's wall time at UTC ``ms`` as a naive datetime."""
        text = str(js.sdZoneWall(ms, self.key))
        day, clock = text.split(" ")
        y, m, d = (int(x) for x in day.split("-"))
        hh, mm, ss = (int(x) for x in clock.split(":"))
        return datetime(y, m, d, hh % 24, mm, ss)

    def _offset_at(self, utc):
        ms = (utc.replace(tzinfo=timezone.utc) - _EPOCH).total_seconds() * 1000.0
        return self._wall(ms) - utc.replace(tzinfo=None)

    def fromutc(self, dt):
        """``dt`` (a UTC time carrying this zone) as this zone's wall time."""
        return (dt + self._offset_at(dt.replace(tzinfo=None))).replace(tzinfo=self)

    def utcoffset(self, dt):
        if dt is None:
            return None
        naive = dt.replace(tzinfo=None)
        first = self._offset_at(naive)
        return self._offset_at(naive - first)

    def dst(self, dt):
        return timedelta(0)

    def tzname(self, dt):
        return self.key

    def __repr__(self):
        return "ZoneInfo(key=%r)" % self.key
