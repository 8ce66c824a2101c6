"""pyodide.ffi's helpers on MicroPython (its ``jsffi`` module, which PyScript's ffi also wraps)."""
from jsffi import JsException, JsProxy, create_proxy, to_js  # noqa: F401
