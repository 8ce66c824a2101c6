"""CPU of the SLA alert check per poll (decisions 107), on the demo desk at scale, over real HTTP.

    python bench/alerts.py                # a year of 1M messages, 50k sessions, 200k tasks (as dashboard_scale --scale 1m)
    python bench/alerts.py --scale 100k   # 100k messages, 5k sessions, 20k tasks
    python bench/alerts.py --small        # the default demo desk
    python bench/alerts.py --crm 1700     # desk 1's second line a smart process, 1,700 items a month (decision 165)

Serves the scaled demo portal (devportal, in this process), then runs in a child process what the worker
runs after each event poll (``AlertRunner.run_once``) as the portal admin: the first check (every open
task's history read, the alerts already due sent or summed up) and then steady polls. Prints per check
the child's CPU time (``time.process_time``, its HTTP threads included: the app's share, not the
portal's), the wall time, the requests, the open items and the alerts sent.
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

from devportal.demo import build_demo  # noqa: E402
from devportal.server import serve  # noqa: E402
from servicedesk.bot.alerts_run import AlertRunner, chat_items, crm_items, task_items  # noqa: E402
from servicedesk.context import load_context  # noqa: E402
from servicedesk.model import Settings  # noqa: E402
from servicedesk.rest import RestClient  # noqa: E402
from servicedesk.rest.http import HttpTransport  # noqa: E402
from servicedesk.visit import Visit  # noqa: E402

SCALES = {"100k": {"messages": 100_000, "sessions": 5_000, "tasks": 20_000},
          "1m": {"messages": 1_000_000, "sessions": 50_000, "tasks": 200_000}}


async def measure(url: str, token: str, polls: int) -> None:
    client = RestClient(HttpTransport(url, token, timeout=900.0))     # devportal scans 200k tasks per command
    ctx = await load_context(client, is_admin=True)
    visit = Visit(client, ctx, None, "ru")
    runner = AlertRunner(visit)
    settings = Settings.from_dict(ctx.settings)
    items = len(await task_items(client, settings, {})) + len(await chat_items(client, settings, ctx.support_ids))
    crm = len(await crm_items(client, settings, {}, time.time()))
    print(f"open items with a target: {items + crm} ({crm} smart-process items)")
    for i in range(polls + 1):
        c0, w0, r0 = time.process_time(), time.perf_counter(), client.requests
        sent = await runner.run_once()
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        what = "first check" if i == 0 else f"poll {i}"
        print(f"{what:12s} CPU {cpu:6.3f} s   wall {wall:6.2f} s   requests {client.requests - r0:4d}   "
              f"alerts {len(sent)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=tuple(SCALES), default="1m")
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--polls", type=int, default=3)
    ap.add_argument("--crm", type=int, default=0, metavar="PER_MONTH",
                    help="put desk 1's second line in a smart process with this many items a month")
    args = ap.parse_args()
    sizes = {} if args.small else SCALES[args.scale]
    t0 = time.perf_counter()
    portal = build_demo(1, **sizes)
    if args.crm:
        _crm_desk(portal, args.crm)
    print(f"demo portal built in {time.perf_counter() - t0:.0f} s: {len(portal.messages)} messages, "
          f"{len(portal.tasks)} tasks, {len(portal.crm_items)} smart-process items")
    running = serve(portal)
    try:
        ctx = multiprocessing.get_context("spawn")          # a clean process: only the app's CPU
        child = ctx.Process(target=_child, args=(running.url, running.token(1), args.polls))
        child.start()
        child.join()
    finally:
        running.stop()


def _crm_desk(portal, per_month: int) -> None:
    """Desk 1 on the smart process of devportal.demo_crm (its items as they move), targets kept."""
    import json

    from devportal.demo_crm import add_crm_desk
    add_crm_desk(portal, 1, per_month=per_month)
    desks = json.loads(portal.app_options["desks"])
    targets = desks[0].get("sla_targets") or {}
    targets.setdefault("task_close", {}).setdefault("medium", 24)
    portal.app_options["desks"] = json.dumps([{**desks[0], "second_line": "crm", "crm": dict(desks[-1]["crm"]),
                                               "sla_targets": targets}], ensure_ascii=False)


def _child(url: str, token: str, polls: int) -> None:
    asyncio.run(measure(url, token, polls))


if __name__ == "__main__":
    main()
