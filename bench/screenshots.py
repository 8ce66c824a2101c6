"""Screenshots of the SLA dashboard with the demo desk, at desktop (1280 px) and phone (375 px) width.

    python bench/screenshots.py [--out docs/screenshots] [--seed 1]

The demo portal (devportal, seed 1) is read over its REST with the manager's token by the app's own
loader; figures and SVGs are computed here on CPython and handed as JSON to a small harness that
replaces py/main.py in the page (DESIGN §2: matplotlib cannot load in the browser here) and runs the
real dashboard screen with stand-ins for the loader, metrics and charts. The e2e tests use the same harness (`HARNESS`, `route_dashboard`).
"""
from __future__ import annotations

import argparse
import asyncio
import io
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

LIBRARY_STUBS = """
import asyncio, json, sys, types
import js
import servicedesk
from servicedesk import runtime
runtime.setup_logging()
data = json.loads(await (await js.fetch("harness/dashboard.json")).text())
ns = types.SimpleNamespace
real_load_packages = runtime.load_packages

async def load_packages(names):     # numpy and matplotlib "load"; anything else (tzdata) really does
    names = list(names)
    if set(names) <= {"numpy", "matplotlib"}:
        return runtime.LoadResult(True, names)
    return await real_load_packages(names)

def stub(name, **attrs):     # stand-ins for the modules that need numpy/matplotlib
    module = types.ModuleType(name)
    module.__dict__.update(attrs)
    sys.modules[name] = module
    return module

runtime.load_packages = load_packages
charts = stub("servicedesk.charts", SERIES_NAMES=tuple(data["svgs"]),
              render_chart=lambda figures, name, selected=None, lang="ru": data["svgs"][name])
charts.__path__ = [servicedesk.__path__[0] + "/charts"]     # its pure submodules (labels) stay importable
stub("servicedesk.metrics", compute_desk=lambda *args, **kw: data["figures"])
"""
HARNESS = LIBRARY_STUBS + """
loads = []
async def load_desk(session, progress=None):
    loads.append(1)
    if getattr(js.window, "sdHarnessFail", None):      # a test asks for a portal error
        from servicedesk.rest.errors import error_from
        raise error_from(str(js.window.sdHarnessFail), "denied", 403, "tasks.task.list")
    for done in (0, 40, 80, 100):
        progress(done, 100, "data")
        await asyncio.sleep(data.get("delay", 0))
    return ns(messages=[], users=data["users"], sessions=[], tasks=[], support_ids=set(), now=None,
              settings=ns(time_zone=data["figures"]["time_zone"]), problems=data["problems"], requests=0,
              warm=len(loads) > 1)

class UI:
    async def open_path(self, path):
        js.document.body.dataset.opened = path

stub("servicedesk.loader", load_desk=load_desk)
from servicedesk.views.dashboard import show_view
lang = data.get("lang", "ru")
ctx = ns(user_id=data.get("user_id", 1), user_name="", is_admin=False, is_support=True,
         settings={"time_zone": data["figures"]["time_zone"]})
await show_view(ns(lang=lang, ui=UI(), ctx=ctx))
"""


def route_dashboard(page, payload: dict, main: str = HARNESS) -> None:
    """Make `page`'s index.html run the real dashboard screen (show_view) on `payload` ({figures, svgs,
    users, problems, lang?, user_id?, delay?}; `window.sdHarnessFail = CODE` makes the next load fail
    with that portal error): the loader, metrics and charts are stand-ins that hand
    back what was computed on CPython, and the libraries "load". `main` = LIBRARY_STUBS + the real
    py/main.py keeps the real frame, context, routing and loader (only metrics and charts stand in)."""
    page.route("**/py/main.py", lambda r: r.fulfill(content_type="text/plain", body=main))
    page.route("**/harness/dashboard.json", lambda r: r.fulfill(json=payload))


async def demo_payload(seed: int = 1, lang: str = "ru") -> dict:
    """The demo desk as the manager's dashboard sees it: loaded over devportal's REST, computed here."""
    from devportal.demo import build_demo
    from devportal.server import serve

    portal = build_demo(seed)
    running = serve(portal)
    try:
        return await desk_payload(running, portal.groups[int(portal.app_options["group_id"])].owner_id, lang)
    finally:
        running.stop()


async def desk_payload(running, user_id: int, lang: str = "ru") -> dict:
    """The desk of a running devportal as `user_id`'s dashboard sees it: loaded over REST, computed here."""
    from servicedesk.charts import render_all
    from servicedesk.context import load_context
    from servicedesk.loader import load_desk
    from servicedesk.loader.store import MemoryStore
    from servicedesk.metrics import compute_desk
    from servicedesk.rest import RestClient
    from servicedesk.rest.http import HttpTransport
    from servicedesk.session import Session

    client = RestClient(HttpTransport(running.url, running.token(user_id)))
    ctx = await load_context(client, is_admin=running.portal.users[user_id].is_admin, lang=lang)
    desk = await load_desk(Session(client, ctx, None, lang), store=MemoryStore())
    figures = compute_desk(desk.messages, desk.users, desk.sessions, desk.tasks, desk.settings,
                           desk.support_ids, desk.now, time_zone=desk.settings.time_zone)
    return {"figures": figures, "svgs": render_all(figures, None, lang), "users": desk.users,
            "problems": desk.problems, "lang": lang, "user_id": user_id}


def small_png(png: bytes) -> bytes:
    """The screenshot with a 256-colour palette (a few times smaller, no visible change for UI)."""
    from PIL import Image
    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").quantize(256, dither=Image.Dither.NONE).save(out, "PNG", optimize=True)
    return out.getvalue()


def shoot(payload: dict, out: Path) -> list[Path]:
    """dashboard-desktop.png (1280 px) and dashboard-mobile.png (375 px), full page."""
    import build
    from playwright.sync_api import sync_playwright

    build.bundle_python()
    url, stop = build.serve_static(build.ROOT)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=build.OFFLINE_CHROMIUM_ARGS)
            for name, width, scale in (("desktop", 1280, 1), ("mobile", 375, 2)):
                page = browser.new_page(viewport={"width": width, "height": 900}, device_scale_factor=scale,
                                        locale="ru-RU", timezone_id="Europe/Moscow")
                route_dashboard(page, payload)
                page.goto(url + "index.html")
                page.wait_for_selector("[data-view=dashboard][data-state=ready]", timeout=120_000)
                overflow = page.evaluate("document.documentElement.scrollWidth") - width
                path = out / f"dashboard-{name}.png"
                path.write_bytes(small_png(page.screenshot(full_page=True)))
                print(f"{path.relative_to(build.ROOT)}: {path.stat().st_size // 1024} KB, "
                      f"horizontal overflow {max(overflow, 0)} px")
                written.append(path)
                page.close()
            browser.close()
    finally:
        stop()
    return written


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lang", default="ru")
    args = parser.parse_args(argv)
    shoot(asyncio.run(demo_payload(args.seed, args.lang)), Path(args.out))


if __name__ == "__main__":
    main()
