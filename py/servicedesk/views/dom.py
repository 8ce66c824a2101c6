"""Tiny DOM builder for the browser: every piece of data goes in as text, never as HTML."""
from __future__ import annotations

import asyncio

import js

from .i18n import split_fields

_proxies: list = []     # event handlers handed to JS: kept alive for the page's life


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


def fill(template: str, **values) -> list:
    """``template``'s ``{name}`` fields filled, for ``el(tag, attrs, *fill(...))``: our text as text, each
    value (a portal text) in a ``<bdi>`` so right-to-left runs or an RLO in it stay inside it."""
    parts = split_fields(template)
    return [el("bdi", None, values[part]) if i % 2 else part for i, part in enumerate(parts) if part]


def mount(node, root_id: str = "app") -> None:
    """Replace the content of ``#root_id`` with ``node``."""
    root = js.document.getElementById(root_id)
    root.replaceChildren(node)


def schedule(result) -> None:
    """Run ``result`` as a task when it is a coroutine (an async handler's); ignore anything else."""
    if hasattr(result, "send"):        # a coroutine (MicroPython has no inspect.isawaitable)
        asyncio.create_task(result)


def listen(node, event: str, handler) -> None:
    """Call ``handler(event)`` on ``event``; a coroutine it returns is scheduled."""
    from ..jsvalue import proxy as js_proxy

    def run(evt):
        schedule(handler(evt))

    proxy = js_proxy(run)
    _proxies.append(proxy)
    node.addEventListener(event, proxy)
