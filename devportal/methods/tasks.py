"""Tasks: tasks.task.add/get/update/list/delete and the task user fields task.item.userfield.add/getlist.

Checked against tasks/tasks-task-add.md, tasks-task-get.md, tasks-task-update.md,
tasks-task-list.md (filter keys and prefixes, order keys, 50 a page), tasks/fields.md (camelCase
output, ids and statuses as strings, dates ISO 8601 with offset, UF_* only when selected),
tasks/user-field/task-item-user-field-add.md (admin; refusals are 400 ERROR_CORE) and
task-item-user-field-get-list.md.

CREATED_BY: the docs let any user call tasks.task.add with CREATED_BY and say fields are written
"with the user's rights". Modelled: a non-admin may name another creator only when he heads a
department that creator is in (Bitrix24's "subordinate" rule); otherwise the call is refused with
400 ERROR_CORE, nothing is created.
"""
from __future__ import annotations

import bisect

import re
import uuid

from ..envelope import PAGE, Listed, RestError, page
from ..filters import matches
from ..params import as_list, ci_get
from ..rights import can_edit_task, can_see_task, member_role
from ..state import Task, TaskUserField
from .common import camel_case, date, fresh_id, full_name, int_or, parse_date

STATUSES = {2, 3, 4, 5, 6}
# tasks/tasks-task-list.md, "filter": the keys a portal filters on (its example 1 adds REPLICATE and
# "::SUBFILTER-PARAMS"). Any other key (MEMBER, custom UF_* fields) is not documented: devportal
# ignores it, as a portal may, unless ``portal.lenient_filters`` (a test's switch, never the demo).
DOCUMENTED_FILTERS = {"ID", "PARENT_ID", "GROUP_ID", "CREATED_BY", "STATUS_CHANGED_BY", "PRIORITY",
                      "FORUM_TOPIC_ID", "RESPONSIBLE_ID", "TITLE", "TAG", "REAL_STATUS", "STATUS", "MARK",
                      "SITE_ID", "ADD_IN_REPORT", "DATE_START", "DEADLINE", "CREATED_DATE", "CLOSED_DATE",
                      "CHANGED_DATE", "ACCOMPLICE", "AUDITOR", "DEPENDS_ON", "ONLY_ROOT_TASKS", "STAGE_ID",
                      "SPRINT_ID", "BACKLOG_ID", "UF_CRM_TASK", "REPLICATE"}
_ORDER = {"ID", "TITLE", "CREATED_DATE", "CHANGED_DATE", "CLOSED_DATE", "DEADLINE", "REAL_STATUS",
          "STATUS", "PRIORITY", "GROUP_ID", "ACTIVITY_DATE"}


def _core(text: str) -> RestError:
    return RestError(400, "ERROR_CORE", text)


def _user_card(portal, uid: int) -> dict:
    u = portal.users.get(uid)
    return {"id": str(uid), "name": full_name(u) if u else "", "link": f"/company/personal/user/{uid}/",
            "icon": (u.photo if u and u.photo else "/bitrix/images/tasks/default_avatar.png"),
            "workPosition": u.work_position if u else ""}


def task_fields(portal, t: Task) -> dict:
    """Every field of a task as tasks.task.get answers it (tasks-task-add.md's example)."""
    g = portal.groups.get(t.group_id)
    changed = t.changed_date or t.created_date
    return {
        "id": str(t.id), "parentId": None, "title": t.title, "description": t.description,
        "mark": None, "priority": str(t.priority), "multitask": "N", "notViewed": "N", "replicate": "N",
        "stageId": "0", "createdBy": str(t.created_by), "createdDate": date(portal, t.created_date),
        "responsibleId": str(t.responsible_id), "changedBy": str(t.created_by),
        "changedDate": date(portal, changed), "statusChangedBy": None,
        "closedBy": str(t.responsible_id) if t.closed_date else None,
        "closedDate": date(portal, t.closed_date), "activityDate": date(portal, changed),
        "dateStart": None, "deadline": date(portal, t.deadline), "startDatePlan": None,
        "endDatePlan": None, "guid": "{" + str(uuid.UUID(int=t.id)) + "}", "xmlId": None,
        "commentsCount": None, "serviceCommentsCount": None, "allowChangeDeadline": "N",
        "allowTimeTracking": "N", "taskControl": "N", "addInReport": "N", "forkedByTemplateId": None,
        "timeEstimate": "0", "timeSpentInLogs": None, "matchWorkTime": "N", "forumTopicId": None,
        "forumId": None, "siteId": "s1", "subordinate": "N", "exchangeModified": None,
        "exchangeId": None, "outlookVersion": "1", "viewedDate": None, "sorting": None,
        "durationFact": None, "isMuted": "N", "isPinned": "N", "isPinnedInGroup": "N", "flowId": None,
        "descriptionInBbcode": "Y", "status": str(t.status), "statusChangedDate": date(portal, changed),
        "durationPlan": None, "durationType": "days", "favorite": "N", "groupId": str(t.group_id),
        "auditors": [str(a) for a in t.auditors], "accomplices": [str(a) for a in t.accomplices],
        "checklist": [],
        "group": {"id": str(g.id), "name": g.name, "opened": g.opened,
                  "membersCount": len(set(g.members) | {g.owner_id}), "image": "", "additionalData": []}
        if g else [],
        "creator": _user_card(portal, t.created_by), "responsible": _user_card(portal, t.responsible_id),
        "accomplicesData": {str(a): _user_card(portal, a) for a in t.accomplices} or [],
        "auditorsData": {str(a): _user_card(portal, a) for a in t.auditors} or [],
        "newCommentsCount": 0, "subStatus": str(t.status),
    }


