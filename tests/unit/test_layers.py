"""Imports only go down: each package of py/servicedesk imports only packages of a lower layer, and
no module imports another module's private (``_name``) names. CONTRIBUTING.md draws the same layers."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import build

PY = Path(build.ROOT) / "py"

# top first; a package may import its own modules and packages of the layers below it, never above
# or beside it. (main.py, the entry point, is above them all.)
LAYERS = [
    ("views",),                         # the DOM of each screen
    ("bot", "setup"),                   # what the screens run: the bot's work (its worker too), the wizard
    ("loader",),                        # the year's data, read and cached (the worker's digest reads it too)
    ("visit",),                         # Visit: one page load's client, context and UI
    ("context",),                       # who and where: AppContext, the desks the user supports
    ("metrics", "charts"),              # figures (pure) and their SVGs
    ("rest", "model"),                  # the portal's REST client and the records parsed from it
    ("texts", "runtime", "jsvalue"),    # texts, the runtime (browser or CPython), JS values
]
LAYER_OF = {p: i for i, names in enumerate(LAYERS) for p in names}


def layer_name(package: str) -> str:
    return "/".join(LAYERS[LAYER_OF[package]])


def imports(path: Path, py: Path = PY):
    """(line, absolute module name, imported names) of each import in ``path``, functions' too."""
    module = ".".join(path.relative_to(py).with_suffix("").parts).removesuffix(".__init__")
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, a.name, ()
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            if node.module:
                yield node.lineno, name, tuple(a.name for a in node.names)
            else:                                   # from . import a, b: each a module (or a name)
                for a in node.names:
                    yield node.lineno, f"{name}.{a.name}", ()


def upward(path: Path, py: Path = PY) -> list[str]:
    """``file:line: <module> (layer) imports <module> (layer above or beside it)`` for ``path``."""
    parts = path.relative_to(py / "servicedesk").with_suffix("").parts
    if len(parts) < 2 and parts[0] == "__init__":
        return []
    own = parts[0]
    out = []
    for line, name, _ in imports(path, py):
        target = name.split(".")
        if target[0] != "servicedesk" or len(target) < 2 or target[1] == own:
            continue
        other = target[1]
        if LAYER_OF[other] <= LAYER_OF[own]:
            out.append(f"py/{path.relative_to(py).as_posix()}:{line}: {own} (layer {layer_name(own)}) "
                       f"imports {name} (layer {layer_name(other)}): only layers below it may be imported")
    return out


def private_imports(path: Path, root: Path = PY) -> list[str]:
    return [f"{path.relative_to(PY.parent).as_posix()}:{line}: imports {n} from {name}: a private name "
            "(make it public, or keep the code that needs it in that module)"
            for line, name, names in imports(path, root) for n in names if n.startswith("_") and not n.startswith("__")]


MODULES = sorted((PY / "servicedesk").rglob("*.py"))


def test_every_package_has_a_layer():
    packages = {p.relative_to(PY / "servicedesk").parts[0].removesuffix(".py") for p in MODULES} - {"__init__"}
    assert packages == set(LAYER_OF), "add the new package to LAYERS (and CONTRIBUTING.md)"


def test_imports_only_go_down():
    found = [problem for p in MODULES for problem in upward(p)]
    assert not found, "\n".join(found)


def test_no_module_imports_another_modules_private_names():
    found = [problem for p in [*MODULES, PY / "main.py"] for problem in private_imports(p)]
    for p in (PY.parent / "tests").rglob("*.py"):      # the tests use the build modules' public names
        found += [f"{p.relative_to(PY.parent).as_posix()}:{i}: {m.group()}: a private name of the build"
                  for i, line in enumerate(p.read_text().splitlines(), 1)
                  for m in re.finditer(r"\bbuild(_mpy)?\._[a-z]\w*", line)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("package,src,bad", [
    ("model", "from ..setup.validate import valid_zone", "model (layer rest/model) imports servicedesk.setup.validate"),
    ("charts", "from ..views import dom", "charts (layer metrics/charts) imports servicedesk.views"),
    ("bot", "from ..setup import desks", "bot (layer bot/setup) imports servicedesk.setup"),
    ("loader", "from ..bot import refs", "loader (layer loader) imports servicedesk.bot"),
    ("views", "from ..model import values", ""),
])
def test_an_upward_import_names_both_layers(tmp_path, package, src, bad):
    path = tmp_path / "servicedesk" / package / "x.py"
    path.parent.mkdir(parents=True)
    path.write_text(src + "\n")
    found = upward(path, tmp_path)
    assert (found[0].startswith(f"py/servicedesk/{package}/x.py:1: {bad}") if bad else found == []), found
