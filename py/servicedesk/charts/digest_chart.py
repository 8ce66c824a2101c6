"""The weekly digest's chart (decisions 155–156): the breach % of the digest's 12 weeks, one line per
series with a target (chat, Open Line, tasks), drawn with the dashboard's chart code (charts.render: its
colours, rc, axes look, fixed margins, legend) — a PNG for the bot's file upload, an SVG for the
dashboard's "this week's digest" panel. Both draw ``plotted(d)``: the digest's own ``trend``.

    plotted(d) -> {series: [pct | None] * 12}
    digest_png(d, lang) -> bytes
    digest_svg(d, lang) -> str
"""
from __future__ import annotations

import io
from datetime import date

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter

from ..texts import t
from . import labels as L
from .render import BREACH_COLORS, RC, legend_below, light_frame, mpl_text, place_axes
from .svg import finish_svg

SERIES = ("chat", "openline", "tasks")
SIZE = (6.4, 3.2)          # inches (PNG and SVG alike); the legend names the targets, so wider than FIGSIZE
PNG_DPI = 150              # a 960 × 480 image, readable in the chat's preview
TARGET_SERIES = {"chat": "chat_response", "openline": "openline_response", "tasks": "time_to_close"}


def plotted(d: dict) -> dict[str, list]:
    """What the chart draws: the digest's 12-week breach % per series with a target, in chart order."""
    trend = d.get("trend") or {}
    return {name: list(trend[name]) for name in SERIES if name in trend}


def week_label(iso: str, lang: str, year: bool = False) -> str:
    """"2026-11-30" → "30 ноя" (ru) / "Nov 30" (en); with the year on a second line when asked."""
    day = date.fromisoformat(iso)
    month = L.MONTHS[L.lang_of(lang)][day.month - 1]
    text = f"{day.day} {month}" if L.lang_of(lang) == "ru" else f"{month} {day.day}"
    return f"{text}\n{day.year}" if year else text


def title_of(d: dict, lang: str, period: bool = True) -> str:
    """The chart's title: what and the clock (24/7 or working hours); with ``period`` (the accessible
    title, the upload's message) also which 12 weeks."""
    weeks = d["trend_weeks"]
    title = t("digest_chart_title", lang, mode=L.mode_label(d, lang))
    first = week_label(weeks[0], lang) + (f" {weeks[0][:4]}" if weeks[0][:4] != weeks[-1][:4] else "")
    return t("digest_chart_period", lang, title=title, first=first, last=week_label(weeks[-1], lang),
             year=weeks[-1][:4]) if period else title


def series_label(d: dict, name: str, lang: str) -> str:
    """A legend entry with its target: "чат · норматив 30 мин", "задачи · норматив 8 ч / 1 д / 3 д"."""
    words = L.WORDS[L.lang_of(lang)]
    found = L.targets_of(d, TARGET_SERIES[name])
    if name == "tasks" and d.get("second_line") == "items":      # items: the "medium" target only (decision 167)
        found = [x for x in found if x[0] == "medium"]
    targets = " / ".join(L.format_duration(m, lang) for _, m in found)
    return f"{_word(d, name, words)} · {words['target']} {targets}" if targets else _word(d, name, words)


def _word(d: dict, name: str, words: dict) -> str:
    """The series' word; the second line of a desk on a smart process is its items ("заявки")."""
    return words["items"] if name == "tasks" and d.get("second_line") == "items" else words[name]


def describe_week(d: dict, i: int, lang: str) -> str:
    """One week's values in words, for its label in the SVG: "чат 20%, задачи нет данных"."""
    words = L.WORDS[L.lang_of(lang)]
    return ", ".join(f"{_word(d, name, words)} {words['none'] if v[i] is None else f'{v[i]:.0f}%'}"
                     for name, v in plotted(d).items()) or words["none"]


def digest_figure(d: dict, lang: str = "ru", size=SIZE):
    """(Figure, title, {gid: attributes} of each week's column) of the digest ``d`` (metrics.digest);
    call it inside ``matplotlib.rc_context(RC)``."""
    lang = L.lang_of(lang)
    weeks = list(d["trend_weeks"])
    title = title_of(d, lang)
    fig = Figure(figsize=size)
    ax = fig.add_subplot()
    x = np.arange(len(weeks))
    for name, values in plotted(d).items():
        ax.plot(x, np.array([np.nan if v is None else v for v in values], dtype=float), color=BREACH_COLORS[name],
                marker="o", markersize=3.5, linewidth=1.5, label=mpl_text(series_label(d, name, lang)), gid=f"sd-line-{name}")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}%"))
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_ylim(0, 105)
    ax.set_xlim(-0.5, len(weeks) - 0.5)
    ax.set_title(mpl_text(title_of(d, lang, period=False)), loc="left", fontsize=10)
    ticks = [i for i in x if (len(weeks) - 1 - i) % 2 == 0]          # every other week, the last one shown
    ax.set_xticks(ticks, [week_label(weeks[i], lang, year=i == ticks[0]) for i in ticks])
    light_frame(ax, 8)
    if plotted(d):
        legend_below(ax, 7)
    place_axes(fig, ax, bool(plotted(d)))
    points = {}
    for i, week in enumerate(weeks):
        gid = f"sd-digest-{week}"
        ax.add_patch(Rectangle((i - 0.5, 0), 1, 1, transform=ax.get_xaxis_transform(), facecolor="none",
                               edgecolor="none", zorder=5, gid=gid))
        points[gid] = {"class": "sd-week", "data-week": week, "role": "img",
                       "aria-label": f"{week_label(week, lang)} {week[:4]}: {describe_week(d, i, lang)}"}
    return fig, title, points


def digest_png(d: dict, lang: str = "ru") -> bytes:
    """The chart as PNG bytes (what the bot uploads: the portal previews images; SVG is not named as one)."""
    with matplotlib.rc_context(RC):
        fig, _title, _points = digest_figure(d, lang)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=PNG_DPI, metadata={"Software": None}, facecolor="white")
    return buf.getvalue()


def digest_svg(d: dict, lang: str = "ru") -> str:
    """The chart as the dashboard's SVG (a <title>, one labelled column per week)."""
    with matplotlib.rc_context({**RC, "svg.hashsalt": "sd-digest"}):
        fig, title, points = digest_figure(d, lang)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return finish_svg(buf.getvalue(), title, points)
