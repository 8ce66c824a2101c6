"""The weekly digest's chart (decisions 155–159): CPU to draw its PNG and SVG, and the requests one digest
costs the worker, on the seed-1 demo desk over real HTTP (devportal in this process, its clock moved to
the digest's hour as the tests do).

    python bench/digest_chart.py            # 20 drawings of each, then one digest sent as the worker sends it

Prints the median CPU (``time.process_time``) of ``digest_png`` / ``digest_svg``, the PNG's bytes (and its
Base64 upload's), and the requests of one ``send_digest``: loading the desk's year, the text, the upload,
the keys; then those of a poll after a transient upload failure (the chart alone, from memory).
"""
from __future__ import annotations

import asyncio
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

from devportal.clock import FakeClock  # noqa: E402
from devportal.demo import build_demo  # noqa: E402
from devportal.server import serve  # noqa: E402
from servicedesk.bot.digest import desk_digest, send_digest  # noqa: E402
from servicedesk.charts.digest_chart import digest_png, digest_svg  # noqa: E402
from servicedesk.context import load_context  # noqa: E402
from servicedesk.metrics.digest import last_full_week  # noqa: E402
from servicedesk.rest import PortalError, RestClient  # noqa: E402
from servicedesk.rest.http import HttpTransport  # noqa: E402
from servicedesk.rest.lease import ensure_storage  # noqa: E402
from servicedesk.visit import Visit  # noqa: E402

MSK = ZoneInfo("Europe/Moscow")
ADMIN, MANAGER = 1, 3
AT = datetime(2026, 12, 7, 9, 0, tzinfo=MSK)          # Monday 09:00: the demo desk's digest is due


def cpu(fn, n: int = 20) -> float:
    """Median CPU seconds of ``fn()`` over ``n`` runs (after one warm-up)."""
    fn()
    runs = []
    for _ in range(n):
        start = time.process_time()
        fn()
        runs.append(time.process_time() - start)
    return statistics.median(runs)


async def visit(running) -> Visit:
    client = RestClient(HttpTransport(running.url, running.token(ADMIN), timeout=300.0))
    ctx = await load_context(client, is_admin=True)

    async def no_wait(_s):
        return None
    client.sleep = no_wait
    return Visit(client, ctx, None, "ru")


async def main() -> None:
    clock = FakeClock(AT.astimezone(timezone.utc))
    running = serve(build_demo(1, AT.astimezone(timezone.utc)), clock=clock)
    try:
        s = await visit(running)
        assert await ensure_storage(s.client, {MANAGER})
        dctx = s.ctx.for_desk(s.ctx.desks[0].id) if s.ctx.desks else s.ctx
        d = await desk_digest(s, dctx, last_full_week(s.now(), MSK))
        png = digest_png(d, "ru")
        print(f"PNG: {cpu(lambda: digest_png(d, 'ru')) * 1000:.0f} ms CPU (median of 20), {len(png):,} bytes, "
              f"{(len(png) + 2) // 3 * 4:,} as Base64")
        print(f"SVG: {cpu(lambda: digest_svg(d, 'ru')) * 1000:.0f} ms CPU (median of 20), "
              f"{len(digest_svg(d, 'ru')):,} characters")

        s = await visit(running)                        # a fresh worker: one digest, counted
        counted = {}
        real_call = s.client.call

        async def call(method, params=None):
            counted[method] = counted.get(method, 0) + 1
            return await real_call(method, params)
        s.client.call = call
        before, start = s.client.requests, time.process_time()
        assert await send_digest(s, dctx, set(), s.now()) is True
        total = s.client.requests - before
        counted["imbot.v2.Chat.Message.send (create_once)"] = total - sum(counted.values())
        print(f"one digest: {total} requests, {time.process_time() - start:.2f} s CPU of this process (the "
              f"portal's threads and loading the year included); by method: {dict(sorted(counted.items()))}")

        clock.set(datetime(2026, 12, 14, 9, 0, tzinfo=MSK).astimezone(timezone.utc))   # next week's
        s = await visit(running)
        running.faults.add("INTERNAL_SERVER_ERROR", method="imbot.v2.File.upload", count=3)
        sent, memo = set(), {}
        before = s.client.requests
        try:
            await send_digest(s, dctx, sent, s.now(), memo=memo)
        except PortalError:
            pass
        failed = s.client.requests - before
        before = s.client.requests
        await send_digest(s, dctx, sent, s.now(), memo=memo)
        print(f"a transient upload failure: {failed} requests (3 tries of the upload); the next poll sends the "
              f"chart alone in {s.client.requests - before} requests")
    finally:
        running.stop()


if __name__ == "__main__":
    asyncio.run(main())
