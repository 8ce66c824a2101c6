"""The 8 SVG charts: valid XML, 12 clickable months, selection marked, text escaped, responsive."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from servicedesk.charts import SERIES_NAMES, format_duration, render_all, render_chart
from servicedesk.metrics import compute_from_input
from tests.paths import golden_data

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def figures():
    return compute_from_input(golden_data()["input"])


@pytest.fixture(scope="module")
def svgs(figures):
    return render_all(figures, selected="2026-10")


def points(root):
    return [el for el in root.iter() if el.get("data-month")]


def test_eight_series_each_valid_xml_with_twelve_clickable_months(svgs, figures):
    assert list(svgs) == list(SERIES_NAMES) and len(svgs) == 8
    for name, svg in svgs.items():
        root = ET.fromstring(svg)
        assert root.tag == f"{NS}svg"
        pts = points(root)
        assert [p.get("data-month") for p in pts] == figures["month_keys"], name
        for p in pts:
            assert (p.get("role"), p.get("tabindex"), p.get("data-series")) == ("button", "0", name)
            assert p.get("aria-label")
            assert p.find(f"{NS}path") is not None                 # the element covers its column
        assert [p.get("data-month") for p in pts if p.get("aria-pressed") == "true"] == ["2026-10"], name


def test_default_selection_is_the_current_month(figures):
    root = ET.fromstring(render_chart(figures, "tasks_open"))
    assert [p.get("data-month") for p in points(root) if p.get("aria-pressed") == "true"] == ["2026-11"]


def test_responsive_no_fixed_size_no_embedded_fonts_small(svgs):
    for name, svg in svgs.items():
        root = ET.fromstring(svg)
        assert root.get("width") is None and root.get("height") is None, name
        assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox"))
        assert "<text" in svg and "DejaVuSans-" not in svg and "<font" not in svg
        assert not svg.startswith("<?xml") and "<!DOCTYPE" not in svg
        assert len(svg) < 40_000, (name, len(svg))


def test_text_from_data_is_escaped(figures):
    title = 'Почта <script>alert(1)</script> & "q" $x$'
    svg = render_chart(figures, "chat_dialogues", title=title)
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    assert root.find(f"{NS}title").text == title
    assert root.get("aria-label") == title
    assert any(t.text == title for t in root.iter(f"{NS}text"))          # drawn literally, not as mathtext
    assert all(p.get("aria-label").startswith(title + ", ") for p in points(root))


def test_stacked_bars_and_labels_ru_en(figures):
    ru = ET.fromstring(render_chart(figures, "tasks_new", selected="2026-11"))
    nov = [p for p in points(ru) if p.get("data-month") == "2026-11"][0]
    assert nov.get("aria-label") == "Новые задачи, ноябрь 2026: 2 (внутренние 1, внешние 1)"
    texts = {t.text for t in ru.iter(f"{NS}text")}
    assert {"внутренние", "внешние", "ноя", "Новые задачи"} <= texts
    en = ET.fromstring(render_chart(figures, "tasks_new", lang="en"))
    texts = {t.text for t in en.iter(f"{NS}text")}
    assert {"internal", "external", "Nov", "New tasks"} <= texts


def test_durations_in_human_units(figures):
    root = ET.fromstring(render_chart(figures, "chat_response", lang="ru"))
    ticks = {t.text for t in root.iter(f"{NS}text")}
    assert any(t and t.endswith(" ч") for t in ticks)                      # Nov avg 485 min → hours
    labels = {p.get("data-month"): p.get("aria-label") for p in points(root)}
    assert labels["2026-11"].endswith(": 8 ч 5 мин")
    assert labels["2026-01"].endswith(": нет данных")
    en = ET.fromstring(render_chart(figures, "time_to_close", lang="en"))
    assert any(t.text and t.text.endswith(" d") for t in en.iter(f"{NS}text"))


@pytest.mark.parametrize("minutes, ru, en", [(None, "—", "—"), (0.4, "0 мин", "0 min"), (45, "45 мин", "45 min"),
                                             (60, "1 ч", "1 h"), (200, "3 ч 20 мин", "3 h 20 min"),
                                             (1440 * 2 + 300, "2 д 5 ч", "2 d 5 h"), (1439.9, "1 д", "1 d")])
def test_format_duration(minutes, ru, en):
    assert format_duration(minutes, "ru") == ru and format_duration(minutes, "en") == en


def test_ids_are_unique_when_the_eight_charts_share_a_page(svgs):
    ids = [el.get("id") for svg in svgs.values() for el in ET.fromstring(svg).iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert len([i for i in ids if i.startswith("sd-")]) == 96
    refs = {r for svg in svgs.values() for r in re.findall(r'(?:url\(#|href="#)([^")]+)', svg)}
    assert refs and refs <= set(ids)


def test_labels_and_dashboard_data_import_without_matplotlib():
    """In the browser without the packages, the dashboard's tables still need the labels."""
    import subprocess
    import sys
    code = ("import sys; sys.modules['matplotlib'] = None; sys.modules['numpy'] = None\n"
            "from servicedesk.charts import format_duration\n"
            "import servicedesk.views.dashboard_data\n"
            "print(format_duration(485, 'ru'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": "py"}, cwd=str(__import__("pathlib").Path(__file__).parents[2]))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "8 ч 5 мин"


