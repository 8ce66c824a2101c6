"""The REST methods the app calls, read from its code (py/): string literals that name a method
devportal answers, and the first argument of every RestClient call (``call``, ``call_page``,
``list_all``, ``list_fast``, ``create_once``) and of every batch command tuple ``(method, {...})``."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from devportal.methods import lookup

PY = Path(__file__).resolve().parents[2] / "py"
CALLS = {"call", "call_page", "list_all", "list_fast", "create_once"}
_DOTTED = re.compile(r"^[a-z][a-z_0-9]*(\.[A-Za-z][A-Za-z0-9_]*)+$")


def _literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def app_methods() -> dict[str, set[str]]:
    """{method: the files of py/ that name it}."""
    found: dict[str, set[str]] = {}
    for path in sorted(PY.rglob("*.py")):
        name = str(path.relative_to(PY.parent))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            text = _literal(node)
            if text and _DOTTED.match(text.split("?")[0]) and lookup(text.split("?")[0]):
                names.append(text.split("?")[0])
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CALLS \
                    and node.args and _literal(node.args[0]):
                names.append(_literal(node.args[0]))
            if isinstance(node, ast.Tuple) and len(node.elts) == 2 and _literal(node.elts[0]) \
                    and isinstance(node.elts[1], ast.Dict) and _DOTTED.match(_literal(node.elts[0])):
                names.append(_literal(node.elts[0]))
            for n in names:
                found.setdefault(n, set()).add(name)
    return found
