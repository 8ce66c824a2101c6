"""How many REST requests the dashboard's data costs, against the floor the portal's limits allow.

    python bench/rest_requests.py                 # demo desk scaled to 100k messages, 5k sessions, 20k tasks
    python bench/rest_requests.py --small         # the default demo desk, plus "one month" of it

For a cold load (empty cache) and a warm one (cache of the previous load, nothing changed) it prints
the requests made, the lower bound — ceil(items / page size) pages per list (200 messages, 50 tasks,
200 sessions per month), packed 50 commands to a batch — and their ratio, then the wall time of the
cold load against devportal's real leaky bucket (2 requests/s, burst 50).
"""
from __future__ import annotations

import argparse
import asyncio
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

from devportal.demo import build_demo  # noqa: E402
from devportal.server import serve  # noqa: E402
from servicedesk.context import load_context  # noqa: E402
from servicedesk.loader import load_desk  # noqa: E402
from servicedesk.loader.desk import LEAD_IN, month_starts  # noqa: E402
from servicedesk.loader.store import MemoryStore  # noqa: E402
from servicedesk.rest import RestClient  # noqa: E402
from servicedesk.rest.http import HttpTransport  # noqa: E402
from servicedesk.session import PageSession  # noqa: E402


def floor_requests(portal, user_id: int) -> tuple[int, dict]:
    """The fewest requests any loader needs for what this user may read: pages packed 50 a batch."""
    opts = portal.app_options
    starts = month_starts(portal.now, opts["time_zone"])
    since = starts[0] - LEAD_IN
    msgs = sum(1 for m in portal.messages.values() if m.chat_id == int(opts["chat_id"]) and m.date >= since)
    tasks = sum(1 for t in portal.tasks.values() if t.group_id == int(opts["group_id"]))
    per_month = [sum(1 for s in portal.sessions.values() if a <= s.date_create < b)
                 for a, b in zip(starts, starts[1:])]
    pages = math.ceil(msgs / 200) + math.ceil(tasks / 50) + sum(math.ceil(n / 200) for n in per_month)
    return math.ceil(pages / 50), {"messages": msgs, "tasks": tasks, "sessions": sum(per_month), "pages": pages}


async def session_for(running, user_id: int) -> PageSession:
    client = RestClient(HttpTransport(running.url, running.token(user_id), timeout=600))
    ctx = await load_context(client, is_admin=running.portal.users[user_id].is_admin)
    return PageSession(client, ctx, ui=None, lang="ru")


async def measure(running, user_id: int) -> list[tuple[str, int, float]]:
    store, rows = MemoryStore(), []
    for name in ("cold", "warm"):
        session = await session_for(running, user_id)
        t0 = time.perf_counter()
        desk = await load_desk(session, store=store)
        rows.append((name, desk.requests, time.perf_counter() - t0))
        assert desk.warm == (name == "warm") and not desk.problems, desk.problems
    return rows


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
    floor, items = floor_requests(portal, user)
    print(f"items for user {user}: {items['messages']} messages, {items['tasks']} tasks, "
          f"{items['sessions']} sessions = {items['pages']} pages -> floor {floor} requests")
    running = serve(portal)
    try:
        rows = asyncio.run(measure(running, user))
    finally:
        running.stop()
    print(f"{'load':6} {'requests':>8} {'floor':>6} {'ratio':>6} {'seconds':>8}")
    for name, requests, seconds in rows:
        bound = floor if name == "cold" else 1
        print(f"{name:6} {requests:8d} {bound:6d} {requests / bound:6.2f} {seconds:8.1f}")
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


def one_month(portal, user: int) -> None:
    """Issue 3's figure: one month of the support chat and the group's tasks, requests vs pages."""
    async def run():
        session = await session_for(running, user)
        client, opts = session.client, portal.app_options
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
