"""The MicroPython bundle of the small screens (``static/vendor/servicedesk-mpy.zip``, see mpy.json).

py/servicedesk is written for CPython 3.11 and Pyodide. PyScript's MicroPython lacks a few things it
uses; this module makes the bundle from the same sources:
- syntax MicroPython cannot parse is rewritten to equivalent calls (``{**a, "k": v}``,
  ``[*a, b]``), each in place and over the same lines, so a traceback's line numbers stay true;
- every dataclass's fields are listed (``_sd_fields.py``): MicroPython keeps no annotations;
- py/mpy's stand-ins of the standard library modules it lacks go at the top of the bundle;
- only the modules its screens can import go in (``needed_modules``): fewer files to unpack on
  every open (the whole package cost 0.18 s more in Chromium); a statement marked
  ``# not on MicroPython`` is not followed.
What those modules may use is checked on CPython: tests/mpy_subset.py (CONTRIBUTING.md).
"""
from __future__ import annotations

import ast
from pathlib import Path


def needs_rewrite(node: ast.AST) -> bool:
    """A display MicroPython cannot parse: ``{**a, ...}``, ``[*a, ...]`` (not an assignment target)."""
    if isinstance(node, ast.Dict):
        return any(k is None for k in node.keys)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and not isinstance(getattr(node, "ctx", None), ast.Store):
        return any(isinstance(e, ast.Starred) for e in node.elts)
    return False


def _replacement(node: ast.AST, src: str) -> str:
    seg = lambda n: "(" + ast.get_source_segment(src, n) + ")"     # noqa: E731
    parts = []
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values):
            parts.append(f"list({seg(v)}.items())" if k is None else f"[({seg(k)}, {seg(v)})]")
        text = "dict(" + " + ".join(parts) + ")"
    else:
        for e in node.elts:
            parts.append(f"list({seg(e.value)})" if isinstance(e, ast.Starred) else f"[{seg(e)}]")
        joined = " + ".join(parts)
        text = {ast.List: "({})", ast.Tuple: "tuple({})", ast.Set: "set({})"}[type(node)].format(joined)
    lines = ast.get_source_segment(src, node).count("\n") - text.count("\n")
    return text[:-1] + "\n" * max(lines, 0) + ")"       # the same lines as before


def rewrite(src: str) -> str:
    """``src`` with the displays MicroPython cannot parse replaced (innermost first), lines kept."""
    while True:
        flagged = [n for n in ast.walk(ast.parse(src)) if needs_rewrite(n)]
        inner = [n for n in flagged if not any(m is not n and needs_rewrite(m) for m in ast.walk(n))]
        if not inner:
            return src
        node = inner[0]
        lines = src.splitlines(keepends=True)
        offsets = [0]
        for x in lines:
            offsets.append(offsets[-1] + len(x))
        start = offsets[node.lineno - 1] + len(lines[node.lineno - 1].encode()[:node.col_offset].decode())
        end = offsets[node.end_lineno - 1] + len(lines[node.end_lineno - 1].encode()[:node.end_col_offset].decode())
        src = src[:start] + _replacement(node, src) + src[end:]


def dataclass_fields(path: Path, module: str) -> dict[str, tuple[str, ...]]:
    """{"module.Class": its fields in order} of the dataclasses in ``path`` (nested ones too)."""
    found = {}

    def is_dataclass(d):
        name = d.func if isinstance(d, ast.Call) else d
        return isinstance(name, ast.Name) and name.id == "dataclass"

    def visit(body, prefix):
        for node in body:
            if isinstance(node, ast.ClassDef):
                if any(is_dataclass(d) for d in node.decorator_list):
                    found[f"{module}.{prefix}{node.name}"] = tuple(
                        s.target.id for s in node.body if isinstance(s, ast.AnnAssign)
                        and isinstance(s.target, ast.Name) and "ClassVar" not in ast.unparse(s.annotation))
                visit(node.body, f"{prefix}{node.name}.")
    visit(ast.parse(path.read_text()).body, "")
    return found


PRAGMA = "# not on MicroPython"


def skipped_lines(src: str, tree: ast.AST | None = None) -> set[int]:
    """The lines of every statement whose first line says ``# not on MicroPython`` (an import, an
    ``if``, a ``def``): code MicroPython never runs, left out of the bundle's imports and its checks."""
    lines, out = src.splitlines(), set()
    for node in ast.walk(tree or ast.parse(src)):
        if isinstance(node, ast.stmt) and PRAGMA in lines[node.lineno - 1]:
            out.update(range(node.lineno, node.end_lineno + 1))
    return out


def path_of(py: Path, name: str) -> Path:
    """The file of module ``name`` under ``py`` (a package's __init__.py)."""
    p = py.joinpath(*name.split("."))
    return p / "__init__.py" if (p / "__init__.py").exists() else p.with_suffix(".py")


def _imports(name: str, path: Path):
    """Every module ``path`` (module ``name``) imports, at the top or inside functions, as absolute
    names (``from a import b`` gives both ``a`` and ``a.b``: b may be a module); not those of
    statements marked ``# not on MicroPython``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    src = path.read_text()
    tree = ast.parse(src)
    skipped = skipped_lines(src, tree)
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            yield module
            yield from (f"{module}.{a.name}" for a in node.names)


def needed_modules(py: Path) -> set[str]:
    """The servicedesk modules MicroPython's screens can import: everything py/main.py and the views
    of ``servicedesk.views.ON_MICROPYTHON`` import, following every import (those inside functions
    too, but not those of statements marked ``# not on MicroPython``) and the packages above each
    module: more than is imported, never less."""
    views = {}
    for node in ast.parse(path_of(py, "servicedesk.views").read_text()).body:
        if isinstance(node, ast.Assign) and node.targets[0].id in ("VIEWS", "ON_MICROPYTHON"):
            views[node.targets[0].id] = ast.literal_eval(node.value)
    todo = list(_imports("__main__", py / "main.py")) + [views["VIEWS"][v][0] for v in views["ON_MICROPYTHON"]]
    seen = set()
    while todo:
        name = todo.pop()
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
        if name in seen or parts[0] != "servicedesk" or not path_of(py, name).exists():
            continue
        seen.add(name)
        todo.extend(_imports(name, path_of(py, name)))
    return seen


def members(py: Path, sources) -> list[tuple[str, bytes]]:
    """(name, bytes) of the bundle: py/mpy's stand-ins, the needed modules of py/servicedesk
    rewritten, _sd_fields.py."""
    out = [(p.relative_to(py / "mpy").as_posix(), p.read_bytes()) for p in sources(py / "mpy")]
    fields, needed = {}, needed_modules(py)
    for p in sources(py / "servicedesk"):
        name = p.relative_to(py).as_posix()
        module = name[:-3].replace("/", ".").removesuffix(".__init__")
        if p.suffix != ".py" or module not in needed:
            continue
        fields.update(dataclass_fields(p, module))
        out.append((name, rewrite(p.read_text()).encode()))
    listed = "".join(f"    {k!r}: {v!r},\n" for k, v in sorted(fields.items()))
    out.append(("_sd_fields.py", f'"""Written by build_mpy.py."""\nFIELDS = {{\n{listed}}}\n'.encode()))
    return out
