"""The loader's records as parallel columns: a year of a busy desk (1 M messages, 200 k tasks) stays
small in the browser's 4 GB wasm heap.

A dict per record costs about 300 B (messages) and 2 KB (a task as tasks.task.list answers it) in
Pyodide; columns cost 33 B a message and about 90 B a task, plus the text and title strings.
``MessageRecords`` and ``TaskRecords`` are sequences: item ``i`` is built on demand as the dict the
loader used to keep (``m["id"]``, ``t["status"]`` work as before), and ``models(zone)`` gives the
metrics' records straight from the columns. ``part(i, size)`` / ``add_part`` are the cache's JSON
(one entry per ``size`` records, so no single huge string is ever built).
"""
from __future__ import annotations

from array import array
from collections.abc import Sequence
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from ..model import Message, Task, parse_time, to_bool, to_int, uf_to_camel

NAN = float("nan")
NONE = -1          # an int column's "null"
TEXT_KEPT = 200    # characters of a message kept (the dashboard shows a waiting question's start)


def _unix(value, zone) -> float:
    dt = parse_time(value, zone)
    return NAN if dt is None else dt.timestamp()


def _when(unix: float, zone) -> datetime | None:
    return None if unix != unix else datetime.fromtimestamp(unix, zone)


def _iso(unix: float, zone) -> str | None:
    return None if unix != unix else datetime.fromtimestamp(unix, zone).isoformat()


def _id(value) -> int:
    v = to_int(value)
    return NONE if v is None else v


def _opt(value: int) -> int | None:
    return None if value == NONE else value


class Records(Sequence):
    """Columns of one kind of record (``KINDS``: name → array typecode, or "" for a list)."""
    KINDS: dict[str, str] = {}

    def __init__(self, zone: str | None = "UTC", columns: dict | None = None):
        self.zone_name = zone or "UTC"
        self.zone = ZoneInfo(self.zone_name) if self.zone_name != "UTC" else timezone.utc
        self.cols = columns or {k: (array(t) if t else []) for k, t in self.KINDS.items()}
        self._interned: dict = {}

    def __len__(self) -> int:
        return len(self.cols["id"])

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.record(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.record(i)

    def __iter__(self):
        return (self.record(i) for i in range(len(self)))

    def __eq__(self, other):
        if isinstance(other, (list, tuple, Records)):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} records)"

    def record(self, i: int) -> dict:
        raise NotImplementedError

    def _intern(self, value):
        """One object for repeated strings and tuples (texts, titles, auditor lists)."""
        return self._interned.setdefault(value, value)

    def done(self) -> "Records":
        """Loading is over: forget the interning table (the strings stay shared)."""
        self._interned = {}
        return self

    def take(self, rows) -> "Records":
        """A new table of ``rows`` (indexes), in that order."""
        cols = {}
        for k, t in self.KINDS.items():
            col = self.cols[k]
            cols[k] = array(t, (col[i] for i in rows)) if t else [col[i] for i in rows]
        return type(self)(self.zone_name, cols)

    def extend_from(self, other: "Records") -> None:
        for k in self.KINDS:
            self.cols[k].extend(other.cols[k])

    def part(self, index: int, size: int) -> dict:
        """Records ``index * size`` up to the next ``size`` as JSON-ready columns."""
        lo, hi = index * size, (index + 1) * size
        return {k: (self.cols[k][lo:hi].tolist() if t else self.cols[k][lo:hi]) for k, t in self.KINDS.items()}

    def add_part(self, part: dict) -> "Records":
        """Append one cache entry's columns (see ``part``)."""
        for k in self.KINDS:
            values = part[k]
            if k in ("text", "title"):
                values = [self._intern(v) for v in values]
            elif k == "auditors":
                values = [self._intern(tuple(v)) for v in values]
            self.cols[k].extend(values)
        return self


class MessageRecords(Records):
    """Chat messages (im.dialog.messages.search): id, chat, author, Unix time, the text's start, flags
    (1 system, 2 deleted). A record reads {"id", "chat_id", "author_id", "date", "text", "isSystem", "params"}."""
    KINDS = {"id": "q", "chat": "q", "author": "q", "time": "d", "flags": "b", "text": ""}

    def append(self, msg: dict) -> None:
        """Add one message as the REST answer gives it."""
        params = msg.get("params")
        deleted = isinstance(params, dict) and str(params.get("IS_DELETED", "")).upper() == "Y"
        system = msg.get("isSystem", False)
        c = self.cols
        c["id"].append(int(msg["id"]))
        c["chat"].append(_id(msg.get("chat_id")))
        c["author"].append(to_int(msg.get("author_id")) or 0)
        c["time"].append(_unix(msg.get("date"), self.zone))
        c["flags"].append((1 if system is True or (system and to_bool(system)) else 0) | (2 if deleted else 0))
        c["text"].append(self._intern(str(msg.get("text") or "")[:TEXT_KEPT]))

    def extend(self, items) -> None:
        for msg in items:
            self.append(msg)

    def record(self, i: int) -> dict:
        c = self.cols
        flags = c["flags"][i]
        return {"id": c["id"][i], "chat_id": _opt(c["chat"][i]), "author_id": c["author"][i],
                "date": _iso(c["time"][i], self.zone), "text": c["text"][i], "isSystem": bool(flags & 1),
                "params": {"IS_DELETED": "Y"} if flags & 2 else []}

    def models(self, zone=None) -> list[Message]:
        """The messages as metrics' records (what Message.from_rest makes of each record)."""
        zone = zone or self.zone
        c = self.cols
        return [Message(mid, _opt(chat), author, datetime.fromtimestamp(t, zone), text,
                        author == 0 or bool(flags & 1), bool(flags & 2))
                for mid, chat, author, t, flags, text in zip(c["id"], c["chat"], c["author"], c["time"],
                                                              c["flags"], c["text"])]

    def last_time(self) -> float | None:
        return self.cols["time"][-1] if len(self) else None

    def merged(self, new: "MessageRecords", oldest: float) -> "MessageRecords":
        """These (cached) messages updated with ``new`` (a message read again replaces its cached
        copy), those older than ``oldest`` (Unix time) dropped, in id order."""
        both = new if not len(self) else type(self)(self.zone_name, {k: self.cols[k] + new.cols[k] for k in self.KINDS})
        ids, times = both.cols["id"], both.cols["time"]
        ordered = all(ids[i] < ids[i + 1] for i in range(len(ids) - 1))
        if ordered and not any(t < oldest for t in times):
            return both
        rows = range(len(ids)) if ordered else sorted(range(len(ids)), key=ids.__getitem__)
        keep = []
        for n, i in enumerate(rows):            # of equal ids (stable sort) the one read last wins
            if (n + 1 < len(rows) and ids[rows[n + 1]] == ids[i]) or times[i] < oldest:
                continue
            keep.append(i)
        return both.take(keep)

    def last_ids(self) -> dict[str, int]:
        """The last message id per chat ("None" for messages without a chat)."""
        out = {}
        for chat, mid in zip(self.cols["chat"], self.cols["id"]):
            out[str(_opt(chat))] = mid
        return out


