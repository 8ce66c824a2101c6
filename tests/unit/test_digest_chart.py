"""The weekly digest's chart (decisions 155–156): what it draws is the digest's own 12 weeks (the plotted
line values, the SVG's week labels), the targets and the clock in its words, ru and en; a PNG for the
bot's upload, an SVG for the dashboard's panel, from one drawing function."""
from __future__ import annotations

import re
import struct

import matplotlib
import numpy as np
import pytest

from servicedesk.charts.digest_chart import digest_figure, digest_png, digest_svg, plotted, title_of
from servicedesk.charts.render import RC
from tests.unit.test_digest import digest


def drawn(fig) -> dict[str, list]:
    """{series: y values} of the figure's lines (gid sd-line-<series>), NaN read back as None."""
    ax = fig.axes[0]
    return {line.get_gid().removeprefix("sd-line-"): [None if np.isnan(v) else float(v) for v in line.get_ydata()]
            for line in ax.get_lines() if (line.get_gid() or "").startswith("sd-line-")}


def test_the_lines_drawn_are_the_digests_12_weeks():
    d = digest()                                        # chat and tasks have targets; Open Line none
    with matplotlib.rc_context(RC):
        fig, _title, points = digest_figure(d, "ru")
    lines = drawn(fig)
    assert list(lines) == ["chat", "tasks"] and lines == plotted(d) == d["trend"]
    assert lines["chat"][-2:] == [100.0, pytest.approx(100 / 3)] and lines["chat"][:10] == [None] * 10
    assert lines["tasks"][-1] == pytest.approx(200 / 3)
    assert [p["data-week"] for p in points.values()] == d["trend_weeks"] and len(points) == 12


@pytest.mark.parametrize("lang,title,chat,tasks,last", [
    ("ru", "Нарушения нормативов по неделям, % · 24/7, недели с 14 сен по 30 ноя 2026",
     "чат · норматив 30 мин", "задачи · норматив 1 д", "30 ноя 2026: чат 33%, задачи 67%"),
    ("en", "Target breaches by week, % · 24/7, weeks of Sep 14 – Nov 30 2026",
     "chat · target 30 min", "tasks · target 1 d", "Nov 30 2026: chat 33%, tasks 67%"),
])
def test_the_svg_says_the_weeks_the_targets_and_the_clock(lang, title, chat, tasks, last):
    d = digest()
    assert title_of(d, lang) == title
    svg = digest_svg(d, lang)
    assert f"<title>{title}</title>" in svg and f'aria-label="{title}"' in svg
    labels = re.findall(r'<g id="sd-digest-([0-9-]+)" class="sd-week" data-week="\1" role="img" aria-label="([^"]*)"', svg)
    assert [w for w, _ in labels] == d["trend_weeks"]
    assert labels[-1][1] == last
    assert labels[-2][1].endswith(("чат 100%, задачи 0%", "chat 100%, tasks 0%"))
    assert labels[0][1].endswith(("чат нет данных, задачи нет данных", "chat no data, tasks no data"))
    assert chat in svg and tasks in svg                  # the legend names each series' target


def test_the_png_is_a_960_by_480_image():
    png = digest_png(digest(), "en")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (960, 480)


def test_a_desk_without_targets_draws_no_line_and_says_so():
    d = {**digest(), "trend": {}}
    with matplotlib.rc_context(RC):
        fig, _title, points = digest_figure(d, "en")
    assert drawn(fig) == {} and list(points.values())[0]["aria-label"].endswith(": no data")
