"""The rows behind a figure: the items a month's figure is made of, as a table (pandas inside, plain
JSON-ready dicts out; import it only when rows are first asked for — it imports pandas).

    rows = DeskRows(DeskItems(...))          # or DeskRows.of(messages, users, sessions, tasks, ...)
    rows.table(figure, month, specialist=None, over_target=False, sort=None, descending=False, limit=None)
      -> {"figure", "kind", "month", "columns", "rows", "total", "specialists", "targets"}

`figure` is a chart series or a details figure (FIGURES); the rows are exactly the items it counts,
durations as compute_desk measures them (business minutes in working hours). Default order: the time
the figure counts them by, then id; `sort` any column (stable, empty values last).
"""
from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from .items import DeskItems

FIGURES = {      # figure → (kind, which items of the month)
    "chat_dialogues": ("chat", "all"), "chat_response": ("chat", "answered"),
    "chat_unanswered": ("chat", "unanswered"), "breach_chat": ("chat", "breached"),
    "openline_dialogues": ("openline", "all"), "openline_response": ("openline", "answered"),
    "openline_unanswered": ("openline", "unanswered"), "breach_openline": ("openline", "breached"),
    "csat": ("openline", "rated"), "csat_tasks": ("task_votes", "rated"),
    "tasks_new": ("tasks", "new"), "tasks_closed": ("tasks", "closed"), "time_to_close": ("tasks", "closed"),
    "tasks_open": ("tasks", "open"), "breach_tasks": ("tasks", "breached"),
}
COLUMNS = {      # per kind: the columns shown and exported, in order
    "chat": ("opened", "author", "text", "answered_by", "response_min", "waiting_min", "status", "over_target"),
    "openline": ("opened", "session_id", "client", "operator", "response_min", "waiting_min", "status",
                 "over_target", "vote"),
    "tasks": ("id", "title", "responsible", "priority", "created", "closed", "time_to_close_min", "age_min",
              "paused_min", "kind", "status", "over_target"),
    "task_votes": ("id", "title", "responsible", "closed", "vote"),     # a chat desk's ratings (metrics.csat)
}
TIMES = {"opened", "created", "closed"}              # Unix seconds in the frame, ISO text (desk zone) out
MINUTES = {"response_min", "waiting_min", "time_to_close_min", "age_min", "paused_min"}
TEXT_LIMIT = 300                                     # characters of a question kept in a row
PRIORITY = {2: "high", 1: "medium", 0: "low"}
VOTES = {1: "like", -1: "dislike", 0: ""}             # the client's rating (metrics.csat)


