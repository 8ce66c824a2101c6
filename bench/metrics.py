"""Benchmark of the metrics engine against a plain-Python reference implementation of DESIGN §4.

    python bench/metrics.py                 # synthetic desk: 100k messages, 5k sessions, 20k tasks
    python bench/metrics.py --input desk.json --svg out/   # golden-like "input" (or a file with it)

Prints parse / engine / reference times and their ratio, and fails (exit 1) if the two disagree.
The reference is `tests/reference.py` (deliberately naive: loops, datetime.astimezone per record), which
the property tests use too.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

from servicedesk.model import Message, Session, Settings, Task, User  # noqa: E402
from tests.reference import differences, reference_desk  # noqa: E402

# ---------------------------------------------------------------- synthetic desk


def synthetic_input(n_messages=100_000, n_sessions=5_000, n_tasks=20_000, seed=24,
                    now="2026-11-25T12:00:00+01:00", time_zone="Europe/Berlin") -> dict:
    """A golden-like "input" dict of raw REST items (deterministic for a seed)."""
    rnd = random.Random(seed)
    zone = ZoneInfo(time_zone)
    now_dt = datetime.fromisoformat(now)
    start = now_dt - timedelta(days=400)
    span = (now_dt - start).total_seconds()
    support, users_ids, bot = [1, 2, 3, 4, 5], list(range(100, 400)), 99

    def iso(seconds):
        return (start + timedelta(seconds=seconds)).astimezone(zone).isoformat(timespec="seconds")

    users = [{"id": 0, "name": "system", "bot": False}, {"id": bot, "name": "ServiceDesk", "bot": True}]
    users += [{"id": u, "name": f"Сотрудник {u}", "bot": False} for u in support + users_ids]
    times = sorted(int(rnd.random() * span) for _ in range(n_messages))
    messages = []
    for i, sec in enumerate(times):
        r = rnd.random()
        author = (rnd.choice(support) if r < 0.40 else bot if r < 0.43 else 0 if r < 0.45
                  else rnd.choice(users_ids))
        deleted = rnd.random() < 0.01
        messages.append({"id": 10_000 + i, "chat_id": 101 if rnd.random() < 0.99 else 102, "author_id": author,
                         "date": iso(sec), "text": "Это сообщение удалено" if deleted else f"сообщение {i}",
                         "isSystem": author == 0, "params": {"IS_DELETED": "Y"} if deleted else []})
    messages.sort(key=lambda m: m["id"])                 # REST pages come in id order

    sessions = []
    for i in range(n_sessions):
        created = rnd.random() * span
        r = rnd.random()
        spam, unanswered = r < 0.05, 0.05 <= r < 0.13
        answer = None if spam or unanswered else iso(created + rnd.expovariate(1 / 240))
        closed = None if unanswered and rnd.random() < 0.5 else iso(created + 3600)
        sessions.append({
            "id": 5_000 + i, "configId": 5 if rnd.random() < 0.95 else 6,
            "operatorId": 0 if answer is None else rnd.choice(support), "userId": 7_000 + i,
            "chatId": 50_000 + i, "dateCreate": iso(created), "dateOperatorAnswer": answer,
            "dateClose": closed, "status": "spam" if spam else "closed" if closed else "new",
            "closeReason": "spam" if spam else "operator" if closed else None})

    tasks = []
    for i in range(n_tasks):
        created = rnd.random() * span
        r = rnd.random()
        status = "5" if r < 0.6 else "3" if r < 0.7 else rnd.choice("2346")
        closed_sec = min(created + rnd.expovariate(1 / (5 * 86400)), span)
        closed = iso(closed_sec) if r < 0.7 else None            # 0.6..0.7: closed, then reopened
        c = rnd.random()
        chat = "101" if c < 0.4 else str(rnd.choice(sessions)["chatId"]) if c < 0.65 else None
        tasks.append({"id": str(100_000 + i), "title": f"Задача {i}", "groupId": "7" if rnd.random() < 0.95 else "8",
                      "createdDate": iso(created), "closedDate": closed, "status": status,
                      "responsibleId": str(rnd.choice(support)), "createdBy": "1",
                      "ufSdMessageId": None, "ufSdChatId": chat})
    return {"now": now, "time_zone": time_zone,
            "settings": {"group_id": 7, "chat_id": 101, "openline_id": 5, "bot_id": bot,
                         "uf_message": "UF_SD_MESSAGE_ID", "uf_chat": "UF_SD_CHAT_ID"},
            "group": {"owner": 1, "members": support[1:]}, "users": users, "chat_messages": messages,
            "openline_sessions": sessions, "tasks": tasks}


def working_hours(settings: Settings) -> Settings:
    """The same desk counted in working hours (the docs' portal calendar) with targets on every series."""
    from dataclasses import replace

    from servicedesk.model.sla import SlaTargets, WorkHours
    hours = WorkHours.from_portal({"work_time_start": "9", "work_time_end": "18", "week_holidays": ["SA", "SU"],
                                   "year_holidays": "1.01,2.01,7.01,23.02,8.03,1.05,9.05,12.06,4.11",
                                   "year_workdays": "31.12"})
    targets = SlaTargets(chat_first_response=30, openline_first_response=5,
                         task_close={"high": 8, "medium": 40, "low": 120})
    return replace(settings, sla_mode="working_hours", work_hours=hours, sla_targets=targets)


def parse_input(data: dict):
    """Raw input → (messages, users, sessions, tasks, settings, support_ids, now, time_zone) as records."""
    from servicedesk.metrics.input import support_ids_of
    from servicedesk.model import parse_time
    settings = Settings.from_dict({**(data.get("settings") or {}), "time_zone": data.get("time_zone")})
    zone = ZoneInfo(settings.time_zone)
    messages = [Message.from_rest(m, zone) for m in data.get("chat_messages") or ()]
    users = [User.from_rest(u) for u in data.get("users") or ()]
    sessions = [Session.from_rest(s, zone) for s in data.get("openline_sessions") or ()]
    tasks = [Task.from_rest(t, settings.uf_message, settings.uf_chat, zone) for t in data.get("tasks") or ()]
    return (messages, users, sessions, tasks, settings, support_ids_of(data.get("group")),
            parse_time(data["now"], zone), settings.time_zone)


def demo_input(seed: int) -> dict:
    """The demo desk (devportal, ``seed``) as its manager's dashboard loads it over REST, in the
    golden "input" shape."""
    import asyncio
    from devportal.demo import build_demo
    from devportal.server import serve
    from servicedesk.context import load_context
    from servicedesk.loader import load_desk
    from servicedesk.loader.store import MemoryStore
    from servicedesk.rest import RestClient
    from servicedesk.rest.http import HttpTransport
    from servicedesk.visit import Visit

    portal = build_demo(seed)
    group = portal.groups[int(portal.app_options["group_id"])]
    running = serve(portal)

    async def load():
        client = RestClient(HttpTransport(running.url, running.token(group.owner_id)))
        ctx = await load_context(client, is_admin=False)
        return await load_desk(Visit(client, ctx, None), store=MemoryStore())
    try:
        desk = asyncio.run(load())
    finally:
        running.stop()
    return {"now": desk.now.isoformat(), "time_zone": desk.settings.time_zone, "settings": desk.settings.to_dict(),
            "group": {"owner": group.owner_id, "members": sorted(set(desk.support_ids) - {group.owner_id})},
            "users": desk.users, "chat_messages": desk.messages, "openline_sessions": desk.sessions,
            "tasks": desk.tasks}


def _best(fn, runs: int) -> tuple[float, object]:
    best, result = math.inf, None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main(argv=None) -> int:
    from servicedesk.metrics import compute_desk
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", type=Path, help='JSON with the golden "input" shape (or a file holding "input")')
    ap.add_argument("--demo", type=int, metavar="SEED", help="the demo desk of devportal (loaded over its REST)")
    ap.add_argument("--svg", type=Path, help="write the chart SVGs for this data into DIR (in its own mode)")
    ap.add_argument("--lang", default="ru")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)

    if args.input:
        data = json.loads(args.input.read_text(encoding="utf-8"))
        data = data.get("input", data)
    elif args.demo is not None:
        data = demo_input(args.demo)
    else:
        data = synthetic_input()
    t_parse, parsed = _best(lambda: parse_input(data), 1)
    messages, users, sessions, tasks, own, support, now, tz = parsed
    print(f"input: {len(messages)} messages, {len(sessions)} sessions, {len(tasks)} tasks ({tz}, {own.sla_mode})")
    from dataclasses import replace
    settings = replace(own, sla_mode="24x7")              # the reference counts wall-clock time
    t_engine, figures = _best(lambda: compute_desk(messages, users, sessions, tasks, settings, support, now,
                                                   time_zone=tz), args.runs)
    t_raw, _ = _best(lambda: compute_desk(data.get("chat_messages") or [], data.get("users") or [],
                                          data.get("openline_sessions") or [], data.get("tasks") or [],
                                          settings, support, now, time_zone=tz), 1)
    t_ref, ref = _best(lambda: reference_desk(messages, users, sessions, tasks, settings, support, now, tz),
                       max(1, args.runs - 1))
    print(f"parse (records from REST dicts): {t_parse:.3f} s")
    print(f"engine (records, best of {args.runs}): {t_engine:.3f} s")
    print(f"engine from raw REST dicts (parse included): {t_raw:.3f} s")
    print(f"reference (pure Python loops): {t_ref:.3f} s")
    print(f"ratio reference / engine: {t_ref / t_engine:.1f}x")
    wh = own if own.working_hours else working_hours(settings)
    t_wh, wh_figures = _best(lambda: compute_desk(messages, users, sessions, tasks, wh, support, now, time_zone=tz),
                             args.runs)
    json.dumps(wh_figures)
    print(f"engine 24/7: {t_engine:.3f} s; working hours + targets: {t_wh:.3f} s; "
          f"ratio {t_wh / t_engine:.2f}x (goal <= 2x)")
    json.dumps(figures)                                   # must be JSON-serialisable
    diffs = differences(figures, ref)
    if diffs:
        print(f"MISMATCH ({len(diffs)}):", *diffs[:20], sep="\n  ")
        return 1
    print("engine and reference agree on all 12 months")
    if args.svg:
        from servicedesk.charts import render_all
        args.svg.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        svgs = render_all(wh_figures if own.working_hours else figures, lang=args.lang)
        for name, svg in svgs.items():
            (args.svg / f"{name}.svg").write_text(svg, encoding="utf-8")
        print(f"{len(svgs)} SVGs in {args.svg} ({time.perf_counter() - t0:.2f} s, "
              f"{sum(len(s) for s in svgs.values()) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
