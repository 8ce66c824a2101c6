"""The small screens' Python on PyScript's MicroPython (the interpreter static/js/boot.js picks for My
requests and the message popup), run under Node.js from the vendored build:
- every module of the MicroPython bundle compiles there;
- scenario.py prints the same lines on CPython and on MicroPython, each against its own copy of the
  same demo portal over HTTP (MicroPython through the browser transport, ``FrameTransport``, with
  Node's fetch): the contexts, My requests, the popup's messages and a task made from one, times in
  several zones (zoneinfo from Intl there), message keys (uuid5), query strings."""
from __future__ import annotations

import asyncio
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import build
import build_mpy
from devportal.clock import Clock
from devportal.demo import build_demo
from devportal.server import serve

HERE = Path(__file__).parent
RUN = HERE / "run.mjs"
NOW = "2026-11-25T12:00:00+00:00"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """The MicroPython bundle as build.py makes it, unpacked."""
    if not (build.VENDOR / "micropython" / "micropython.mjs").exists() or not shutil.which("node"):
        pytest.skip("MicroPython is not vendored (python build.py build) or Node.js is missing")
    out = tmp_path_factory.mktemp("mpy")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in build_mpy.members(build.ROOT / "py", build.sources):
            z.writestr(name, data)
    zipfile.ZipFile(buf).extractall(out)
    return out


def micropython(dirs, code: str, tmp_path) -> str:
    script = tmp_path / "main.py"
    script.write_text(code)
    done = subprocess.run(["node", str(RUN), ",".join(str(d) for d in dirs), str(script)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_every_module_compiles_on_micropython(bundle, tmp_path):
    names = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*.py"))
    out = micropython([bundle], "bad = []\nfor name in %r:\n    try:\n        compile(open('/lib/' + name).read(), name, 'exec')\n"
                      "    except SyntaxError as e:\n        bad.append(name)\nprint(len(%r), bad)\n" % (names, names), tmp_path)
    assert out.strip() == f"{len(names)} []"
    modules = {n[:-3].replace("/", ".").removesuffix(".__init__") for n in names if n.startswith("servicedesk/")}
    assert modules == build_mpy.needed_modules(build.ROOT / "py")


def _portal(faults):
    from datetime import datetime
    now = datetime.fromisoformat(NOW)
    running = serve(build_demo(1, now), clock=Clock(now))
    for kind, method, count in faults:
        running.faults.add(kind, method, count)
    return running


def test_the_small_screens_compute_the_same_on_micropython(bundle, tmp_path):
    sys.path.insert(0, str(HERE))
    try:
        import scenario
    finally:
        sys.path.remove(str(HERE))
    from servicedesk.rest import RestClient
    from servicedesk.rest.http import HttpTransport

    first, second = _portal(scenario.FAULTS), _portal(scenario.FAULTS)
    try:
        admins = sorted(u.id for u in first.portal.users.values() if u.is_admin)
        tokens = {uid: first.token(uid) for uid in scenario.PEOPLE}
        buffer = io.StringIO()
        stdout, sys.stdout = sys.stdout, buffer
        try:
            asyncio.run(scenario.main(lambda uid: RestClient(HttpTransport(first.url, tokens[uid]),
                                                             sleep=scenario.no_wait), admins))
        finally:
            sys.stdout = stdout
        expected = buffer.getvalue().splitlines()

        tokens = {uid: second.token(uid) for uid in scenario.PEOPLE}
        code = f'''import asyncio
import scenario
from servicedesk.rest import RestClient
from servicedesk.rest.browser import FrameTransport


class Auth:
    def __init__(self, token):
        self.token = token

    def getAuthData(self):
        return self

    @property
    def access_token(self):
        return self.token


class Frame:
    """What FrameTransport uses of the portal frame's SDK."""
    def __init__(self, token):
        self.auth = Auth(token)

    def getTargetOrigin(self):
        return {second.url.rstrip("/")!r}


TOKENS = {tokens!r}
await asyncio.create_task(scenario.main(
    lambda uid: RestClient(FrameTransport(Frame(TOKENS[uid])), sleep=scenario.no_wait), {admins!r}))
'''
        got = micropython([bundle, HERE], code, tmp_path).splitlines()
    finally:
        first.stop()
        second.stop()
    assert len(expected) > 40
    assert [line for line in expected if line.startswith("created")], "the popup made no task"
    assert expected[-1] == "waits | [0.5, 1.0, 0.5, 0.5]"     # the faults were met (and retried) on both
    assert got == expected


def test_the_subset_table_is_what_micropython_has(bundle, tmp_path):
    """tests/mpy_subset.py's table of MicroPython's modules and names, and the modules it lacks, are
    true of the vendored interpreter; views.i18n.split_fields (views.dom.fill's split) runs there."""
    from tests import mpy_subset
    listed = {m: sorted(names) for m, names in mpy_subset.MICROPYTHON.items() if names is not None}
    stand_ins = {m.split(".")[0] for m in mpy_subset.stand_ins(build.ROOT / "py")}   # in the bundle
    missing = [m for m in mpy_subset.MISSING if m not in stand_ins]
    code = (f"listed = {listed!r}\nmissing = {missing!r}\nbad = []\n"
            "for m, names in listed.items():\n    mod = __import__(m)\n"
            "    bad += [m + '.' + n for n in names if not hasattr(mod, n)]\n"
            "for m in {m for m in listed} | {'math', 'time', 'js'}:\n    __import__(m)\n"
            "for m in missing:\n    try:\n        __import__(m)\n        bad.append('has ' + m)\n"
            "    except ImportError:\n        pass\n"
            "from servicedesk.views.i18n import split_fields\n"
            "print(bad, split_fields('x {a} y {{b}} {c-d}'))\n")
    out = micropython([bundle], code, tmp_path)
    assert out.strip() == "[] ['x ', 'a', ' y {', 'b', '} {c-d}']"
