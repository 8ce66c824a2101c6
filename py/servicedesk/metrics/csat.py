"""Customer ratings (CSAT, decisions 108–109): per month of the session's creation, the sessions rated
(like or dislike) and the share of likes among them; the same per operator. Spam sessions are left out
(as every Open Line figure). A month with no rating has pct None ("—"), not 0."""
from __future__ import annotations

import numpy as np

from . import stats


def _figure(rated: int, positive: int) -> dict:
    return {"rated": rated, "positive": positive, "negative": rated - positive,
            "pct": 100.0 * positive / rated if rated else None}


def csat_figures(months: dict, win, ses) -> None:
    """months[key]["csat"] = {"rated", "positive", "negative", "pct"} and ["csat_by_operator"] =
    {operator id: the same} over the counted sessions ``ses`` (metrics.openline.SessionArrays)."""
    votes = np.fromiter((s.vote for s in ses.sessions), dtype=np.int64, count=len(ses.sessions))
    idx = win.index(ses.created)
    rated = stats.counts(idx, win.count, votes != 0)
    liked = stats.counts(idx, win.count, votes > 0)
    for i, key in enumerate(win.keys):
        months[key]["csat"] = _figure(int(rated[i]), int(liked[i]))
        months[key]["csat_by_operator"] = {}
    for i in np.flatnonzero((votes != 0) & (idx >= 0) & (ses.operator > 0)):
        table = months[win.keys[idx[i]]]["csat_by_operator"]
        op = str(int(ses.operator[i]))
        got = table.get(op) or {"rated": 0, "positive": 0}
        table[op] = _figure(got["rated"] + 1, got["positive"] + int(votes[i] > 0))
