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


def test_install_zones_writes_only_tzif_files_and_points_zoneinfo_at_them(tmp_path):
    """The browser's tzdata: the zone files of the wheel, nothing else, where zoneinfo looks."""
    import io
    import zipfile
    import zoneinfo
    from importlib.resources import files
    moscow = (files("tzdata") / "zoneinfo" / "Europe" / "Moscow").read_bytes()
    utc = (files("tzdata") / "zoneinfo" / "UTC").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("tzdata/__init__.py", "")
        z.writestr("tzdata/zoneinfo/__init__.py", "")
        z.writestr("tzdata/zoneinfo/Europe/Moscow", moscow)
        z.writestr("tzdata/zoneinfo/UTC", utc)
        z.writestr("tzdata/zoneinfo/zone.tab", "RU\t+5545+03735\tEurope/Moscow\n")
        z.writestr("tzdata-2024.1.dist-info/RECORD", "")
    try:
        assert runtime.install_zones(buf.getvalue(), str(tmp_path)) == 2
        assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == \
            ["Europe/Moscow", "UTC"]
        assert zoneinfo.TZPATH == (str(tmp_path),)
        zoneinfo.ZoneInfo.clear_cache()
        from datetime import datetime
        assert datetime(2026, 1, 15, tzinfo=zoneinfo.ZoneInfo("Europe/Moscow")).strftime("%z") == "+0300"
    finally:
        zoneinfo.reset_tzpath()
        zoneinfo.ZoneInfo.clear_cache()
