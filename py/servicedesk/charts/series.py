"""The 8 dashboard series: which figure of a month each one plots, and how."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Series:
    """`kind`: "bars" (a count), "line" (a duration's `stat`) or "stacked" (internal + `external`)."""
    name: str
    kind: str
    key: str
    stat: str | None = None
    external: str | None = None

    @property
    def is_duration(self) -> bool:
        return self.kind == "line"

    def value(self, month: dict) -> float | None:
        """The plotted value of one month's figures (None = no value)."""
        v = month.get(self.key)
        if self.stat is not None:
            v = (v or {}).get(self.stat)
        return v

    def external_value(self, month: dict) -> int:
        return int(month.get(self.external) or 0) if self.external else 0


SERIES = (
    Series("chat_dialogues", "bars", "chat_dialogues"),
    Series("chat_response", "line", "chat_response_min", stat="avg"),
    Series("openline_dialogues", "bars", "openline_dialogues"),
    Series("openline_response", "line", "openline_response_min", stat="avg"),
    Series("tasks_new", "stacked", "tasks_new", external="tasks_new_external"),
    Series("tasks_closed", "stacked", "tasks_closed", external="tasks_closed_external"),
    Series("time_to_close", "line", "time_to_close_min", stat="avg"),
    Series("tasks_open", "stacked", "tasks_open", external="tasks_open_external"),
)
SERIES_BY_NAME = {s.name: s for s in SERIES}
