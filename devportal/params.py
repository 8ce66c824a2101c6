"""Request parameters as PHP sees them: ``filter[>ID]=5``, ``select[]=ID``, ``cmd[a]=...``.

Bitrix24 runs PHP, so a form-encoded or query-string body becomes nested arrays by PHP's rules
(settings/how-to-call-rest-api/data-encoding.md). JSON bodies are taken as they are.
"""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl

_KEY = re.compile(r"^([^\[]+)((?:\[[^\]]*\])*)$")


def parse_query(query: str) -> dict:
    """A URL-encoded query (``a[b][]=1&c=2``) as nested dicts/lists, PHP style."""
    out: dict = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        put(out, key, value)
    return normalise(out)


def put(out: dict, key: str, value) -> None:
    """Store ``value`` under a PHP-style key (``a[b][]``) in ``out`` (dicts; ``[]`` appends)."""
    m = _KEY.match(key)
    if not m:
        out[key] = value
        return
    parts = [m.group(1)] + re.findall(r"\[([^\]]*)\]", m.group(2))
    node = out
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "":
            part = str(sum(1 for k in node if k.isdigit()))   # "[]" appends
        if last:
            node[part] = value
        else:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]


def normalise(value):
    """Dicts keyed 0..n-1 become lists (as PHP arrays are both)."""
    if isinstance(value, dict):
        value = {k: normalise(v) for k, v in value.items()}
        if value and all(k.isdigit() for k in value) and sorted(int(k) for k in value) == list(range(len(value))):
            return [value[str(i)] for i in range(len(value))]
    return value


def parse_body(raw: bytes, content_type: str) -> dict:
    """A request body: JSON when it looks like JSON, else form-encoded. Raises ValueError."""
    text = raw.decode("utf-8", errors="replace").strip()
    if not text:
        return {}
    if "json" in content_type or text[:1] in "{[":
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("JSON body must be an object")
        return data
    return parse_query(text)


def as_list(value) -> list:
    """A PHP "array or scalar" parameter as a list (dicts keep their values in key order)."""
    if value is None or value == "":
        return []
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def flag(value, default: bool = False) -> bool:
    """Bitrix24's booleans: true/false, 1/0, "Y"/"N", "true"/"false"."""
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "y", "true", "yes")


def ci_get(params: dict, name: str, default=None):
    """``params[name]`` matching the key case-insensitively (Bitrix24 accepts filter / FILTER)."""
    if name in params:
        return params[name]
    low = name.lower()
    for k, v in params.items():
        if k.lower() == low:
            return v
    return default
