"""A demo desk whose second line is a smart process (issue 27): a year of its items moving through
the stages, as crm.item.list and crm.stagehistory.list then answer them.

``add_crm_desk(portal, seed)`` needs a configured demo (its support group's people work the items):
it creates the smart process "Заявки ИТ" (observers, stages, pipelines on), the pipeline "Вторая линия"
with New → In progress → Waiting for the client → Solved (S) / Rejected (F), the two link fields, and
about 15 items a month for ``months`` months. Each item: created in working hours, taken in 0.5–8 h,
sometimes waits for the client, then solved (most), rejected (some) or still open (recent ones more
often); about one solved in twelve is reopened and solved again. Moves never pass the portal's ``now``.
The desk record goes into the ``desks`` option with ``second_line: "crm"``. Reproducible from ``seed``.
"""
from __future__ import annotations

import json
import random
from datetime import timedelta

from .methods.crm_items import create_item, record_move
from .methods.crm_setup import add_category, add_stage, stage_prefix
from .state import CrmType, CrmUserField

TITLE, PIPELINE = "Заявки ИТ", "Вторая линия"
STAGES = (("WORK", "В работе", "", 20, "#2FC6F6"), ("WAIT", "Ждём ответа", "", 30, "#FFA900"))
NAMES = {"NEW": "Новая", "SUCCESS": "Решена", "FAIL": "Отклонена"}
TOPICS = ("Не печатает принтер", "Нет доступа к папке", "Сломалась мышь", "Не запускается 1С", "VPN не подключается",
          "Нужен второй монитор", "Сбросить пароль", "Почта не отправляется", "Установить программу")


def add_crm_desk(portal, seed: int = 1, months: int = 12, per_month: int = 15) -> dict:
    """Add the smart-process desk; returns {"desk", "type_id", "entity_type_id", "category_id", "items"}."""
    rng = random.Random(seed * 7919 + 27)
    opts = portal.app_options
    group = portal.groups[int(opts["group_id"])]
    people = [group.owner_id, *[u for u, role in group.members.items() if u != group.owner_id]]
    askers = [u.id for u in portal.users.values() if not u.bot and not u.external_auth_id and u.id not in people][:20]
    start = portal.now - timedelta(days=30 * months + 5)
    tid = max(portal.crm_types, default=0) + 1
    ent = max([1030, *[t.entity_type_id + 2 for t in portal.crm_types.values() if t.entity_type_id >= 1030]])
    flags = {k: "Y" for k in ("isCategoriesEnabled", "isStagesEnabled", "isObserversEnabled", "isAutomationEnabled",
                              "isSetOpenPermissions", "isBeginCloseDatesEnabled", "isSourceEnabled")}
    portal.crm_types[tid] = CrmType(tid, ent, TITLE, people[0], start - timedelta(days=3), flags=flags, readers=people)
    add_category(portal, ent, "Общая", 500, True)
    cat = add_category(portal, ent, PIPELINE, 100, False)
    prefix = stage_prefix(ent, cat.id)
    for s in portal.crm_statuses.values():
        if s.entity_id.endswith(f"_STAGE_{cat.id}") and s.status_id[len(prefix):] in NAMES:
            s.name = NAMES[s.status_id[len(prefix):]]
    for code, name, sem, sort, color in STAGES:
        add_stage(portal, ent, cat.id, code, name, sem, sort, color)
    fields = {}
    for postfix, label in (("SD_MESSAGE", "ID сообщения"), ("SD_CHAT", "ID чата")):
        fid = max(portal.crm_fields, default=0) + 1
        fields[postfix] = f"UF_CRM_{tid}_{postfix}"
        portal.crm_fields[fid] = CrmUserField(fid, f"CRM_{tid}", fields[postfix], "string", {"ru": label, "en": label})
    items = []
    for month in range(months):
        for _ in range(per_month):
            created = _working_moment(rng, start + timedelta(days=30 * month + rng.random() * 30))
            if created >= portal.now:
                continue
            who = rng.choice(people)
            it = create_item(portal, ent, {"title": rng.choice(TOPICS), "categoryId": cat.id, "assignedById": who,
                                           "observers": [rng.choice(askers)] if askers else [], "opened": "N"},
                             people[0], created)
            items.append(it.id)
            _walk(portal, rng, it, prefix, who, created)
    desks = json.loads(opts["desks"]) if opts.get("desks") else [_it_record(opts)]
    desk_id = max(int(d["id"]) for d in desks) + 1
    desks.append({"id": desk_id, "name": "ИТ: заявки в CRM", "group_id": group.id, "chat_ids": [], "openline_id": None,
                  "time_zone": portal.time_zone, "sla_mode": opts.get("sla_mode") or "24x7",
                  "work_hours": json.loads(opts.get("work_hours") or "null"),
                  "sla_targets": json.loads(opts.get("sla_targets") or "null"),
                  "second_line": "crm", "crm": {"type_id": tid, "entity_type_id": ent, "category_id": cat.id,
                                                "uf_message": fields["SD_MESSAGE"], "uf_chat": fields["SD_CHAT"]}})
    opts["desks"] = json.dumps(desks, ensure_ascii=False)
    return {"desk": desk_id, "type_id": tid, "entity_type_id": ent, "category_id": cat.id, "items": items}


def _it_record(opts: dict) -> dict:
    return {"id": 1, "name": "ИТ-поддержка", "group_id": opts["group_id"], "chat_ids": [int(opts["chat_id"])],
            "openline_id": opts.get("openline_id"), "time_zone": opts.get("time_zone"), "sla_mode": opts.get("sla_mode"),
            "work_hours": json.loads(opts.get("work_hours") or "null"),
            "sla_targets": json.loads(opts.get("sla_targets") or "null")}


def _working_moment(rng, day):
    """A moment of a weekday's working hours (09:00–18:00 local) on or after ``day``."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day.replace(hour=9 + rng.randrange(9), minute=rng.randrange(60), second=0, microsecond=0)


def _walk(portal, rng, it, prefix: str, who: int, t) -> None:
    """Move ``it`` along a plausible path, stopping at the portal's ``now``."""
    age = (portal.now - t).days
    path = ["WORK"]
    if rng.random() < 0.3:
        path += ["WAIT", "WORK"]
    end = rng.random()
    if age < 10 and end < 0.45 or end < 0.08:
        pass                                       # still open
    elif end < 0.2:
        path.append("FAIL")
    else:
        path.append("SUCCESS")
        if rng.random() < 0.085:
            path += ["WORK", "SUCCESS"]          # reopened and solved again
    gaps = {"WORK": (0.5, 8), "WAIT": (2, 30), "SUCCESS": (1, 40), "FAIL": (1, 16)}
    for stage in path:
        lo, hi = gaps[stage]
        t = t + timedelta(hours=lo + rng.random() * (hi - lo))
        if t >= portal.now:
            return
        record_move(portal, it, prefix + stage, it.category_id, t, who)
