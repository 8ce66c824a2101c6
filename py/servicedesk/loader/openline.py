"""Open Line sessions of the 12 months.

Preferred: ``imopenlines.v2.Session.list`` month by month (200 a page, offset ≤ 10 000, period ≤ 366
days), which needs access to Open Line reports. When it is refused: the sessions' CRM activities
(``crm.activity.list`` PROVIDER_ID=IMOPENLINES_SESSION, needs CRM read) and each session's history
(``imopenlines.session.history.get``), from which the same fields are rebuilt.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from ..model.values import to_bool, to_int
from ..rest.client import BATCH_MAX, BatchResult
from ..rest.errors import ACCESS_CODES
from .chained import ChainedPlan
from .plan import Plan

PAGE = 200
REFUSED = ACCESS_CODES | {"ACCESS_ERROR", "ERROR_METHOD_NOT_FOUND", "METHOD_NOT_FOUND", "TARIFF_RESTRICTION"}


class SessionsPlan(Plan):
    """Sessions of ``config_id`` created in each [from, to) month, read with Session.list."""
    prefix = "s"

    def __init__(self, config_id: int, months: list[tuple[str, str]], expected: list[int] | None = None):
        super().__init__()
        self.config_id = config_id
        self.months = months
        self.offset = [0] * len(months)
        self.finished = [False] * len(months)
        # pages to ask per month next: from the sessions a previous load saw there, else 1; a month
        # still going after that gets 2 more a round (a page past the end only costs an empty answer)
        self.ahead = [1 + (n + 20) // PAGE for n in (expected or [0] * len(months))]
        self.items: list[dict] = []
        self.refused = False
        self.refused_code = ""             # TARIFF_RESTRICTION: the plan has no Open Line reports
        self._sent: list[tuple[int, int]] = []

    def want(self) -> int:
        return 0 if self.done else sum(a for a, f in zip(self.ahead, self.finished) if not f)

    def commands(self, n: int) -> dict:
        open_months = [i for i, f in enumerate(self.finished) if not f]
        cmds, self._sent = {}, []
        for i in open_months:
            for k in range(self.ahead[i]):
                if len(cmds) >= n:
                    break
                off = self.offset[i] + k * PAGE
                start, end = self.months[i]
                cmds[f"{self.prefix}{i}_{off}"] = ("imopenlines.v2.Session.list", {
                    "configId": self.config_id, "dateCreateFrom": start, "dateCreateTo": end,
                    "order": "dateCreate", "orderDirection": "asc", "offset": off, "limit": PAGE})
                self._sent.append((i, off))
        return cmds

    def consume(self, res: BatchResult) -> None:
        for i, off in self._sent:
            if self.finished[i] or off != self.offset[i]:
                continue                               # a page past the month's last one
            key = f"{self.prefix}{i}_{off}"
            if key in res.errors:
                err = res.errors[key]
                if self.transient(err):
                    return                             # same offsets again next round
                code = str(err.get("error", "")) if isinstance(err, dict) else ""
                self.refused = code in REFUSED
                self.refused_code = code
                self.problem = None if self.refused else "openline_error"
                self.error_text = (err.get("error_description") if isinstance(err, dict) else "") or code
                self.done = True
                return
            result = res.result.get(key) or {}
            self.items.extend(result.get("sessions") or [])
            if result.get("hasNextPage") and off + PAGE <= 10_000:
                self.offset[i] = off + PAGE
                self.ahead[i] = 2
            else:
                self.finished[i] = True
        self.done = all(self.finished)

    def progress(self) -> float:
        return 1.0 if self.done else sum(self.finished) / max(1, len(self.finished))


class ActivitiesPlan(ChainedPlan):
    """The fallback's first half: the sessions' CRM activities created since ``date_from``."""
    prefix = "a"
    method = "crm.activity.list"
    wrap = ""
    size = 50
    id_key = "ID"
    no_access = "openline_no_access"
    other_error = "openline_error"

    def __init__(self, date_from: str):
        super().__init__(None)
        self.date_from = date_from

    def params(self, last) -> dict:
        flt = {"PROVIDER_ID": "IMOPENLINES_SESSION", ">=CREATED": self.date_from}
        if last is not None:
            flt[">ID"] = last
        return {"filter": flt, "order": {"ID": "ASC"}, "start": -1,
                "select": ["ID", "ASSOCIATED_ENTITY_ID", "CREATED", "RESPONSIBLE_ID", "PROVIDER_PARAMS",
                           "COMPLETED"]}


class HistoryPlan(Plan):
    """The fallback's second half: each session's transcript → a Session.list-shaped record."""
    prefix = "h"

    def __init__(self, activities: list[dict], config_id: int | None):
        super().__init__()
        self.todo = []
        for act in activities:
            code = str((act.get("PROVIDER_PARAMS") or {}).get("USER_CODE", ""))
            parts = code.split("|")
            if len(parts) < 4:
                continue
            source, line, chat, client = parts[:4]
            if config_id and str(line) != str(config_id):
                continue
            self.todo.append({"id": int(act["ASSOCIATED_ENTITY_ID"]), "configId": int(line), "source": source,
                              "chatId": int(chat), "userId": to_int(client), "created": act.get("CREATED")})
        self.items: list[dict] = []
        self.total = len(self.todo)
        self._sent: list[dict] = []
        self.done = not self.todo

    def want(self) -> int:
        return 0 if self.done else min(BATCH_MAX, len(self.todo))

    def commands(self, n: int) -> dict:
        self._sent, self.todo = self.todo[:n], self.todo[n:]
        return {f"{self.prefix}{s['id']}": ("imopenlines.session.history.get",
                                            {"CHAT_ID": s["chatId"], "SESSION_ID": s["id"]}) for s in self._sent}

    def consume(self, res: BatchResult) -> None:
        for s in self._sent:
            key = f"{self.prefix}{s['id']}"
            if key in res.errors:
                if self.transient(res.errors[key]):
                    self.todo.append(s)                  # read it again after the pause
                continue                                 # else one unreadable session: skip it
            self.items.append(session_from_history(s, res.result.get(key) or {}))
        self.done = not self.todo

    def progress(self) -> float:
        return 1.0 if self.done else 1 - len(self.todo) / max(1, self.total)


def session_from_history(head: dict, history: dict) -> dict:
    """Rebuild dateCreate / dateOperatorAnswer / operatorId from a session's transcript: the first
    message, and the first one by a person who is neither the client nor a bot."""
    users = history.get("users") or {}
    users = users.values() if isinstance(users, dict) else users
    bots = {to_int(u.get("id")) for u in users if to_bool(u.get("bot"))}
    messages = history.get("message") or {}
    messages = messages.values() if isinstance(messages, dict) else messages
    rows = sorted(messages, key=lambda m: (to_int(m.get("id")) or 0))
    created = rows[0]["date"] if rows else head.get("created")
    answer = next((m for m in rows if _author(m) not in (0, None, head.get("userId")) and _author(m) not in bots),
                  None)
    return {"id": head["id"], "configId": head["configId"], "source": head.get("source"),
            "chatId": head["chatId"], "userId": head.get("userId"), "dateCreate": created,
            "dateOperatorAnswer": answer["date"] if answer else None,
            "operatorId": _author(answer) if answer else 0, "status": "", "closeReason": None}


def _author(m: dict | None):
    if not m:
        return None
    for key in ("senderid", "author_id", "senderId", "authorId"):
        if key in m:
            return to_int(m[key])
    return None



def month_bounds(firsts: list[datetime]) -> list[tuple[str, str]]:
    """[(from, to)] ISO pairs for consecutive month starts (the last item ends the window); the
    method's ``dateCreateTo`` is inclusive, so each month ends a second before the next begins."""
    return [(a.isoformat(), (b - timedelta(seconds=1)).isoformat()) for a, b in zip(firsts, firsts[1:])]