class DeskRows:
    """Tables of one desk's items (built per kind on first use, then filtered and sorted per request)."""

    def __init__(self, items: DeskItems):
        self.items = items
        self._frames: dict[str, pd.DataFrame] = {}

    @classmethod
    def of(cls, messages, users, sessions, tasks, settings, support_ids, now=None, *, time_zone=None,
           pauses=None, task_votes=None) -> "DeskRows":
        """From raw records, as compute_desk takes them."""
        return cls(DeskItems(messages, users, sessions, tasks, settings, support_ids, now, time_zone=time_zone,
                             pauses=pauses, task_votes=task_votes))

    def frame(self, kind: str) -> pd.DataFrame:
        if kind not in self._frames:
            self._frames[kind] = getattr(self, f"_{kind}_frame")()
        return self._frames[kind]

    def _name(self, uid) -> str:
        return self.items.names.get(int(uid), f"#{int(uid)}") if uid else ""

    def _common(self, s) -> dict:
        return {"month": s.index, "start": s.start, "who": s.who, "target": s.target,
                "over_target": np.where(np.isnan(s.target), None, s.breached),
                "response_min": s.elapsed_done}

    def _chat_frame(self) -> pd.DataFrame:
        it, p, msgs = self.items, self.items.pairs, self.items.messages
        s = it.chat
        first = [msgs[int(i)] for i in p.src]
        return pd.DataFrame({
            **self._common(s), "opened": p.opened, "id": p.first_id, "chat_id": p.chat, "message_id": p.first_id,
            "author_id": p.author, "author": [self._name(u) for u in p.author],
            "text": [m.text[:TEXT_LIMIT] for m in first], "answered_by": [self._name(u) for u in s.who],
            "waiting_min": np.where(s.answered, np.nan, s.elapsed_open),
            "status": np.where(s.answered, "answered", "waiting"), "answered": s.answered})

    def _openline_frame(self) -> pd.DataFrame:
        it = self.items
        s, ses = it.openline, it.ses.sessions
        status = np.where(s.answered, "answered", np.where(s.waiting, "waiting", "closed_unanswered"))
        return pd.DataFrame({
            **self._common(s), "opened": s.start, "id": [x.id for x in ses], "session_id": [x.id for x in ses],
            "chat_id": [x.chat_id or 0 for x in ses], "client_id": [x.user_id or 0 for x in ses],
            "client": [self._name(x.user_id) for x in ses], "operator": [self._name(u) for u in s.who],
            "waiting_min": np.where(s.answered, np.nan, s.elapsed_open), "status": status, "answered": s.answered,
            "vote": [VOTES[x.vote] for x in ses]})

    def _tasks_frame(self) -> pd.DataFrame:
        it = self.items
        s, ta = it.tasks, it.ta
        closed = np.where(np.isfinite(ta.closed), ta.closed, np.nan)
        return pd.DataFrame({
            **self._common(s), "closed_month": it.tasks_closed_index, "created": ta.created,
            "closed_at": ta.closed, "closed": closed, "id": [t.id for t in ta.tasks],
            "title": [t.title for t in ta.tasks], "responsible": [self._name(u) for u in s.who],
            "priority": [PRIORITY.get(t.priority, "medium") for t in ta.tasks],
            "time_to_close_min": s.elapsed_done, "age_min": np.where(s.answered, np.nan, s.elapsed_open),
            "paused_min": it.tasks_paused,
            "kind": np.where(ta.external, "external", "internal"), "status": [t.status for t in ta.tasks],
            "chat_id": [t.chat_id or 0 for t in ta.tasks]})

    def _task_votes_frame(self) -> pd.DataFrame:
        """The rated chat tasks, in the month of their close, the responsible as "who"."""
        votes = self.items.task_votes
        closed = np.array([v["closed"].timestamp() for v in votes], dtype=float)
        who = np.array([v["responsible"] for v in votes], dtype=np.int64)
        return pd.DataFrame({
            "month": self.items.window.index(closed), "start": closed, "who": who, "target": np.nan,
            "over_target": [None] * len(votes), "closed": closed, "id": [v["task"] for v in votes],
            "title": [v["title"] for v in votes],
            "responsible": [self._name(u) for u in who], "vote": [VOTES[v["vote"]] for v in votes],
            "chat_id": [0] * len(votes)})

    def _pick(self, kind: str, which: str, frame: pd.DataFrame, month: str) -> tuple[pd.DataFrame, str]:
        """The month's items a figure counts, and the time column they are ordered by."""
        m = self.items.month_keys.index(month)
        if kind == "tasks":
            if which == "closed":
                return frame[frame["closed_month"] == m], "closed_at"
            if which == "open":
                end = self.items.month_end(month)
                return frame[(frame["created"] < end) & ~(frame["closed_at"] < end)], "start"
        mine = frame[frame["month"] == m]
        if which == "answered":
            mine = mine[mine["answered"]]
        elif which == "unanswered":
            mine = mine[~mine["answered"]]
        elif which == "rated":
            mine = mine[mine["vote"] != ""]
        elif which == "breached":
            mine = mine[mine["over_target"].eq(True)]
        return mine, "start"

    def table(self, figure: str, month: str, *, specialist: int | None = None, over_target: bool = False,
              sort: str | None = None, descending: bool = False, limit: int | None = None) -> dict:
        """The rows of `figure` in `month` ("YYYY-MM"), optionally only `specialist`'s (replier, operator or
        responsible) and only those over their target; sorted by `sort` (a column), at most `limit` rows
        returned (`total` counts them all). `specialists` lists who appears before those filters."""
        kind, which = FIGURES[figure]
        frame, by = self._pick(kind, which, self.frame(kind), month)
        frame = frame.sort_values([by, "id"], kind="mergesort")
        people = sorted({int(u) for u in frame["who"] if u}, key=lambda u: (self._name(u).casefold(), u))
        if specialist:
            frame = frame[frame["who"] == int(specialist)]
        if over_target:
            frame = frame[frame["over_target"].eq(True)]
        if sort in COLUMNS[kind]:
            frame = _sorted(frame, sort, descending)
        total = len(frame)
        if limit is not None:
            frame = frame.iloc[:limit]
        return {"figure": figure, "kind": kind, "month": month, "columns": list(COLUMNS[kind]),
                "rows": self._plain(frame, kind), "total": total,
                "specialists": [{"uid": u, "name": self._name(u)} for u in people],
                "targets": self.items.targets_on.get(kind, False)}

    def _plain(self, frame: pd.DataFrame, kind: str) -> list[dict]:
        """Rows as JSON-ready dicts: times ISO in the desk's zone, minutes float or None, ids int."""
        zone = self.items.zone
        keys = [*COLUMNS[kind], "id", "chat_id"] + (["message_id", "author_id"] if kind == "chat" else [])
        keys = list(dict.fromkeys(keys))
        out = []
        for rec in frame[keys].to_dict("records"):
            row = {}
            for key, value in rec.items():
                if key in TIMES:
                    row[key] = None if pd.isna(value) else datetime.fromtimestamp(value, zone).isoformat()
                elif key in MINUTES:
                    row[key] = None if pd.isna(value) else float(value)
                elif isinstance(value, (np.integer, np.bool_)):
                    row[key] = value.item()
                else:
                    row[key] = value
            out.append(row)
        return out


def _sorted(frame: pd.DataFrame, column: str, descending: bool) -> pd.DataFrame:
    """Stable sort by one column, empty values last in both directions; text case-insensitively."""
    col = frame[column]
    key = (lambda s: s.astype(str).str.casefold()) if col.dtype == object and column != "over_target" else None
    if column == "over_target":
        col = col.map({True: 1, False: 0})
        return frame.assign(_k=col).sort_values("_k", ascending=not descending, kind="mergesort",
                                                 na_position="last").drop(columns="_k")
    return frame.sort_values(column, ascending=not descending, kind="mergesort", na_position="last", key=key)
