"""The MicroPython subset as a checked rule: what PyScript's MicroPython (the vendored build) lacks,
and ``problems(py)``, which reads every module of the MicroPython bundle (``build_mpy.needed_modules``)
and reports each use of it as ``file:line: rule: use X instead``.

``MICROPYTHON`` is what that MicroPython's own modules hold (the names the app may import from them);
tests/mpy/test_on_micropython.py checks the table against the real interpreter, so it cannot rot.
py/mpy's stand-ins count with the names they define. A statement whose first line says
``# not on MicroPython`` (an import, an ``if``, a ``def``) is left out, here and from the bundle.
"""
from __future__ import annotations

import ast
from pathlib import Path

import build_mpy

# module -> its public names on PyScript's MicroPython (None: any name; the app uses few of them)
MICROPYTHON: dict[str, frozenset | None] = {
    "asyncio": frozenset({"CancelledError", "Event", "Lock", "Task", "TimeoutError", "create_task",
                          "current_task", "gather", "get_event_loop", "new_event_loop", "sleep", "sleep_ms",
                          "wait_for", "wait_for_ms"}),
    "collections": frozenset({"OrderedDict", "defaultdict", "deque", "namedtuple"}),
    "copy": frozenset({"copy", "deepcopy"}),
    "datetime": frozenset({"MAXYEAR", "MINYEAR", "date", "datetime", "time", "timedelta", "timezone", "tzinfo"}),
    "io": frozenset({"BytesIO", "IOBase", "StringIO", "open"}),
    "json": frozenset({"dump", "dumps", "load", "loads"}),
    "logging": frozenset({"CRITICAL", "DEBUG", "ERROR", "INFO", "WARNING", "NOTSET", "Formatter", "Handler",
                          "Logger", "StreamHandler", "basicConfig", "critical", "debug", "error", "exception",
                          "getLogger", "info", "warning"}),
    "math": None, "time": None, "array": None, "binascii": None, "struct": None, "heapq": None,
    "errno": None, "gc": None, "micropython": None, "js": None, "select": None,
    "functools": frozenset({"partial", "reduce", "update_wrapper", "wraps"}),
    "itertools": frozenset({"accumulate", "chain", "count", "cycle", "islice", "repeat", "starmap", "tee"}),
    "hashlib": frozenset({"sha256"}),
    "os": frozenset({"getcwd", "listdir", "mkdir", "remove", "rename", "rmdir", "sep", "stat", "unlink"}),
    "random": frozenset({"choice", "getrandbits", "randint", "random", "randrange", "seed", "uniform"}),
    "re": frozenset({"compile", "match", "search", "sub"}),
    "sys": frozenset({"argv", "byteorder", "exit", "implementation", "maxsize", "modules", "path", "platform",
                      "print_exception", "stderr", "stdin", "stdout", "version", "version_info"}),
    "operator": frozenset({"attrgetter", "eq", "floordiv", "ge", "gt", "le", "lt", "mod", "ne", "truediv"}),
    "string": frozenset({"ascii_letters", "ascii_lowercase", "ascii_uppercase", "digits", "hexdigits",
                         "octdigits", "printable", "punctuation", "whitespace"}),
}
# standard modules it does not have (checked on it too); py/mpy stands in for some of them
MISSING = ("weakref", "zipfile", "enum", "contextlib", "textwrap", "uuid", "typing", "dataclasses", "zoneinfo",
           "importlib", "urllib", "statistics", "bisect", "csv", "decimal", "fractions", "calendar", "traceback",
           "warnings", "secrets", "threading", "queue", "unicodedata", "codecs", "pprint", "numbers", "pickle")
# methods its types lack: name -> what to use instead
METHODS = {
    "strftime": "bot.refs.clock_text",
    "strptime": "datetime.fromisoformat",
    "cancelled": "the task's failure handed over as a value (bot.task_from_message.allowed_messages)",
    "casefold": ".lower()",
    "removeprefix": "a slice after .startswith()",
    "removesuffix": "a slice after .endswith()",
    "zfill": "an f-string with a width ({n:02d})",
    "ljust": "an f-string with a width ({s:<9})",
    "rjust": "an f-string with a width ({s:>9})",
    "isalnum": "a regular expression",
    "isnumeric": ".isdigit()",
    "isdecimal": ".isdigit()",
    "format_map": ".format(**mapping)",
}
PRAGMA = "# not on MicroPython"


