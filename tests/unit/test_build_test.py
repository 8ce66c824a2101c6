"""``build.py test``: ``--quick`` runs every test directory but tests/e2e, and a skipped test fails
there (tests/conftest.py) while a plain pytest run still skips it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import build

ROOT = Path(build.ROOT)


def test_quick_covers_every_test_directory_but_the_browsers():
    dirs = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    quick = [Path(d).name for shard in build.QUICK_SHARDS for d in shard]
    assert sorted(quick) == sorted(dirs - {"e2e"})
    assert build.pytest_args([], True) == ["--ignore=tests/e2e"] and build.pytest_args(["-x"], False) == ["-x"]


def test_a_skip_fails_under_build_py_test(tmp_path):
    probe = tmp_path / "test_probe.py"
    probe.write_text("import pytest\n\n\ndef test_needs_something():\n    pytest.skip('not built')\n")

    def run(**env):             # tests/conftest.py as a plugin: the probe is outside tests/
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", "pytest.ini",
                               "--rootdir", str(ROOT), "-p", "tests.conftest", str(probe)],
                              cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env})
    plain, strict = run(SERVICEDESK_NO_SKIP="0"), run(SERVICEDESK_NO_SKIP="1")
    assert plain.returncode == 0 and "1 skipped" in plain.stdout
    assert strict.returncode == 1 and "skipped under build.py test" in strict.stdout and "not built" in strict.stdout
