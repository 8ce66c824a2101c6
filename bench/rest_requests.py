"""How many REST requests the dashboard's data costs, against the floor the portal's limits allow.

    python bench/rest_requests.py                 # demo desk scaled to 100k messages, 5k sessions, 20k tasks
    python bench/rest_requests.py --small         # the default demo desk, plus "one month" of it

For a cold load (empty cache) and a warm one (cache of the previous load, nothing changed) it prints
the requests made, the lower bound — ceil(items / page size) pages per list (200 messages, 50 tasks,
200 sessions per month), packed 50 commands to a batch — and their ratio, then the wall time of the
cold load against devportal's real leaky bucket (2 requests/s, burst 50). Then the same for three
desks (the demo desk, HR and accounting of devportal.demo_desks) loaded by a specialist of all three
in one shared load (loader.load_desks), against the floor of the union of their data. Last, a desk
whose second line is a smart process (devportal.demo_crm; 1,700 items a month, 15 with --small): its
manager's cold and warm loads against the floor of its items, their stage history (50 a page), its
stages and the group's tasks.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

from devportal.demo import build_demo  # noqa: E402
from devportal.demo_crm import add_crm_desk  # noqa: E402
from devportal.demo_desks import SHARED, add_accounting_desk, add_hr_desk  # noqa: E402
from devportal.server import serve  # noqa: E402
from servicedesk.context import load_context  # noqa: E402
from servicedesk.loader import load_desk, load_desks  # noqa: E402
from servicedesk.loader.desk import LEAD_IN, month_starts  # noqa: E402
from servicedesk.loader.store import MemoryStore  # noqa: E402
from servicedesk.rest import RestClient  # noqa: E402
from servicedesk.rest.http import HttpTransport  # noqa: E402
from servicedesk.visit import Visit  # noqa: E402


def desk_records(portal) -> list[dict]:
    """The portal's desks as stored: the ``desks`` option, else the single desk of the options."""
    opts = portal.app_options
    if opts.get("desks"):
        return json.loads(opts["desks"])
    return [{"id": 1, "group_id": opts["group_id"], "chat_ids": [int(opts["chat_id"])],
             "openline_id": opts.get("openline_id"), "time_zone": opts["time_zone"]}]


def floor_requests(portal, desks: list[dict] | None = None) -> tuple[int, dict]:
    """The fewest requests any loader needs for the union of ``desks``' data (default: the first
    desk): every list's pages (messages of each chat, the group's tasks, each month's sessions of the
    line), packed 50 a batch."""
    items = {"messages": 0, "tasks": 0, "sessions": 0, "pages": 0}
    for desk in desks or desk_records(portal)[:1]:
        starts = month_starts(portal.now, desk.get("time_zone") or portal.app_options["time_zone"])
        since = starts[0] - LEAD_IN
        for chat in desk["chat_ids"]:
            n = sum(1 for m in portal.messages.values() if m.chat_id == int(chat) and m.date >= since)
            items["messages"] += n
            items["pages"] += math.ceil(n / 200)
        n = sum(1 for t in portal.tasks.values() if t.group_id == int(desk["group_id"]))
        items["tasks"] += n
        items["pages"] += math.ceil(n / 50)
        line = int(desk.get("openline_id") or 0)
        per_month = [sum(1 for s in portal.sessions.values() if s.config_id == line and a <= s.date_create < b)
                     for a, b in zip(starts, starts[1:])] if line else []
        items["sessions"] += sum(per_month)
        items["pages"] += sum(math.ceil(n / 200) for n in per_month)
    return math.ceil(items["pages"] / 50), items


async def visit_for(running, user_id: int) -> Visit:
    client = RestClient(HttpTransport(running.url, running.token(user_id), timeout=600))
    ctx = await load_context(client, is_admin=running.portal.users[user_id].is_admin)
    return Visit(client, ctx, ui=None, lang="ru")


async def measure(running, user_id: int, desk_ids: list[int] | None = None) -> list[tuple[str, int, float]]:
    """Cold and warm loads of ``user_id``'s desk (or of ``desk_ids`` in one shared load)."""
    store, rows = MemoryStore(), []
    for name in ("cold", "warm"):
        visit = await visit_for(running, user_id)
        t0 = time.perf_counter()
        if desk_ids is None:
            desks = [await load_desk(visit, store=store)]
        else:
            desks = list((await load_desks(visit, desk_ids, store=store)).values())
            assert len(desks) == len(desk_ids), "the user does not support every desk"
        rows.append((name, desks[0].requests, time.perf_counter() - t0))
        for desk in desks:
            assert desk.warm == (name == "warm") and not desk.problems, desk.problems
    return rows


def print_rows(rows, floor: int) -> None:
    print(f"{'load':6} {'requests':>8} {'floor':>6} {'ratio':>6} {'seconds':>8}")
    for name, requests, seconds in rows:
        bound = floor if name == "cold" else 1
        print(f"{name:6} {requests:8d} {bound:6d} {requests / bound:6.2f} {seconds:8.1f}")


