"""JS values from Python on both of the page's interpreters: Pyodide (the dashboard and the admin's
screens) and PyScript's MicroPython (My requests, the message popup), whose foreign-function
interfaces differ. Browser only."""
from __future__ import annotations

import json


def js_object(values: dict):
    """A plain JS object with ``values`` (nested dicts become objects too; other values as they are)."""
    import js
    obj = js.Object.new()
    for key, value in values.items():
        setattr(obj, key, js_object(value) if isinstance(value, dict) else value)
    return obj


def py_value(value):
    """A JS object or array as Python dicts and lists; None for null and undefined."""
    if value is None:
        return None
    if hasattr(value, "to_py"):          # Pyodide
        return value.to_py()
    import js
    return json.loads(str(js.JSON.stringify(value)))


def proxy(function):
    """``function`` callable from JS (an event handler, a timer); keep it as long as JS may call it."""
    from pyodide.ffi import create_proxy      # py/mpy/pyodide/ffi.py on MicroPython
    return create_proxy(function)


def release(handle) -> None:
    """Free a proxy JS will not call again (Pyodide; MicroPython's are collected)."""
    destroy = getattr(handle, "destroy", None)
    if destroy is not None:
        destroy()
