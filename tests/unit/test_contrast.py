"""WCAG 2 AA contrast of the app's colour tokens (static/css/tokens.css), light and dark themes:
every text colour on every background it is drawn on reaches 4.5:1."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

TOKENS = Path(__file__).resolve().parents[2] / "static" / "css" / "tokens.css"
AA = 4.5

TEXTS = ("text", "text-muted", "accent-text", "link", "text-good", "text-bad", "text-warn")
SURFACES = ("bg", "bg-card", "bg-alt")
# (text, background): every text on every surface, plus the coloured panels and filled buttons
PAIRS = [(t, s) for t in TEXTS for s in SURFACES] + [
    *[(t, s) for t in ("text", "text-muted") for s in ("bg-info", "bg-warning", "bg-alert", "bg-success")],
    ("text-bad", "bg-alert"), ("text-good", "bg-success"), ("text-warn", "bg-warning"),
    ("accent-text", "bg-info"), ("on-accent", "accent"), ("on-success", "success"),
]


def themes() -> dict[str, dict[str, str]]:
    """{'light': {token: '#rrggbb'}, 'dark': {...}} read from tokens.css."""
    css = re.sub(r"/\*.*?\*/", "", TOKENS.read_text(encoding="utf-8"), flags=re.S)
    out = {}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        name = "dark" if ".dark" in selector else "light"
        out[name] = dict(re.findall(r"--sd-([a-z-]+)\s*:\s*(#[0-9a-fA-F]{6})\s*;", body))
    return out


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#0075ff", "#ffffff") == pytest.approx(4.21, abs=0.01)   # the portal's blue fails AA
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_both_themes_define_the_same_tokens():
    t = themes()
    assert set(t) == {"light", "dark"}
    assert t["light"].keys() == t["dark"].keys()
    used = {name for pair in PAIRS for name in pair}
    assert used <= t["light"].keys()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_pair_reaches_aa(theme):
    tokens = themes()[theme]
    low = [(fg, bg, round(contrast(tokens[fg], tokens[bg]), 2)) for fg, bg in PAIRS
           if contrast(tokens[fg], tokens[bg]) < AA]
    assert not low, f"{theme}: pairs under {AA}:1: {low}"


def test_accent_stays_in_the_portal_blue_family():
    """The darker blue keeps #0075ff's hue (within 3 degrees)."""
    import colorsys

    def hue(c):
        return colorsys.rgb_to_hsv(*(int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)))[0] * 360
    assert abs(hue(themes()["light"]["accent"]) - hue("#0075ff")) < 3


def test_app_css_uses_no_failing_literal_blue():
    """No stylesheet of the app paints text or fills with the portal's #0075ff any more."""
    css_dir = TOKENS.parent
    for path in css_dir.glob("*.css"):
        css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert "#0075ff" not in css.lower(), path.name
