"""Bot soak: three support members' pages (three browsers: each its own RestClient, Poller and lease
holder) and the always-on worker, each started and stopped at random (a page closes cleanly or dies),
while commands and messages arrive: /status in the support chat (the bot is a member) and in the
general chat (it is not), /openline_task_create in Open Line chats, some after the welcome bot left
on hand-over, and messages to the bot in 1:1 chats. devportal runs strict, with its rate limit on
(2 requests a second per app, burst 50) and a clock that runs ``--speed`` times faster than the wall
(devportal's injectable clock; every poller, lease and retry sleeps on the same clock). After the
arrivals one page stays open until every answer is in (or ``--drain`` simulated seconds). Prints the
counts; every command must be answered exactly once and every task made once.

    python3 bench/bot_soak.py                          # 200 arrivals over 10 minutes (simulated)
    python3 bench/bot_soak.py --arrivals 40 --minutes 2
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

from devportal.clock import Clock  # noqa: E402
from devportal.demo import build_demo  # noqa: E402
from devportal.faults import Faults  # noqa: E402
from devportal.methods.openlines import hand_over  # noqa: E402
from devportal.server import serve  # noqa: E402
from servicedesk.rest.lease import Lease, ensure_storage  # noqa: E402
from servicedesk.bot.poller import PollStatus, Poller  # noqa: E402
from servicedesk.bot.worker import Config, Worker  # noqa: E402
from servicedesk.context import load_context  # noqa: E402
from servicedesk.rest import RestClient  # noqa: E402
from servicedesk.rest.http import HttpTransport  # noqa: E402
from servicedesk.visit import Visit  # noqa: E402

ADMIN, SUPPORT_GROUP, SUPPORT_CHAT, GENERAL_CHAT = 1, 2, 3, 1
INTERVAL = 10.0                 # the pages' idle poll (simulated seconds)


class FastClock(Clock):
    """devportal's clock running ``speed`` times faster than the wall; ``sleep`` in its seconds."""

    def __init__(self, speed: float):
        super().__init__()
        self.speed = speed

    def monotonic(self) -> float:
        return (time.monotonic() - self._t0) * self.speed

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(seconds, 0) / self.speed)


@dataclass
class Counts:
    sent: dict = field(default_factory=dict)          # kind -> arrivals
    once: int = 0
    twice: int = 0
    missing: int = 0
    tasks_doubled: int = 0
    tasks_missing: int = 0
    system_answers: int = 0                           # Command.answer where the bot was not a member
    hand_overs: int = 0
    page_starts: int = 0
    page_deaths: int = 0
    closed_mid_event: int = 0                         # a page closed between handling and acknowledging
    worker_starts: int = 0
    claims: int = 0
    unsafe_rounds: int = 0                            # a page polled without holding the lease (slow writes)
    rate_refusals: int = 0
    requests: int = 0
    problems: list = field(default_factory=list)
    handled: list = field(default_factory=list)       # (who, event id, outcome, simulated time)


class Counting:
    """A transport that counts requests and the rate limit's refusals (before the client retries)."""

    def __init__(self, inner, counts: Counts):
        self.inner, self.counts = inner, counts

    async def send(self, method, params):
        self.counts.requests += 1
        reply = await self.inner.send(method, params)
        if isinstance(reply.body, dict) and reply.body.get("error") == "QUERY_LIMIT_EXCEEDED":
            self.counts.rate_refusals += 1
        return reply

    async def refresh_auth(self):
        await self.inner.refresh_auth()

    def __getattr__(self, name):
        return getattr(self.inner, name)


def _post(running, uid: int, dialog: str, text: str) -> int:
    """A user writes (through the user's webhook: the user's own rate bucket)."""
    code = running.tokens.webhook_code(uid)
    req = urllib.request.Request(f"{running.url}/rest/{uid}/{code}/im.message.add",
                                 data=json.dumps({"DIALOG_ID": dialog, "MESSAGE": text}).encode(),
                                 headers={"Content-Type": "application/json"})
    for _ in range(20):
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return int(json.loads(resp.read())["result"])
        except urllib.error.HTTPError as exc:
            if exc.code != 503:
                raise
            time.sleep(0.05)
    raise RuntimeError("the user's own rate limit never let the message through")


