"""The ``two`` fixture: the seed-1 demo with the HR desk added (devportal.demo_desks), served over HTTP."""
from __future__ import annotations

import pytest

from devportal.demo import build_demo
from devportal.demo_desks import add_hr_desk
from devportal.server import serve


def two_desk_portal():
    """The seed-1 demo portal with the HR desk added; returns (portal, the HR desk's ids)."""
    portal = build_demo(1)
    return portal, add_hr_desk(portal)


@pytest.fixture
def two():
    portal, ids = two_desk_portal()
    running = serve(portal)
    running.ids = ids
    yield running
    running.stop()