def _uf_fields(portal, t: Task, names) -> dict:
    return {camel_case(n): t.uf.get(n) for n in names}


def _all_uf(portal) -> list[str]:
    return [f.field_name for f in sorted(portal.task_fields.values(), key=lambda f: f.id)]


def _select(portal, t: Task, select: list[str], default_uf: bool) -> dict:
    full = task_fields(portal, t)
    names = [str(s).upper() for s in select]
    if not names or "*" in names:
        out = dict(full)
        ufs = _all_uf(portal) if default_uf or "UF_*" in names else []
        ufs += [n for n in names if n.startswith("UF_") and n != "UF_*" and n not in ufs]
        out.update(_uf_fields(portal, t, ufs))
        return out
    out = {"id": full["id"]}
    extra = {"CREATED_BY": ("creator",), "RESPONSIBLE_ID": ("responsible",), "GROUP_ID": ("group",),
             "AUDITORS": ("auditorsData",), "ACCOMPLICES": ("accomplicesData",), "STATUS": ("subStatus",)}
    for n in names:
        if n == "UF_*":
            out.update(_uf_fields(portal, t, _all_uf(portal)))
        elif n.startswith("UF_"):
            out.update(_uf_fields(portal, t, [n]))
        else:
            key = "status" if n == "REAL_STATUS" else camel_case(n)
            if key in full:
                out[key] = full[key]
            for k in extra.get(n, ()):
                out[k] = full[k]
    return out


def _task_value(t: Task, name: str):
    """A task's value for a filter/order key (UPPER_CASE field names)."""
    simple = {"ID": t.id, "TITLE": t.title, "GROUP_ID": t.group_id, "CREATED_BY": t.created_by,
              "RESPONSIBLE_ID": t.responsible_id, "REAL_STATUS": t.status, "STATUS": t.status,
              "CREATED_DATE": t.created_date, "CHANGED_DATE": t.changed_date or t.created_date,
              "CLOSED_DATE": t.closed_date, "DEADLINE": t.deadline, "ACTIVITY_DATE": t.changed_date or t.created_date,
              "AUDITOR": list(t.auditors), "ACCOMPLICE": list(t.accomplices), "PRIORITY": t.priority,
              "REPLICATE": "N", "MEMBER": [t.created_by, t.responsible_id, *t.accomplices, *t.auditors],
              "PARENT_ID": 0}
    if name in simple:
        return simple[name]
    if name.startswith("UF_"):
        return t.uf.get(name)
    return None


def _get_task(portal, user, task_id) -> Task:
    tid = int_or(task_id)
    if not tid:
        raise RestError(400, "100", "CTaskItem All parameters in the constructor must have real class type (internal error)")
    t = portal.tasks.get(tid)
    if t is None or not can_see_task(portal, user, t):
        raise RestError(400, "ERROR_CORE", "Задача не найдена или доступ к ней запрещен")
    return t


def _may_name_creator(portal, user, creator_id: int) -> bool:
    if user.is_admin or creator_id == user.id:
        return True
    creator = portal.users.get(creator_id)
    heads = {d.id for d in portal.departments.values() if d.head == user.id}
    return bool(creator and heads & set(creator.departments))


