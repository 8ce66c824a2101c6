"""Interface texts of the screens: Russian first, English when the portal's language is not Russian.
The tables and the lookup are ``servicedesk.texts`` (one table per language for the whole app)."""
from __future__ import annotations

import re

from ..rest.errors import PortalError, kind_of
from ..rest.scopes import missing_scope
from ..texts import TEXTS, lang_of, t

__all__ = ["TEXTS", "error_text", "lang_of", "split_fields", "t"]

_NAME = re.compile(r"\w+$")


def split_fields(template: str) -> list[str]:
    r"""``template`` split at its ``{name}`` fields: [text, name, text, name, ..., text] (what
    ``re.split(r"\{(\w+)\}", template)`` gives; MicroPython's re cannot split with a group)."""
    parts, start, text = [], 0, ""
    while True:
        i = template.find("{", start)
        j = template.find("}", i + 1) if i >= 0 else -1
        if j < 0:
            return parts + [text + template[start:]]
        name = template[i + 1:j]
        if _NAME.match(name):
            parts += [text + template[start:i], name]
            text, start = "", j + 1
        else:
            text, start = text + template[start:i + 1], i + 1


def error_text(exc: Exception, lang: str, tz_name: str = "UTC") -> str:
    """A portal error as a support manager reads it (its kind's text, rest.errors.KINDS; the
    technical code in brackets). A method the portal blocked for a while says when it lifts
    (in ``tz_name``), and that nothing is lost."""
    if isinstance(exc, PortalError):
        head = t(kind_of(exc).dashboard, lang)
        if kind_of(exc).name == "blocked":
            until = getattr(exc, "until", None)
            if until:
                from datetime import datetime, timezone

                from ..bot.refs import local_time
                when = local_time(datetime.fromtimestamp(until, timezone.utc), tz_name, "%H:%M")
                head += ": " + t("dash_blocked_until", lang).format(time=when)
            else:
                head += ": " + t("dash_blocked_soon", lang)
        scope = missing_scope(exc)
        if scope:                       # insufficient_scope: name the permission the app lacks
            head = t("dash_scope_missing", lang).format(scope=scope)
        return f"{head} ({exc})"
    return f"{t('dash_failed', lang)}: {exc}"
