"""The ``two`` fixture: the seed-1 demo with the HR desk added (devportal.demo_desks), served over HTTP."""
from __future__ import annotations

import pytest

from devportal.demo import build_demo
from devportal.demo_desks import add_hr_desk
from devportal.server import serve


@pytest.fixture
def two():
    portal = build_demo(1)
    ids = add_hr_desk(portal)
    running = serve(portal)
    running.ids = ids
    yield running
    running.stop()
