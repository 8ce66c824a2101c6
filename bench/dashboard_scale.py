"""The dashboard's data path at full scale in headless Chromium: time and memory.

    python bench/dashboard_scale.py              # demo desk scaled to 100k messages, 5k sessions, 20k tasks
    python bench/dashboard_scale.py --scale 1m   # a year of 1M messages, 50k sessions, 200k tasks
    python bench/dashboard_scale.py --small      # the default demo desk

Opens the demo portal as a specialist with a harness in place of py/main.py that runs the real
start-up (SDK frame handshake, context, loader) inside the portal's frame, cold (empty IndexedDB) and
then warm (a reload: the loader's cache). Prints, per run, the time from navigation to Python ready,
to the data loaded, the requests made, the size of the cached records, and the page's memory: per
stage (Python ready, context, each big cache write or read, data loaded, figures, end) the wasm heap
(``HEAP8.length``: its high-water mark, wasm32 stops at 4 GB) and the live JS heap (after a forced GC;
without one V8's figure is mostly garbage not yet collected, e.g. dead REST answer strings); the bytes
the loaded records hold (deep ``sys.getsizeof`` in Pyodide) and the wasm heap the load grew, per record.
When numpy/matplotlib can be loaded (a build with --pyodide-dist), it also times the figures and the
first chart; offline they cannot, and it says so.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

import build  # noqa: E402
from devportal.demo import build_demo  # noqa: E402
from devportal.run import start_demo  # noqa: E402

HARNESS = """
import json, sys, js
from servicedesk import runtime
from servicedesk.context import load_context
from servicedesk.loader import load_desk
from servicedesk.rest import RestClient
from servicedesk.rest.browser import FrameTransport, FrameUI
from servicedesk.visit import Visit
runtime.setup_logging()
out = {"python_ready_ms": js.performance.now(), "stages": []}


def mark(stage):
    \"\"\"Memory at a stage: the wasm heap (its high-water mark: it never shrinks) and the live JS heap
    (after a full GC where Chromium exposes gc()).\"\"\"
    try:
        import pyodide_js
        wasm = pyodide_js._module.HEAP8.length / 1e6
    except Exception:
        wasm = None
    if hasattr(js, "gc"):
        js.gc()
    out["stages"].append({"stage": stage, "ms": js.performance.now(), "wasm_mb": wasm,
                          "js_mb": js.performance.memory.usedJSHeapSize / 1e6})


class Measured:
    \"\"\"The page's store, marking memory around the big reads and writes.\"\"\"
    def __init__(self, store):
        self.store = store
    async def get(self, key):
        value = await self.store.get(key)
        if value and len(value) > 100_000:
            mark("cache read " + key.rsplit("#", 1)[-1][:6])
        return value
    async def set(self, key, value):
        if len(value) > 100_000:
            mark("before cache write")
        await self.store.set(key, value)
    async def keys(self):
        return await self.store.keys()
    async def delete(self, key):
        await self.store.delete(key)


def deep(obj, seen):
    \"\"\"Bytes held by ``obj`` and what it refers to (lists, dicts, tuples, slots, arrays).\"\"\"
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        size += sum(deep(k, seen) + deep(v, seen) for k, v in obj.items())
    elif isinstance(obj, (list, tuple, set, frozenset)):
        size += sum(deep(x, seen) for x in obj)
    elif hasattr(obj, "__dict__"):
        size += deep(vars(obj), seen)
    elif hasattr(type(obj), "__slots__"):
        size += sum(deep(getattr(obj, a), seen) for a in type(obj).__slots__ if hasattr(obj, a))
    return size


mark("python ready")
await runtime.ensure_tzdata()
frame = await js.B24Js.initializeB24Frame()
client = RestClient(FrameTransport(frame))
ctx = await load_context(client, is_admin=bool(frame.auth.isAdmin))
visit = Visit(client, ctx, FrameUI(frame))
from servicedesk.loader.store import default_store
mark("context")
desk = await load_desk(visit, store=Measured(default_store()))
mark("data loaded")
out.update(data_ms=js.performance.now(), requests=desk.requests, warm=desk.warm, messages=len(desk.messages),
           tasks=len(desk.tasks), sessions=len(desk.sessions), problems=desk.problems)
seen = set()
out["held_mb"] = {name: deep(getattr(desk, name), seen) / 1e6 for name in ("messages", "tasks", "sessions", "users")}
from servicedesk.loader.desk import cache_key
from servicedesk.model import Settings
key = cache_key(visit, Settings.from_dict(ctx.settings))[0]
out["cache_mb"] = 0
for k in await default_store().keys():
    if k == key or k.startswith(key + "#") and not k.endswith("#meta"):
        out["cache_mb"] += len(await default_store().get(k) or "") / 1e6
