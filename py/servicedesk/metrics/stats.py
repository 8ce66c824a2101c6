"""Count / mean / median / p90 per month and per (month, person), vectorised with numpy."""
from __future__ import annotations

import numpy as np


def summary(values) -> dict:
    """{"avg", "median", "p90", "count"} of durations; avg/median/p90 are None when there are none.

    Median and p90 interpolate linearly between order statistics (numpy's default quantile)."""
    v = np.asarray(values, dtype=float)
    if v.size == 0:
        return {"avg": None, "median": None, "p90": None, "count": 0}
    return {"avg": float(v.mean()), "median": float(np.median(v)), "p90": float(np.quantile(v, 0.9)),
            "count": int(v.size)}


def counts(index: np.ndarray, n: int, mask: np.ndarray | None = None) -> list[int]:
    """How many entries fall in each of groups 0..n-1 (index -1 = outside); optionally only where mask."""
    idx = index if mask is None else index[mask]
    idx = idx[(idx >= 0) & (idx < n)]
    return [int(c) for c in np.bincount(idx, minlength=n)[:n]]


def split(index: np.ndarray, values: np.ndarray, n: int) -> list[np.ndarray]:
    """`values` grouped by `index` 0..n-1 (entries outside are dropped)."""
    ok = (index >= 0) & (index < n)
    idx, vals = index[ok], values[ok]
    order = np.argsort(idx, kind="stable")
    idx, vals = idx[order], vals[order]
    return np.split(vals, np.searchsorted(idx, np.arange(1, n)))


def split_pairs(index: np.ndarray, who: np.ndarray, values: np.ndarray, n: int) -> dict:
    """`values` grouped by (index, who) for index 0..n-1: {(i, who): array}."""
    ok = (index >= 0) & (index < n)
    idx, ids, vals = index[ok], who[ok], values[ok]
    if idx.size == 0:
        return {}
    order = np.lexsort((ids, idx))
    idx, ids, vals = idx[order], ids[order], vals[order]
    cuts = np.flatnonzero((idx[1:] != idx[:-1]) | (ids[1:] != ids[:-1])) + 1
    firsts = np.concatenate(([0], cuts))
    return {(int(idx[f]), int(ids[f])): part for f, part in zip(firsts, np.split(vals, cuts))}


def median_or_none(values: np.ndarray) -> float | None:
    """Median of durations, None when there are none."""
    v = values[~np.isnan(values)]
    return float(np.median(v)) if v.size else None
