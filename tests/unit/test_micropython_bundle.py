"""How build_mpy.py makes py/servicedesk ready for MicroPython, on CPython: the rewritten displays
mean the same, keep their lines, and leave nothing MicroPython cannot parse; the dataclasses'
field lists are the fields CPython sees. (tests/mpy runs the bundle on MicroPython itself.)"""
from __future__ import annotations

import ast
import dataclasses
import importlib
from pathlib import Path

import pytest

import build
import build_mpy

PY = Path(build.ROOT) / "py"

SAMPLES = [
    ('x = {**a, "k": 1, **b}', {"a": {"p": 1, "k": 0}, "b": {"q": 2}}),
    ('x = [*a, 2, *b]', {"a": [1], "b": (3, 4)}),
    ('x = (*a, 3)', {"a": [1, 2]}),
    ('x = {*a, 4}', {"a": [1, 4]}),
    ('x = f([*a, {**b, "é": [*a]}])', {"a": [1], "b": {"z": 0}, "f": list}),
    ('x = {\n    **a,  # a comment\n    "k": [\n        *b,\n    ],\n}\ny = 1', {"a": {"p": 1}, "b": [2]}),
]


@pytest.mark.parametrize("src,env", SAMPLES)
def test_a_rewritten_display_means_the_same_over_the_same_lines(src, env):
    out = build_mpy.rewrite(src)
    assert out != src and out.count("\n") == src.count("\n")
    assert not [n for n in ast.walk(ast.parse(out)) if build_mpy.needs_rewrite(n)]
    before, after = dict(env), dict(env)
    exec(src, before)
    exec(out, after)
    assert after["x"] == before["x"]


def test_every_module_keeps_its_lines_and_loses_what_micropython_cannot_parse():
    changed = 0
    for path in sorted((PY / "servicedesk").rglob("*.py")):
        src = path.read_text()
        out = build_mpy.rewrite(src)
        assert out.count("\n") == src.count("\n"), path
        assert not [n for n in ast.walk(ast.parse(out)) if build_mpy.needs_rewrite(n)], path
        spans = set()                  # the lines of what was rewritten; every other line stays as it was
        for node in ast.walk(ast.parse(src)):
            if build_mpy.needs_rewrite(node):
                spans.update(range(node.lineno, node.end_lineno + 1))
        kept = [i for i in range(1, src.count("\n") + 2) if i not in spans]
        lines, new = src.splitlines(), out.splitlines()
        assert [lines[i - 1] for i in kept if i <= len(lines)] == [new[i - 1] for i in kept if i <= len(new)], path
        changed += out != src
    assert changed >= 20


def test_the_field_lists_are_the_fields_cpython_sees():
    checked = 0
    for path in sorted((PY / "servicedesk").rglob("*.py")):
        module = ".".join(path.relative_to(PY).with_suffix("").parts).removesuffix(".__init__")
        listed = build_mpy.dataclass_fields(path, module)
        if not listed:
            continue
        try:
            mod = importlib.import_module(module)
        except ImportError:          # a browser-only module (imports js at the top)
            continue
        for key, names in listed.items():
            cls = mod
            for part in key[len(module) + 1:].split("."):
                cls = getattr(cls, part)
            inherited = {f.name for base in cls.__mro__[1:] if dataclasses.is_dataclass(base)
                         for f in dataclasses.fields(base)}
            assert names == tuple(f.name for f in dataclasses.fields(cls) if f.name not in inherited), key
            checked += 1
    assert checked >= 25


def test_boot_js_picks_micropython_for_the_screens_and_placements_python_names():
    """static/js/boot.js chooses before Python runs: its lists must be the Python ones."""
    import re

    from servicedesk.context import CHAT_PLACEMENTS
    from servicedesk.views import ASKED, ON_MICROPYTHON
    js = (Path(build.ROOT) / "static/js/boot.js").read_text()
    assert f'"{ASKED}"' in js
    assert '"servicedesk:screen:"' in js and '"servicedesk:screen:' in (PY / "main.py").read_text().replace("f\"", "\"")

    def keys(name):
        return set(re.findall(r"(\w+): 1", re.search(rf"var {name} = \{{([^}}]*)\}}", js).group(1)))
    assert keys("MICRO") == ON_MICROPYTHON
    assert keys("SMALL") == CHAT_PLACEMENTS


def test_the_bundle_holds_the_small_screens_and_not_the_dashboard():
    needed = build_mpy.needed_modules(PY)
    assert {"servicedesk.views.my_requests", "servicedesk.views.task_from_message", "servicedesk.context",
            "servicedesk.rest.browser", "servicedesk.loader.store", "servicedesk.bot.requests",
            "servicedesk.views", "servicedesk.loader"} <= needed
    assert not {"servicedesk.views.dashboard", "servicedesk.metrics.desk", "servicedesk.loader.desk",
                "servicedesk.views.setup"} & needed
    names = {n for n, _ in build_mpy.members(PY, build.sources)}
    assert "servicedesk/views/my_requests.py" in names and "servicedesk/views/dashboard.py" not in names
