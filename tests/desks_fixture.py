"""The portals of the ``two`` and ``three`` fixtures (tests/conftest.py): the seed-1 demo with the HR
desk (and the accounting desk) added (devportal.demo_desks)."""
from __future__ import annotations

from devportal.demo import build_demo
from devportal.demo_desks import add_accounting_desk, add_hr_desk


def two_desk_portal():
    """The seed-1 demo portal with the HR desk added; returns (portal, the HR desk's ids)."""
    portal = build_demo(1)
    return portal, add_hr_desk(portal)


def three_desk_portal():
    """The two-desk portal with desk 3, accounting; returns (portal, HR's ids, accounting's ids)."""
    portal, hr = two_desk_portal()
    return portal, hr, add_accounting_desk(portal)

