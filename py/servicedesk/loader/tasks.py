"""The support group's tasks (tasks.task.list, start=-1 and a moving >ID: 50 a page, no count query)."""
from __future__ import annotations

from .chained import CountedPlan
from .records import TaskRecords

TASK_FIELDS = ["ID", "TITLE", "STATUS", "GROUP_ID", "CREATED_DATE", "CLOSED_DATE", "CHANGED_DATE",
               "RESPONSIBLE_ID", "CREATED_BY", "AUDITORS", "PRIORITY"]


class TasksPlan(CountedPlan):
    """Tasks of ``group_id`` (only the fields the metrics need), optionally changed since ``changed_since``."""
    prefix = "t"
    method = "tasks.task.list"
    wrap = "tasks"
    size = 50
    no_access = "tasks_error"
    other_error = "tasks_error"
    count_select = ["ID"]            # cold loads: one counting command in the first batch

    def __init__(self, group_id: int, uf_fields: list[str], changed_since: str | None = None,
                 zone: str | None = None):
        super().__init__(None, count=not changed_since)
        self.items = TaskRecords(zone, uf=(uf_fields[0], uf_fields[1]))   # columns, only what the metrics read
        self.group_id = group_id
        self.select = TASK_FIELDS + list(uf_fields)
        self.changed_since = changed_since

    def params(self, last) -> dict:
        flt = {"GROUP_ID": self.group_id}
        if last is not None:
            flt[">ID"] = last
        if self.changed_since:
            flt[">=CHANGED_DATE"] = self.changed_since
        return {"filter": flt, "select": self.select, "order": {"ID": "ASC"}, "start": -1}
