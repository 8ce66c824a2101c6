"""Interface texts of the screens: Russian first, English when the portal's language is not Russian.
The tables and the lookup are ``servicedesk.texts`` (one table per language for the whole app)."""
from __future__ import annotations

from ..texts import TEXTS, lang_of, t

__all__ = ["TEXTS", "lang_of", "t"]
