"""servicedesk.runtime on CPython: explicit no-ops and plain imports."""
import asyncio
import logging

from servicedesk import runtime


def test_cpython_is_not_the_browser():
    assert runtime.in_browser() is False


def test_load_packages_imports_directly():
    ok = asyncio.run(runtime.load_packages(["tzdata", "python-dateutil"]))
    assert ok and ok.loaded == ["tzdata", "python-dateutil"]
    missing = asyncio.run(runtime.load_packages(["nosuchpkg"]))
    assert not missing and "nosuchpkg" in missing.reason


def test_ensure_tzdata_makes_zoneinfo_work():
    from datetime import datetime
    from zoneinfo import ZoneInfo
    assert asyncio.run(runtime.ensure_tzdata())
    assert datetime(2026, 1, 15, tzinfo=ZoneInfo("Europe/Moscow")).strftime("%z") == "+0300"


def test_progress_logs(caplog):
    with caplog.at_level(logging.INFO, "servicedesk.runtime"):
        runtime.progress("Загрузка данных…", 80)
        runtime.progress_done()
        runtime.progress_error("boom")
    assert "Загрузка данных… 80%" in caplog.text and "boom" in caplog.text
