"""The portals of the ``two`` and ``three`` fixtures (tests/conftest.py): the seed-1 demo with the HR
desk (and the accounting desk) added (devportal.demo_desks)."""
from __future__ import annotations

import json

from devportal.demo import build_demo
from devportal.demo_crm import add_crm_desk
from devportal.demo_desks import add_accounting_desk, add_hr_desk


def two_desk_portal():
    """The seed-1 demo portal with the HR desk added; returns (portal, the HR desk's ids)."""
    portal = build_demo(1)
    return portal, add_hr_desk(portal)


def three_desk_portal():
    """The two-desk portal with desk 3, accounting; returns (portal, HR's ids, accounting's ids)."""
    portal, hr = two_desk_portal()
    return portal, hr, add_accounting_desk(portal)


def crm_desk_portal():
    """The two-desk portal with the smart-process desk of devportal.demo_crm added; returns (portal, its ids)."""
    portal, _hr = two_desk_portal()
    return portal, add_crm_desk(portal, 1)


def first_desk_alone(portal, on_crm: bool = True, **record) -> None:
    """The options' ``desks`` reduced to desk 1 with ``record``'s keys, its second line switched to the smart
    process add_crm_desk made (the last desk's ``crm`` link) when ``on_crm``."""
    desks = json.loads(portal.app_options["desks"])
    first = {**desks[0], **record}
    if on_crm:
        first.update(second_line="crm", crm=dict(desks[-1]["crm"]))
    portal.app_options["desks"] = json.dumps([first], ensure_ascii=False)

