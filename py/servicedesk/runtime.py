"""Where Python runs: Pyodide or MicroPython in the portal frame, or CPython (tests, tools).

In Pyodide this module loads optional packages from the wheels listed by build.py in
``static/vendor/packages.json`` (with matplotlib's prebuilt font list), installs the time zones,
keeps small values in ``localStorage`` and drives the boot progress bar of index.html
(``window.sdProgress``). On CPython the same calls are explicit no-ops or stand-ins: imports are
tried directly, storage is a dict, progress is logged. MicroPython's screens use only the storage,
the progress bar and the zones (py/mpy/zoneinfo.py). No DOM access besides the progress hook.
"""
from __future__ import annotations

import asyncio
import importlib
import json
import logging
import sys
from dataclasses import dataclass, field

log = logging.getLogger("servicedesk.runtime")

PACKAGES_JSON = "static/vendor/packages.json"   # relative to the page (index.html)
IMPORT_NAMES = {"python-dateutil": "dateutil", "pillow": "PIL"}


@dataclass
class LoadResult:
    """Outcome of load_packages: ok, or the reason (for the user) why not."""
    ok: bool
    loaded: list[str] = field(default_factory=list)
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok


def in_browser() -> bool:
    """True in the page: Pyodide (emscripten) or PyScript's MicroPython (webassembly)."""
    return sys.platform in ("emscripten", "webassembly")


def micropython() -> bool:
    """True on PyScript's MicroPython (the small screens, mpy.json): no packages, no zoneinfo data."""
    return sys.implementation.name == "micropython"


def _try_import(names) -> LoadResult:
    loaded = []
    for name in names:
        try:
            importlib.import_module(IMPORT_NAMES.get(name, name).replace("-", "_"))
        except ImportError as exc:
            return LoadResult(False, loaded, f"{name}: {exc}")
        loaded.append(name)
    return LoadResult(True, loaded)


_manifest: dict | None = None


async def _packages_manifest() -> tuple[dict, str]:
    """packages.json (cached) and its absolute URL, which its relative wheel paths are based on."""
    global _manifest
    import js
    url = js.URL.new(PACKAGES_JSON, js.document.baseURI).href
    if _manifest is None:
        resp = await js.fetch(url)
        if not resp.ok:
            raise OSError(f"{PACKAGES_JSON}: HTTP {resp.status}")
        _manifest = json.loads(await resp.text())
    return _manifest, url


async def load_packages(names) -> LoadResult:   # not on MicroPython
    """Make `names` importable: in Pyodide fetch their wheels (and dependencies) from packages.json."""
    names = list(names)
    if not in_browser():
        return _try_import(names)
    import js
    import pyodide_js
    try:
        manifest, base = await _packages_manifest()
    except Exception as exc:    # noqa: BLE001 - JS errors arrive as JsException
        return LoadResult(False, [], f"cannot read {PACKAGES_JSON}: {exc}")
    missing = [n for n in names if n not in manifest.get("packages", {})]
    if missing:
        why = manifest.get("unavailable_reason") or "not in this build"
        return LoadResult(False, [], f"{', '.join(missing)}: {why}")
    urls = []
    for n in names:
        for rel in manifest["packages"][n]:
            url = js.URL.new(rel, base).href
            if url not in urls:
                urls.append(url)
    errors = []
    from pyodide.ffi import create_proxy, to_js
    on_error = create_proxy(errors.append)
    try:
        # loadPackage does not raise when a wheel is missing: it reports through errorCallback
        options = to_js({"errorCallback": on_error}, dict_converter=js.Object.fromEntries)
        await pyodide_js.loadPackage(to_js(urls), options)
    except Exception as exc:    # noqa: BLE001
        errors.append(str(exc))
    finally:
        on_error.destroy()
    if "matplotlib" in names and not errors:
        await _place_fontlist(base)
    result = _try_import(names)
    if not result.ok and errors:
        result.reason = f"{result.reason} ({'; '.join(errors[-2:])})"
    return result


FONTLIST = "matplotlib-fontlist.json"      # beside packages.json (build.font_list)


async def _place_fontlist(base: str) -> None:   # not on MicroPython
    """matplotlib's font list built at build time, put where Pyodide's matplotlib keeps it, so that
    it is not built again on this page (~0.23 s). The wheel's own list is of another FontManager
    version (390, its build machine's 526 fonts; Pyodide's matplotlib is 330), so it is always
    rebuilt without this; a missing file here changes nothing but the time."""
    import importlib.util
    import os

    import js
    spec = importlib.util.find_spec("matplotlib")
    if "matplotlib.font_manager" in sys.modules or not (spec and spec.origin):
        return
    path = os.path.join(os.path.dirname(spec.origin), "fontlist.json")
    try:
        resp = await js.fetch(js.URL.new(FONTLIST, base).href)
        if resp.ok:
            with open(path, "w", encoding="utf-8") as f:
                f.write(await resp.text())
    except Exception as exc:    # noqa: BLE001 - only slower without it
        log.info("matplotlib font list: %s", exc)


