"""Figures → SVG charts (matplotlib, Agg backend, text as <text>, no embedded fonts).

    render_chart(figures, series, selected=None, lang="ru", title=None) -> str
    render_all(figures, selected=None, lang="ru") -> {series: svg}

`figures` is compute_desk's result; `series` one of SERIES_NAMES (chat_dialogues, chat_response,
openline_dialogues, openline_response, tasks_new, tasks_closed, time_to_close, tasks_open). Each SVG
sizes by its viewBox (style width:100%), has a <title>, and one `<g class="sd-point" data-month="YYYY-MM"
role="button" tabindex="0" aria-pressed aria-label>` per month covering that month's column; the
selected month has aria-pressed="true" and its CSS tint follows that attribute, so a view can move the
selection by toggling aria-pressed without re-rendering. Durations use мин/ч/д (min/h/d). Time charts
name the mode ("· 24/7", "· рабочее время") and draw targets as dashed lines; `chart_names(figures)`
adds "breach" (breach % per month per series with a target) when the desk has targets.
"""
from .labels import breach_series, format_duration

__all__ = ["render_chart", "render_all", "format_duration", "SERIES_NAMES", "chart_names"]


def chart_names(figures: dict) -> tuple[str, ...]:
    """The charts to draw for `figures`: the 8 series, then "breach" when the desk has targets (§4b)."""
    from .series import SERIES
    return tuple(s.name for s in SERIES) + (("breach",) if breach_series(figures) else ())


def __getattr__(name):
    """matplotlib is imported on first use of a renderer, so the labels work without it."""
    if name in ("render_all", "render_chart"):
        from . import render
        return getattr(render, name)
    if name == "SERIES_NAMES":
        from .series import SERIES
        return tuple(s.name for s in SERIES)
    raise AttributeError(name)
