"""The fault matrix, printed: rows = user-facing actions, columns = REST fault × transient/persistent,
each cell "ok after retry", "clear message: <first words>" or "FAIL", then the totals.

    python bench/fault_matrix.py            # the whole matrix (the same cells as tests/reliability)
    python bench/fault_matrix.py --words 4  # more of each message

Runs on CPython against devportal over real HTTP (see tests/reliability/harness.py).
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py")]

from tests.reliability.actions import ACTIONS, DEMO  # noqa: E402
from tests.reliability.harness import FAULTS, MODES, Bench, run_cell  # noqa: E402


def short(label: str, words: int) -> str:
    if label.startswith("clear message: "):
        text = label.removeprefix("clear message: ").split()
        return "msg: " + " ".join(text[:words]) + ("…" if len(text) > words else "")
    return "ok after retry" if label.startswith("ok") else label


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=3, help="words of each message to show")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    bench = Bench(DEMO)
    started = time.monotonic()
    try:
        cells = {(a.name, f.name, m): run_cell(bench, a, f, m) for a in ACTIONS for f in FAULTS for m in MODES}
    finally:
        bench.stop()
    columns = [(f.name, m) for f in FAULTS for m in MODES]
    head = ["action"] + [f"{f} ({m[:5]}.)" for f, m in columns]
    rows = [[a.name] + [short(cells[(a.name, f, m)].outcome, args.words) for f, m in columns] for a in ACTIONS]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    # one block per fault keeps the lines readable: action | transient | persistent
    for fi, fault in enumerate(FAULTS):
        cols = [0, 1 + 2 * fi, 2 + 2 * fi]
        print(f"\n== {fault.name} ==")
        for r in [head, *rows]:
            print("  ".join(r[c].ljust(max(widths[c] for c in [c])) for c in cols).rstrip())
    totals = Counter("FAIL" if c.failed else c.outcome.split(":")[0] for c in cells.values())
    print(f"\n{len(ACTIONS)} actions × {len(FAULTS)} faults × {len(MODES)} modes = {len(cells)} cells: "
          f"{totals['ok after retry']} ok after retry, {totals['clear message']} clear message, "
          f"{totals['FAIL']} FAIL  ({time.monotonic() - started:.1f} s)")
    for c in cells.values():
        if c.failed:
            print(f"FAIL {c.action} × {c.fault} ({c.mode}): {'; '.join(c.reasons)}")
    return 1 if totals["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
