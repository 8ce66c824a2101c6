"""The ``batch`` method: up to 50 ``method?query`` commands, ``$result[key][...]`` references.

Checked against settings/how-to-call-rest-api/batch.md: ``cmd`` is an object or a list; values are
``method?query`` strings (URL-decoded before references are resolved); ``halt`` 0/1/true/false;
the answer is always 200 with result, result_error, result_total, result_next, result_time (PHP
arrays: ``[]`` when empty); commands past the 50th fail with ERROR_BATCH_LENGTH_EXCEEDED and a
nested batch with ERROR_BATCH_METHOD_NOT_ALLOWED.
"""
from __future__ import annotations

import re
from typing import Callable

from .envelope import Listed, RestError, php_array
from .params import flag, parse_query

MAX_COMMANDS = 50
_REF = re.compile(r"\$result\[([^\]]*)\]((?:\[[^\]]*\])*)")


def commands(cmd) -> list[tuple[object, str, dict]]:
    """``cmd`` as (key, method, params) rows; keys are ints for a list ``cmd``."""
    items = list(enumerate(cmd)) if isinstance(cmd, list) else list((cmd or {}).items())
    rows = []
    for key, value in items:
        if isinstance(value, dict):                      # {"method": ..., "params": {...}}
            rows.append((key, str(value.get("method", "")), dict(value.get("params") or {})))
            continue
        method, _, query = str(value).partition("?")
        rows.append((key, method.strip(), parse_query(query)))
    return rows


def _lookup(results: dict, key: str, path: str):
    node = results.get(key)
    if node is None and key.isdigit():
        node = results.get(int(key))
    for part in re.findall(r"\[([^\]]*)\]", path):
        if isinstance(node, list):
            node = node[int(part)] if part.lstrip("-").isdigit() and -len(node) <= int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            node = None
    return node


def resolve(value, results: dict):
    """Replace ``$result[key][a][0]`` references in a parameter value (recursively)."""
    if isinstance(value, dict):
        return {k: resolve(v, results) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, results) for v in value]
    if not isinstance(value, str) or "$result[" not in value:
        return value
    whole = _REF.fullmatch(value)
    if whole:
        found = _lookup(results, whole.group(1), whole.group(2))
        return "" if found is None else found
    return _REF.sub(lambda m: _text(_lookup(results, m.group(1), m.group(2))), value)


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else ""
    return str(v)


def run_batch(params: dict, call: Callable[[str, dict], tuple[Listed, dict]]) -> dict:
    """Run the commands through ``call(method, params) -> (Listed, time)``; build batch's result."""
    halt = flag(params.get("halt"))
    results, errors, totals, nexts, times = {}, {}, {}, {}, {}
    for index, (key, method, cmd_params) in enumerate(commands(params.get("cmd"))):
        try:
            if index >= MAX_COMMANDS:
                raise RestError(400, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded")
            if method.lower().removesuffix(".json") == "batch":
                raise RestError(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage")
            listed, time = call(method, resolve(cmd_params, results))
        except RestError as e:
            errors[key] = {"error": e.code, "error_description": e.description}
            if halt:
                break
            continue
        results[key] = listed.result
        times[key] = time
        if listed.total is not None:
            totals[key] = listed.total
        if listed.next is not None:
            nexts[key] = listed.next
    return {"result": php_array(results), "result_error": php_array(errors),
            "result_total": php_array(totals), "result_next": php_array(nexts),
            "result_time": php_array(times)}
