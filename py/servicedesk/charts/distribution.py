"""The distribution of durations as a stacked bar chart across the 12 months (matplotlib SVG), one chart per
series of metrics.distribution; each month is a clickable `<g class="sd-point" data-month>` as in render."""
from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from . import labels as L
from .buckets import BUCKET_COLORS, DIST_TITLES, bucket_label
from .render import FIGSIZE, RC, legend_below, month_axes, month_points, svg_of


def render_distribution(dist: dict, series: str, selected: str | None = None, lang: str = "ru") -> str:
    """metrics.distribution's `dist` for `series` ("chat", "openline", "tasks") as an SVG string."""
    lang = L.lang_of(lang)
    keys = list(dist["month_keys"])
    entry = dist["series"][series]
    buckets = entry["buckets"]
    counts = np.array([entry["months"][k] for k in keys], dtype=float).reshape(len(keys), len(buckets))
    selected = selected if selected in keys else keys[-1]
    title = DIST_TITLES[lang][series]
    salt = f"sd-dist-{series}"
    colors = BUCKET_COLORS[-len(buckets):] if len(buckets) < len(BUCKET_COLORS) else BUCKET_COLORS
    x = np.arange(len(keys))
    with matplotlib.rc_context({**RC, "svg.hashsalt": salt}):
        fig = Figure(figsize=(FIGSIZE[0], FIGSIZE[1] + 0.35), layout="constrained")
        ax = fig.add_subplot()
        bottom = np.zeros(len(keys))
        for j, key in enumerate(buckets):
            ax.bar(x, counts[:, j], width=0.66, bottom=bottom, color=colors[j], label=bucket_label(key, lang))
            bottom += counts[:, j]
        legend_below(ax, 7.5)
        month_axes(ax, title, keys, lang)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        top = bottom.max() if bottom.size else 0
        ax.set_ylim(0, top * 1.12 if top > 0 else 1)
        ax.set_xlim(-0.5, len(keys) - 0.5)
        points = month_points(ax, salt, keys, f"dist_{series}", selected, title, lang, lambda i: ", ".join(
            f"{bucket_label(b, lang)}: {int(c)}" for b, c in zip(buckets, counts[i])))
        return svg_of(fig, title, points)
