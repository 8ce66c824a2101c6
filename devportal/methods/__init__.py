"""The REST methods devportal answers: one module per family, merged into ``REGISTRY``.

A handler is ``handler(portal, user, params) -> result`` (or ``Listed`` for list methods, which
adds ``total``/``next``); it raises ``RestError`` to answer an error.
"""
from __future__ import annotations

from . import bots, calendar, crm_items, crm_setup, entity, groups, history, im, openlines, placements, tasks, users
from .common import CURRENT_APP, Handler

REGISTRY: dict[str, Handler] = {}
for _family in (users, groups, tasks, history, im, bots, openlines, placements, calendar, crm_setup, crm_items, entity):
    REGISTRY.update(_family.METHODS)

__all__ = ["REGISTRY", "CURRENT_APP", "Handler", "lookup"]


def lookup(method: str) -> Handler | None:
    """The handler of ``method`` (method names are case-insensitive on Bitrix24)."""
    if method in REGISTRY:
        return REGISTRY[method]
    low = method.lower()
    return next((h for name, h in REGISTRY.items() if name.lower() == low), None)
