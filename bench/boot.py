"""Boot benchmark: navigation -> "Python ready" (py:ready) -> first view (sdProgress.done()).

    python bench/boot.py [--runs 3] [--url URL]

Cold = a fresh browser context (empty HTTP cache); warm = one persistent profile whose disk cache
is primed by a first load. No request routing (it would bypass the HTTP cache). Bytes and requests
come from the Resource Timing entries of every frame (transferred = over the wire, body = decoded).
Without --url the repository root is served on 127.0.0.1 and index.html is opened standalone.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import build
from playwright.sync_api import sync_playwright

MARKS_JS = """() => {
  const m = n => (performance.getEntriesByName(n)[0] || {}).startTime;
  const res = performance.getEntriesByType("resource").concat(performance.getEntriesByType("navigation"));
  return {ready: m("sd:python-ready"), view: m("sd:first-view"), error: m("sd:error"),
          requests: res.length, transferred: res.reduce((s, e) => s + e.transferSize, 0),
          body: res.reduce((s, e) => s + e.decodedBodySize, 0)};
}"""


def measure(page, url: str, timeout: float = 120_000) -> dict:
    """Load `url`, wait for the first view (or an error) in any frame, return marks and bytes."""
    page.goto(url)
    page.wait_for_function(
        "() => performance.getEntriesByName('sd:first-view').length"
        " || performance.getEntriesByName('sd:error').length"
        " || [...document.querySelectorAll('iframe')].length", timeout=timeout)
    frames = page.frames
    for f in frames:        # the app may sit in an iframe of a portal page
        f.wait_for_function("() => !document.getElementById('sd-boot')"
                            " || performance.getEntriesByName('sd:first-view').length"
                            " || performance.getEntriesByName('sd:error').length", timeout=timeout)
    stats = [f.evaluate(MARKS_JS) for f in frames]
    app = next((s for s in stats if s["view"] or s["error"]), stats[0])
    if app["error"]:
        raise SystemExit(f"the app failed to boot at {url}")
    return {"ready": app["ready"] / 1e3, "view": app["view"] / 1e3,
            "requests": sum(s["requests"] for s in stats),
            "transferred": sum(s["transferred"] for s in stats), "body": sum(s["body"] for s in stats)}


def summary(name: str, runs: list[dict]) -> str:
    def t(key):
        xs = [r[key] for r in runs]
        return f"{statistics.median(xs):.2f} s [{min(xs):.2f}-{max(xs):.2f}]"
    last = runs[-1]
    return (f"{name:5} python-ready {t('ready')}  first-view {t('view')}  requests {last['requests']}"
            f"  transferred {last['transferred'] / 1e6:.2f} MB  body {last['body'] / 1e6:.2f} MB")


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--url", help="page to open (default: index.html served from the repo root)")
    args = p.parse_args(argv)
    if not args.url and not build.is_built():
        raise SystemExit("static/vendor is not built: run `python build.py build` first")
    stop = None
    if not args.url:
        build.bundle_python()
        base, stop = build.serve_static(build.ROOT)
        args.url = base + "index.html"
    launch = {"executable_path": shutil.which("chromium"), "args": build.OFFLINE_CHROMIUM_ARGS}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(**launch)
            cold = []
            for _ in range(args.runs):
                ctx = browser.new_context()
                cold.append(measure(ctx.new_page(), args.url))
                ctx.close()
            browser.close()
            with tempfile.TemporaryDirectory() as profile:
                ctx = pw.chromium.launch_persistent_context(profile, **launch)
                measure(ctx.new_page(), args.url)            # primes the disk cache
                warm = []
                for _ in range(args.runs):
                    page = ctx.new_page()
                    warm.append(measure(page, args.url))
                    page.close()
                ctx.close()
    finally:
        if stop:
            stop()
    print(f"boot of {args.url.split('?')[0].rsplit('/', 1)[-1]}, {args.runs} runs each,"
          " median [min-max], headless chromium")
    print(summary("cold", cold))
    print(summary("warm", warm))


if __name__ == "__main__":
    main()
