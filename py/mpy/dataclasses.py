"""dataclasses on MicroPython, for the app's own classes.

MicroPython keeps no annotations, so a field without a default would vanish: ``build_mpy.py`` lists every
dataclass's fields, in order, in ``_sd_fields.FIELDS`` (keyed ``module.Class``), and this module
builds ``__init__``, ``__repr__``, ``__eq__`` (and ``__hash__`` when frozen) from that list.
Frozen classes are not enforced here (CPython's tests enforce them)."""
from _sd_fields import FIELDS

MISSING = object()


class Field:
    """A field's name and default (``field(default=…)`` / ``field(default_factory=…)``)."""

    def __init__(self, default=MISSING, default_factory=MISSING):
        self.name = ""
        self.default = default
        self.default_factory = default_factory


def field(*, default=MISSING, default_factory=MISSING, **_):
    """A field with a default value or a factory of one."""
    return Field(default, default_factory)


def _fields_of(cls):
    done = []
    for base in reversed(cls.__mro__[1:] if hasattr(cls, "__mro__") else cls.__bases__):
        for f in getattr(base, "__sd_dc__", ()):
            if all(g.name != f.name for g in done):
                done.append(f)
    for name in FIELDS.get(cls.__module__ + "." + cls.__qualname__, ()):
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(value)
        f.name = name
        at = [i for i, g in enumerate(done) if g.name == name]
        if at:
            done[at[0]] = f            # a base's field given a new default keeps its place
        else:
            done.append(f)
    return tuple(done)


def _init(cls):
    specs = cls.__sd_dc__
    post = getattr(cls, "__post_init__", None)

    def __init__(self, *args, **kwargs):
        if len(args) > len(specs):
            raise TypeError(cls.__name__ + "() takes %d arguments" % len(specs))
        for i, f in enumerate(specs):
            if i < len(args):
                value = args[i]
                if f.name in kwargs:
                    raise TypeError(cls.__name__ + "() got multiple values for " + f.name)
            elif f.name in kwargs:
                value = kwargs.pop(f.name)
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.default is not MISSING:
                value = f.default
            else:
                raise TypeError(cls.__name__ + "() missing argument: " + f.name)
            setattr(self, f.name, value)
        if kwargs:
            raise TypeError(cls.__name__ + "() got an unexpected keyword: " + ", ".join(kwargs))
        if post is not None:
            post(self)
    return __init__


def _values(obj):
    return tuple(getattr(obj, f.name) for f in obj.__sd_dc__)


def dataclass(cls=None, *, frozen=False, **_):
    """The class with ``__init__``, ``__repr__``, ``__eq__`` (and ``__hash__`` if frozen) of its fields."""
    def wrap(cls):
        cls.__sd_dc__ = _fields_of(cls)
        if "__init__" not in cls.__dict__:
            cls.__init__ = _init(cls)
        if "__repr__" not in cls.__dict__:
            cls.__repr__ = lambda self: "%s(%s)" % (type(self).__name__, ", ".join(
                "%s=%r" % (f.name, getattr(self, f.name)) for f in self.__sd_dc__))
        if "__eq__" not in cls.__dict__:
            cls.__eq__ = lambda self, other: (type(other) is type(self) and _values(self) == _values(other))
        if frozen and "__hash__" not in cls.__dict__:
            cls.__hash__ = lambda self: hash(_values(self))
        return cls
    return wrap if cls is None else wrap(cls)


def fields(obj):
    """The fields (``.name``) of a dataclass or of its instance."""
    return obj.__sd_dc__


def asdict(obj):
    """A dict of the instance's fields (nested dataclasses, lists and dicts copied)."""
    def conv(v):
        if hasattr(v, "__sd_dc__") and not isinstance(v, type):
            return {f.name: conv(getattr(v, f.name)) for f in v.__sd_dc__}
        if isinstance(v, (list, tuple)):
            return type(v)(conv(x) for x in v)
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        return v
    return conv(obj)


def replace(obj, **changes):
    """A copy of the instance with ``changes``."""
    kwargs = {f.name: getattr(obj, f.name) for f in obj.__sd_dc__}
    kwargs.update(changes)
    return type(obj)(**kwargs)


def is_dataclass(obj):
    """True for a dataclass or its instance."""
    return hasattr(obj, "__sd_dc__")
