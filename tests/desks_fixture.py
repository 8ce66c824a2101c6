"""The ``two`` and ``three`` fixtures: the seed-1 demo with the HR desk (and the accounting desk)
added (devportal.demo_desks), served over HTTP."""
from __future__ import annotations

import pytest

from devportal.demo import build_demo
from devportal.demo_desks import add_accounting_desk, add_hr_desk
from devportal.server import serve


def two_desk_portal():
    """The seed-1 demo portal with the HR desk added; returns (portal, the HR desk's ids)."""
    portal = build_demo(1)
    return portal, add_hr_desk(portal)


def three_desk_portal():
    """The two-desk portal with desk 3, accounting; returns (portal, HR's ids, accounting's ids)."""
    portal, hr = two_desk_portal()
    return portal, hr, add_accounting_desk(portal)


@pytest.fixture
def two():
    portal, ids = two_desk_portal()
    running = serve(portal)
    running.ids = ids
    yield running
    running.stop()


@pytest.fixture(scope="module")
def three():
    portal, hr, acc = three_desk_portal()
    running = serve(portal)
    running.hr, running.acc = hr, acc
    yield running
    running.stop()
