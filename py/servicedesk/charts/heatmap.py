"""The load heat-map (metrics.heatmap's 7 × 24 grid) as a hand-made SVG string: weekday rows, hour columns,
the count in each cell, a stepped colour scale with its ranges below. No matplotlib. It keeps a minimum
width (cells stay ~22 px, text 9–10 px), so on a phone the view scrolls it sideways instead of shrinking it."""
from __future__ import annotations

from .buckets import HEATMAP_TITLE, WEEKDAYS
from .labels import lang_of
from .svg import xml_escape

CELL, GAP, LEFT, TOP = 22, 2, 30, 16
STEPS = ("#dcebff", "#a9ceff", "#6aa9ff", "#1f86ff", "#0b5cc2")     # light → dark blue
EMPTY, INK, INK_ON_DARK = "#f3f5f7", "#333333", "#ffffff"
MIN_WIDTH = 560


def scale_edges(counts, steps: int = len(STEPS)) -> list[int]:
    """Upper bounds (inclusive) of the colour steps: quantiles of the non-zero counts, so that one busy hour
    does not wash the rest out; at most `steps`, none repeated, the last = the largest count."""
    values = sorted(c for c in counts if c > 0)
    if not values:
        return []
    picks = {values[min(len(values) - 1, (len(values) * (i + 1)) // steps)] for i in range(steps - 1)}
    return sorted(picks | {values[-1]})


def _step(count: int, edges: list[int]) -> int:
    return next(i for i, top in enumerate(edges) if count <= top)


def render_heatmap(grid: list[list[int]], lang: str = "ru", title: str | None = None) -> str:
    """One 7 × 24 grid as SVG (sized by viewBox; style keeps MIN_WIDTH px)."""
    lang = lang_of(lang)
    title = str(title or HEATMAP_TITLE[lang])
    edges = scale_edges([c for row in grid for c in row])
    step = CELL + GAP
    width, grid_h = LEFT + 24 * step, TOP + 7 * step
    height = grid_h + 34
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="sd-heatmap" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{xml_escape(title)}" style="width:100%;min-width:{MIN_WIDTH}px;height:auto" '
           f'font-family="DejaVu Sans, Arial, Helvetica, sans-serif">', f"<title>{xml_escape(title)}</title>"]
    for h in range(24):
        out.append(f'<text x="{LEFT + h * step + CELL / 2}" y="{TOP - 5}" font-size="9" fill="#525c69" '
                   f'text-anchor="middle">{h}</text>')
    days = WEEKDAYS[lang]
    for d, row in enumerate(grid):
        y = TOP + d * step
        out.append(f'<text x="{LEFT - 6}" y="{y + CELL / 2 + 3.5}" font-size="10" fill="#525c69" '
                   f'text-anchor="end">{days[d]}</text>')
        for h, count in enumerate(row):
            x = LEFT + h * step
            k = _step(count, edges) if count else -1
            fill = STEPS[k] if count else EMPTY
            out.append(f'<g class="sd-heat-cell" data-day="{d}" data-hour="{h}" data-count="{count}">'
                       f'<title>{days[d]} {h:02d}:00–{(h + 1) % 24:02d}:00: {count}</title>'
                       f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="3" fill="{fill}"/>')
            if count:
                ink = INK_ON_DARK if k >= 3 else INK
                size = 9 if count < 100 else 7.5 if count < 1000 else 6
                out.append(f'<text x="{x + CELL / 2}" y="{y + CELL / 2 + 3}" font-size="{size}" fill="{ink}" '
                           f'text-anchor="middle">{count}</text>')
            out.append("</g>")
    out.append(_legend(edges, grid_h + 8, lang))
    out.append("</svg>")
    return "".join(out)


def _legend(edges: list[int], y: float, lang: str) -> str:
    """The colour scale: a swatch per step with the counts it stands for."""
    parts, x, lo = [f'<g class="sd-heat-scale" transform="translate({LEFT},{y})">'], 0, 1
    items = [(EMPTY, "0")] + [(STEPS[i], f"{lo if i == 0 else edges[i - 1] + 1}–{top}"
                               if (edges[i - 1] + 1 if i else lo) < top else str(top))
                              for i, top in enumerate(edges)]
    for color, text in items:
        parts.append(f'<rect x="{x}" y="0" width="14" height="14" rx="2" fill="{color}"/>'
                     f'<text x="{x + 18}" y="11" font-size="10" fill="#525c69">{xml_escape(text)}</text>')
        x += 26 + 7 * len(text)
    parts.append("</g>")
    return "".join(parts)
