"""A smart-process desk's second line (issue 27) at the request floor: its pipeline's items
(crm.item.list) and the type's stage history (crm.stagehistory.list), each read by id with
``order {id: ASC}``, a moving ``>id`` and ``start: -1`` (50 a page, no count query, chained 50 pages to a
request), plus the pipeline's stages (crm.status.list), all in the desk's shared batches.

Warm loads (a cache of this portal, user and desk): items updated since the last load (less a slack) and
history rows after the last cached row id — one request when little changed. History rows are never
changed by the portal, so ``>ID`` misses nothing; an item moved out of the pipeline drops out when its
update is read. The history is read for the whole type (not filtered by pipeline) and kept for the
pipeline's items, so the rows from before a pipeline change are not lost.
"""
from __future__ import annotations

from .chained import ChainedPlan
from .plan import Plan

ITEM_FIELDS = ["id", "title", "createdTime", "updatedTime", "stageId", "categoryId", "assignedById", "createdBy",
               "observers"]


class _Counted(ChainedPlan):
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
        return None if self.total is None else self.total // self.size + 1

    def progress(self) -> float:
        if self.done:
            return 1.0
        return min(0.99, len(self.items) / self.total) if self.total else 0.0


class CrmItemsPlan(_Counted):
    """Items of the desk's pipeline (all of them: an old open item counts as open), optionally updated since."""
    prefix = "ci"
    method = "crm.item.list"
    wrap = "items"
    no_access = "crm_error"
    other_error = "crm_error"

    count_select = ["id"]

    def __init__(self, entity_type_id: int, category_id: int, uf_fields: list[str], updated_since: str | None = None):
        super().__init__(None, count=not updated_since)
        self.entity_type_id, self.category_id, self.updated_since = entity_type_id, category_id, updated_since
        self.select = ITEM_FIELDS + [f for f in uf_fields if f]

    def params(self, last) -> dict:
        flt = {"categoryId": self.category_id}
        if last is not None:
            flt[">id"] = last
        if self.updated_since:
            flt[">=updatedTime"] = self.updated_since
        return {"entityTypeId": self.entity_type_id, "filter": flt, "select": self.select, "order": {"id": "ASC"},
                "start": -1, "useOriginalUfNames": "Y"}


class CrmHistoryPlan(_Counted):
    """Stage-history rows of the type after row ``last_id`` (None: all of them)."""
    prefix = "ch"
    method = "crm.stagehistory.list"
    wrap = "items"
    id_key = "ID"
    no_access = "crm_error"
    other_error = "crm_error"

    count_select = ["ID"]

    def __init__(self, entity_type_id: int, last_id: int | None = None):
        super().__init__(last_id, count=last_id is None)
        self.entity_type_id = entity_type_id

    def params(self, last) -> dict:
        return {"entityTypeId": self.entity_type_id, "filter": {">ID": last} if last is not None else {},
                "order": {"ID": "ASC"}, "start": -1}


class CrmStagesPlan(Plan):
    """The pipeline's stages, one command."""
    prefix = "cs"

    def __init__(self, entity_type_id: int, category_id: int):
        super().__init__()
        self.entity = f"DYNAMIC_{entity_type_id}_STAGE_{category_id}"
        self.items: list[dict] = []
        self.problem = None

    def commands(self, n: int) -> dict:
        return {self.prefix: ("crm.status.list", {"filter": {"ENTITY_ID": self.entity}, "order": {"SORT": "ASC"}})}

    def consume(self, res) -> None:
        if self.prefix in res.errors:
            if not self.transient(res.errors[self.prefix]):
                self.problem = "crm_error"
                self.done = True
            return
        self.items = [{k: r.get(k) for k in ("STATUS_ID", "NAME", "SORT", "SEMANTICS")}
                      for r in res.result.get(self.prefix) or []]
        self.done = True


def crm_plans(settings, cached: dict | None, updated_since: str | None) -> list:
    """[items, history, stages] plans of a desk on a smart process (warm: ``cached`` records)."""
    ent, cat = settings.crm_entity_type_id, settings.crm_category_id
    cached = usable(cached, settings)
    last = cached.get("crm_last_history") if cached else None
    return [CrmItemsPlan(ent, cat, [settings.crm_uf_message, settings.crm_uf_chat], updated_since if cached else None),
            CrmHistoryPlan(ent, last), CrmStagesPlan(ent, cat)]


def usable(cached: dict | None, settings) -> dict | None:
    """The cache when it holds this desk's smart-process records (same type, pipeline and fields): a cache
    of the desk's tasks era, or of another pipeline, is read whole again."""
    link = [settings.crm_entity_type_id, settings.crm_category_id, settings.crm_uf_message, settings.crm_uf_chat]
    return cached if cached and cached.get("crm_link") == link and "crm_items" in cached else None


def merge_crm(cached: dict | None, plans: list, settings) -> dict:
    """{"crm_items", "crm_history", "crm_stages", "crm_last_history", "crm_link"}: the cache updated with
    what was read; items that left the pipeline dropped, history kept for the pipeline's items."""
    items_plan, history_plan, stages_plan = plans
    cached = usable(cached, settings)
    category_id = settings.crm_category_id
    items = {int(i["id"]): i for i in (cached or {}).get("crm_items", [])}
    for i in items_plan.items:
        if int(i.get("categoryId") or -1) == int(category_id):
            items[int(i["id"])] = i
        else:
            items.pop(int(i["id"]), None)
    rows = list((cached or {}).get("crm_history", [])) + list(history_plan.items)
    last = max((int(r["ID"]) for r in rows), default=(cached or {}).get("crm_last_history"))
    rows = [r for r in rows if int(r["OWNER_ID"]) in items]
    return {"crm_items": sorted(items.values(), key=lambda i: int(i["id"])),
            "crm_history": sorted(rows, key=lambda r: int(r["ID"])),
            "crm_stages": stages_plan.items or (cached or {}).get("crm_stages", []), "crm_last_history": last,
            "crm_link": [settings.crm_entity_type_id, category_id, settings.crm_uf_message, settings.crm_uf_chat]}
