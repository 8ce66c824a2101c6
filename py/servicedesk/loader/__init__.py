"""Loading a year of the desk's raw records with the fewest requests, cached per portal and user.

    desk = await load_desk(session, progress=lambda done, total, what: ...)
    desks = await load_desks(session, [1, 2], progress=...)    # {desk id: DeskData}, shared batches
    await clear_cache(session)
    await prune_cache(session)      # every start-up: no earlier user's records stay
"""
from .desk import DeskData, clear_cache, prune_cache, load_desk
from .shared import load_desks

__all__ = ["DeskData", "load_desk", "load_desks", "clear_cache", "prune_cache"]