def _apply(portal, user, t: Task, fields: dict) -> None:
    """Write UPPER_CASE input ``fields`` into ``t`` (after validation)."""
    for key, value in fields.items():
        k = str(key).upper()
        if k == "TITLE":
            t.title = str(value)
        elif k == "DESCRIPTION":
            t.description = str(value)
        elif k == "GROUP_ID":
            t.group_id = int_or(value)
        elif k == "RESPONSIBLE_ID":
            t.responsible_id = int_or(value)
        elif k == "CREATED_BY":
            t.created_by = int_or(value)
        elif k == "AUDITORS":
            t.auditors = [int_or(v) for v in as_list(value) if int_or(v)]
        elif k == "ACCOMPLICES":
            t.accomplices = [int_or(v) for v in as_list(value) if int_or(v)]
        elif k == "DEADLINE":
            t.deadline = parse_date(value)
        elif k == "PRIORITY":
            if int_or(value) not in (0, 1, 2):
                raise _core("Некорректный приоритет")
            t.priority = int_or(value)
        elif k in ("STATUS", "REAL_STATUS"):
            status = int_or(value)
            if status not in STATUSES:
                raise _core("Некорректный статус")
            if status != t.status:
                t.status = status
                if status == 5:
                    t.closed_date = portal.now
        elif k == "TAGS":          # an array of tag names (a comma-separated text is accepted too)
            items = value.split(",") if isinstance(value, str) else as_list(value)
            t.tags = list(dict.fromkeys(str(x).strip() for x in items if str(x).strip()))
        elif k.startswith("UF_"):
            t.uf[k] = None if value is None else (value if isinstance(value, list) else str(value))


def _validate(portal, t: Task) -> None:
    if not t.title.strip():
        raise _core("Не указано название задачи")
    if not t.responsible_id:
        raise _core("Не указан исполнитель")
    if t.responsible_id not in portal.users:
        raise _core('Пользователь указанный в поле "Исполнитель" не найден')
    if t.group_id and t.group_id not in portal.groups:
        raise _core("Группа не найдена")


def tasks_task_add(portal, user, params):
    fields = ci_get(params, "fields")
    if not fields or not isinstance(fields, dict):
        raise RestError(400, "100", "Could not find value for parameter {fields} (internal error)")
    up = {str(k).upper(): v for k, v in fields.items()}
    creator = int_or(up.get("CREATED_BY"), user.id) or user.id
    if not _may_name_creator(portal, user, creator):
        raise _core("Действие над задачей не разрешено")
    t = Task(id=0, title="", created_by=creator, responsible_id=0, created_date=portal.now,
             changed_date=portal.now)
    _apply(portal, user, t, {k: v for k, v in up.items() if k != "CREATED_BY"})
    _validate(portal, t)
    if t.status == 5 and t.closed_date is None:
        t.closed_date = portal.now
    t.id = fresh_id(portal, "task")
    portal.tasks[t.id] = t
    return {"task": _select(portal, t, [], default_uf=True)}


def tasks_task_get(portal, user, params):
    t = _get_task(portal, user, ci_get(params, "taskId") or ci_get(params, "id"))
    task = _select(portal, t, as_list(ci_get(params, "select")), default_uf=True)
    full = task_fields(portal, t)
    for key in ("descriptionInBbcode", "favorite", "group"):      # tasks-task-get.md: sent with any select
        task.setdefault(key, full[key])
    return {"task": task}


def tasks_task_update(portal, user, params):
    t = _get_task(portal, user, ci_get(params, "taskId") or ci_get(params, "id"))
    fields = ci_get(params, "fields")
    if not fields or not isinstance(fields, dict):
        raise RestError(400, "100", "Could not find value for parameter {fields} (internal error)")
    if not can_edit_task(portal, user, t):
        raise RestError(400, "0", "Действие над задачей не разрешено (internal error)")
    up = {str(k).upper(): v for k, v in fields.items()}
    if "CREATED_BY" in up and not _may_name_creator(portal, user, int_or(up["CREATED_BY"])):
        raise RestError(400, "0", "Действие над задачей не разрешено (internal error)")
    before = Task(**{**t.__dict__, "uf": dict(t.uf), "tags": list(t.tags)})
    try:
        _apply(portal, user, t, up)
        _validate(portal, t)
    except RestError:
        t.__dict__.update(before.__dict__)
        raise
    t.changed_date = portal.now
    if t.status != before.status:          # tasks.task.history.list shows status changes
        t.history = [*before.history, {"date": portal.now, "field": "STATUS", "from": str(before.status),
                                       "to": str(t.status), "user_id": user.id}]
    if t.tags != before.tags:              # ... and tag changes (tasks/tasks-task-history-list.md, field TAGS);
        # the page gives no value format: devportal writes the tag names comma-joined
        t.history = [*t.history, {"date": portal.now, "field": "TAGS", "from": ",".join(before.tags),
                                  "to": ",".join(t.tags), "user_id": user.id}]
    return {"task": _select(portal, t, [], default_uf=True)}


def tasks_task_delete(portal, user, params):
    """tasks-task-delete.md: for who may delete it (admin, creator, group owner/moderator);
    refusal 400 "1048582"."""
    t = _get_task(portal, user, ci_get(params, "taskId"))
    if not (user.is_admin or user.id == t.created_by
            or member_role(portal.groups.get(t.group_id), user.id) in ("A", "E")):
        raise RestError(400, "1048582", "Нет доступа к удалению задачи")
    del portal.tasks[t.id]
    return {"task": True}


