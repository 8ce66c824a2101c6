"""The 8 dashboard charts as SVG strings (matplotlib, Agg, no pyplot, no embedded fonts)."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from . import labels as L  # noqa: E402
from .series import SERIES, SERIES_BY_NAME, Series  # noqa: E402
from .svg import finish_svg  # noqa: E402

INTERNAL, EXTERNAL, LINE = "#1f86ff", "#ffa100", "#1f86ff"
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


def _aria(series: Series, month: dict, lang: str) -> str:
    words = L.WORDS[L.lang_of(lang)]
    value = series.value(month)
    if series.is_duration:
        return words["none"] if value is None else L.format_duration(value, lang)
    total = int(value or 0)
    if series.kind == "stacked":
        ext = series.external_value(month)
        return f"{total} ({words['internal']} {total - ext}, {words['external']} {ext})"
    return str(total)


def _draw(ax, series: Series, rows: list[dict], lang: str) -> None:
    x = np.arange(len(rows))
    if series.is_duration:
        values = np.array([np.nan if series.value(r) is None else float(series.value(r)) for r in rows])
        unit = L.duration_unit(np.nanmax(values) if np.isfinite(values).any() else None)
        ax.plot(x, values / L.unit_scale(unit), color=LINE, marker="o", markersize=4, linewidth=1.6)
        name = L.unit_name(unit, lang)
        comma = lang == "ru"
        ax.yaxis.set_major_formatter(FuncFormatter(
            lambda v, _pos: f"{v:g} {name}".replace(".", ",") if comma else f"{v:g} {name}"))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
        top = np.nanmax(values) / L.unit_scale(unit) if np.isfinite(values).any() else 0
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


def render_chart(figures: dict, series: str, selected: str | None = None, lang: str = "ru",
                 title: str | None = None) -> str:
    """One series of compute_desk's `figures` as an SVG string: 12 months, `selected` (default: the
    current month) marked; each month is a `<g data-month="YYYY-MM" role="button" tabindex="0">`."""
    spec = SERIES_BY_NAME[series]
    lang = L.lang_of(lang)
    keys = list(figures["month_keys"])
    rows = [figures["months"].get(k, {}) for k in keys]
    selected = selected if selected in keys else keys[-1]
    title = L.TITLES[lang][series] if title is None else str(title)
    salt = f"sd-{series}"
    with matplotlib.rc_context({**RC, "svg.hashsalt": salt}):
        fig = Figure(figsize=FIGSIZE, layout="constrained")
        ax = fig.add_subplot()
        _draw(ax, spec, rows, lang)
        ax.set_title(mpl_text(title), loc="left")
        ax.set_xticks(np.arange(len(keys)), _tick_labels(keys, lang))
        ax.tick_params(axis="both", length=0, labelsize=8.5)
        ax.grid(axis="y", color="#e6e8ea", linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        points = {}
        for i, key in enumerate(keys):
            gid = f"{salt}-{key}"
            ax.add_patch(Rectangle((i - 0.5, 0), 1, 1, transform=ax.get_xaxis_transform(), facecolor="none",
                                   edgecolor="none", zorder=5, gid=gid))
            points[gid] = {"class": "sd-point", "data-month": key, "data-series": series, "role": "button",
                           "tabindex": "0", "pointer-events": "all",
                           "aria-pressed": "true" if key == selected else "false",
                           "aria-label": f"{title}, {L.month_label(key, lang, full=True)}: {_aria(spec, rows[i], lang)}"}
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return finish_svg(buf.getvalue(), title, points)


def render_all(figures: dict, selected: str | None = None, lang: str = "ru") -> dict[str, str]:
    """All 8 charts: {series name: SVG}, in dashboard order."""
    return {s.name: render_chart(figures, s.name, selected, lang) for s in SERIES}
