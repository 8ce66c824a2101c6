"""Post-processing of matplotlib's SVG: responsive root, accessible title, clickable month elements."""
from __future__ import annotations

import re

CSS = (".sd-chart .sd-point{cursor:pointer;outline:none}"
       ".sd-chart .sd-point:hover>path{fill:#2fc6f6 !important;fill-opacity:.10}"
       '.sd-chart .sd-point[aria-pressed="true"]>path{fill:#2fc6f6 !important;fill-opacity:.22}'
       ".sd-chart .sd-point:focus-visible>path{stroke:#0062d6 !important;stroke-width:1.5px !important}")


def xml_escape(text) -> str:
    """Text made safe for XML content and double-quoted attributes."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def _attrs(attrs: dict) -> str:
    return "".join(f' {k}="{xml_escape(v)}"' for k, v in attrs.items())


def finish_svg(svg: str, title: str, points: dict[str, dict]) -> str:
    """Drop the XML prologue and metadata, size by viewBox only (no fixed width/height), add a <title>
    and the chart's CSS, and give the `<g id=gid>` of each entry of `points` its attributes."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    root_end = svg.index(">")
    root = re.sub(r'\s(width|height)="[^"]*"', "", svg[:root_end])
    root += _attrs({"class": "sd-chart", "role": "group", "aria-label": title,
                    "preserveAspectRatio": "xMidYMid meet", "style": "width:100%;height:auto"})
    svg = f"{root}>\n <title>{xml_escape(title)}</title>{svg[root_end + 1:]}"
    svg = re.sub(r'\s*<g id="(?!sd-)[^"]*"/>', "", svg)        # empty groups (zero-length ticks)
    svg = re.sub(r'<g id="(?!sd-)[^"]*">', "<g>", svg)         # matplotlib's own group ids repeat per chart
    svg = svg.replace("<style type=\"text/css\">*{", "<style type=\"text/css\">.sd-chart *{", 1)
    svg = svg.replace("</style>", CSS + "</style>", 1)
    for gid, attrs in points.items():
        tag = f'<g id="{gid}">'
        if svg.count(tag) != 1:
            raise ValueError(f"chart element {gid!r} not found exactly once")
        svg = svg.replace(tag, f'<g id="{gid}"{_attrs(attrs)}>')
    return svg
