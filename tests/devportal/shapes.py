"""Compare the shape (keys and JSON types) of an answer with a docs example."""
from __future__ import annotations


def kind(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    return {str: "string", list: "list", dict: "dict"}[type(v)]


def _id_map(d) -> bool:
    return isinstance(d, dict) and d and all(str(k).lstrip("chat").isdigit() for k in d)


def diff(ours, doc, path: str = "$") -> list[str]:
    """Differences as ``path: what`` lines; null matches anything, [] matches an empty {}."""
    if ours is None or doc is None:
        return []
    ko, kd = kind(ours), kind(doc)
    if {ko, kd} == {"list", "dict"} and (ours in ([], {}) or doc in ([], {})):
        return []                                       # PHP's empty array is [] either way
    if ko != kd:
        return [f"{path}: {ko} != {kd}"]
    out = []
    if ko == "dict":
        if _id_map(ours) and _id_map(doc):
            return diff(next(iter(ours.values())), next(iter(doc.values())), path + "{id}")
        for k in sorted(set(ours) | set(doc)):
            if k not in doc:
                out.append(f"{path}.{k}: not in the docs")
            elif k not in ours:
                out.append(f"{path}.{k}: missing")
            else:
                out += diff(ours[k], doc[k], f"{path}.{k}")
    elif ko == "list" and ours and doc:
        out += diff(ours[0], doc[0], path + "[0]")
    return out
