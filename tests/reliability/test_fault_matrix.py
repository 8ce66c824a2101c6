"""The fault matrix: every user-facing action under every REST error class, transient and
persistent, on devportal over HTTP. A cell passes when the action succeeds after retries or ends
in a clear message, and the portal holds nothing duplicated or half-made (see actions.py)."""
from __future__ import annotations

import pytest

from .actions import ACTIONS, DEMO
from .harness import FAULTS, MODES, Bench, run_cell


@pytest.fixture(scope="module")
def bench():
    running = Bench(DEMO)
    yield running
    running.stop()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name.replace(" ", "-"))
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name.replace(" ", "-").strip("/"))
def test_cell(bench, action, fault, mode):
    cell = run_cell(bench, action, fault, mode)
    assert not cell.failed, "; ".join(cell.reasons)
