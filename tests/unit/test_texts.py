"""The UI texts: one table per language (servicedesk.texts), the same keys and placeholders in both."""
from __future__ import annotations

from string import Formatter

from servicedesk.texts import TEXTS, both, lang_of, section, t


def fields(text) -> set[str]:
    if isinstance(text, dict):                       # a small table inside one text (task status names)
        return {f"{k}:{f}" for k, v in text.items() for f in fields(v)} | set(text)
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def test_ru_and_en_have_the_same_keys():
    assert set(TEXTS) == {"ru", "en"}
    assert sorted(set(TEXTS["ru"]) - set(TEXTS["en"])) == [] and sorted(set(TEXTS["en"]) - set(TEXTS["ru"])) == []


def test_ru_and_en_have_the_same_placeholders_and_no_empty_text():
    for key, ru in TEXTS["ru"].items():
        assert fields(ru) == fields(TEXTS["en"][key]), key
        assert ru and TEXTS["en"][key], key


def test_lookup_falls_back_and_formats():
    assert t("bot_queue", "en", n=3) == "#3 in the queue" and t("bot_queue", "ru", n=3) == "№ 3 в очереди"
    assert t("bot_queue", "de") == "№ {n} в очереди"       # an unknown language reads Russian
    assert t("no_such_text", "en") == "no_such_text"
    assert lang_of("ua") == "ru" and lang_of("de") == "en" and lang_of(None) == "ru"
    assert both("setup_spec_greeting")["en"].startswith("Hello!")
    assert list(section("chart_title_")["en"])[:2] == ["chat_dialogues", "chat_response"]
