"""The rows behind a figure, the export and the heat-map at full scale in headless Chromium (issue 16).

    python bench/drilldown.py            # synthetic desk: 100k messages, 5k sessions, 20k tasks
    python bench/drilldown.py --small    # 10k messages

The desk's raw records are made on CPython (bench/metrics.py's synthetic desk) and handed to a harness
page that runs in the browser's Python: pandas' load and import (the first use), the desk's items, the rows
of the biggest month (first and warm, with the panel's DOM), a sort, a 100k-row CSV export handed over as a
download, and the heat-maps of the month and of the 12 months. Prints the times; no thresholds (issue 16's
budgets are printed beside them).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

import build  # noqa: E402

HARNESS = """
import json, js, time
from servicedesk import runtime
runtime.setup_logging()
out = {}
def ms(t0):
    return round((time.perf_counter() - t0) * 1000)
await runtime.ensure_tzdata()
data = json.loads(await (await js.fetch("bench/desk.json")).text())
assert (await runtime.load_packages(["numpy"])).ok
t0 = time.perf_counter()
loaded = await runtime.load_packages(["pandas"])
out["pandas_load_ms"] = ms(t0)
t0 = time.perf_counter()
import pandas
out["pandas_import_ms"] = ms(t0)
from servicedesk.metrics.input import support_ids_of
from servicedesk.metrics.items import DeskItems
t0 = time.perf_counter()
items = DeskItems(data["chat_messages"], data["users"], data["openline_sessions"], data["tasks"], data["settings"],
                  support_ids_of(data["group"]), data["now"], time_zone=data["time_zone"])
out["items_ms"] = ms(t0)
from servicedesk.metrics.rows import DeskRows
from servicedesk.views.rows_panel import rows_panel
from servicedesk.views.rows_data import rows_csv
from servicedesk.views.download import download
import numpy as np
counts = np.bincount(items.chat.index[items.chat.index >= 0], minlength=12)
month = items.month_keys[int(counts.argmax())]
out["month"], out["month_rows"] = month, int(counts.max())
handlers = {k: (lambda *a: None) for k in ("sort", "specialist", "over_target", "more", "export", "close", "open_task")}
state = {"sort": None, "descending": False, "specialist": None, "over_target": False}
rows = DeskRows(items)
for run in ("first", "warm"):
    t0 = time.perf_counter()
    table = rows.table("chat_dialogues", month, limit=200)
    js.document.body.appendChild(rows_panel(table, "ru", state, handlers))
    out[f"rows_{run}_ms"] = ms(t0)
t0 = time.perf_counter()
table = rows.table("chat_dialogues", month, sort="response_min", descending=True, limit=200)
js.document.body.appendChild(rows_panel(table, "ru", {**state, "sort": "response_min"}, handlers))
out["sort_ms"] = ms(t0)
every = [rows.table("chat_dialogues", m)["rows"] for m in items.month_keys]
big = {**table, "rows": [r for part in every for r in part]}
while len(big["rows"]) < 100_000:
    big["rows"] = big["rows"] + big["rows"]
big["rows"] = big["rows"][:100_000]
t0 = time.perf_counter()
data_csv = rows_csv(big, "ru")
out["csv_ms"] = ms(t0)
download("bench.csv", data_csv)
out["export_ms"], out["export_mb"] = ms(t0), round(len(data_csv) / 1e6, 2)
from servicedesk.metrics.heatmap import heatmap
from servicedesk.charts.heatmap import render_heatmap
t0 = time.perf_counter()
heat = heatmap(items)
svgs = [render_heatmap(heat["months"][month]), render_heatmap(heat["year"])]
out["heatmap_ms"] = ms(t0)
js.document.body.dataset.bench = json.dumps(out)
"""


def synthetic(small: bool) -> dict:
    spec = importlib.util.spec_from_file_location("bench_metrics", ROOT / "bench" / "metrics.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sizes = {"n_messages": 10_000, "n_sessions": 500, "n_tasks": 2_000} if small else {}
    return module.synthetic_input(**sizes)


def cpython(data: dict) -> dict:
    """The same steps on CPython (for the ratio)."""
    from servicedesk.metrics.input import support_ids_of
    from servicedesk.metrics.items import DeskItems
    from servicedesk.metrics.rows import DeskRows
    t0 = time.perf_counter()
    items = DeskItems(data["chat_messages"], data["users"], data["openline_sessions"], data["tasks"], data["settings"],
                      support_ids_of(data["group"]), data["now"], time_zone=data["time_zone"])
    t1 = time.perf_counter()
    month = items.month_keys[-2]
    DeskRows(items).table("chat_dialogues", month, limit=200)
    return {"items_ms": round((t1 - t0) * 1000), "rows_first_ms": round((time.perf_counter() - t1) * 1000)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", action="store_true")
    args = ap.parse_args()
    if not build.is_built():
        raise SystemExit("run `python build.py build` first")
    build.bundle_python()
    data = synthetic(args.small)
    body = json.dumps(data)
    print(f"desk: {len(data['chat_messages'])} messages, {len(data['openline_sessions'])} sessions, "
          f"{len(data['tasks'])} tasks ({len(body) / 1e6:.1f} MB of JSON); CPython: {cpython(data)}", flush=True)
    url, stop = build.serve_static(build.ROOT)
    from playwright.sync_api import sync_playwright
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=build.OFFLINE_CHROMIUM_ARGS)
            context = browser.new_context(accept_downloads=True)
            context.route("**/py/main.py", lambda r: r.fulfill(content_type="text/plain", body=HARNESS))
            context.route("**/bench/desk.json", lambda r: r.fulfill(content_type="application/json", body=body))
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and print("console:", m.text, flush=True))
            with page.expect_download(timeout=900_000) as info:
                page.goto(url + "index.html")
                page.locator("body[data-bench], .py-error").first.wait_for(timeout=900_000)
                if page.locator(".py-error").count():
                    raise SystemExit(page.locator(".py-error").first.inner_text())
            out = json.loads(page.locator("body").get_attribute("data-bench"))
            size = Path(info.value.path()).stat().st_size
            print(f"pandas: load {out['pandas_load_ms']} ms + import {out['pandas_import_ms']} ms (first use)")
            print(f"items of the desk: {out['items_ms']} ms")
            print(f"rows of the biggest month ({out['month']}, {out['month_rows']} dialogues, 200 in the table): "
                  f"first {out['rows_first_ms']} ms, warm {out['rows_warm_ms']} ms, sorted {out['sort_ms']} ms "
                  f"(budget 1500 ms warm, 1500 ms + pandas first)")
            print(f"export of 100 000 rows: CSV {out['csv_ms']} ms, with the download {out['export_ms']} ms, "
                  f"{out['export_mb']} MB (downloaded {size / 1e6:.2f} MB; budget 3000 ms)")
            print(f"heat-maps (items → month and 12-month SVGs): {out['heatmap_ms']} ms (budget 500 ms)")
            browser.close()
    finally:
        stop()


if __name__ == "__main__":
    main()
