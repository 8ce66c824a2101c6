"""Loading a year of the desk's raw records with the fewest requests, cached per portal and user.

    desk = await load_desk(session, progress=lambda done, total, what: ...)
    await clear_cache(session)
    await prune_cache(session)      # every start-up: no earlier user's records stay
"""
from .desk import DeskData, clear_cache, prune_cache, load_desk

__all__ = ["DeskData", "load_desk", "clear_cache", "prune_cache"]
