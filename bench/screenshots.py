"""Screenshots of the demo as users get it: the real dashboard in the demo portal, its figures and
charts computed by the browser's own Python (desktop 1280 px and phone 375 px).

    python bench/screenshots.py [--out docs/screenshots] [--seed 1]

Prints the time from navigation to the 8 charts for each shot (one run: read it as a rough number).
"""
from __future__ import annotations

import argparse
import io
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "py")]


def shown(path: Path) -> str:
    """``path`` relative to the repository when inside it (``--out`` may be anywhere)."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def small_png(png: bytes) -> bytes:
    """The screenshot with a 256-colour palette (a few times smaller, no visible change for UI)."""
    from PIL import Image
    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").quantize(256, dither=Image.Dither.NONE).save(out, "PNG", optimize=True)
    return out.getvalue()


def shoot(seed: int, out: Path) -> list[Path]:
    """dashboard-desktop.png (1280 px) and dashboard-mobile.png (375 px): the app's frame, full height;
    dashboard-first-screen.png: what a 1280 × 900 window shows before any scroll (the summary strip)."""
    import build
    from devportal.demo import build_demo
    from devportal.run import default_user, start_demo
    from playwright.sync_api import sync_playwright

    build.bundle_python()
    demo = start_demo(build_demo(seed))
    manager = default_user(demo.portal)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=build.OFFLINE_CHROMIUM_ARGS)
            for name, width, scale in (("desktop", 1280, 1), ("mobile", 375, 2)):
                page = browser.new_page(viewport={"width": width, "height": 900}, device_scale_factor=scale,
                                        locale="ru-RU", timezone_id="Europe/Moscow")
                started = time.perf_counter()
                page.goto(demo.page_url(manager, mobile=name == "mobile"))
                app = page.frame_locator("iframe").locator("[data-view=dashboard]")
                app.and_(page.frame_locator("iframe").locator("[data-state=ready]")).wait_for(timeout=180_000)
                took = time.perf_counter() - started
                frame = page.frame_locator("iframe").locator("body")
                charts = frame.locator("svg.sd-chart").count()
                overflow = frame.evaluate("b => b.ownerDocument.documentElement.scrollWidth") - width
                height = frame.evaluate("b => b.ownerDocument.documentElement.scrollHeight")
                path = out / f"dashboard-{name}.png"
                path.write_bytes(small_png(page.locator("iframe").screenshot()))
                print(f"{shown(path)}: {charts} charts in {took:.1f} s, "
                      f"{path.stat().st_size // 1024} KB, page {height} px tall, frame overflow {max(overflow, 0)} px")
                written.append(path)
                if name == "desktop":
                    first = out / "dashboard-first-screen.png"
                    first.write_bytes(small_png(page.screenshot()))      # the window, not the whole frame
                    print(f"{shown(first)}: the first {width} × 900 px")
                    written.append(first)
                page.close()
            browser.close()
    finally:
        demo.stop()
    return written


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    shoot(args.seed, Path(args.out))


if __name__ == "__main__":
    main()
