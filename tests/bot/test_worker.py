"""The always-on bot worker against devportal over HTTP: answers with no page open, at-least-once
without duplicates (killed before acknowledging, side by side with a page), token refresh, a revoked
key, rate limits without wall-clock waits, and SIGTERM in a real process."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from servicedesk.bot import worker as worker_module
from servicedesk.bot.poller import Poller
from servicedesk.bot.worker import Config, State, Throttle, Worker, load_config
from tests.bot.helpers import ADMIN, SPECIALIST, SUPPORT_CHAT, post, run
from tests.bot.test_bot_events import _asker, _commands, _handled_once, _replies_to

ROOT = Path(__file__).resolve().parents[2]


def _config(desk, tmp_path, interval=0.05) -> Config:
    key = desk.tokens.issue(ADMIN, desk.clock.now())["refresh_token"]   # what the settings screen shows
    return Config(portal=desk.url, client_id=desk.tokens.client_id, client_secret=desk.tokens.client_secret,
                  refresh_token=key, state=tmp_path / "bot.state.json",
                  oauth_server=f"{desk.url}/oauth/token/", interval=interval, burst=1000)


def _pending(desk) -> list:
    bot = int(desk.portal.app_options["bot_id"])
    return [e for e in desk.portal.events if e.bot_id == bot]


async def _run_until(worker: Worker, done, timeout: float = 60.0) -> int:
    """Run ``worker`` until ``done()`` holds (or it exits), then stop it; its exit code."""
    task = asyncio.ensure_future(worker.run())
    deadline = time.monotonic() + timeout
    while not task.done() and not done() and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    worker.stop.set()
    return await asyncio.wait_for(task, timeout)


def _answered(desk, commands):
    return lambda: all(_replies_to(desk, chat, cmd) for chat, cmd in commands)


def test_the_worker_answers_commands_with_no_page_open(desk, tmp_path):
    cfg = _config(desk, tmp_path)
    commands = _commands(desk)
    assert run(_run_until(Worker(cfg), _answered(desk, commands))) == 0
    _handled_once(desk, commands)
    assert not _pending(desk)                          # acknowledged on the way out
    state = json.loads(cfg.state.read_text())
    assert state["offset"] and state["bot_id"] == int(desk.portal.app_options["bot_id"])
    assert os.stat(cfg.state).st_mode & 0o077 == 0     # the state file holds a token: owner only


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs."""


def test_a_worker_killed_after_handling_has_nothing_to_redo(desk, tmp_path, monkeypatch):
    """Each event is acknowledged as soon as it is handled (Poller._ack), before the state is saved:
    a worker killed then leaves nothing for the restart (its saved offset is behind, which only
    acknowledges again)."""
    cfg = _config(desk, tmp_path)
    commands = _commands(desk)
    save = State.save

    def dies_after_handling(self):
        if self.offset is not None:                    # the first save after a handled batch
            raise Killed
        save(self)
    monkeypatch.setattr(State, "save", dies_after_handling)
    with pytest.raises(Killed):
        run(Worker(cfg).run())
    _handled_once(desk, commands)
    assert not _pending(desk)                          # acknowledged event by event
    monkeypatch.setattr(State, "save", save)
    restarted = Worker(cfg)
    polls = []
    restarted_poll = Poller.poll_once

    async def counted(self):
        polls.append(await restarted_poll(self))
        return polls[-1]
    monkeypatch.setattr(Poller, "poll_once", counted)
    assert run(_run_until(restarted, lambda: len(polls) >= 2)) == 0
    assert restarted.handled == 0 and set(polls) == {0}
    _handled_once(desk, commands)


def _heartbeat(desk) -> bool:
    return any(it.get("CODE") == "worker" and it.get("NAME", "").startswith("worker;")
               for e in desk.portal.entities.values() for it in e["items"].values())


def test_a_worker_and_a_page_polling_together_agree_on_the_worker(desk, tmp_path):
    """With the lease's storage, a page that sees the worker's heartbeat does not poll (or lets go):
    every command answered once, by the worker."""
    from tests.bot.test_bot_events import leased, leased_round, with_lease
    with_lease(desk)
    commands = _commands(desk)

    async def both():
        page = await leased(desk, SPECIALIST, "page")
        worker = Worker(_config(desk, tmp_path))
        running = asyncio.ensure_future(_run_until(worker, lambda: worker.handled >= 2))
        while not _heartbeat(desk) and not running.done():     # the worker is up
            await asyncio.sleep(0.02)
        rounds = []
        while not running.done():
            rounds.append(await leased_round(page))
            await asyncio.sleep(0.05)
        return rounds, await running, worker.handled
    rounds, code, handled = run(both())
    assert code == 0 and handled == 2
    assert all(r in (None, 0) for r in rounds)         # the page never handled an event
    _handled_once(desk, commands)


def test_expired_tokens_are_refreshed_and_the_new_refresh_token_is_kept(desk, tmp_path, caplog):
    caplog.set_level(logging.INFO, "servicedesk")
    cfg = _config(desk, tmp_path)
    first = _commands(desk)[:1]
    assert run(_run_until(Worker(cfg), _answered(desk, first))) == 0
    state = json.loads(cfg.state.read_text())
    assert state["refresh_token"] != cfg.refresh_token and cfg.refresh_token not in desk.tokens.refresh
    desk.tokens.expire(state["access_token"], desk.clock.now())
    second = [(SUPPORT_CHAT, post(desk, _asker(desk), f"chat{SUPPORT_CHAT}", "/status"))]
    assert run(_run_until(Worker(cfg), _answered(desk, second))) == 0   # a restart: the kept tokens
    after = json.loads(cfg.state.read_text())
    assert after["refresh_token"] not in (state["refresh_token"], cfg.refresh_token)
    assert len(_replies_to(desk, *second[0])) == 1
    assert sum("access token refreshed" in r.message for r in caplog.records) == 2


