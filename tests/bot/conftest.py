"""Fixtures of the bot tests (see helpers.py)."""
from tests.bot.helpers import desk  # noqa: F401 (the fixture)
