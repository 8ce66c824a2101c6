"""Customer ratings (CSAT, decisions 108, 150–154): per month of the session's creation, the sessions rated
(like or dislike) and the share of likes among them; the same per operator. Spam sessions are left out
(as every Open Line figure). A month with no rating has pct None ("—"), not 0.
A chat-first-line desk's ratings (the bot's buttons on a closed chat task, bot.csat) count the same
way, per month of the task's close and per its responsible (``task_votes``), for the desk's tasks the
user's load holds (a vote of a task the user may not read is neither counted nor shown)."""
from __future__ import annotations

import numpy as np

from ..model.values import parse_time, to_int
from . import stats


def vote_rows(task_votes, zone=None, known: dict | None = None) -> list[dict]:
    """The rated chat tasks, one per task, as {"task", "vote" (1 | -1), "closed" (aware datetime),
    "responsible", "title"}, by close time then task; unreadable or unrated entries are left out, and
    with ``known`` ({task id: title}: the desk's loaded tasks) those of tasks not in it."""
    out, seen = [], set()
    for v in task_votes or ():
        task, vote = to_int(v.get("task")), to_int(v.get("vote"))
        closed = parse_time(v.get("closed"), zone)
        if not task or vote not in (1, -1) or closed is None or task in seen or (known is not None and task not in known):
            continue
        seen.add(task)
        out.append({"task": task, "vote": vote, "closed": closed, "responsible": to_int(v.get("responsible")) or 0,
                    "title": (known or {}).get(task) or ""})
    out.sort(key=lambda v: (v["closed"].timestamp(), v["task"]))
    return out


def _figure(rated: int, positive: int) -> dict:
    return {"rated": rated, "positive": positive, "negative": rated - positive,
            "pct": 100.0 * positive / rated if rated else None}


def csat_between(ses, task_votes, lo: float, hi: float) -> dict:
    """The CSAT figure ({"rated", "positive", "negative", "pct"}) of Unix [lo, hi), counted as ``csat_figures``
    counts a month: the counted sessions ``ses`` by their creation, the rated chat tasks ``task_votes``
    (``vote_rows``' output: the known tasks only) by their close (the weekly digest, decision 176)."""
    votes = ses.vote
    inside = (ses.created >= lo) & (ses.created < hi)
    rated, liked = int((inside & (votes != 0)).sum()), int((inside & (votes > 0)).sum())
    for v in task_votes or ():
        if lo <= v["closed"].timestamp() < hi:
            rated, liked = rated + 1, liked + int(v["vote"] > 0)
    return _figure(rated, liked)


def csat_figures(months: dict, win, ses, task_votes=None, known: dict | None = None) -> None:
    """months[key]["csat"] = {"rated", "positive", "negative", "pct"} and ["csat_by_operator"] =
    {operator id: the same} over the counted sessions ``ses`` (metrics.openline.SessionArrays) and the
    rated chat tasks ``task_votes`` of the ``known`` tasks (``vote_rows``: month of the close, the
    responsible as operator)."""
    votes = ses.vote
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
    for v in vote_rows(task_votes, None, known):
        i = int(win.index(np.array([v["closed"].timestamp()]))[0])
        if i < 0:
            continue
        month = months[win.keys[i]]
        got = month["csat"]
        month["csat"] = _figure(got["rated"] + 1, got["positive"] + int(v["vote"] > 0))
        if v["responsible"] > 0:
            op = str(v["responsible"])
            got = month["csat_by_operator"].get(op) or {"rated": 0, "positive": 0}
            month["csat_by_operator"][op] = _figure(got["rated"] + 1, got["positive"] + int(v["vote"] > 0))
