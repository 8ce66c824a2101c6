"""PHP-style query strings, as Bitrix24 reads them (``filter[>ID]=5&select[0]=ID``)."""
from __future__ import annotations

from urllib.parse import quote


def _flatten(prefix: str, value, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix}[{key}]" if prefix else str(key), item, out)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _flatten(f"{prefix}[{index}]", item, out)
    elif value is None:
        out.append((prefix, ""))
    elif isinstance(value, bool):
        out.append((prefix, "Y" if value else "N"))
    else:
        out.append((prefix, str(value)))


def build_query(params: dict) -> str:
    """Encode nested params like PHP's http_build_query; ``$result[...]`` references stay readable."""
    pairs: list[tuple[str, str]] = []
    _flatten("", params, pairs)
    safe = "[]$"
    return "&".join(f"{quote(k, safe=safe)}={quote(v, safe=safe)}" for k, v in pairs)


def command(method: str, params: dict | None = None) -> str:
    """One batch command row: ``method?query``."""
    return f"{method}?{build_query(params)}" if params else method
