"""The dashboard charts as SVG strings (matplotlib, Agg, no pyplot, no embedded fonts): the 8 series, the
targets as dashed lines on the time charts, and a 9th chart of breach % when the desk has targets."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import labels as L
from .series import SERIES, SERIES_BY_NAME, Series
from .svg import finish_svg

INTERNAL, EXTERNAL, LINE = "#1f86ff", "#ffa100", "#1f86ff"
TARGET = {"target": "#e0463c", "high": "#e0463c", "medium": "#c27c0e", "low": "#7a8796"}
BREACH_COLORS = {"chat": "#1f86ff", "openline": "#ffa100", "tasks": "#8c5bd6"}
BREACH = "breach"
RC = {"svg.fonttype": "none", "font.family": "sans-serif",
      "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"], "font.size": 9,
      "axes.edgecolor": "#a8adb4", "xtick.color": "#525c69", "ytick.color": "#525c69",
      "axes.titlesize": 11, "axes.titleweight": "bold", "axes.titlecolor": "#333333"}
FIGSIZE = (5.0, 2.6)    # inches → a 360 × 187 viewBox: about 1:1 at 375 px, scales up on desktop


def mpl_text(text: str) -> str:
    """Text from data made literal for matplotlib ("$" would start mathtext)."""
    return str(text).replace("\\", "\\\\").replace("$", r"\$")


def _tick_labels(keys: list[str], lang: str) -> list[str]:
    return [L.month_label(k, lang) + (f"\n{k[:4]}" if i == 0 or k.endswith("-01") else "")
            for i, k in enumerate(keys)]


def _aria(series: Series | None, month: dict, lang: str, figures: dict | None = None) -> str:
    words = L.WORDS[L.lang_of(lang)]
    if series is None:                                   # the breach chart
        parts = []
        for name in L.breach_series(figures or {}):
            pct = ((month.get("breach") or {}).get(name) or {}).get("pct")
            parts.append(f"{words[name]} {words['none'] if pct is None else f'{pct:.0f}%'}")
        return ", ".join(parts) or words["none"]
    value = series.value(month)
    if series.is_duration:
        return words["none"] if value is None else L.format_duration(value, lang)
    total = int(value or 0)
    if series.kind == "stacked":
        ext = series.external_value(month)
        return f"{total} ({words['internal']} {total - ext}, {words['external']} {ext})"
    return str(total)


def _draw_breach(ax, figures: dict, rows: list[dict], lang: str) -> bool:
    """Breach % per month, one line per series with a target (a month without items is a gap);
    true: a legend hangs under the axes."""
    x = np.arange(len(rows))
    words = L.WORDS[L.lang_of(lang)]
    for name in L.breach_series(figures):
        pct = [((r.get("breach") or {}).get(name) or {}).get("pct") for r in rows]
        ax.plot(x, np.array([np.nan if v is None else v for v in pct], dtype=float), color=BREACH_COLORS[name],
                marker="o", markersize=3.5, linewidth=1.5, label=words[name])
    legend_below(ax, 8)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}%"))
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_ylim(0, 105)
    ax.set_xlim(-0.5, len(rows) - 0.5)
    return True


def _draw_targets(ax, figures: dict, series: str, unit: int, lang: str) -> float:
    """Dashed target lines of a time chart; returns the highest (in the axis unit), 0 when none."""
    words, top = L.WORDS[L.lang_of(lang)], 0.0
    lines = L.targets_of(figures, series)
    for key, minutes in lines:
        y = minutes / L.unit_scale(unit)
        label = words["target"] if key == "target" else f"{words['target']}: {words[key]}"
        ax.axhline(y, color=TARGET[key], linestyle=(0, (4, 3)), linewidth=1.1, label=label, zorder=3)
        top = max(top, y)
    if lines:
        legend_below(ax, 7.5)
    return top


def legend_below(ax, size: float) -> None:
    """A one-row legend under the month labels (the title keeps the space above the plot)."""
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -LEGEND_DROP), ncol=3, frameon=False, fontsize=size,
              borderaxespad=0.0, handlelength=1.6, columnspacing=1.0)


def _draw(ax, series: Series, rows: list[dict], lang: str, figures: dict | None = None) -> bool:
    """One series' bars or line (and its targets); true: a legend hangs under the axes."""
    below = False
    x = np.arange(len(rows))
    if series.is_duration:
        values = np.array([np.nan if series.value(r) is None else float(series.value(r)) for r in rows])
        targets = [m for _, m in L.targets_of(figures or {}, series.name)]
        peak = float(np.nanmax(values)) if np.isfinite(values).any() else 0.0
        unit = L.duration_unit(max([peak, *targets]) or None)
        ax.plot(x, values / L.unit_scale(unit), color=LINE, marker="o", markersize=4, linewidth=1.6)
        name = L.unit_name(unit, lang)
        comma = lang == "ru"
        ax.yaxis.set_major_formatter(FuncFormatter(
            lambda v, _pos: f"{v:g} {name}".replace(".", ",") if comma else f"{v:g} {name}"))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
        top = np.nanmax(values) / L.unit_scale(unit) if np.isfinite(values).any() else 0
        line = _draw_targets(ax, figures or {}, series.name, unit, lang)
        top, below = max(top, line), line > 0
    else:
        totals = np.array([int(series.value(r) or 0) for r in rows])
        ext = np.array([series.external_value(r) for r in rows])
        words = L.WORDS[L.lang_of(lang)]
        ax.bar(x, totals - ext, width=0.66, color=INTERNAL, label=words["internal"])
        if series.kind == "stacked":
            ax.bar(x, ext, width=0.66, bottom=totals - ext, color=EXTERNAL, label=words["external"])
            ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, frameon=False, fontsize=8,
                      borderaxespad=0.2, handlelength=1.0, columnspacing=0.8)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        top = totals.max() if totals.size else 0
    ax.set_ylim(0, top * 1.12 if top > 0 else 1)
    ax.set_xlim(-0.5, len(rows) - 0.5)
    return below


