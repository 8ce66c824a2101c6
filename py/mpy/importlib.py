"""importlib.import_module on MicroPython (absolute names only)."""


def import_module(name):
    """The module ``name`` (``a.b.c``), imported."""
    module = __import__(name)
    for part in name.split(".")[1:]:
        module = getattr(module, part)
    return module
