"""Bot latency with no browser open: the time from a user's command (``/status`` in the support chat,
``/openline_task_create`` in an Open Line chat, 3:1) to the bot's answer, first without the worker
(today: nobody answers), then with the worker process running against devportal with its rate
limit on (2 requests a second per app, burst 50). Commands arrive at random (Poisson, ``--arrivals``
a second) so they fall at every phase of the worker's idle poll. Prints p50/p95/max and the interval;
the goal is p95 <= interval + 1 s.

    python3 bench/bot_latency.py                    # 100 commands, the docs' low-end interval of 5 s
    python3 bench/bot_latency.py --commands 20 --interval 1
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

from devportal.demo import build_demo  # noqa: E402
from devportal.server import serve  # noqa: E402

SUPPORT_GROUP, SUPPORT_CHAT, ADMIN = 2, 3, 1


def _people(portal):
    """Askers of /status (support-chat members outside the desk) and (operator, Open Line chat) pairs."""
    support = {portal.groups[SUPPORT_GROUP].owner_id, *portal.groups[SUPPORT_GROUP].members}
    active = {u.id for u in portal.users.values() if u.active and not u.bot}
    askers = [u for u in portal.chats[SUPPORT_CHAT].members if u not in support and u in active]
    lines = [(m, c.id) for c in sorted(portal.chats.values(), key=lambda c: c.id) if c.type == "lines"
             for m in c.members if m in portal.groups[SUPPORT_GROUP].members and m in active][:20]
    return askers, lines


class Desk:
    """Users write through their webhooks (their own rate buckets); answers are read from the portal."""

    def __init__(self, running):
        self.running, self.portal = running, running.portal
        self.bot = int(self.portal.app_options["bot_id"])
        self.seen = max(self.portal.messages)

    def post(self, uid: int, dialog: str, text: str) -> int:
        code = self.running.tokens.webhook_code(uid)
        req = urllib.request.Request(f"{self.running.url}/rest/{uid}/{code}/im.message.add",
                                     data=json.dumps({"DIALOG_ID": dialog, "MESSAGE": text}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            return int(json.loads(resp.read())["result"])

    def replies(self) -> set[int]:
        """The command ids the bot answered since the last look."""
        top = self.portal.next_id.get("message", self.seen + 1) - 1
        got = set()
        for mid in range(self.seen + 1, top + 1):
            m = self.portal.messages.get(mid)
            if m is not None and m.author_id == self.bot and (m.answer_to or m.params.get("REPLY_ID")):
                got.add(int(m.answer_to or m.params["REPLY_ID"]))    # Command.answer, or a reply
        self.seen = top
        return got


def measure(desk: Desk, n: int, arrivals: float, timeout: float, rng: random.Random) -> list[float | None]:
    """Send ``n`` commands at Poisson times; each one's seconds to its answer (None: no answer)."""
    askers, lines = _people(desk.portal)
    due, sent, answered, out = time.monotonic(), {}, {}, []
    i = 0
    while i < n or sent:
        now = time.monotonic()
        if i < n and now >= due:
            if i % 4 == 3:
                uid, chat = lines[i // 4 % len(lines)]
                mid = desk.post(uid, f"chat{chat}", "/openline_task_create")
            else:
                mid = desk.post(askers[i % len(askers)], f"chat{SUPPORT_CHAT}", "/status")
            sent[mid] = now
            i += 1
            due = now + rng.expovariate(arrivals)
        now = time.monotonic()
        for mid in desk.replies() & set(sent):
            answered[mid] = now - sent.pop(mid)
        for mid in [m for m, t in sent.items() if now - t > timeout]:
            answered[mid] = None
            del sent[mid]
        time.sleep(0.01)
    out = list(answered.values())
    return out


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--commands", type=int, default=100)
    ap.add_argument("--interval", type=float, default=5.0, help="the worker's idle poll interval (s)")
    ap.add_argument("--arrivals", type=float, default=0.3,
                    help="commands a second (mean; about 4.5 requests each must stay under 2 a second)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    running = serve(build_demo(args.seed))
    running.faults.rate_limit(True)                     # limits.md: 2 a second per app, burst 50
    desk = Desk(running)
    try:
        idle = measure(desk, 4, 1.0, args.interval + 1, rng)
        print(f"without the worker: {sum(v is None for v in idle)} of {len(idle)} commands got no answer "
              f"within {args.interval + 1:g} s (today nobody answers until a support member opens the app)")
        with tempfile.TemporaryDirectory() as tmp:
            conf = Path(tmp) / "bot.json"
            key = running.tokens.issue(ADMIN, running.clock.now())["refresh_token"]
            conf.write_text(json.dumps({"portal": running.url, "client_id": running.tokens.client_id,
                                        "client_secret": running.tokens.client_secret, "refresh_token": key,
                                        "oauth_server": f"{running.url}/oauth/token/"}))
            log = open(Path(tmp) / "worker.log", "w+")
            proc = subprocess.Popen([sys.executable, "-m", "servicedesk.bot.worker", "--config", str(conf),
                                     "--interval", str(args.interval)], stderr=log, stdout=subprocess.DEVNULL,
                                    env={**os.environ, "PYTHONPATH": str(ROOT / "py")})
            try:
                while "worker started" not in Path(log.name).read_text():
                    if proc.poll() is not None:
                        raise SystemExit("the worker did not start:\n" + Path(log.name).read_text())
                    time.sleep(0.05)
                time.sleep(args.interval + 1)            # it catches up with the commands sent above
                desk.replies()
                started = time.monotonic()
                got = measure(desk, args.commands, args.arrivals, 60.0, rng)
                took = time.monotonic() - started
            finally:
                proc.send_signal(signal.SIGTERM)
                code = proc.wait(timeout=60)
            text = Path(log.name).read_text()
        ok = sorted(v for v in got if v is not None)
        refused = text.count("QUERY_LIMIT_EXCEEDED")
        print(f"with the worker: {len(ok)} of {len(got)} answered in {took:.0f} s; idle poll interval "
              f"{args.interval:g} s; latency p50 {_p(ok, 50):.2f} s, p95 {_p(ok, 95):.2f} s, max {ok[-1]:.2f} s "
              f"(goal p95 <= {args.interval + 1:g} s: {'met' if _p(ok, 95) <= args.interval + 1 else 'NOT met'})")
        print(f"rate limit: devportal's bucket on; worker log lines mentioning QUERY_LIMIT_EXCEEDED: {refused}; "
              f"worker exit code after SIGTERM: {code}")
    finally:
        running.stop()


if __name__ == "__main__":
    main()
