"""Pure functions: raw desk records → the dashboard's figures (DESIGN §4). No I/O, no browser.

Entry point::

    compute_desk(messages, users, sessions, tasks, settings, support_ids, now=None, *, time_zone=None) -> dict

`messages`, `users`, `sessions`, `tasks` are model records or the raw REST items they parse from
(im.dialog.messages.search `messages`/`users`, imopenlines.v2.Session.list `sessions`, tasks.task.list
`tasks`); `settings` a `model.Settings` or its dict (group_id, chat_id, openline_id, bot_id, uf_message,
uf_chat, time_zone); `support_ids` the support group's owner and members now; `now` an aware datetime
or ISO text. The result (plain JSON types only)::

    {"time_zone": "Europe/Moscow", "now": ISO,
     "month_keys": ["2025-12", ..., "2026-11"],          # 12 months, the current one last
     "months": {"YYYY-MM": {
        "chat_dialogues": int, "chat_response_min": {"avg", "median", "p90", "count"},
        "chat_unanswered": int, "chat_oldest_wait_min": float | None,
        "openline_dialogues": int, "openline_response_min": {...}, "openline_unanswered": int,
        "openline_oldest_wait_min": float | None,
        "openline_by_operator": {uid: {"dialogues", "answered", "median_response_min"}},
        "tasks_new", "tasks_new_external", "tasks_closed", "tasks_closed_external": int,
        "time_to_close_min": {...}, "tasks_open", "tasks_open_external": int,
        "by_specialist": {uid: {"dialogues", "tasks_closed", "median_response_min"}}}},
     "unanswered": [{"chat_id", "message_id", "author_id", "author_name", "text", "opened_at", "month",
                     "wait_min", "messages"}],                                   # oldest first
     "openline_unanswered": [{"session_id", "chat_id", "operator_id", "opened_at", "month", "wait_min"}],
     "open_tasks": [{"id", "title", "status", "responsible_id", "created_by", "created_at", "month",
                     "age_min", "external", "chat_id", "message_id", "priority"}],  # oldest first
     "sla": {"mode": "24x7" | "working_hours", "work_hours", "targets_min": {"chat", "openline", "task_close"}},
     "at_risk": [{"kind": "chat"|"openline"|"tasks", "id", "title", "opened_at", "elapsed_min", "target_min",
                  "remaining_min", "breached", ...}],                       # most overdue first (§4b)
     "comparison": {"YYYY-MM": {figure: {"value", "previous", "change", "change_pct", "lower_better",
                                         "verdict"}}}}
Each month also has "breach": {"chat"|"openline"|"tasks": {"breached", "total", "pct"}} for series with
a target. With sla_mode "working_hours" every duration is business minutes (metrics.business.Clock).

Durations are minutes (float); avg/median/p90 are None ("—") when a month has no durations; uid keys
are strings (JSON). `compute_from_input(data)` takes the golden-file "input" shape instead.
Helpers: `chat_dialogues` (records), `month_window`, `summary`.
"""
from .chat import chat_dialogues
from .desk import compute_desk
from .input import compute_from_input
from .months import month_window
from .stats import summary

__all__ = ["compute_desk", "compute_from_input", "chat_dialogues", "month_window", "summary"]
