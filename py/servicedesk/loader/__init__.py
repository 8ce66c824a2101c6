"""Loading a year of the desk's raw records with the fewest requests, cached per portal and user.

    desk = await load_desk(session, progress=lambda done, total, what: ...)
    await clear_cache(session)
"""
from .desk import DeskData, clear_cache, load_desk

__all__ = ["DeskData", "load_desk", "clear_cache"]
