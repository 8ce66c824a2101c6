"""Loading a year of the desk's raw records with the fewest requests, cached per portal and user.

    desk = await load_desk(visit, progress=lambda done, total, what: ...)
    desks = await load_desks(visit, [1, 2], progress=...)    # {desk id: DeskData}, shared batches
    await clear_cache(visit)
    await prune_cache(visit)      # every start-up: no earlier user's records stay

The parts are imported when first asked for (``from servicedesk.loader import load_desk``): the
small screens only prune the cache (``loader.store``) and import nothing else of the loader.
"""
_PARTS = {"DeskData": "desk", "load_desk": "desk", "clear_cache": "desk", "prune_cache": "store",
          "load_desks": "shared"}

__all__ = list(_PARTS)


def __getattr__(name: str):
    if name not in _PARTS:
        raise AttributeError(f"module 'servicedesk.loader' has no attribute {name!r}")
    module = __import__(f"servicedesk.loader.{_PARTS[name]}", None, None, [name])
    return getattr(module, name)