ZONES_DIR = "/home/pyodide/.zoneinfo"   # the zone files of the vendored tzdata wheel, in the browser


def install_zones(wheel: bytes, target: str) -> int:   # not on MicroPython
    """The TZif files of a tzdata wheel written under ``target`` and made zoneinfo's only search
    path; returns how many. (Installing the wheel as a package costs ~2.7x as long in Pyodide:
    packages.json, the package lock, the install and its import, for the same files.)"""
    import io
    import os
    import zipfile
    import zoneinfo
    prefix, count = "tzdata/zoneinfo/", 0
    with zipfile.ZipFile(io.BytesIO(wheel)) as z:
        for name in z.namelist():
            if not name.startswith(prefix) or name.endswith(("/", ".py")):
                continue
            data = z.read(name)
            if not data.startswith(b"TZif"):          # zone lists, tables: not zones
                continue
            path = os.path.join(target, name[len(prefix):])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
            count += 1
    zoneinfo.reset_tzpath([target])
    return count


_tzdata = None                   # the one install task of this page


async def ensure_tzdata() -> LoadResult:
    """Make zoneinfo.ZoneInfo work: in Pyodide, the zone files of the vendored tzdata wheel written
    where zoneinfo looks (once; later calls share the first); on CPython the system's or tzdata's."""
    global _tzdata
    if micropython():            # py/mpy/zoneinfo.py asks the browser's Intl
        return LoadResult(True, [])
    if not in_browser():
        return _try_import(["tzdata"])
    if _tzdata is None:
        _tzdata = asyncio.create_task(_install_tzdata())
    return await _tzdata


async def _install_tzdata() -> LoadResult:
    """The wheel fetched from packages.json's list (usually from the HTTP cache), its zones installed."""
    import js
    try:
        manifest, base = await _packages_manifest()
        url = js.URL.new(manifest["packages"]["tzdata"][0], base).href
        resp = await js.fetch(url)
        if not resp.ok:
            raise OSError(f"{url}: HTTP {resp.status}")
        count = install_zones((await resp.arrayBuffer()).to_bytes(), ZONES_DIR)
    except Exception as exc:    # noqa: BLE001 - JS errors arrive as JsException
        return LoadResult(False, [], f"tzdata: {exc}")
    log.info("time zones: %d", count)
    return LoadResult(True, ["tzdata"])


_KEPT: dict[str, str] = {}            # CPython (tests): stands in for the browser's localStorage


def stored_json(key: str):
    """A small value this browser keeps for the app (localStorage), None when absent or unreadable."""
    try:
        if in_browser():
            import js
            text = js.sdStore.get(key)          # static/js/boot.js: null where storage is refused
        else:
            text = _KEPT.get(key)
        return json.loads(text) if text else None
    except Exception:    # noqa: BLE001 - no storage (private mode, blocked) or not JSON: nothing kept
        return None


def store_json(key: str, value) -> None:
    """Keep ``value`` (JSON) under ``key`` in this browser; nothing (logged) where storage is refused."""
    text = json.dumps(value)
    try:
        if in_browser():
            import js
            if not js.sdStore.set(key, text):
                raise OSError("storage refused")
        else:
            _KEPT[key] = text
    except Exception as exc:    # noqa: BLE001
        log.info("not kept in this browser: %s", exc)


def _js_progress():
    import js
    return getattr(js.window, "sdProgress", None)


def progress(stage: str, percent: float | None = None) -> None:
    """Show a boot stage in the progress bar (browser) or log it (CPython).

    `percent` is the bar's overall position: index.html's own boot stages use 0-70, so the app's
    stages go from 70 to 100; the bar never moves backwards (a lower value changes the label only).
    """
    hook = _js_progress() if in_browser() else None
    if hook is None:
        log.info("progress: %s %s", stage, "" if percent is None else f"{percent:.0f}%")
    else:
        hook(stage, percent)


def progress_done() -> None:
    """Hide the progress bar: the first view is on screen."""
    hook = _js_progress() if in_browser() else None
    if hook is not None:
        hook.done()


def progress_error(message: str) -> None:
    """Stop the progress bar and show "Ошибка" with `message`."""
    hook = _js_progress() if in_browser() else None
    if hook is None:
        log.error("progress: error: %s", message)
    else:
        hook.error(message)


class _ConsoleHandler(logging.Handler):
    """Log records to the browser console (PyScript shows stderr as error boxes in the page)."""

    def emit(self, record: logging.LogRecord) -> None:
        import js
        method = "error" if record.levelno >= logging.ERROR else "warn" if record.levelno >= logging.WARNING else "info"
        getattr(js.console, method)(self.format(record))


def setup_logging(level: int = logging.INFO) -> None:
    """Logs go to the browser console in Pyodide, to stderr on CPython."""
    root = logging.getLogger()
    root.setLevel(level)
    handler = _ConsoleHandler() if in_browser() else logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    root.handlers[:] = [handler]
