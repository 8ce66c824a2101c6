"""Smart-process records (issue 27) as crm.item.list, crm.stagehistory.list and crm.status.list return
them: an item, one stage-history row, one stage. The app asks with ``useOriginalUfNames: "Y"``, so the
link fields keep their UF_CRM_{id}_… names (no guessing of their camelCase form)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from .values import parse_time, to_int

FINAL = ("S", "F")          # STAGE_SEMANTIC_ID of a final stage: success, failure (P = in progress)


@dataclass(slots=True)
class CrmItem:
    """One item of the desk's smart process."""
    id: int
    title: str
    created: datetime
    stage_id: str
    category_id: int | None = None
    assigned_by_id: int | None = None
    created_by: int | None = None
    observers: tuple[int, ...] = field(default_factory=tuple)
    message_id: str | None = None
    chat_id: int | None = None

    @classmethod
    def from_rest(cls, item: dict, uf_message: str = "", uf_chat: str = "",
                  default_tz: tzinfo | None = None) -> "CrmItem":
        """Parse one of crm.item.list's ``items`` (asked with useOriginalUfNames "Y")."""
        msg = item.get(uf_message) if uf_message else None
        return cls(id=to_int(item.get("id")) or 0, title=str(item.get("title") or ""),
                   created=parse_time(item.get("createdTime"), default_tz),
                   stage_id=str(item.get("stageId") or ""), category_id=to_int(item.get("categoryId")),
                   assigned_by_id=to_int(item.get("assignedById")), created_by=to_int(item.get("createdBy")),
                   observers=tuple(x for x in (to_int(o) for o in (item.get("observers") or [])) if x),
                   message_id=str(msg) if msg not in (None, "") else None,
                   chat_id=to_int(item.get(uf_chat)) if uf_chat else None)


@dataclass(slots=True)
class StageEvent:
    """One row of crm.stagehistory.list: type 1 created, 2 to an intermediate stage, 3 to a final one,
    5 pipeline changed; ``semantic`` P / S / F."""
    id: int
    type_id: int
    owner_id: int
    time: datetime
    stage_id: str
    semantic: str
    category_id: int | None = None

    @property
    def final(self) -> bool:
        return self.semantic in FINAL

    @classmethod
    def from_rest(cls, row: dict, default_tz: tzinfo | None = None) -> "StageEvent":
        return cls(id=to_int(row.get("ID")) or 0, type_id=to_int(row.get("TYPE_ID")) or 0,
                   owner_id=to_int(row.get("OWNER_ID")) or 0, time=parse_time(row.get("CREATED_TIME"), default_tz),
                   stage_id=str(row.get("STAGE_ID") or ""), semantic=str(row.get("STAGE_SEMANTIC_ID") or "P"),
                   category_id=to_int(row.get("CATEGORY_ID")))


@dataclass(slots=True)
class Stage:
    """A stage of the desk's pipeline (crm.status.list): ``semantics`` "" in progress, "S", "F"."""
    status_id: str
    name: str
    sort: int = 0
    semantics: str = ""

    @classmethod
    def from_rest(cls, row: dict) -> "Stage":
        sem = str(row.get("SEMANTICS") or "")
        return cls(str(row.get("STATUS_ID") or ""), str(row.get("NAME") or ""), to_int(row.get("SORT")) or 0,
                   sem if sem in FINAL else "")
