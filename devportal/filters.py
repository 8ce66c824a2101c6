"""Bitrix24's list filters: ``{"ID": 5, ">ID": 10, "!STATUS": [5, 6], "%NAME": "ann"}``.

A key is an operator prefix (``!``, ``=``, ``!=``, ``>``, ``>=``, ``<``, ``<=``, ``@``, ``!@``,
``%``, ``!%``) and a field name; a list value means "any of". Values are compared as numbers
when both sides are numbers, as datetimes when the field is one, else as strings.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Callable

from .params import as_list

_OP = re.compile(r"^(!@|!=|!%|>=|<=|=%|%=|[!<>=@%])?(.*)$")


def split_key(key: str) -> tuple[str, str]:
    op, name = _OP.match(key).groups()
    return op or "", name


def matches(get: Callable[[str], object], flt: dict, skip: Callable[[str], bool] = lambda n: False) -> bool:
    """True when the record (read through ``get(field)``) passes every condition of ``flt``."""
    for key, want in (flt or {}).items():
        op, name = split_key(str(key))
        if skip(name.upper()):
            continue
        have = get(name.upper())
        if not _test(op, have, want):
            return False
    return True


def _test(op: str, have, want) -> bool:
    haves = have if isinstance(have, list) else [have]
    wants = as_list(want) if isinstance(want, (list, dict)) else [want]
    if op in ("", "=", "@"):
        return any(_eq(h, w) for h in haves for w in wants)
    if op in ("!", "!=", "!@"):
        return not any(_eq(h, w) for h in haves for w in wants)
    if op in ("%", "=%", "%="):
        return any(str(w).strip("%").lower() in str(h or "").lower() for h in haves for w in wants)
    if op == "!%":
        return not any(str(w).strip("%").lower() in str(h or "").lower() for h in haves for w in wants)
    return any(_cmp(op, h, w) for h in haves for w in wants)


def _norm(h, w):
    if isinstance(h, datetime):
        from .methods.common import parse_date
        return h, parse_date(w)
    if isinstance(h, bool):
        return ("Y" if h else "N"), str(w).upper() if not isinstance(w, bool) else ("Y" if w else "N")
    try:
        return float(h), float(w)
    except (TypeError, ValueError):
        return str(h if h is not None else ""), str(w)


def _eq(h, w) -> bool:
    if h is None:
        return w in (None, "", False, 0, "0", "N")
    a, b = _norm(h, w)
    return a == b


def _cmp(op: str, h, w) -> bool:
    if h is None or w in (None, ""):
        return False
    a, b = _norm(h, w)
    return {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b}[op]


def _group(key, want) -> bool:
    return str(key).isdigit() and isinstance(want, (dict, list))


def matches_tree(get: Callable[[str], object], flt) -> bool:
    """``matches`` with the ORM filter's nesting (crm/universal/crm-item-list.md, user-defined-object-types/
    crm-type-list.md: "Фильтр может иметь неограниченную вложенность ... ключ ``logic`` со значением ``OR``"):
    a dict or list under a numeric key, or a filter given as a list, is a group; a group's conditions join by
    AND unless its ``logic`` is "OR"."""
    if isinstance(flt, list):
        flt = {str(i): v for i, v in enumerate(flt)}
    flt = flt if isinstance(flt, dict) else {}
    either = str(next((v for k, v in flt.items() if str(k).lower() == "logic"), "AND")).upper() == "OR"
    results = (matches_tree(get, want) if _group(key, want) else matches(get, {key: want})
               for key, want in flt.items() if str(key).lower() != "logic")
    return any(results) if either else all(results)


def leaf_keys(flt) -> list[str]:
    """The field conditions' keys of a (nested) filter, ``logic`` and group keys left out."""
    if isinstance(flt, list):
        flt = {str(i): v for i, v in enumerate(flt)}
    out = []
    for key, want in (flt.items() if isinstance(flt, dict) else []):
        if _group(key, want):
            out += leaf_keys(want)
        elif str(key).lower() != "logic":
            out.append(str(key))
    return out
