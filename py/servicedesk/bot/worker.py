"""The always-on bot worker (optional): the bot's fetch-mode events handled on CPython by the same
code as the app page (``Poller`` + ``events.handle_event``), so commands are answered while nobody
has the app open.

    PYTHONPATH=py python3 -m servicedesk.bot.worker --config /etc/servicedesk/bot.json

Credentials: the app's own OAuth tokens (chat-bots-v2/index.md: with OAuth the bot is tied to the
app's client_id, so the worker and the app pages poll the *same* bot). A JSON file (or environment
variables ``SERVICEDESK_*``) holds ``portal``, ``client_id``, ``client_secret`` (the app's form in
the portal) and ``refresh_token`` (the admin's, shown once by the app's settings screen). The access
token is refreshed at the authorization server only after ``expired_token``/``invalid_token``
(settings/oauth/auto-renewal.md); each new refresh token is stored at once in the state file, which
holds nothing else but the access token, the event offset and the keys of the SLA alerts sent
(``bot.alerts_run``: each poll also checks the desks' warnings and escalations).

Loop (chat-bots-v2/index.md, "Polling"): fetch, handle, acknowledge with the next fetch's ``offset``;
idle ``--interval`` seconds (5 by default), 2 s while ``hasMore``; requests are kept under 2 a second
by a client-side bucket; rate limits and portal failures back off. One log line per event.
SIGTERM/SIGINT: finish the event in hand, acknowledge, save, exit 0. A refused credential: a clear
log line and exit 2; a portal that refuses the bot itself: exit 3; a bad configuration: exit 1.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import logging
import os
import signal
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from ..context import load_context
from ..model.settings import Settings
from ..model.values import parse_time
from ..rest import AuthExpired, NetworkError, PortalError, RestClient
from ..rest.http import HttpTransport
from ..visit import Visit
from .alerts_run import AlertRunner
from ..rest.lease import Lease
from .poller import PollStatus, Poller
from .rules import Revoked
from .send import transient

log = logging.getLogger("servicedesk.bot.worker")

OAUTH_SERVER = "https://oauth.bitrix24.tech/oauth/token/"   # settings/oauth/auto-renewal.md
ENV = {"portal": "SERVICEDESK_PORTAL", "client_id": "SERVICEDESK_CLIENT_ID",
       "client_secret": "SERVICEDESK_CLIENT_SECRET", "refresh_token": "SERVICEDESK_REFRESH_TOKEN",
       "oauth_server": "SERVICEDESK_OAUTH_SERVER", "state": "SERVICEDESK_STATE"}
EXIT_OK, EXIT_CONFIG, EXIT_REVOKED, EXIT_REFUSED = 0, 1, 2, 3
CONTEXT_TTL = 600.0          # seconds before the desk's people and settings are read again
MORE_PAUSE = 2.0             # the docs' minimal pause while ``hasMore``


class ConfigError(ValueError):
    """The worker's settings are missing or unreadable."""


class Refused(Exception):
    """The portal answers but will not serve the worker (no bot, not its owner, user gone)."""


@dataclass
class Config:
    """Where the portal is, the app's keys, the admin's refresh token, and the loop's pace."""
    portal: str
    client_id: str
    client_secret: str
    refresh_token: str
    state: Path
    oauth_server: str = OAUTH_SERVER
    interval: float = 5.0
    batch: int = 50
    rate: float = 2.0          # requests a second (the docs' limit per app)
    burst: int = 25            # of the portal's 50, the rest is left to the app's pages