def render_chart(figures: dict, series: str, selected: str | None = None, lang: str = "ru",
                 title: str | None = None) -> str:
    """One series of compute_desk's `figures` as an SVG string: 12 months, `selected` (default: the
    current month) marked; each month is a `<g data-month="YYYY-MM" role="button" tabindex="0">`."""
    salt = f"sd-{series}"
    with matplotlib.rc_context({**RC, "svg.hashsalt": salt}):
        fig, title, points = chart_figure(figures, series, selected, lang, title)
        return svg_of(fig, title, points)


def chart_figure(figures: dict, series: str, selected: str | None = None, lang: str = "ru",
                 title: str | None = None):
    """(the matplotlib Figure, its title, its month points) of ``render_chart`` (call it inside the
    chart's rc_context)."""
    spec = SERIES_BY_NAME.get(series)           # None: the breach chart
    lang = L.lang_of(lang)
    keys = list(figures["month_keys"])
    rows = [figures["months"].get(k, {}) for k in keys]
    selected = selected if selected in keys else keys[-1]
    if title is None:
        title = L.TITLES[lang][series]
        if spec is None or spec.is_duration:    # times and breaches depend on the mode: say which
            title = f"{title} · {L.mode_label(figures, lang)}"
    title = str(title)
    fig = Figure(figsize=FIGSIZE)
    ax = fig.add_subplot()
    below = _draw_breach(ax, figures, rows, lang) if spec is None else _draw(ax, spec, rows, lang, figures)
    month_axes(ax, title, keys, lang)
    place_axes(fig, ax, below)
    points = month_points(ax, f"sd-{series}", keys, series, selected, title, lang,
                          lambda i: _aria(spec, rows[i], lang, figures))
    return fig, title, points


