"""Load by weekday × hour: dialogues started (chat dialogues and Open Line sessions) in the desk's time zone,
per month and over the 12 months (numpy; plain JSON out).

    heatmap(items: DeskItems) -> {"month_keys", "time_zone", "months": {"YYYY-MM": grid}, "year": grid}

A grid is 7 rows (Monday first) × 24 hours of counts; Open Line spam is left out as in the figures.
"""
from __future__ import annotations

from datetime import datetime

import numpy as np

from .items import DeskItems

HOUR = 3600


def local_seconds(unix: np.ndarray, zone) -> np.ndarray:
    """Unix seconds shifted by the zone's UTC offset at each moment (one zone lookup per distinct hour)."""
    unix = np.asarray(unix, dtype=float)
    if unix.size == 0:
        return unix
    hours, inverse = np.unique(np.floor(unix / HOUR), return_inverse=True)
    offsets = np.fromiter((datetime.fromtimestamp(h * HOUR, zone).utcoffset().total_seconds() for h in hours),
                          dtype=float, count=hours.size)
    return unix + offsets[inverse]


def weekday_hour(unix: np.ndarray, zone) -> tuple[np.ndarray, np.ndarray]:
    """(weekday 0 = Monday, hour 0–23) of each Unix time in `zone`."""
    local = local_seconds(unix, zone)
    days = np.floor(local / 86400)
    return ((days + 3) % 7).astype(np.intp), ((local - days * 86400) // HOUR).astype(np.intp)   # 1970-01-01: Thu


def heatmap(items: DeskItems) -> dict:
    """Grids of the 12 months and of all of them together (see the module docstring)."""
    keys = items.month_keys
    start = np.concatenate([items.chat.start, items.openline.start])
    month = np.concatenate([items.chat.index, items.openline.index])
    inside = month >= 0
    day, hour = weekday_hour(start[inside], items.zone)
    cell = (month[inside] * 168 + day * 24 + hour).astype(np.intp)     # bincount wants the platform int (wasm32)
    grids = np.bincount(cell, minlength=len(keys) * 168)[: len(keys) * 168].reshape(len(keys), 7, 24)
    return {"month_keys": keys, "time_zone": items.zone.key,
            "months": {k: grids[i].tolist() for i, k in enumerate(keys)}, "year": grids.sum(axis=0).tolist()}
