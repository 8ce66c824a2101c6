"""README, pyscript.toml, the packages the screens load and what build.py vendors tell one story
(a dashboard asking for a package that no build vendors breaks its charts in every build)."""
import ast
import json
import re
import tomllib
from pathlib import Path

import pytest

import build

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
LOCK = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"


def requested() -> set[str]:
    """Every package the code asks ``runtime.load_packages`` for (literal lists only, so that this
    test can see them), and every wheel it reads from packages.json itself."""
    names = set()
    for path in sorted((ROOT / "py").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) != "load_packages":
                continue
            arg = node.args[0] if node.args else None
            assert isinstance(arg, (ast.List, ast.Tuple)) and all(
                isinstance(e, ast.Constant) for e in arg.elts), f"{path}:{node.lineno}: list the packages literally"
            names |= {e.value for e in arg.elts}
    for path in sorted((ROOT / "py").rglob("*.py")):       # wheels read directly (ensure_tzdata's zones)
        names |= set(re.findall(r'\["packages"\]\["([\w-]+)"\]', path.read_text()))
    return names


def vendored() -> set[str]:
    return set(build.HEAVY) | set(build.PURE_WHEELS)


def words(text: str) -> set[str]:
    """"numpy, pandas and matplotlib" → {"numpy", "pandas", "matplotlib"}."""
    return {w for w in re.split(r",\s*|\s+and\s+", text.strip()) if w}


def test_every_package_a_screen_loads_is_vendored():
    asked = requested()
    assert {"numpy", "matplotlib", "tzdata"} <= asked
    assert asked <= vendored(), f"asked for but not vendored by build.py: {sorted(asked - vendored())}"


def test_readme_names_what_the_dashboard_loads_and_what_build_vendors():
    loads = re.search(r"The dashboard loads ([\w, ]+?) lazily", README)
    assert loads and words(loads.group(1)) == requested() - set(build.PURE_WHEELS)
    vendors = re.search(r"it vendors ([\w,\s]+?) with their dependencies, and ([\w]+) for every screen", README)
    assert vendors and words(vendors.group(1)) == set(build.HEAVY)
    assert {vendors.group(2)} == set(build.PURE_WHEELS)
    title = re.search(r"^## Charts need ([\w, ]+?): where they come from$", README, re.M)
    assert title and words(title.group(1)) == requested() - set(build.PURE_WHEELS)


def test_readme_names_the_pinned_pyodide_version():
    pin = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    named = set(re.findall(r"Pyodide (\d+\.\d+\.\d+)", README))
    assert named == {pin}


def test_pyscript_toml_loads_no_package_up_front_and_uses_the_vendored_runtime():
    config = tomllib.loads((ROOT / "pyscript.toml").read_text())
    assert set(config.get("packages") or ()) <= vendored()
    assert ROOT / config["interpreter"] == build.VENDOR / "pyodide" / "pyodide.mjs"
    assert "pyodide.mjs" in build.PYODIDE_CORE
    assert [ROOT / f for f in config["files"]] == [build.VENDOR / "servicedesk.zip"]


@pytest.mark.skipif(not LOCK.exists(), reason="node_modules not installed (build.py setup)")
def test_cpython_pins_are_the_versions_of_the_pyodide_lock():
    """The CPython tests compute what the browser computes: same versions as the vendored lock."""
    lock = json.loads(LOCK.read_text())
    assert lock["info"]["version"] == json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    pins = dict(re.findall(r"^([\w.-]+)==(\S+)", (ROOT / "requirements.txt").read_text(), re.M))
    for name in vendored():
        assert pins.get(name) == lock["packages"][name]["version"], name
