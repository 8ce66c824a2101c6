"""tasks.task.history.list (tasks/tasks-task-history-list.md) and imopenlines.session.head.vote
(openlines/imopenlines/sessions/imopenlines-session-head-vote.md).

History: {taskId, filter {FIELD}, order {createdDate: asc|desc}} → {"list": [{id, createdDate (ISO),
field, value {from, to}, user {id, name, lastName, secondName, login}}]}, newest first by default,
no paging; [] for an unknown task; 400 "0" "Access denied. (internal error)" for a task the caller
may not read. Head vote: {SESSION_ID, RATING 1–5, COMMENT} → true; admins and the line's report
users (supervisors with the rating right) only, else 400 ACCESS_DENIED.
"""
from __future__ import annotations

from ..envelope import RestError
from ..params import ci_get
from ..rights import can_see_task
from .common import date, int_or


def tasks_task_history_list(portal, user, params):
    tid = int_or(ci_get(params, "taskId"))
    if not tid:
        raise RestError(400, "100", "CTaskItem All parameters in the constructor must have real class type (internal error)")
    task = portal.tasks.get(tid)
    if task is None:
        return {"list": []}
    if not can_see_task(portal, user, task):
        raise RestError(400, "0", "Access denied. (internal error)")
    flt = ci_get(params, "filter") or {}
    want = str(ci_get(flt, "FIELD") or "").upper() if isinstance(flt, dict) else ""
    order = ci_get(params, "order") or {}
    asc = isinstance(order, dict) and str(ci_get(order, "createdDate") or "").lower() == "asc"
    rows = []
    for i, h in enumerate(task.history, start=1):
        if want and h["field"] != want:
            continue
        u = portal.users.get(h["user_id"])
        rows.append({"id": tid * 1000 + i, "createdDate": date(portal, h["date"]), "field": h["field"],
                     "value": {"from": h["from"], "to": h["to"]},
                     "user": {"id": h["user_id"], "name": u.name if u else "", "lastName": u.last_name if u else "",
                              "secondName": "", "login": u.email if u else ""}})
    rows.sort(key=lambda r: (r["createdDate"], r["id"]), reverse=not asc)
    return {"list": rows}


def session_head_vote(portal, user, params):
    sid = int_or(ci_get(params, "SESSION_ID"))
    if not sid or sid <= 0:
        raise RestError(400, "EMPTY_SESSION_ID", "Session ID can't be empty")
    rating, comment = ci_get(params, "RATING"), ci_get(params, "COMMENT")
    if rating in (None, "") and comment in (None, ""):
        raise RestError(400, "EMPTY_VOTE_PARAMS", "At least one of the parameters RATING or COMMENT must be specified")
    s = portal.sessions.get(sid)
    line = portal.openlines.get(s.config_id) if s else None
    if s is None or not (user.is_admin or (line and user.id in line.report_users)):
        raise RestError(400, "ACCESS_DENIED", "Вы не можете открыть этот разговор, т.к. у вас недостаточно прав")
    if rating not in (None, ""):
        s.vote_head = max(1, min(5, int_or(rating) or 0))
    if comment not in (None, ""):
        s.comment_head = str(comment)
    return True


METHODS = {"tasks.task.history.list": tasks_task_history_list, "imopenlines.session.head.vote": session_head_vote}
