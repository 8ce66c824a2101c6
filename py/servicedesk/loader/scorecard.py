"""On-demand data of the specialist scorecard, for the selected month only: the STATUS history of
the month's closed tasks (tasks.task.history.list) and the supervisor's rating of the month's Open
Line sessions (imopenlines.session.history.get ``sessionVoteHead``) — 50 commands a batch, so
``ceil(n / 50)`` requests for n tasks (or sessions)."""
from __future__ import annotations

from ..rest import RestClient
from ..rest.client import batch_each


async def task_histories(client: RestClient, task_ids: list[int]) -> dict[int, list[dict]]:
    """{task id: its STATUS changes, oldest first} (a refused task: [])."""
    found = await batch_each(client, sorted(set(task_ids)), lambda i: (
        "tasks.task.history.list", {"taskId": i, "filter": {"FIELD": "STATUS"}, "order": {"createdDate": "ASC"}}))
    return {i: list((r or {}).get("list") or []) if isinstance(r, dict) else [] for i, r in found.items()}


async def head_votes(client: RestClient, session_ids: list[int]) -> dict[int, int]:
    """{session id: the supervisor's rating 1–5, 0 = none or not readable}."""
    found = await batch_each(client, sorted(set(session_ids)), lambda i: (
        "imopenlines.session.history.get", {"SESSION_ID": i}))
    return {i: int((r or {}).get("sessionVoteHead") or 0) if isinstance(r, dict) else 0 for i, r in found.items()}