def month_axes(ax, title: str, keys: list[str], lang: str) -> None:
    """The look every month chart shares: title, month ticks, a light grid, no frame but the base."""
    ax.set_title(mpl_text(title), loc="left")
    ax.set_xticks(np.arange(len(keys)), _tick_labels(keys, lang))
    light_frame(ax, 8.5)


def light_frame(ax, labelsize: float) -> None:
    """No tick marks, a light grid behind the lines, no frame but the base (every chart's look)."""
    ax.tick_params(axis="both", length=0, labelsize=labelsize)
    ax.grid(axis="y", color="#e6e8ea", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


# Fixed margins in points: a layout engine would draw every text twice to find them (1.9x the time)
TOP_PT = 11 * 1.2 + 6 + 3          # the title (11 pt, bold), its pad, a little air
BOTTOM_PT = 2 * 8.5 * 1.2 + 3.5 + 4  # two lines of month labels and their pad
LEGEND_DROP = 0.22                 # legend_below's anchor: this share of the axes' height under them
LEGEND_PT = 8 * 1.2 + 2 * 0.4 * 8 + 4   # its one row with the legend's own padding, a little air
SIDE_PT = 6


def place_axes(fig, ax, legend_below: bool = False) -> None:
    """Margins of this chart without a layout pass: the widest y tick label measured with the
    renderer's font metrics; fixed room for the title above and the month labels (or a legend) below."""
    renderer = FigureCanvasAgg(fig).get_renderer()    # font metrics only: nothing is drawn
    ticks = ax.yaxis.get_major_ticks()
    labels = ax.yaxis.get_major_formatter().format_ticks(list(ax.get_yticks()))
    width_px = max((renderer.get_text_width_height_descent(text, ticks[0].label1.get_fontproperties(), ismath=False)[0]
                    for text in labels), default=0) if ticks else 0
    w_pt, h_pt = (size * 72 for size in fig.get_size_inches())
    top_pt = h_pt - TOP_PT
    # the legend hangs LEGEND_DROP of the axes' height under them: solve b = drop * (top - b) + row
    bottom_pt = (LEGEND_DROP * top_pt + LEGEND_PT) / (1 + LEGEND_DROP) if legend_below else BOTTOM_PT
    left_pt = width_px * 72 / fig.dpi + 3.5 + SIDE_PT
    fig.subplots_adjust(left=left_pt / w_pt, right=1 - SIDE_PT / w_pt, top=top_pt / h_pt, bottom=bottom_pt / h_pt)


def month_points(ax, salt: str, keys: list[str], series: str, selected: str, title: str, lang: str,
                 describe) -> dict:
    """One invisible full-height column per month, made a clickable point by finish_svg; `describe(i)`
    says the month's figures for its label."""
    points = {}
    for i, key in enumerate(keys):
        gid = f"{salt}-{key}"
        ax.add_patch(Rectangle((i - 0.5, 0), 1, 1, transform=ax.get_xaxis_transform(), facecolor="none",
                               edgecolor="none", zorder=5, gid=gid))
        points[gid] = {"class": "sd-point", "data-month": key, "data-series": series, "role": "button",
                       "tabindex": "0", "pointer-events": "all",
                       "aria-pressed": "true" if key == selected else "false",
                       "aria-label": f"{title}, {L.month_label(key, lang, full=True)}: {describe(i)}"}
    return points


def svg_of(fig, title: str, points: dict) -> str:
    """The figure as our SVG (no date, points made clickable)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    return finish_svg(buf.getvalue(), title, points)


def render_all(figures: dict, selected: str | None = None, lang: str = "ru") -> dict[str, str]:
    """The 8 charts, plus "breach" (9th) when the desk has targets: {series name: SVG}, in dashboard order."""
    out = {s.name: render_chart(figures, s.name, selected, lang) for s in SERIES}
    if L.breach_series(figures):
        out[BREACH] = render_chart(figures, BREACH, selected, lang)
    return out