def load_config(argv: list[str] | None = None, env: dict | None = None) -> Config:
    """Settings from ``--config FILE`` (JSON), overridden by ``SERVICEDESK_*`` variables and flags."""
    env = os.environ if env is None else env
    ap = argparse.ArgumentParser(prog="python3 -m servicedesk.bot.worker",
                                 description="ServiceDesk's always-on bot worker (optional).")
    ap.add_argument("--config", help="JSON file: portal, client_id, client_secret, refresh_token[, oauth_server]")
    ap.add_argument("--state", help="state file: rotated tokens and the event offset (default: next to --config)")
    ap.add_argument("--interval", type=float, default=5.0, help="seconds between polls when idle (5-30)")
    ap.add_argument("--rate", type=float, default=2.0, help="requests a second at most (default 2)")
    args = ap.parse_args(argv)
    values: dict = {}
    if args.config:
        try:
            values = json.loads(Path(args.config).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read {args.config}: {exc}") from None
        if not isinstance(values, dict):
            raise ConfigError(f"{args.config}: not a JSON object")
    values.update({k: env[v] for k, v in ENV.items() if env.get(v)})
    missing = [k for k in ("portal", "client_id", "client_secret", "refresh_token") if not values.get(k)]
    if missing:
        raise ConfigError("missing " + ", ".join(missing) + " (in --config or " +
                          ", ".join(ENV[k] for k in missing) + ")")
    state = args.state or values.get("state") or (
        Path(args.config).with_suffix(".state.json") if args.config else "servicedesk-bot.state.json")
    if args.interval <= 0:
        raise ConfigError("--interval must be positive")
    return Config(portal=str(values["portal"]).rstrip("/"), client_id=str(values["client_id"]),
                  client_secret=str(values["client_secret"]), refresh_token=str(values["refresh_token"]),
                  state=Path(state), oauth_server=str(values.get("oauth_server") or OAUTH_SERVER),
                  interval=args.interval, rate=args.rate)


@dataclass
class State:
    """What the worker keeps between runs: the rotated tokens and the acknowledged event offset.
    ``key`` fingerprints the configured refresh token, so a newly issued one replaces the old chain."""
    path: Path
    key: str = ""
    refresh_token: str = ""
    access_token: str = ""
    bot_id: int = 0
    offset: int | None = None
    alerts: list = field(default_factory=list)     # SLA alert keys sent (bot.alerts_run; decisions 104)

    @classmethod
    def load(cls, path: Path, configured_token: str) -> "State":
        key = hashlib.sha256(configured_token.encode()).hexdigest()[:16]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if not isinstance(data, dict) or data.get("key") != key:    # first run, or a new key issued
            return cls(path, key, configured_token)
        return cls(path, key, str(data.get("refresh_token") or configured_token),
                   str(data.get("access_token") or ""), int(data.get("bot_id") or 0), data.get("offset"),
                   [str(k) for k in data.get("alerts") or []])

    def save(self) -> None:
        """Write atomically, readable by its owner only."""
        data = {"key": self.key, "refresh_token": self.refresh_token, "access_token": self.access_token,
                "bot_id": self.bot_id, "offset": self.offset, "alerts": sorted(self.alerts)}
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, self.path)


class Throttle:
    """A client-side leaky bucket: at most ``rate`` requests a second after a ``burst``."""

    def __init__(self, rate: float, burst: int, clock=time.monotonic, sleep=asyncio.sleep):
        self.rate, self.burst, self.clock, self.sleep = rate, max(1, burst), clock, sleep
        self.level, self.seen = 0.0, None

    async def take(self) -> None:
        now = self.clock()
        if self.seen is not None:
            self.level = max(0.0, self.level - (now - self.seen) * self.rate)
        self.seen = now
        if self.level + 1 > self.burst:
            await self.sleep((self.level + 1 - self.burst) / self.rate)
        self.level += 1


def numeric_available() -> bool:
    """Whether numpy can be imported: the SLA alerts and the digest compute with it; the bot's answers
    need only the standard library."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


class WorkerTransport(HttpTransport):
    """HTTP to the portal with the state's access token; refreshes at the authorization server."""

    def __init__(self, cfg: Config, state: State, throttle: Throttle, timeout: float = 30.0):
        super().__init__(cfg.portal, state.access_token, refresh=self._refresh_token, timeout=timeout)
        self.cfg, self.state, self.throttle = cfg, state, throttle

    async def send(self, method: str, params: dict):
        await self.throttle.take()
        return await super().send(method, params)

    async def _refresh_token(self) -> str:
        query = urllib.parse.urlencode({"grant_type": "refresh_token", "client_id": self.cfg.client_id,
                                        "client_secret": self.cfg.client_secret,
                                        "refresh_token": self.state.refresh_token})
        status, body = await asyncio.to_thread(self._get, f"{self.cfg.oauth_server}?{query}")
        if isinstance(body, dict) and body.get("access_token") and body.get("refresh_token"):
            self.state.refresh_token, self.state.access_token = body["refresh_token"], body["access_token"]
            self.state.save()                       # the old refresh token may be dead already
            log.info("access token refreshed (user %s)", body.get("user_id", "?"))
            return self.state.access_token
        if isinstance(body, dict) and body.get("error"):
            raise Revoked(f"{body['error']}: {body.get('error_description', '')}".rstrip(": "))
        raise NetworkError("NETWORK_ERROR", f"authorization server: HTTP {status}, no token")

    def _get(self, url: str) -> tuple[int, dict | None]:
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        except (urllib.error.URLError, OSError) as exc:
            raise NetworkError("NETWORK_ERROR", f"authorization server: {exc}") from exc
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, None


