"""The fault matrix sampled in the browser: the real app in the demo portal's frame while devportal
injects faults (set before the app opens, always cleared after: the demo portal is shared)."""
from __future__ import annotations

from contextlib import contextmanager

from tests.e2e.conftest import open_app

EMPLOYEE = 8            # not in the support group: the app opens My requests


@contextmanager
def faults(demo, *rules):
    """``rules``: (kind, method, count) injected for the block."""
    try:
        for kind, method, count in rules:
            demo.devportal.faults.add(kind, method, count)
        yield demo.devportal.faults
    finally:
        demo.devportal.faults.clear()


def test_my_requests_refused_by_the_portal_shows_a_clear_message(portal_page, demo):
    with faults(demo, ("ACCESS_DENIED", "tasks.task.list", None)):
        frame = open_app(portal_page, demo, EMPLOYEE)
        error = frame.locator("[data-view=my_requests] [data-field=error]")
        error.wait_for(timeout=30_000)
        assert "Недостаточно прав" in error.inner_text()
        assert frame.locator("[data-view=my_requests] [aria-busy]").count() == 0
    frame.locator("[data-view=my_requests] [data-action=retry]").click()   # the portal is fine again
    frame.locator("[data-view=my_requests] [data-role=doing]").wait_for(timeout=30_000)


def test_a_passing_500_on_user_current_and_an_expired_token_still_boot_the_app(portal_page, demo):
    with faults(demo, ("INTERNAL_SERVER_ERROR", "user.current", 2), ("expired_token", "batch", 1)) as f:
        frame = open_app(portal_page, demo, EMPLOYEE)
        frame.locator("[data-view=my_requests] [data-role=doing]").wait_for(timeout=30_000)
        assert not f.rules                                  # both fired (and were used up)
    commands = [c["cmd"] for c in portal_page.page.evaluate("window.devportal.log")]
    assert "refreshAuth" in commands                        # the SDK got a new token from the portal
    assert frame.locator("[data-field=error], .sd-notice--error").count() == 0