class Page:
    """One support member's browser: the app page opens and closes at random."""

    def __init__(self, running, clock: FastClock, uid: int, counts: Counts):
        self.running, self.clock, self.uid, self.counts = running, clock, uid, counts
        self.task: asyncio.Task | None = None
        self.lease: Lease | None = None

    async def open(self) -> None:
        transport = Counting(HttpTransport(self.running.url, self.running.token(self.uid)), self.counts)
        client = RestClient(transport, sleep=self.clock.sleep)
        ctx = await load_context(client, is_admin=False)
        visit = Visit(client, ctx, None, "ru")
        self.lease = Lease(client, f"page{self.uid}:{random.getrandbits(32):08x}", ttl=2 * INTERVAL + 4,
                           mono=self.clock.monotonic, sleep=self.clock.sleep)
        self.poller = poller = Poller(visit, lease=self.lease, status=PollStatus(),
                        on_event=lambda ev, out: self.counts.handled.append(
                            (self.lease.holder, ev.get("eventId"), out, round(self.clock.monotonic(), 1),
                             ((ev.get("data") or {}).get("message") or {}).get("id"))))
        self.task = asyncio.ensure_future(poller.run(INTERVAL, lambda: True, sleep=self.clock.sleep))
        self.counts.page_starts += 1

    async def close(self, dies: bool) -> None:
        if self.task is None:
            return
        self.counts.closed_mid_event += bool(self.poller.busy)
        self.task.cancel()
        try:
            await self.task
        except (asyncio.CancelledError, Exception):  # noqa: BLE001 - a closed page
            pass
        self.task = None
        self.counts.claims += self.lease.claims
        self.counts.unsafe_rounds += self.lease.unsafe
        if dies:
            self.counts.page_deaths += 1
        else:
            await self.lease.release()


class WorkerRun:
    """The always-on worker, started and stopped at random (SIGTERM-like: its stop event)."""

    def __init__(self, running, clock: FastClock, tmp: Path, counts: Counts):
        self.running, self.clock, self.tmp, self.counts = running, clock, tmp, counts
        self.worker: Worker | None = None
        self.task: asyncio.Task | None = None

    def _config(self) -> Config:
        key = self.running.tokens.issue(ADMIN, self.running.clock.now())["refresh_token"]
        return Config(portal=self.running.url, client_id=self.running.tokens.client_id,
                      client_secret=self.running.tokens.client_secret, refresh_token=key,
                      state=self.tmp / "bot.state.json", oauth_server=f"{self.running.url}/oauth/token/",
                      interval=5.0)

    async def start(self) -> None:
        self.worker = Worker(self._config(), sleep=self.clock.sleep, clock=self.clock.monotonic)
        self.task = asyncio.ensure_future(self.worker.run())
        self.counts.worker_starts += 1

    async def stop(self) -> None:
        if self.task is None:
            return
        self.worker.stop.set()
        await self.task
        self.task = None


def _plan(portal, arrivals: int, minutes: float, rng: random.Random) -> list[tuple[float, str, int, str]]:
    """(simulated second, kind, user, dialog) of each arrival."""
    support = {portal.groups[SUPPORT_GROUP].owner_id, *portal.groups[SUPPORT_GROUP].members}
    active = {u.id for u in portal.users.values() if u.active and not u.bot}
    in_support_chat = [u for u in portal.chats[SUPPORT_CHAT].members if u not in support and u in active]
    general = [u for u in portal.chats[GENERAL_CHAT].members if u in active]
    lines = [(m, c.id) for c in sorted(portal.chats.values(), key=lambda c: c.id) if c.type == "lines"
             for m in c.members if m in portal.groups[SUPPORT_GROUP].members and m in active]
    bot = int(portal.app_options["bot_id"])
    helpers = [u for u in sorted(support) if u in active and u in portal.chats[SUPPORT_CHAT].members]
    out = []
    for i in range(arrivals):
        at = rng.uniform(0, minutes * 60)
        kind = rng.choice(["status_member", "status_member", "status_not_member", "openline", "openline", "direct"])
        if kind == "status_member":
            out.append((at, kind, rng.choice(in_support_chat), f"chat{SUPPORT_CHAT}"))
        elif kind == "status_not_member":
            out.append((at, kind, rng.choice(general), f"chat{GENERAL_CHAT}"))
        elif kind == "openline":
            uid, chat = lines[i % len(lines)]
            out.append((at, kind, uid, f"chat{chat}"))
        else:
            out.append((at, kind, rng.choice(helpers), str(bot)))
    return sorted(out)


def _answers(portal, bot: int, kind: str, uid: int, dialog: str, mid: int) -> list:
    msg = portal.messages[mid]
    return [m for m in list(portal.messages.values()) if m.author_id == bot and m.chat_id == msg.chat_id
            and mid in (m.answer_to, (m.params or {}).get("REPLY_ID"))]


