"""The support chats' messages since a date (im.dialog.messages.search, 200 a page, by id) and titles."""
from __future__ import annotations

from .chained import ChainedPlan
from .plan import Plan
from .records import MessageRecords


class MessagesPlan(ChainedPlan):
    """Messages of ``chat_id`` from ``date_from`` (ISO) after ``last_id``, oldest first; the authors
    in ``users`` (id → {"id", "name", "bot"}); ``history_limited`` when the plan hides history."""
    prefix = "m"
    method = "im.dialog.messages.search"
    wrap = "messages"
    size = 200
    no_access = "chat_no_access"
    other_error = "chat_error"

    def __init__(self, chat_id: int, date_from: str, last_id: int | None = None, span_days: float = 365,
                 zone: str | None = None):
        super().__init__(last_id)
        self.items = MessageRecords(zone)       # columns: a year of a busy chat stays small in memory
        self.chat_id = chat_id
        self.date_from = date_from
        self.users: dict[int, dict] = {}
        self.history_limited = False
        self.span_days = span_days

    def params(self, last) -> dict:
        p = {"CHAT_ID": self.chat_id, "DATE_FROM": self.date_from, "ORDER": {"ID": "ASC"}, "LIMIT": self.size}
        if last is not None:
            p["LAST_ID"] = last
        return p

    def page(self, result, items) -> None:
        if isinstance(result, dict):
            for u in result.get("users") or []:
                self.users[int(u.get("id", 0))] = {"id": int(u.get("id", 0)), "name": u.get("name", ""),
                                                   "bot": bool(u.get("bot"))}
            if (result.get("tariffRestrictions") or {}).get("isHistoryLimitExceeded"):
                self.history_limited = True

    def covered(self) -> float | None:
        """Share of the time span the loaded messages cover, counted from the first one read (a chat
        younger than the span, or quiet at its start, is not taken for a slow one)."""
        from datetime import datetime
        last = self.items.last_time()
        try:
            start = datetime.fromisoformat(self.date_from).timestamp()
        except (ValueError, TypeError):
            return None
        if last is None or last != last:
            return None
        first = self.items.cols["time"][0]
        end = start + self.span_days * 86400
        start = max(start, first) if first == first else start
        return max(0.0, (last - start) / (end - start)) if end > start else 1.0

    def estimate_pages(self) -> int | None:
        """Pages so far scaled by the span they cover, plus 10 %: messages arrive about evenly."""
        share = self.covered()
        if not share:
            return None
        return int(self.pages / min(share, 1.0) * 1.1) + 1

    def progress(self) -> float:
        if self.done:
            return 1.0
        return min(0.99, self.covered() or 0.0)


class ChatsResult:
    """The messages plans of a desk's chats read as one: items and users of all, the first
    problem (a chat the user may not read leaves the desk's chat figures out: partial sums would
    understate them), history limited in any."""

    def __init__(self, plans: list[MessagesPlan]):
        self.plans = plans

    @property
    def items(self) -> MessageRecords:
        if len(self.plans) == 1:
            return self.plans[0].items
        out = MessageRecords(self.plans[0].items.zone_name if self.plans else None)
        for p in self.plans:
            out.extend_from(p.items)
        return out

    @property
    def users(self) -> dict[int, dict]:
        return {k: v for p in self.plans for k, v in p.users.items()}

    def _failed(self):
        return next((p for p in self.plans if p.problem), None)

    @property
    def problem(self) -> str | None:
        failed = self._failed()
        return failed.problem if failed else None

    @property
    def error_text(self) -> str:
        failed = self._failed()
        if failed is None:
            return ""
        detail = getattr(failed, "error_text", "")
        return f"#{failed.chat_id}: {detail}" if len(self.plans) > 1 else detail

    @property
    def history_limited(self) -> bool:
        return any(p.history_limited for p in self.plans)



class TitlesPlan(Plan):
    """The chats' titles (``im.dialog.get`` {DIALOG_ID: "chat<ID>"} → ``name``), one command each in a
    shared batch; a chat the user may not read (ACCESS_ERROR) gets no title: the screen shows its id."""
    prefix = "c"

    def __init__(self, chat_ids):
        super().__init__()
        self.todo = [int(c) for c in chat_ids]
        self.titles: dict[int, str] = {}
        self._sent: list[int] = []
        self.done = not self.todo

    def want(self) -> int:
        return 0 if self.done else len(self.todo)

    def commands(self, n: int) -> dict:
        self._sent, self.todo = self.todo[:n], self.todo[n:]
        return {f"{self.prefix}{cid}": ("im.dialog.get", {"DIALOG_ID": f"chat{cid}"}) for cid in self._sent}

    def consume(self, res) -> None:
        for cid in self._sent:
            key = f"{self.prefix}{cid}"
            if key in res.errors:
                if self.transient(res.errors[key]):
                    self.todo.append(cid)            # asked again after the pause
                continue
            result = res.result.get(key)
            name = result.get("name") if isinstance(result, dict) else None
            if name:
                self.titles[cid] = str(name)
        self.done = not self.todo