def test_working_hours_charts_label_the_mode_draw_targets_and_a_breach_chart():
    from tests.unit.test_metrics_working_hours import SLA, _variant
    wh = compute_from_input(_variant(**SLA))
    svgs = render_all(wh, lang="ru")
    assert list(svgs) == [*SERIES_NAMES, "breach"]
    for name in ("chat_response", "openline_response", "time_to_close", "breach"):
        root = ET.fromstring(svgs[name])
        assert root.find(f"{NS}title").text.endswith("· рабочее время"), name
    assert ET.fromstring(svgs["chat_dialogues"]).find(f"{NS}title").text == "Диалоги в чате"

    def texts(svg):
        return [t.text for t in ET.fromstring(svg).iter(f"{NS}text")]
    assert "норматив" in texts(svgs["chat_response"])
    assert {"норматив: высокий", "норматив: средний"} <= set(texts(svgs["time_to_close"]))
    breach = ET.fromstring(svgs["breach"])
    nov = next(p for p in points(breach) if p.get("data-month") == "2026-11")
    assert nov.get("aria-label").endswith("ноябрь 2026: чат 50%, ОЛ 50%, задачи 100%")
    en = render_chart(wh, "chat_response", lang="en")
    assert "· working hours" in ET.fromstring(en).find(f"{NS}title").text and "target" in texts(en)


def test_24x7_time_charts_say_so_and_have_no_target_line(figures):
    root = ET.fromstring(render_chart(figures, "chat_response"))
    assert root.find(f"{NS}title").text == "Среднее время ответа в чате · 24/7"
    assert "норматив" not in [t.text for t in root.iter(f"{NS}text")]


def _with_targets(figures: dict, scale: float = 1.0) -> dict:
    """The golden figures with targets on every series (a breach chart, legends under the time
    charts) and their counts and durations times ``scale`` (wide tick labels)."""
    import copy
    out = copy.deepcopy(figures)
    out["sla"] = {**(out.get("sla") or {}), "mode": "working_hours",
                  "targets_min": {"chat": 30, "openline": 15, "task_close": {"high": 480, "medium": 2880, "low": 7200}}}

    def grow(node):
        if isinstance(node, dict):
            return {k: grow(v) for k, v in node.items()}
        if isinstance(node, list):
            return [grow(v) for v in node]
        return node * scale if isinstance(node, (int, float)) and not isinstance(node, bool) else node
    out["months"] = {k: grow(v) for k, v in out["months"].items()}
    return out


@pytest.mark.parametrize("scale", [1.0, 1000.0])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_chart_fits_its_figure(figures, scale, lang):
    """The fixed margins (no layout engine) leave room for the widest tick label, the title and the
    legends: nothing drawn sticks out of the figure, and the plot keeps most of it."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from servicedesk.charts.render import RC, chart_figure
    data = _with_targets(figures, scale)
    for name in [*SERIES_NAMES, "breach"]:
        with matplotlib.rc_context(RC):
            fig, _title, _points = chart_figure(data, name, lang=lang)
            renderer = FigureCanvasAgg(fig).get_renderer()
            box, page = fig.get_tightbbox(renderer), fig.bbox_inches
            assert box.x0 >= -0.01 and box.y0 >= -0.01, (name, scale, box)
            assert box.x1 <= page.x1 + 0.01 and box.y1 <= page.y1 + 0.01, (name, scale, box)
            plot = fig.axes[0].get_position()
            assert plot.height > 0.5 and plot.width > 0.7, (name, scale, plot)