packages = await runtime.load_packages(["numpy", "matplotlib"])
if packages.ok:
    from servicedesk.metrics import compute_desk
    from servicedesk.charts import render_chart
    figures = compute_desk(desk.messages, desk.users, desk.sessions, desk.tasks, desk.settings, desk.support_ids,
                           desk.now, time_zone=desk.settings.time_zone)
    out["figures_ms"] = js.performance.now()
    mark("figures")
    render_chart(figures, "chat_dialogues")
    out["first_chart_ms"] = js.performance.now()
else:
    out["charts"] = "unavailable offline: " + packages.reason
mark("end")
out["wasm_heap_mb"] = out["stages"][-1]["wasm_mb"]
js.document.body.dataset.bench = json.dumps(out)
runtime.progress_done()
"""


SCALES = {"100k": {"messages": 100_000, "sessions": 5_000, "tasks": 20_000},
          "1m": {"messages": 1_000_000, "sessions": 50_000, "tasks": 200_000}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--scale", choices=("100k", "1m"), default="100k")
    ap.add_argument("--cold-only", action="store_true", help="skip the warm run")
    args = ap.parse_args()
    runs = ("cold",) if args.cold_only else ("cold", "warm")
    sizes = {} if args.small else SCALES[args.scale]
    if not build.is_built():
        raise SystemExit("run `python build.py build` first")
    build.bundle_python()
    portal = build_demo(1, **sizes)
    group = portal.groups[int(portal.app_options["group_id"])]
    user = next(uid for uid in group.members if uid in portal.openlines[1].queue)
    demo = start_demo(portal)
    from playwright.sync_api import sync_playwright
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=[
                *build.OFFLINE_CHROMIUM_ARGS, "--js-flags=--expose-gc", "--enable-precise-memory-info"])
            context = browser.new_context()
            context.route("**/py/main.py", lambda r: r.fulfill(content_type="text/plain", body=HARNESS))
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and print("  console:", m.text[:2000]))
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            print(f"demo desk {sizes or 'default'}, user {user}")
            for run in runs:
                t0 = time.perf_counter()
                page.goto(demo.page_url(user))
                frame = page.frame_locator("iframe")
                frame.locator("body[data-bench]").wait_for(timeout=3_600_000)
                wall = time.perf_counter() - t0
                out = json.loads(frame.locator("body").get_attribute("data-bench"))
                cdp.send("HeapProfiler.enable")
                cdp.send("HeapProfiler.collectGarbage")
                heap = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                records = out["messages"] + out["tasks"] + out["sessions"]
                print(f"{run}: python ready {out['python_ready_ms'] / 1000:.1f} s, data loaded "
                      f"{out['data_ms'] / 1000:.1f} s (wall {wall:.1f} s), {out['requests']} requests, "
                      f"{out['messages']} messages / {out['tasks']} tasks / {out['sessions']} sessions, "
                      f"cache {out['cache_mb']:.1f} MB, JS heap {heap.get('JSHeapUsedSize', 0) / 1e6:.0f} MB "
                      f"(after GC), wasm heap {out['wasm_heap_mb'] or 0:.0f} MB")
                held = out["held_mb"]
                print("      records held: " + ", ".join(f"{k} {v:.1f} MB" for k, v in held.items())
                      + f"; {sum(held.values()) * 1e6 / max(records, 1):.0f} B a record")
                stages = out["stages"]
                grown = {s["stage"]: s["wasm_mb"] for s in stages}
                if grown.get("context") and grown.get("data loaded"):
                    print(f"      wasm heap grown by the load: "
                          f"{(grown['data loaded'] - grown['context']) * 1e6 / max(records, 1):.0f} B a record")
                for s in stages:
                    print(f"      {s['ms'] / 1000:7.1f} s  {s['stage']:<22} wasm {s['wasm_mb'] or 0:6.0f} MB"
                          f"  JS heap (live) {s['js_mb']:6.0f} MB")
                if "first_chart_ms" in out:
                    print(f"      figures {(out['figures_ms'] - out['data_ms']) / 1000:.1f} s, first chart "
                          f"{(out['first_chart_ms'] - out['figures_ms']) / 1000:.1f} s")
                else:
                    print(f"      charts: {out['charts']}")
                assert not out["problems"], out["problems"]
            browser.close()
    finally:
        demo.stop()


if __name__ == "__main__":
    main()
