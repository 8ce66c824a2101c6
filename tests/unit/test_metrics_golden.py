"""The shared oracle: golden/desk.json must match for all 12 months."""
from __future__ import annotations

import json

import pytest

from servicedesk.metrics import compute_from_input
from tests.paths import golden_data


@pytest.fixture(scope="module")
def golden():
    return golden_data()


@pytest.fixture(scope="module")
def result(golden):
    return compute_from_input(golden["input"])


def _check(path, got, want):
    if isinstance(want, dict):
        assert isinstance(got, dict), path
        for key in want:
            assert key in got, f"{path}.{key} missing"
            _check(f"{path}.{key}", got[key], want[key])
    elif want is None:
        assert got is None, path
    elif isinstance(want, float):
        assert got == pytest.approx(want), path
    else:
        assert got == want, path


def test_the_twelve_months_are_the_golden_ones(result, golden):
    assert result["month_keys"] == list(golden["expected"]["months"])


@pytest.mark.parametrize("key", ["2025-12"] + [f"2026-{m:02d}" for m in range(1, 12)])
def test_month_matches_golden(result, golden, key):
    want = golden["expected"]["months"][key]
    got = result["months"][key]
    _check(key, got, want)
    assert set(got["by_specialist"]) == set(want["by_specialist"])


def test_lists_and_json(result):
    assert [(d["message_id"], d["wait_min"]) for d in result["unanswered"]] == [(1022, 1080.0)]
    assert [t["id"] for t in result["open_tasks"]] == [303, 305, 306]
    assert [s["session_id"] for s in result["openline_unanswered"]] == [203]
    assert json.loads(json.dumps(result)) == result