def stand_ins(py: Path) -> dict[str, frozenset]:
    """{module: the names it defines} of py/mpy's stand-ins (packages with their submodules)."""
    out = {}
    for p in sorted((py / "mpy").rglob("*.py")):
        module = ".".join(p.relative_to(py / "mpy").with_suffix("").parts).removesuffix(".__init__")
        names = set()
        for node in ast.parse(p.read_text()).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                names.update(n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name))
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in node.names)
        if p.name == "__init__.py":
            names.update(q.stem if q.suffix else q.name for q in p.parent.iterdir() if q.name != "__init__.py"
                         and q.name != "__pycache__")
        out[module] = frozenset(names)
    return out


def known_names(py: Path) -> dict[str, frozenset | None]:
    """MICROPYTHON with py/mpy's stand-ins: every module the bundle may import, with its names."""
    return {**MICROPYTHON, **stand_ins(py)}


def check_source(src: str, known: dict, package: str = "servicedesk") -> list[tuple[int, str, str]]:
    """(line, rule, use instead) for each use of what MicroPython lacks in ``src``."""
    tree = ast.parse(src)
    skipped = build_mpy.skipped_lines(src, tree)
    found = []

    def say(node, rule, instead):
        if node.lineno not in skipped:
            found.append((node.lineno, rule, instead))

    def module_ok(node, name, names=()):
        top = name.split(".")[0]
        if top in ("servicedesk", "_sd_fields", "__future__") or not top:
            return
        if name == "inspect" or top == "inspect":
            return say(node, "inspect", "hasattr(result, 'send') for a coroutine (views.dom.schedule)")
        if name not in known:
            where = "py/mpy has no stand-in" if top in MISSING or top not in known else "py/mpy has no such module"
            return say(node, f"import {name}", f"a stand-in in py/mpy or another way ({where})")
        have = known[name]
        for n in names:
            if have is not None and n not in have:
                say(node, f"{name}.{n}", f"a name {name} has on MicroPython ({', '.join(sorted(have))})")

    in_annotations = set()             # never evaluated (``from __future__ import annotations``)
    for node in ast.walk(tree):
        notes = [getattr(node, "annotation", None), getattr(node, "returns", None)]
        in_annotations.update(id(n) for a in notes if a is not None for n in ast.walk(a))
    aliases = {}                       # local name -> module, for ``import x`` / ``import x as y``
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                module_ok(node, a.name)
                aliases[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            module_ok(node, node.module, [a.name for a in node.names])
    for node in ast.walk(tree):
        if id(node) in in_annotations:
            continue
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            name = aliases[node.value.id]
            have = known.get(name)
            if name == "dataclasses" and node.attr == "dataclass":
                say(node, "@dataclasses.dataclass", "from dataclasses import dataclass; @dataclass "
                    "(build_mpy lists the fields of that spelling only)")
            elif have is not None and name in known and node.attr not in have and name != "js":
                say(node, f"{name}.{node.attr}", f"a name {name} has on MicroPython ({', '.join(sorted(have))})")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            f = node.func
            if f.attr in METHODS:
                say(node, f".{f.attr}()", METHODS[f.attr])
            if (f.attr in ("dumps", "loads", "dump", "load") and isinstance(f.value, ast.Name)
                    and aliases.get(f.value.id) == "json" and node.keywords):
                say(node, f"json.{f.attr}({', '.join(k.arg or '**' for k in node.keywords)}=)",
                    "model.values.json_text (MicroPython's json takes no options)")
    return sorted(set(found))


def problems(py: Path) -> list[str]:
    """``file:line: rule: use X instead`` for every module of the MicroPython bundle."""
    known, out = known_names(py), []
    for name in sorted(build_mpy.needed_modules(py)) + ["__main__"]:
        path = py / "main.py" if name == "__main__" else build_mpy.path_of(py, name)
        for line, rule, instead in check_source(path.read_text(), known):
            out.append(f"{path.relative_to(py.parent).as_posix()}:{line}: {rule}: use {instead} instead")
    return out
