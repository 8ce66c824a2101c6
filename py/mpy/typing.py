"""The typing names the app imports (MicroPython ignores annotations: they only need to exist)."""
Any = Awaitable = Callable = Iterable = Iterator = Mapping = Optional = Sequence = Union = object
TYPE_CHECKING = False
