"""A CPython-fed stand-in for the dashboard, for DOM tests that need exact, hostile data (HTML in names,
a portal error on refresh): the real dashboard screen runs in Chromium while the loader, metrics and
charts hand back what was computed on CPython. It adds to the tests of the real path
(tests/e2e/test_browser_figures.py), never replaces them. `desk_payload` also gives the CPython
engine's figures of a running devportal, which the real path's figures are compared with."""
from __future__ import annotations

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
charts = stub("servicedesk.charts", SERIES_NAMES=tuple(data["svgs"]), chart_names=lambda figures: tuple(data["svgs"]),
              render_chart=lambda figures, name, selected=None, lang="ru": data["svgs"][name])
charts.__path__ = [servicedesk.__path__[0] + "/charts"]     # its pure submodules (labels) stay importable
stub("servicedesk.metrics", compute_desk=lambda *args, **kw: data["figures"])
"""
HARNESS = LIBRARY_STUBS + """
loads = []
async def load_desk(visit, progress=None):
    loads.append(1)
    if getattr(js.window, "sdHarnessFail", None):      # a test asks for a portal error
        from servicedesk.rest.errors import error_from
        raise error_from(str(js.window.sdHarnessFail), "denied", 403, "tasks.task.list")
    for done in (0, 40, 80, 100):
        progress(done, 100, "data")
        await asyncio.sleep(data.get("delay", 0))
    return ns(messages=[], users=data["users"], sessions=[], tasks=[], support_ids=set(), now=None,
              settings=ns(time_zone=data["figures"]["time_zone"]), problems=data["problems"], requests=0,
              warm=len(loads) > 1, pauses={}, task_votes=[])    # loader.desk.DeskData's fields

class UI:
    async def open_path(self, path):
        js.document.body.dataset.opened = path

stub("servicedesk.loader", load_desk=load_desk).__path__ = [servicedesk.__path__[0] + "/loader"]
from servicedesk.views.dashboard import show_view
lang = data.get("lang", "ru")
ctx = ns(user_id=data.get("user_id", 1), user_name="", is_admin=False, is_support=True, owner_id=0,
         settings={"time_zone": data["figures"]["time_zone"]}, my_desks=[])
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


async def desk_payload(running, user_id: int, lang: str = "ru") -> dict:
    """The desk of a running devportal as `user_id`'s dashboard sees it: loaded over REST, computed here."""
    from servicedesk.charts import render_all
    from servicedesk.context import load_context
    from servicedesk.loader import load_desk
    from servicedesk.loader.store import MemoryStore
    from servicedesk.metrics import compute_desk
    from servicedesk.rest import RestClient
    from servicedesk.rest.http import HttpTransport
    from servicedesk.visit import Visit

    client = RestClient(HttpTransport(running.url, running.token(user_id)))
    ctx = await load_context(client, is_admin=running.portal.users[user_id].is_admin, lang=lang)
    desk = await load_desk(Visit(client, ctx, None, lang), store=MemoryStore())
    from datetime import timedelta

    from servicedesk.bot.task_pauses import load_pauses
    pauses = await load_pauses(client, desk.tasks, desk.settings, desk.now - timedelta(days=400))  # as the page
    figures = compute_desk(desk.messages, desk.users, desk.sessions, desk.tasks, desk.settings,
                           desk.support_ids, desk.now, time_zone=desk.settings.time_zone, pauses=pauses)
    return {"figures": figures, "svgs": render_all(figures, None, lang), "users": desk.users,
            "problems": desk.problems, "lang": lang, "user_id": user_id}