class TaskRecords(Records):
    """Tasks (tasks.task.list): the fields the metrics read, the two ServiceDesk user fields already
    read into ``message`` and ``ufchat``. A record reads like a tasks.task.list item (ids and status
    as text) with those fields under their camelCase names."""
    KINDS = {"id": "q", "group": "q", "status": "q", "priority": "b", "responsible": "q", "creator": "q",
             "ufchat": "q", "created": "d", "closed": "d", "changed": "d", "title": "", "auditors": "",
             "message": ""}

    def __init__(self, zone: str | None = "UTC", columns: dict | None = None,
                 uf: tuple[str, str] = ("UF_SD_MESSAGE_ID", "UF_SD_CHAT_ID")):
        super().__init__(zone, columns)
        self.uf = uf

    def take(self, rows) -> "TaskRecords":
        out = super().take(rows)
        out.uf = self.uf
        return out

    def append(self, item: dict) -> None:
        """Add one task as the REST answer gives it."""
        task = Task.from_rest(item, self.uf[0], self.uf[1], self.zone)
        c = self.cols
        c["id"].append(task.id)
        c["group"].append(_id(task.group_id))
        c["status"].append(task.status)
        c["priority"].append(task.priority)
        c["responsible"].append(_id(task.responsible_id))
        c["creator"].append(_id(task.created_by))
        c["ufchat"].append(_id(task.chat_id))
        for k, dt in (("created", task.created), ("closed", task.closed), ("changed", task.changed)):
            c[k].append(NAN if dt is None else dt.timestamp())
        c["title"].append(self._intern(task.title))
        c["auditors"].append(self._intern(task.auditors))
        c["message"].append(task.message_id)

    def extend(self, items) -> None:
        for item in items:
            self.append(item)

    def update(self, other: "TaskRecords") -> None:
        """Tasks of ``other`` replace those with the same id here; the others are added at the end."""
        rows = {tid: i for i, tid in enumerate(self.cols["id"])}
        for j, tid in enumerate(other.cols["id"]):
            i = rows.get(tid)
            if i is None:
                rows[tid] = len(self)
                for k in self.KINDS:
                    self.cols[k].append(other.cols[k][j])
            else:
                for k in self.KINDS:
                    self.cols[k][i] = other.cols[k][j]

    def record(self, i: int) -> dict:
        c, z = self.cols, self.zone

        def text(v):
            return None if v == NONE else str(v)
        return {"id": str(c["id"][i]), "title": c["title"][i], "status": str(c["status"][i]),
                "groupId": text(c["group"][i]), "createdDate": _iso(c["created"][i], z),
                "closedDate": _iso(c["closed"][i], z), "changedDate": _iso(c["changed"][i], z),
                "responsibleId": text(c["responsible"][i]), "createdBy": text(c["creator"][i]),
                "auditors": [str(a) for a in c["auditors"][i]], "priority": str(c["priority"][i]),
                uf_to_camel(self.uf[0] or ""): c["message"][i], uf_to_camel(self.uf[1] or ""): text(c["ufchat"][i])}

    def models(self, zone=None) -> list[Task]:
        """The tasks as metrics' records (what Task.from_rest makes of each REST item)."""
        zone = zone or self.zone
        c = self.cols
        return [Task(tid, title, _opt(group), _when(created, zone), _when(closed, zone), status, _opt(resp),
                     _opt(creator), auditors, message, _opt(chat), _when(changed, zone), priority)
                for tid, title, group, created, closed, status, resp, creator, auditors, message, chat, changed,
                priority in zip(c["id"], c["title"], c["group"], c["created"], c["closed"], c["status"],
                                c["responsible"], c["creator"], c["auditors"], c["message"], c["ufchat"],
                                c["changed"], c["priority"])]


SESSION_KEYS = ("id", "configId", "operatorId", "userId", "chatId", "dateCreate", "dateOperatorAnswer",
                "dateClose", "status", "closeReason", "vote")


def compact_session(item: dict) -> dict:
    """An Open Line session with only the keys ``Session.from_rest`` reads."""
    return {k: item[k] for k in SESSION_KEYS if k in item}
