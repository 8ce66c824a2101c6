"""What each library costs in the browser: a bare Pyodide boot, then loading the wheels and importing
numpy, pandas, matplotlib and matplotlib's Figure, in headless Chromium from the vendored files.

    python bench/imports.py [--runs 3]

Prints the median of each step over fresh pages (the HTTP cache is warm after the first run).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

PAGE = """<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
import { loadPyodide } from "/static/vendor/pyodide/pyodide.mjs";
const t = {}, t0 = performance.now(), lap = k => t[k] = performance.now() - t0;
const py = await loadPyodide(); py.runPython("1+1"); lap("boot");
const manifest = await (await fetch("/static/vendor/packages.json")).json();
const urls = [...new Set(["numpy", "pandas", "matplotlib"].flatMap(n => manifest.packages[n]))]
  .map(u => new URL(u, new URL("/static/vendor/packages.json", location.href)).href);
await py.loadPackage(urls); lap("wheels");
for (const [k, code] of [["numpy", "import numpy"], ["pandas", "import pandas"],
    ["matplotlib", "import matplotlib; matplotlib.use('Agg')"],
    ["figure", "from matplotlib.figure import Figure"],
    ["first_svg", "import io; f = Figure(); f.subplots().plot([1,2]); f.savefig(io.StringIO(), format='svg')"]]) {
  py.runPython(code); lap(k);
}
window.sdTimes = t;
</script>"""


def main(argv=None) -> None:
    import build
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    page_path = ROOT / "bench" / "_imports.html"
    page_path.write_text(PAGE)
    url, stop = build.serve_static(ROOT)
    runs = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=build.OFFLINE_CHROMIUM_ARGS)
            context = browser.new_context()
            for _ in range(args.runs):
                page = context.new_page()
                page.goto(url + "bench/_imports.html")
                page.wait_for_function("window.sdTimes", timeout=180_000)
                runs.append(page.evaluate("window.sdTimes"))
                page.close()
            browser.close()
    finally:
        stop()
        page_path.unlink()
    steps = list(runs[0])
    print(f"{'step':<12}{'at (s)':>8}{'cost (s)':>10}   (median of {args.runs}; first run cold)")
    last = 0.0
    for k in steps:
        at = statistics.median(r[k] for r in runs) / 1000
        print(f"{k:<12}{at:8.2f}{at - last:10.2f}")
        last = at
    print(json.dumps({"runs": runs}))


if __name__ == "__main__":
    main()
