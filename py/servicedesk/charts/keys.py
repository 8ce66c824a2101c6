"""What a chart shows, as a short key: equal keys give the same SVG, so a stored SVG can be reused
without loading matplotlib (the dashboard's warm open). No matplotlib or numpy here."""
from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from . import labels as L
from .series import SERIES_BY_NAME


@cache
def code_version() -> str:
    """A digest of the chart code itself: a new drawing rule never reuses an old SVG."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def chart_inputs(figures: dict, name: str, lang: str) -> list:
    """Everything render_chart(figures, name, lang=lang) draws or writes, except the selected month
    (a view toggles it on the drawn SVG with aria-pressed)."""
    lang = L.lang_of(lang)
    keys = list(figures.get("month_keys") or [])
    rows = [(figures.get("months") or {}).get(k, {}) for k in keys]
    spec = SERIES_BY_NAME.get(name)
    if spec is None:          # the breach chart: breach % per series with a target
        series = L.breach_series(figures)
        values = [[((r.get("breach") or {}).get(s) or {}).get("pct") for s in series] for r in rows]
        extra = series
    else:
        values = [[spec.value(r), spec.external_value(r)] for r in rows]
        extra = L.targets_of(figures, name)
    return [code_version(), name, lang, keys, L.mode_label(figures, lang), extra, values]


def chart_key(figures: dict, name: str, lang: str) -> str:
    """A digest of chart_inputs."""
    text = json.dumps(chart_inputs(figures, name, lang), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def digest_chart_key(d: dict, lang: str) -> str:
    """The key of charts.digest_chart's drawing of the digest ``d``: its weeks, trend, clock and targets."""
    inputs = [code_version(), "digest", L.lang_of(lang), d.get("trend_weeks"), d.get("trend"), d.get("sla")]
    if d.get("second_line") == "items":          # its legend names requests, not tasks (decision 167)
        inputs.append("items")
    return hashlib.sha256(json.dumps(inputs, ensure_ascii=False, default=str).encode()).hexdigest()[:32]
