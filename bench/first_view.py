"""How fast each screen opens, as ratios to a bare Pyodide boot measured in the same run.

    python bench/first_view.py [--runs 3] [--seed 1]

Headless Debian Chromium, the demo portal (devportal) framing the app, everything from 127.0.0.1.
Cold = a new browser profile; warm = the same profile opened again (HTTP cache and IndexedDB kept).
Prints, for cold and warm, the medians of:
  bare boot      a blank page: loadPyodide() from the vendored files + runPython("1+1")
  bare+numpy     the same + loadPackage(numpy's wheels) + import numpy: a floor of any fresh dashboard
  pyscript       a blank PyScript page on the vendored Pyodide: a floor of every screen of the app
  micropython    a blank PyScript page on PyScript's MicroPython: a floor of the small screens
  dash cached    the manager's dashboard: the last charts and tables shown from the browser's storage
  dash fresh     the manager's dashboard: 8 charts computed now (data-state=ready, no cached mark)
  my requests    an employee's My requests, interactive
  popup          a specialist's message context-menu popup (task from a message), interactive
No route() is used (it would turn the HTTP cache off); a timing here is never a test assertion.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

BARE = """<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
import { loadPyodide } from "/static/vendor/pyodide/pyodide.mjs";
const py = await loadPyodide(); py.runPython("1+1"); window.sdBare = true;
</script>"""
# Floors: what any page of this stack pays before the app's own work (same files, same server).
BARE_NUMPY = """<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
import { loadPyodide } from "/static/vendor/pyodide/pyodide.mjs";
const py = await loadPyodide(); const pk = await (await fetch("/static/vendor/packages.json")).json();
await py.loadPackage(pk.packages.numpy.map(u => new URL(u, location.origin + "/static/vendor/").href));
py.runPython("import numpy"); window.sdBare = true;
</script>"""
PYSCRIPT = """<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="/static/vendor/pyscript/core.js"></script>
<script type="py" config='{"interpreter": "/static/vendor/pyodide/pyodide.mjs"}'>
import js; js.window.sdBare = True
</script>"""
MPY = PYSCRIPT.replace('type="py"', 'type="mpy"').replace("/static/vendor/pyodide/pyodide.mjs",
                                                            "/static/vendor/micropython/micropython.mjs")
PAGES = {"_bare.html": BARE, "_bare_numpy.html": BARE_NUMPY, "_pyscript.html": PYSCRIPT, "_mpy.html": MPY}
TIMEOUT = 180_000


def steps(demo, static_url: str, people: dict):
    """(name, url, wait) of every measured view."""
    def app(selector):
        return lambda page: page.frame_locator("iframe").locator(selector).first.wait_for(timeout=TIMEOUT)

    def cached(page):   # the stored dashboard, or (first open of a profile) nothing to wait for
        page.frame_locator("iframe").locator("[data-view=dashboard][data-cached], "
                                              "[data-view=dashboard][data-state=ready]").first.wait_for(timeout=TIMEOUT)
    options = '{"dialogId": "chat%d"}' % people["chat"]
    def bare(page):
        page.wait_for_function("window.sdBare === true", timeout=TIMEOUT)
    return [
        ("bare boot", static_url + "bench/_bare.html", bare),
        ("bare+numpy", static_url + "bench/_bare_numpy.html", bare),
        ("pyscript", static_url + "bench/_pyscript.html", bare),
        ("micropython", static_url + "bench/_mpy.html", bare),
        ("dash cached", demo.page_url(people["manager"]), cached),
        ("dash fresh", None, app("[data-view=dashboard][data-state=ready]:not([data-cached])")),
        ("my requests", demo.page_url(people["user"]), app("[data-view=my_requests] .sd-req__item, "
                                                          "[data-view=my_requests] [data-state=empty]")),
        ("popup", demo.page_url(people["specialist"], "IM_CONTEXT_MENU", options=options),
         app("[data-view=task_from_message] li[data-message-id] [data-action=create]")),
    ]


def measure(pw, demo, static_url: str, people: dict, runs: int) -> dict:
    """{(phase, step): [seconds per run]}: each view in a new profile (cold), then again in it (warm)."""
    import build
    out: dict = {}
    views = steps(demo, static_url, people)
    groups = []                     # a view with its follow-up waits on the same navigation
    for step in views:
        if step[1] is None:
            groups[-1].append(step)
        else:
            groups.append([step])
    for _ in range(runs):
        for group in groups:
            with tempfile.TemporaryDirectory() as profile:
                ctx = pw.chromium.launch_persistent_context(
                    profile, executable_path=shutil.which("chromium"), args=build.OFFLINE_CHROMIUM_ARGS,
                    locale="ru-RU", timezone_id="Europe/Moscow", viewport={"width": 1280, "height": 900})
                for phase in ("cold", "warm"):
                    page = ctx.new_page()
                    started = time.perf_counter()
                    page.goto(group[0][1])
                    for name, _, ready in group:
                        ready(page)
                        out.setdefault((phase, name), []).append(time.perf_counter() - started)
                    page.close()
                ctx.close()
    return out


def main(argv=None) -> None:
    import build
    from devportal.demo import build_demo
    from devportal.run import default_user, start_demo
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--latency", type=int, default=0, metavar="MS",
                        help="every REST answer of the demo portal waits MS (a real portal's round trip)")
    parser.add_argument("--desks", type=int, choices=(1, 2), default=1,
                        help="2: the demo with its HR desk (as `build.py demo`), the views' users in both")
    args = parser.parse_args(argv)
    build.bundle_python()
    for name, html in PAGES.items():
        (ROOT / "bench" / name).write_text(html)
    portal = build_demo(args.seed)
    if args.desks == 2:
        from devportal.demo_desks import add_hr_desk
        add_hr_desk(portal)
    demo = start_demo(portal)
    if args.latency:
        demo.devportal.faults.add("latency", ms=args.latency)
    portal = demo.portal
    group = portal.groups[int(portal.app_options["group_id"])]
    people = {"manager": default_user(portal),
              "specialist": next(uid for uid, role in group.members.items() if role == "K"),
              "user": next(u.id for u in portal.users.values() if not (u.bot or u.is_admin or u.id in group.members
                                                                      or u.id == group.owner_id)),
              "chat": int(portal.app_options["chat_id"])}
    static_url = demo.app_url.rsplit("/", 1)[0] + "/"
    try:
        with sync_playwright() as pw:
            times = measure(pw, demo, static_url, people, args.runs)
    finally:
        demo.stop()
        for name in PAGES:
            (ROOT / "bench" / name).unlink()
    if args.latency or args.desks > 1:
        print(f"demo portal: {args.desks} desk(s), REST answers wait {args.latency} ms")
    print(f"{'view':<14}{'cold s':>8}{'× bare':>8}{'warm s':>9}{'× bare':>8}   (median of {args.runs} runs)")
    med = {k: statistics.median(v) for k, v in times.items()}
    for name in ("bare boot", "bare+numpy", "pyscript", "micropython", "dash cached", "dash fresh", "my requests", "popup"):
        c, w = med[("cold", name)], med[("warm", name)]
        print(f"{name:<14}{c:8.2f}{c / med[('cold', 'bare boot')]:8.2f}{w:9.2f}{w / med[('warm', 'bare boot')]:8.2f}")


if __name__ == "__main__":
    main()
