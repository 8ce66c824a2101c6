"""E2E fixtures: one offline Debian chromium per session, the app served from 127.0.0.1, and pages
that record requests (a request to any other host fails the test) and console errors."""
from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

import build

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# expect()'s wait when a test names none (Playwright's is 5 s): what a screen shows after a click is drawn
# by the page's Python, which a loaded 2-core machine may take longer than that to run (actions wait 30 s)
expect.set_options(timeout=30_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's `browser` (session-wide): Debian chromium, DNS for outside hosts off."""
    return {**browser_type_launch_args, "executable_path": shutil.which("chromium"),
            "args": build.OFFLINE_CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def app_url():
    """Base URL ('.../') of the repository root served by build.serve_static."""
    if not build.is_built():
        pytest.skip("static/vendor is not built: run `python build.py build` first")
    build.bundle_python()           # the browser imports the current py/servicedesk (both interpreters)
    url, stop = build.serve_static(build.ROOT)
    yield url
    stop()


@pytest.fixture(scope="session")
def app_context(app_url, browser):
    """One context for the session, so Pyodide's wasm and stdlib come from its HTTP cache."""
    ctx = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow")
    yield ctx
    ctx.close()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


@dataclass
class AppPage:
    """A page of the shared context, with what it requested and what it logged as errors."""
    page: object
    base: str
    requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    checked: int = 0            # requests already checked by pytest_runtest_call

    def goto(self, path: str = "index.html"):
        return self.page.goto(self.base + path)

    def foreign(self, start: int = 0) -> list:
        return [u for u in self.requests[start:] if not is_local(u)]

    def wait_booted(self, timeout: float = 60_000):
        """Wait until the boot bar is done or shows an error; returns its state."""
        self.page.wait_for_function(
            "['done', 'error'].includes(document.getElementById('sd-boot').dataset.state)",
            timeout=timeout)
        return self.page.get_attribute("#sd-boot", "data-state")


@contextmanager
def recorded_page(context, base: str):
    """``with recorded_page(context, base) as rec:`` a new page of `context` recording its requests and
    errors; closed when the block ends, and then any request it made to another host fails the test."""
    page = context.new_page()
    rec = AppPage(page, base)
    page.on("request", lambda r: rec.requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and rec.console_errors.append(m.text))
    page.on("pageerror", lambda e: rec.console_errors.append(f"pageerror: {e}"))
    try:
        yield rec
    finally:
        page.close()
    late = rec.foreign(rec.checked)
    assert not late, f"requests to other hosts: {late}"


@contextmanager
def stopping(*stops):
    """``with stopping(context.close, running.stop):`` calls each, in order, when the block ends."""
    try:
        yield
    finally:
        for stop in stops:
            stop()


@pytest.fixture
def app_page(app_context, app_url):
    """index.html served standalone."""
    with recorded_page(app_context, app_url) as rec:
        yield rec


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test itself (not just its teardown) when its page went outside 127.0.0.1."""
    result = yield
    rec = item.funcargs.get("app_page") or item.funcargs.get("portal_page")
    if rec is not None:
        rec.checked = len(rec.requests)
    if rec is not None and rec.foreign():
        raise AssertionError(f"the page requested other hosts: {rec.foreign()}")
    return result


def pytest_collection_modifyitems(items):
    """Browser tests last: Playwright's sync API leaves an event loop running in the main thread for
    the rest of the session, and asyncio.run() in any later CPython test would fail."""
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def demo(app_url):
    """The seeded demo portal (seed 1) framing the app, as `build.py demo` runs it."""
    from devportal.demo import build_demo
    from devportal.run import start_demo
    running = start_demo(build_demo(1))
    yield running
    running.stop()


@pytest.fixture
def portal_page(app_context, demo):
    """A page of the shared context for the demo portal page (the app is in its iframe)."""
    with recorded_page(app_context, demo.portal_url) as rec:
        yield rec


def open_app(rec: AppPage, demo, user: int, placement: str = "DEFAULT", **kw):
    """Open the demo portal as `user` in `placement`; returns the app's frame once its Python shows a
    screen (not the saved dashboard static/js/snapshot.js shows before Python is up: its links do nothing)."""
    rec.page.goto(demo.page_url(user, placement, **kw))
    frame = rec.page.frame_locator("iframe")
    frame.locator("[data-view]:not([data-cached-user])").first.wait_for(timeout=60_000)
    return frame


def settled(frame) -> None:
    """Wait until `frame` (a Frame) has drawn twice since now: a viewport or class change is laid out and
    its resize observers have run, however slow the machine."""
    frame.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def pick_people(page, form, manager: int, specialists: list[int]) -> None:
    """Choose the manager and the specialists in a setup or desk form through the portal's user picker
    (devportal answers each picker with the ids queued for it)."""
    page.evaluate(f"window.devportal.selectQueue.push([{manager}])")
    form.locator("#sd-setup-pick-manager").click()
    expect(form.locator("#sd-setup-manager-list .sd-person")).to_have_count(1)
    page.evaluate(f"window.devportal.selectQueue.push({list(specialists)})")
    form.locator("#sd-setup-pick-specialists").click()
    expect(form.locator("#sd-setup-specialists-list .sd-person")).to_have_count(len(specialists))
