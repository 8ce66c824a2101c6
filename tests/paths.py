"""Where the shared oracle lives: ../shared/golden/desk.json beside the repository (read-only)."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1].parent / "shared" / "golden" / "desk.json"


@cache
def golden_data() -> dict:
    """desk.json parsed once per test session (callers must not change it)."""
    return json.loads(GOLDEN.read_text(encoding="utf-8"))
