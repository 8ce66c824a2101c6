"""A list read page after page by id: each command of a batch continues after the last id of the
previous one (``$result[prev][wrap][size-1][id]``), so one request reads up to 50 pages."""
from __future__ import annotations

from ..rest.client import BATCH_MAX, BatchResult, id_after, repeated_page
from ..rest.errors import ACCESS_CODES
from .plan import Plan


class ChainedPlan(Plan):
    """Subclasses set method, wrap (the list's key in the result), size (page size), id_key, and
    ``params(last)`` (the params of a page after id ``last``; ``last`` may be a $result reference).
    A page that does not move past the previous one ends the plan with a problem (no endless loop)."""
    method = ""
    wrap = ""
    size = 50
    id_key = "id"

    def __init__(self, last_id=None):
        super().__init__()
        self.last_id = last_id
        self.items: list[dict] = []
        self.pages = 0
        self.rounds = 0

    def params(self, last) -> dict:
        raise NotImplementedError

    def want(self) -> int:
        """One page first; then as many as the estimate says (doubling while there is none)."""
        if self.done:
            return 0
        if self.pages == 0:
            return 1
        est = self.estimate_pages()
        if est is None:
            return min(BATCH_MAX, 2 ** self.rounds)
        return max(1, min(BATCH_MAX, est - self.pages))

    def estimate_pages(self) -> int | None:
        """Hook: how many pages the whole list probably has (None: unknown)."""
        return None

    def commands(self, n: int) -> dict:
        cmds = {}
        for k in range(n):
            wrap = f"[{self.wrap}]" if self.wrap else ""
            last = self.last_id if k == 0 else \
                f"$result[{self.prefix}{k - 1}]{wrap}[{self.size - 1}][{self.id_key}]"
            cmds[f"{self.prefix}{k}"] = (self.method, self.params(last))
        self._sent = n
        self.rounds += 1
        return cmds

    def consume(self, res: BatchResult) -> None:
        for k in range(self._sent):
            key = f"{self.prefix}{k}"
            if key in res.errors:
                if not self.transient(res.errors[key]):
                    self.fail(res.errors[key])
                return
            result = res.result.get(key) or {}
            page = (result.get(self.wrap) if isinstance(result, dict) else result) or []
            if page and self.last_id is not None and not id_after(page[-1][self.id_key], self.last_id):
                exc = repeated_page(self.method, self.last_id)     # the portal ignored the cursor
                self.fail({"error": exc.code, "error_description": exc.description})
                return
            self.page(result, page)
            self.pages += 1
            self.items.extend(map(self.keep, page))
            if len(page) < self.size:
                self.done = True
                return
            self.last_id = page[-1][self.id_key]

    def page(self, result, items: list) -> None:
        """Hook: look at a whole page answer (e.g. its users)."""

    def keep(self, item: dict) -> dict:
        """Hook: what to keep of one item (all of it by default)."""
        return item

    def fail(self, err) -> None:
        code = str(err.get("error", "")) if isinstance(err, dict) else ""
        self.error_code = code
        self.error_text = (err.get("error_description") if isinstance(err, dict) else str(err)) or code
        self.problem = self.no_access if code in ACCESS_CODES or code == "ACCESS_ERROR" else self.other_error
        self.done = True

    no_access = "error"
    other_error = "error"


class CountedPlan(ChainedPlan):
    """A chained list whose first batch also carries one counting command (``start: 0`` answers
    ``total``), so the second batch asks for every remaining page at once: 1 + ceil(pages / 50) requests."""
    count_select: list = []

    def __init__(self, last_id=None, count: bool = True):
        super().__init__(last_id)
        self.count = count
        self.total: int | None = None

    def commands(self, n: int) -> dict:
        cmds = super().commands(n)
        if self.rounds == 1 and self.count:
            params = self.params(None)
            params.pop("start", None)
            params.pop("order", None)
            cmds[f"{self.prefix}count"] = (self.method, {**params, "select": self.count_select, "start": 0})
        return cmds

    def consume(self, res) -> None:
        key = f"{self.prefix}count"
        if key in res.total:
            self.total = int(res.total[key] or 0)
        super().consume(res)

    def estimate_pages(self) -> int | None:
        """Pages to read until a short one: total // 50 + 1."""
        return None if self.total is None else self.total // self.size + 1

    def progress(self) -> float:
        if self.done:
            return 1.0
        return min(0.99, len(self.items) / self.total) if self.total else 0.0