def tasks_task_list(portal, user, params):
    flt = ci_get(params, "filter") or {}
    if not isinstance(flt, dict):
        flt = {}
    order = ci_get(params, "order") or {"ID": "DESC"}
    by_id_asc = isinstance(order, dict) and [(str(k).upper(), str(v).upper()) for k, v in order.items()] == [("ID", "ASC")]
    first_page_only = by_id_asc and str(ci_get(params, "start")) == "-1"
    rows = []
    skip = (lambda n: n.startswith("::")) if portal.lenient_filters else \
        (lambda n: n.startswith("::") or n not in DOCUMENTED_FILTERS)
    for t in _candidates(portal, flt, by_id_asc):
        if can_see_task(portal, user, t) and matches(lambda f, t=t: _task_value(t, f), flt, skip=skip):
            rows.append(t)
            if first_page_only and len(rows) == PAGE:     # start=-1: the first page is all it answers
                break
    for key, direction in reversed(list(order.items()) if isinstance(order, dict) else []):
        k = str(key).upper()
        if k not in _ORDER and not k.startswith("UF_"):
            raise RestError(400, "0", "Неверный ключ сортировки (internal error)")
        rows.sort(key=lambda t: _order_key(_task_value(t, k)), reverse=str(direction).upper() == "DESC")
    listed = page(rows, params)
    select = as_list(ci_get(params, "select"))
    listed.result = {"tasks": [_select(portal, t, select, default_uf=False) for t in listed.result]}
    return listed


def _candidates(portal, flt: dict, by_id_asc: bool) -> list:
    """The tasks worth testing, in id order: with ``>ID`` and ID order only those above it (a
    bisect), so paging a 20k-task list by id stays cheap; the filter still decides."""
    tasks = sorted(portal.tasks.values(), key=lambda t: t.id)
    above = flt.get(">ID") if isinstance(flt, dict) else None
    if not by_id_asc or not str(above or "").isdigit():
        return tasks
    return tasks[bisect.bisect_right([t.id for t in tasks], int(above)):]


def _order_key(v):
    if v is None:
        return (0, "")
    if hasattr(v, "timestamp"):
        return (1, v.timestamp())
    return (1, v) if isinstance(v, (int, float)) else (1, str(v))


_UF_NAME = re.compile(r"^UF_[A-Z0-9_]+$")


def userfield_add(portal, user, params):
    p = ci_get(params, "PARAMS") or {}
    if not isinstance(p, dict):
        p = {}
    p = {str(k).upper(): v for k, v in p.items()}
    if not user.is_admin:
        raise _core("Access denied")
    if not p.get("USER_TYPE_ID"):
        raise _core("The 'USER_TYPE_ID' field is not found.")
    if p["USER_TYPE_ID"] not in ("string", "double", "datetime", "boolean"):
        raise _core("Указан неверный пользовательский тип.")
    name = str(p.get("FIELD_NAME") or "").upper()
    if not name:
        raise _core("The 'FIELD_NAME' field is not found.")
    if not name.startswith("UF_"):
        name = "UF_" + name
    if not _UF_NAME.match(name) or len(name) > 50:
        raise _core(f"Неверный код поля {name}.")
    if any(f.field_name == name for f in portal.task_fields.values()):
        raise _core(f"Поле {name} для объекта TASKS_TASK уже существует.")
    labels = p.get("EDIT_FORM_LABEL") if isinstance(p.get("EDIT_FORM_LABEL"), dict) else {}
    fid = fresh_id(portal, "task_field")
    portal.task_fields[fid] = TaskUserField(fid, name, p["USER_TYPE_ID"], dict(labels),
                                            str(p.get("XML_ID") or name))
    return fid


def userfield_getlist(portal, user, params):
    rows = []
    for f in sorted(portal.task_fields.values(), key=lambda f: f.id):
        rows.append({"ID": str(f.id), "ENTITY_ID": "TASKS_TASK", "FIELD_NAME": f.field_name,
                     "USER_TYPE_ID": f.user_type_id, "XML_ID": f.xml_id, "SORT": "100",
                     "MULTIPLE": "N", "MANDATORY": "N", "SHOW_FILTER": "N", "SHOW_IN_LIST": "Y",
                     "EDIT_IN_LIST": "Y", "IS_SEARCHABLE": "N", "SETTINGS": []})
    flt = ci_get(params, "FILTER") or {}
    rows = [r for r in rows if matches(lambda k, r=r: r.get(k), flt)]
    return Listed(rows, total=len(rows))


METHODS = {
    "tasks.task.add": tasks_task_add, "tasks.task.get": tasks_task_get,
    "tasks.task.update": tasks_task_update, "tasks.task.list": tasks_task_list,
    "tasks.task.delete": tasks_task_delete,
    "task.item.userfield.add": userfield_add, "task.item.userfield.getlist": userfield_getlist,
}