def describe(event: dict) -> str:
    """An event in a log line: type, command, where and who (never the message's text)."""
    data = event.get("data") or {}
    what = str(event.get("type") or "?")
    command = (data.get("command") or {}).get("command")
    chat = data.get("chat") or {}
    where = chat.get("dialogId") or (f"chat{chat['id']}" if chat.get("id") else "?")
    who = (data.get("user") or {}).get("id", "?")
    return f"{what}{' ' + str(command) if command else ''} in {where} by user {who}"


@dataclass
class Worker:
    """One worker process's loop; ``stop`` (an asyncio.Event) ends it cleanly."""
    cfg: Config
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    sleep: object = asyncio.sleep         # retry and back-off waits (tests pass an instant one)
    clock: object = time.monotonic
    handled: int = 0
    failures: int = 0                     # failed calls in a row (the back-off grows with them)

    async def run(self) -> int:
        """Poll until ``stop``; the process's exit code."""
        self.state = State.load(self.cfg.state, self.cfg.refresh_token)
        throttle = Throttle(self.cfg.rate, self.cfg.burst, self.clock, self.sleep)
        transport = WorkerTransport(self.cfg, self.state, throttle)
        self.client = RestClient(transport, sleep=self.sleep)
        try:
            visit = await self._start(transport)
            return EXIT_OK if visit is None else await self._loop(visit)
        except Revoked as exc:
            log.error("stopping: the worker's key was refused by the authorization server (%s). "
                      "Issue a new key on the app's settings screen and restart the worker.", exc)
            return EXIT_REVOKED
        except AuthExpired as exc:
            log.error("stopping: the portal refuses the worker's token after a refresh (%s). "
                      "Issue a new key on the app's settings screen.", exc)
            return EXIT_REVOKED
        except Refused as exc:
            log.error("stopping: %s", exc)
            return EXIT_REFUSED

    async def _visit(self) -> Visit:
        ctx = await load_context(self.client, is_admin=False)
        return Visit(self.client, ctx, None, ctx.lang)

    async def _start(self, transport: WorkerTransport) -> Visit | None:
        """The first token (when the state has none) and the desk's context; waits out a portal
        that is away. None when stopped meanwhile; raises ``Refused`` when the portal says no."""
        got: list[Visit] = []

        async def first():
            if not self.state.access_token:
                await transport.refresh_auth()
            got.append(await self._visit())
        while not self.stop.is_set():
            if not await self._attempt(first, "the portal refuses the worker's user"):
                continue
            visit = got[-1]
            if not Settings.from_dict(visit.ctx.settings).bot_id:
                raise Refused("the desk has no bot (run the app's setup wizard first)")
            return visit
        return None

    async def _loop(self, visit: Visit) -> int:
        bot_id = Settings.from_dict(visit.ctx.settings).bot_id
        if self.state.bot_id != bot_id:         # another bot (the desk was set up again): start afresh
            self.state.bot_id, self.state.offset = bot_id, None
        poller = Poller(visit, batch=self.cfg.batch, offset=self.state.offset, status=PollStatus(),
                        on_event=self._logged(visit), should_stop=self.stop.is_set)
        log.info("worker started: portal %s, bot %s, acting as user %s, idle poll every %g s",
                 self.cfg.portal, bot_id, visit.ctx.user_id, self.cfg.interval)
        loaded, acked = [self.clock()], poller.offset
        alert_keys = set(self.state.alerts)

        def keep() -> None:
            self.state.alerts = sorted(alert_keys)
            self.state.save()
        alerts = AlertRunner(visit, alert_keys, keep, digests=True, stopping=self.stop.is_set) \
            if numeric_available() else None
        if alerts is None:
            log.warning("numpy is not installed: the bot answers, but the SLA alerts and the weekly digest "
                        "are not sent from this worker (pip install numpy; matplotlib for the digest's chart)")
        # one consumer (lease.py): its heartbeat makes the pages let go; it polls once it holds the lease
        poller.lease = lease = Lease(self.client, holder="worker", worker=True, ttl=2 * self.cfg.interval + 4.0,
                                     settle=min(2.0, self.cfg.interval), mono=self.clock, sleep=self.sleep)

        async def poll():
            if self.clock() - loaded[0] > CONTEXT_TTL:      # people join and leave the desk
                visit.ctx, loaded[0] = (await self._visit()).ctx, self.clock()
            poller.has_more = False
            if await lease.claim():
                await poller.poll_once()
                if alerts is not None:
                    await alerts.run_once()
        while not self.stop.is_set():
            sent = poller.offset
            if not await self._attempt(poll, "the portal refuses the bot's events"):
                continue
            acked = sent
            self.state.offset = poller.offset
            self.state.save()
            await self._idle(MORE_PAUSE if poller.has_more else self.cfg.interval)
        await self._acknowledge(poller, acked)
        await lease.release()
        return EXIT_OK

    async def _attempt(self, step, refused: str) -> bool:
        """Run ``step()``; after a failure that may pass (rate limit, 5xx, network) wait longer each
        time and return False; any other refusal stops the worker (``Refused``)."""
        try:
            await step()
        except AuthExpired:
            raise
        except PortalError as exc:
            if not (transient(exc) or exc.status == 429):
                raise Refused(f"{refused} ({exc})") from None
            self.failures += 1
            wait = min(self.cfg.interval * 2 ** self.failures, 60.0)
            log.warning("portal call failed (%s); next try in %.0f s", exc, wait)
            await self._idle(wait, backoff=True)
            return False
        self.failures = 0
        return True

    def _logged(self, visit):
        def line(event: dict, outcome: str) -> None:
            when, now = parse_time(event.get("date")), visit.now()
            lag = f", {max(0.0, (now - when).total_seconds()):.1f} s after it happened" if when else ""
            self.handled += 1
            log.info("event %s %s: %s%s", event.get("eventId"), describe(event), outcome, lag)
        return line

    async def _idle(self, seconds: float, backoff: bool = False) -> None:
        """Wait ``seconds`` or until ``stop`` (a back-off wait goes through an injected ``sleep``)."""
        if backoff and self.sleep is not asyncio.sleep:
            await self.sleep(seconds)
            return
        try:
            await asyncio.wait_for(self.stop.wait(), seconds)
        except asyncio.TimeoutError:
            pass

    async def _acknowledge(self, poller: Poller, acked) -> None:
        """On the way out: tell the portal what was handled (a fetch with ``offset``, its events left)."""
        if poller.offset is not None and poller.offset != acked:
            try:
                await self.client.call("imbot.v2.Event.get", {"botId": self.state.bot_id,
                                                              "offset": poller.offset, "limit": 1})
            except PortalError as exc:        # the saved offset acknowledges them on the next start
                log.warning("could not acknowledge on the way out (%s); the next start will", exc)
        self.state.save()
        log.info("stopped; %d event(s) handled, acknowledged below event %s", self.handled, poller.offset)


def main(argv: list[str] | None = None) -> int:
    """The command line: read the settings, run until SIGTERM/SIGINT; the exit code."""
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        cfg = load_config(argv)
    except ConfigError as exc:
        log.error("bad configuration: %s", exc)
        return EXIT_CONFIG

    async def go() -> int:
        worker = Worker(cfg)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, worker.stop.set)
        return await worker.run()
    return asyncio.run(go())


if __name__ == "__main__":
    sys.exit(main())
