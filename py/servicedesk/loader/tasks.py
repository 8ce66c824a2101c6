"""The support group's tasks (tasks.task.list, start=-1 and a moving >ID: 50 a page, no count query)."""
from __future__ import annotations

from .chained import ChainedPlan
from .records import TaskRecords

TASK_FIELDS = ["ID", "TITLE", "STATUS", "GROUP_ID", "CREATED_DATE", "CLOSED_DATE", "CHANGED_DATE",
               "RESPONSIBLE_ID", "CREATED_BY", "AUDITORS", "PRIORITY"]


class TasksPlan(ChainedPlan):
    """Tasks of ``group_id`` (only the fields the metrics need), optionally changed since ``changed_since``."""
    prefix = "t"
    method = "tasks.task.list"
    wrap = "tasks"
    size = 50
    no_access = "tasks_error"
    other_error = "tasks_error"

    def __init__(self, group_id: int, uf_fields: list[str], changed_since: str | None = None,
                 zone: str | None = None):
        super().__init__(None)
        self.items = TaskRecords(zone, uf=(uf_fields[0], uf_fields[1]))   # columns, only what the metrics read
        self.group_id = group_id
        self.select = TASK_FIELDS + list(uf_fields)
        self.changed_since = changed_since
        self.total: int | None = None     # from one counting command in the first batch (cold loads)

    def params(self, last) -> dict:
        flt = {"GROUP_ID": self.group_id}
        if last is not None:
            flt[">ID"] = last
        if self.changed_since:
            flt[">=CHANGED_DATE"] = self.changed_since
        return {"filter": flt, "select": self.select, "order": {"ID": "ASC"}, "start": -1}

    def commands(self, n: int) -> dict:
        cmds = super().commands(n)
        if self.rounds == 1 and not self.changed_since:
            cmds[f"{self.prefix}count"] = (self.method, {"filter": {"GROUP_ID": self.group_id},
                                                         "select": ["ID"], "start": 0})
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
