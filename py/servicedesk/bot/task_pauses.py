"""The paused spans of a desk's tasks (decisions 100–101): ``tasks.task.history.list`` of every group task
that counts in the 12 months (created in them, or open now), 50 a batch, read again only for tasks whose
``changedDate`` moved (a status or tag change moves it). STATUS rows only, unless the desk names a
"waiting for the requester" tag: then the whole history, of which STATUS and TAGS rows are read."""
from __future__ import annotations

from datetime import datetime

from ..model.pauses import paused_spans
from ..model import Task
from ..rest import RestClient
from ..rest.client import batch_each


def _history_command(tag: str):
    def command(i: int):
        params = {"taskId": i, "order": {"createdDate": "ASC"}}
        if not tag:
            params["filter"] = {"FIELD": "STATUS"}
        return "tasks.task.history.list", params
    return command


async def load_pauses(client: RestClient, tasks, settings, since: datetime, cache: dict | None = None) -> dict:
    """{task id: paused spans} of ``tasks`` (models or the loader's columns) created at or after ``since``
    or not completed; ``cache`` {task id: (changed ISO, spans)} is read and updated (a task whose change
    date is the cached one is not read again). A refused history counts as no pause."""
    cache = {} if cache is None else cache
    models = tasks.models() if hasattr(tasks, "models") else list(tasks)
    wanted: dict[int, Task] = {t.id: t for t in models
                               if t.created is not None and (t.created >= since or not t.is_completed)}
    key = lambda t: (t.changed or t.created).isoformat() + "|" + settings.pause_tag  # noqa: E731
    todo = [i for i, t in wanted.items() if (cache.get(i) or ("",))[0] != key(t)]
    if todo:
        found = await batch_each(client, todo, _history_command(settings.pause_tag))
        for i in todo:
            rows = (found.get(i) or {}).get("list") if isinstance(found.get(i), dict) else None
            cache[i] = (key(wanted[i]), paused_spans(rows or [], settings.pause_statuses, settings.pause_tag,
                                                     wanted[i].status))
    return {i: cache[i][1] for i in wanted if cache.get(i) and cache[i][1]}