async def soak(arrivals: int = 200, minutes: float = 10.0, speed: float = 20.0, seed: int = 24,
               drain: float = 600.0, tmp: Path | None = None, verbose: bool = False) -> Counts:
    """Run the soak; the counts."""
    import tempfile
    rng = random.Random(seed)
    clock = FastClock(speed)
    faults = Faults()
    faults.rate_limit(True)
    running = serve(build_demo(1), faults=faults, clock=clock)
    portal, counts = running.portal, Counts()
    bot = int(portal.app_options["bot_id"])
    for c in portal.chats.values():             # as the wizard leaves it: the bot in the support chat only
        if c.id == GENERAL_CHAT and bot in c.members:
            c.members.remove(bot)
    portal.openlines[1].welcome_bot_left = "queue"
    try:
        admin = RestClient(HttpTransport(running.url, running.token(ADMIN)), sleep=clock.sleep)
        support = {portal.groups[SUPPORT_GROUP].owner_id, *portal.groups[SUPPORT_GROUP].members}
        assert await ensure_storage(admin, support)
        operators = [u for u in portal.openlines[1].queue if u in support][:3]
        pages = [Page(running, clock, uid, counts) for uid in operators]
        worker = WorkerRun(running, clock, Path(tmp or tempfile.mkdtemp()), counts)
        plan = _plan(portal, arrivals, minutes, rng)
        sent: list[tuple[str, int, str, int]] = []
        start = clock.monotonic()
        next_flip = 0.0
        for at, kind, uid, dialog in plan:
            while clock.monotonic() - start < at:
                if clock.monotonic() - start >= next_flip:          # someone opens or closes the app
                    who = rng.choice([*pages, worker])
                    if who is worker:
                        await (worker.stop() if worker.task else worker.start())
                    elif who.task:
                        await who.close(dies=rng.random() < 0.3)
                    else:
                        await who.open()
                    next_flip += rng.uniform(10, 60)
                await clock.sleep(0.5)
            if kind == "openline" and rng.random() < 0.5:           # the dialogue went to an operator
                chat = portal.chats[int(dialog[4:])]
                if bot not in chat.members and rng.random() < 0.5:
                    chat.members.append(bot)                          # a new session: the bot greets again
                counts.hand_overs += hand_over(portal, chat.id)
            text = {"direct": "нужна заявка", "openline": "/openline_task_create"}.get(kind, "/status")
            mid = await asyncio.to_thread(_post, running, uid, dialog, text)
            sent.append((kind, uid, dialog, mid))
            counts.sent[kind] = counts.sent.get(kind, 0) + 1
        if not any(p.task for p in pages):                            # the drain: one page stays open
            await pages[0].open()
        if verbose:
            print("drain:", [(p.uid, bool(p.task), p.task.done() if p.task else None) for p in pages],
                  "worker", worker.task and (worker.task.done() and worker.task.result()),
                  [(it["CODE"], it["NAME"]) for e in portal.entities.values() for it in e["items"].values()],
                  round(clock.now().timestamp(), 1), file=sys.stderr)
        deadline = clock.monotonic() + drain
        while clock.monotonic() < deadline:
            if all(_answers(portal, bot, *s) for s in sent):
                break
            await clock.sleep(2)
        await clock.sleep(3 * INTERVAL)                               # late doubles would show now
        for p in pages:
            await p.close(dies=False)
        await worker.stop()
        if verbose:
            print("late claims of open pages:", [p.lease.late for p in pages if p.lease], file=sys.stderr)
        for kind, uid, dialog, mid in sent:
            got = _answers(portal, bot, kind, uid, dialog, mid)
            counts.once += len(got) == 1
            counts.twice += len(got) > 1
            counts.missing += not got
            counts.system_answers += sum(1 for m in got if m.is_system)
            if len(got) != 1:
                counts.problems.append((kind, uid, dialog, mid, len(got)))
            if kind == "openline":
                made = [t for t in list(portal.tasks.values()) if t.uf.get("UF_SD_MESSAGE_ID") == str(mid)]
                counts.tasks_doubled += len(made) > 1
                counts.tasks_missing += not made
    finally:
        running.stop()
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arrivals", type=int, default=200)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--speed", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=24)
    ap.add_argument("--verbose", action="store_true", help="the pollers' state when the arrivals end")
    args = ap.parse_args()
    t0 = time.monotonic()
    c = asyncio.run(soak(args.arrivals, args.minutes, args.speed, args.seed, verbose=args.verbose))
    print(f"arrivals {sum(c.sent.values())} over {args.minutes:g} simulated min ({time.monotonic() - t0:.0f} s wall, "
          f"x{args.speed:g}): " + ", ".join(f"{k} {v}" for k, v in sorted(c.sent.items())))
    print(f"answered exactly once {c.once}, twice or more {c.twice}, not answered {c.missing}; "
          f"as system messages (bot not a member) {c.system_answers}")
    print(f"transcript tasks: doubled {c.tasks_doubled}, missing {c.tasks_missing}; hand-overs {c.hand_overs}")
    print(f"pages opened {c.page_starts} (died {c.page_deaths}; closed while handling an event "
          f"{c.closed_mid_event}), worker started {c.worker_starts}, "
          f"lease claims by pages {c.claims}, rounds polled without it (slow writes) {c.unsafe_rounds}")
    print(f"requests by the app {c.requests}, refused by the rate limit {c.rate_refusals} (retried)")
    for p in c.problems[:20]:
        print("problem:", p)
    seen: dict = {}
    bad = {p[3] for p in c.problems}
    for who, eid, out, at, mid in c.handled:
        seen.setdefault(eid, []).append((who, out, at))
        if mid in bad:
            print("  event of a problem:", eid, who, out, at)
    for eid, rows in seen.items():
        if len([r for r in rows if not str(r[1]).startswith(("left", "will"))]) > 1:
            print("handled more than once:", eid, rows)


if __name__ == "__main__":
    main()
