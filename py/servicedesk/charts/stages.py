"""Time in each stage of a smart-process desk (issue 27) as an SVG: one line per in-progress stage of
its median stay per month, 12 clickable months like every dashboard chart (``render.month_points``)."""
from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import labels as L
from .render import FIGSIZE, RC, legend_below, month_axes, month_points, mpl_text, place_axes, svg_of

SERIES = "crm_stages"
COLORS = ("#1f86ff", "#ffa100", "#8c5bd6", "#2fb36b", "#e0463c", "#7a8796")
TITLE = {"ru": "Время в стадии (медиана)", "en": "Time in stage (median)"}


def render_stage_chart(crm: dict, selected: str | None = None, lang: str = "ru") -> str:
    """``crm`` = metrics.crm.crm_figures' result."""
    lang = L.lang_of(lang)
    keys = list(crm["months"])
    selected = selected if selected in keys else keys[-1]
    mode = {"ru": {"24x7": "24/7", "working_hours": "рабочее время"},
            "en": {"24x7": "24/7", "working_hours": "working hours"}}[lang][crm.get("mode", "24x7")]
    title = f"{TITLE[lang]} · {mode}"
    stages = crm["stages"]
    values = {s["id"]: np.array([np.nan if m["median"] is None else m["median"] for m in crm["time_in_stage"][s["id"]]],
                                dtype=float) for s in stages}
    peak = max([float(np.nanmax(v)) for v in values.values() if np.isfinite(v).any()] or [0.0])
    unit = L.duration_unit(peak or None)
    with matplotlib.rc_context({**RC, "svg.hashsalt": "sd-" + SERIES}):
        fig = Figure(figsize=FIGSIZE)
        ax = fig.add_subplot()
        x = np.arange(len(keys))
        for i, s in enumerate(stages):
            ax.plot(x, values[s["id"]] / L.unit_scale(unit), color=COLORS[i % len(COLORS)], marker="o",
                    markersize=3.5, linewidth=1.5, label=mpl_text(s["name"]))
        name = L.unit_name(unit, lang)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:g} {name}"))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.set_ylim(0, peak / L.unit_scale(unit) * 1.12 if peak else 1)
        ax.set_xlim(-0.5, len(keys) - 0.5)
        if stages:
            legend_below(ax, 7.5)
        month_axes(ax, title, keys, lang)
        place_axes(fig, ax, bool(stages))

        def describe(i: int) -> str:
            parts = []
            for s in stages:
                m = crm["time_in_stage"][s["id"]][i]["median"]
                parts.append(f"{s['name']} {'—' if m is None else L.format_duration(m, lang)}")
            return ", ".join(parts) or "—"
        points = month_points(ax, "sd-" + SERIES, keys, SERIES, selected, title, lang, describe)
        return svg_of(fig, title, points)
