"""Tiny DOM builder for the browser: every piece of data goes in as text, never as HTML."""
from __future__ import annotations

import js


def el(tag: str, attrs: dict | None = None, *children):
    """An element with attributes and children (strings become text nodes, so they are escaped)."""
    node = js.document.createElement(tag)
    for key, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        if key == "class":
            node.className = str(value)
        else:
            node.setAttribute(key, "" if value is True else str(value))
    for child in children:
        if child is None:
            continue
        node.appendChild(js.document.createTextNode(str(child)) if isinstance(child, (str, int, float)) else child)
    return node


def mount(node, root_id: str = "app") -> None:
    """Replace the content of ``#root_id`` with ``node``."""
    root = js.document.getElementById(root_id)
    root.replaceChildren(node)