def test_a_revoked_key_stops_the_worker_with_a_clear_line_and_a_non_zero_exit(desk, tmp_path, caplog):
    cfg = _config(desk, tmp_path)
    commands = _commands(desk)[:1]

    async def go():
        worker = Worker(cfg)
        task = asyncio.ensure_future(worker.run())
        while not _replies_to(desk, *commands[0]):
            await asyncio.sleep(0.02)
        desk.tokens.revoke(ADMIN)                      # e.g. the admin's access withdrawn
        return await asyncio.wait_for(task, 60)
    assert run(go()) == 2
    (line,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "key was refused by the authorization server (invalid_grant" in line.getMessage()
    assert "settings screen" in line.getMessage()
    other = tmp_path / "other"
    other.mkdir()
    desk.tokens.app_installed = False                  # the app removed: its keys are refused too
    assert run(Worker(_config(desk, other)).run()) == 2
    assert "invalid_client" in caplog.records[-1].getMessage()


def test_rate_limits_back_off_without_waiting_on_the_clock(desk, tmp_path):
    waits: list[float] = []

    async def instant(seconds):
        waits.append(seconds)
    cfg = _config(desk, tmp_path)
    commands = _commands(desk)
    desk.faults.add("QUERY_LIMIT_EXCEEDED", "imbot.v2.Event.get", count=9)   # more than the client's 8 tries
    assert run(_run_until(Worker(cfg, sleep=instant), _answered(desk, commands))) == 0
    _handled_once(desk, commands)
    assert max(waits) >= 2 * cfg.interval and len(waits) >= 8   # the client's retries, then the loop's back-off


def test_the_throttle_keeps_two_requests_a_second_after_the_burst():
    now, slept = [0.0], []

    async def sleep(s):
        slept.append(s)
        now[0] += s

    async def go():
        t = Throttle(2.0, 10, clock=lambda: now[0], sleep=sleep)
        for _ in range(30):
            await t.take()
    run(go())
    assert now[0] == pytest.approx(10.0)           # 10 at once, then 20 more at 2 a second


def test_settings_come_from_a_file_and_the_environment(tmp_path):
    path = tmp_path / "bot.json"
    path.write_text(json.dumps({"portal": "https://x.bitrix24.ru/", "client_id": "local.1", "client_secret": "s",
                                "refresh_token": "r"}))
    cfg = load_config(["--config", str(path)], env={"SERVICEDESK_REFRESH_TOKEN": "r2"})
    assert (cfg.portal, cfg.refresh_token, cfg.state, cfg.interval) == (
        "https://x.bitrix24.ru", "r2", tmp_path / "bot.state.json", 5.0)
    assert cfg.oauth_server == worker_module.OAUTH_SERVER
    with pytest.raises(worker_module.ConfigError, match="client_secret"):
        load_config([], env={"SERVICEDESK_PORTAL": "p", "SERVICEDESK_CLIENT_ID": "c", "SERVICEDESK_REFRESH_TOKEN": "r"})


def test_sigterm_acknowledges_and_exits_cleanly(desk, tmp_path):
    cfg = _config(desk, tmp_path)
    conf = tmp_path / "bot.json"
    conf.write_text(json.dumps({"portal": cfg.portal, "client_id": cfg.client_id, "client_secret": cfg.client_secret,
                                "refresh_token": cfg.refresh_token, "oauth_server": cfg.oauth_server}))
    log = tmp_path / "worker.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "py")}
    with open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "servicedesk.bot.worker", "--config", str(conf),
                                 "--interval", "0.5"], env=env, stderr=err, stdout=subprocess.DEVNULL)
    try:
        # both commands answered before the signal: the worker stops between two events (poller), so a
        # signal after the first answer alone may leave the second for the next start, rightly pending
        commands = _commands(desk)
        deadline = time.monotonic() + 60
        while not all(_replies_to(desk, *c) for c in commands) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(_replies_to(desk, *c) for c in commands), log.read_text()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    text = log.read_text()
    assert "worker started" in text and "ONIMBOTV2COMMANDADD /status" in text and "stopped;" in text
    assert "Traceback" not in text and not _pending(desk)
    assert json.loads((tmp_path / "bot.state.json").read_text())["offset"]


def test_the_file_the_settings_screen_shows_is_what_the_worker_reads(tmp_path):
    from servicedesk.bot.worker_key import credentials_file
    shown = json.loads(credentials_file("https://x.bitrix24.ru/", "refresh-1"))
    shown.update(client_id="local.1", client_secret="s")            # the admin pastes the app's keys
    (tmp_path / "bot.json").write_text(json.dumps(shown))
    cfg = load_config(["--config", str(tmp_path / "bot.json")], env={})
    assert (cfg.portal, cfg.refresh_token, cfg.client_id) == ("https://x.bitrix24.ru", "refresh-1", "local.1")


def test_without_numpy_the_worker_still_answers_and_says_why_no_alerts(desk, tmp_path, monkeypatch, caplog):
    """Before: the SLA check's first numpy import raised ImportError in every poll and the worker
    stopped; the README promises a worker on the standard library alone."""
    monkeypatch.setitem(sys.modules, "numpy", None)          # import numpy → ImportError
    cfg = _config(desk, tmp_path)
    commands = _commands(desk)
    with caplog.at_level(logging.WARNING, logger="servicedesk.bot.worker"):
        assert run(_run_until(Worker(cfg), _answered(desk, commands))) == 0
    _handled_once(desk, commands)
    assert any("numpy is not installed" in r.getMessage() for r in caplog.records)