def specialist_in_queue(portal) -> int:
    group = portal.groups[int(portal.app_options["group_id"])]
    line = portal.openlines[int(portal.app_options["openline_id"])]
    return next(uid for uid in group.members if uid in line.queue)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", action="store_true", help="the default demo desk instead of 100k/5k/20k")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    sizes = {} if args.small else {"messages": 100_000, "sessions": 5_000, "tasks": 20_000}
    t0 = time.perf_counter()
    portal = build_demo(args.seed, **sizes)
    print(f"demo desk {sizes or 'default'}: built in {time.perf_counter() - t0:.1f} s")
    user = specialist_in_queue(portal)
    floor, items = floor_requests(portal)
    print(f"items for user {user}: {items['messages']} messages, {items['tasks']} tasks, "
          f"{items['sessions']} sessions = {items['pages']} pages -> floor {floor} requests")
    running = serve(portal)
    try:
        rows = asyncio.run(measure(running, user))
    finally:
        running.stop()
    print_rows(rows, floor)
    running = serve(portal)
    running.faults.rate_limit(True, rate=2, burst=50)
    try:
        t0 = time.perf_counter()
        asyncio.run(measure(running, user))
        print(f"cold+warm against the real bucket (2 req/s, burst 50): {time.perf_counter() - t0:.1f} s wall")
    finally:
        running.stop()
    if args.small:
        one_month(portal, user)
    three_desks(portal)
    crm_desk(portal, 15 if args.small else 1700, args.seed)


def crm_desk(portal, per_month: int, seed: int) -> None:
    """The smart-process desk: its manager loads it alone, cold then warm."""
    ids = add_crm_desk(portal, seed, per_month=per_month)
    desk = desk_records(portal)[-1]
    ent = ids["entity_type_id"]
    n_items = sum(1 for i in portal.crm_items.values() if i.entity_type_id == ent)
    n_rows = sum(1 for e in portal.crm_history if e.entity_type_id == ent)
    n_tasks = sum(1 for t in portal.tasks.values() if t.group_id == int(desk["group_id"]))
    pages = math.ceil(n_items / 50) + math.ceil(n_rows / 50) + 1 + math.ceil(n_tasks / 50)
    floor = math.ceil(pages / 50)
    manager = portal.groups[int(desk["group_id"])].owner_id
    print(f"smart-process desk for user {manager}: {n_items} items, {n_rows} history rows, {n_tasks} tasks "
          f"of the group, 1 stage list = {pages} pages -> floor {floor} requests")
    running = serve(portal)
    try:
        rows = asyncio.run(measure(running, manager, [ids["desk"]]))
    finally:
        running.stop()
    print_rows(rows, floor)


def three_desks(portal) -> None:
    """The demo desk with HR and accounting added: a specialist of all three loads them in one go."""
    add_hr_desk(portal)
    add_accounting_desk(portal)
    desks = desk_records(portal)
    queue = portal.openlines[int(desks[0]["openline_id"])].queue
    if SHARED not in queue:
        queue.append(SHARED)                  # a specialist of the line: reads its sessions too
    floor, items = floor_requests(portal, desks)
    print(f"3 desks ({', '.join(d['name'] for d in desks)}) for user {SHARED}: {items['messages']} messages, "
          f"{items['tasks']} tasks, {items['sessions']} sessions = {items['pages']} pages -> floor {floor} requests")
    running = serve(portal)
    try:
        rows = asyncio.run(measure(running, SHARED, [d["id"] for d in desks]))
    finally:
        running.stop()
    print_rows(rows, floor)


def one_month(portal, user: int) -> None:
    """Issue 3's figure: one month of the support chat and the group's tasks, requests vs pages."""
    async def run():
        visit = await visit_for(running, user)
        client, opts = visit.client, portal.app_options
        start = month_starts(portal.now, opts["time_zone"], 1)[0]
        before = client.requests
        from servicedesk.loader.chat import MessagesPlan
        from servicedesk.loader.plan import run_plans
        from servicedesk.loader.tasks import TasksPlan
        msgs = MessagesPlan(int(opts["chat_id"]), start.isoformat(), span_days=(portal.now - start).days + 1)
        tasks = TasksPlan(int(opts["group_id"]), [opts["uf_message"], opts["uf_chat"]])
        await run_plans(client, [msgs, tasks])
        return client.requests - before, len(msgs.items), len(tasks.items)
    running = serve(portal)
    try:
        requests, n_msgs, n_tasks = asyncio.run(run())
    finally:
        running.stop()
    pages = math.ceil(n_msgs / 200) + math.ceil(n_tasks / 50)
    print(f"one month of chat + all group tasks: {n_msgs} messages, {n_tasks} tasks = {pages} pages; "
          f"{requests} requests (lower bound ceil(items/page) = {pages} pages in {math.ceil(pages / 50)} batch)")


if __name__ == "__main__":
    main()
