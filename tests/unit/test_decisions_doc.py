"""docs/decisions.md stays usable: its index names each section with the right numbers and a working
link, numbers never repeat and run in order, each decision says whether it is in force or which one
replaced it, and every test it names exists. Sections appended at the end without an index row (the
lead folds in docs/decisions/issue-NN.md) are tolerated; what they say of status and tests is checked."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import build

ROOT = Path(build.ROOT)
DOC = ROOT / "docs" / "decisions.md"
FIRST_APPENDED = 70          # numbers from here on come from other issues' files, appended as they are
STATUS = re.compile(r"\*(In force|Replaced by ([\d, and]+))\.\*(?: Pinned by (.+?)\.)?\s*$", re.M)


def slug(title: str) -> str:
    """GitHub's anchor of a heading."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def parse(text: str):
    """(index rows [(numbers text, title, anchor)], sections [(title, [(number, text)])])."""
    index = re.search(r"^## Index\n(.*?)(?=^## )", text, re.S | re.M).group(1)
    rows = re.findall(r"^\| ([\d–—-]+) \| \[(.+?)\]\(#(.+?)\) \|$", index, re.M)
    sections = []
    for block in re.split(r"^## ", text[text.index("## Index"):], flags=re.M)[2:]:
        title, _, body = block.partition("\n")
        items = [(int(m.group(1)), m.group(0)) for m in re.finditer(r"^(\d+)\. .*?(?=^\d+\. |\Z)", body, re.S | re.M)]
        sections.append((title.strip(), items))
    return rows, sections


def problems(text: str) -> list[str]:
    rows, sections = parse(text)
    out = []
    numbers = [n for _, items in sections for n, _ in items]
    out += [f"decision {n} appears twice" for n in sorted({n for n in numbers if numbers.count(n) > 1})]
    ordered = [n for n in numbers if n < FIRST_APPENDED]
    out += [f"decision {b} comes after {a}" for a, b in zip(ordered, ordered[1:]) if b <= a]
    titles = [t for t, _ in sections]
    for i, (nums, title, anchor) in enumerate(rows):
        if title not in titles:
            out.append(f"index row {title!r}: no such section")
            continue
        if anchor != slug(title):
            out.append(f"index row {title!r}: its link should be #{slug(title)}")
        have = [n for n, _ in sections[titles.index(title)][1]]
        want = "—" if not have else str(have[0]) if len(have) == 1 else f"{have[0]}–{have[-1]}"
        if nums != want:
            out.append(f"index row {title!r}: says {nums}, the section holds {want}")
        if titles.index(title) != i:
            out.append(f"index row {title!r}: out of the sections' order")
    for title in titles[:len(rows)]:
        if title not in [t for _, t, _ in rows]:
            out.append(f"section {title!r} is not in the index (only sections appended at the end may be)")
    for _, items in sections:
        for n, body in items:
            m = STATUS.search(body)
            if not m:
                if n < FIRST_APPENDED:
                    out.append(f"decision {n}: no status (*In force.* or *Replaced by N.*) at its end")
                continue
            for other in re.findall(r"\d+", m.group(2) or ""):
                if int(other) not in numbers or int(other) == n:
                    out.append(f"decision {n}: replaced by {other}, which is no decision")
            for pin in re.findall(r"`([^`]+)`", m.group(3) or ""):
                path, _, test = pin.partition("::")
                if not (ROOT / path).is_file():
                    out.append(f"decision {n}: {path} does not exist")
                elif test and not re.search(rf"^(async )?def {re.escape(test)}\(", (ROOT / path).read_text(), re.M):
                    out.append(f"decision {n}: {path} has no {test}")
    return out


def test_the_decisions_doc_keeps_its_index_order_statuses_and_tests():
    found = problems(DOC.read_text())
    assert not found, "docs/decisions.md:\n" + "\n".join(found)


APPENDED = """
## Something (issue 99)
990. A rule of another issue, folded in as written.
    *In force.* Pinned by `tests/unit/test_layers.py`.
991. One without a status yet.
"""


def test_a_section_appended_at_the_end_without_an_index_row_is_fine():
    assert problems(DOC.read_text().rstrip("\n") + "\n" + APPENDED) == []


@pytest.mark.parametrize("change,says", [
    (lambda t: t.replace("\n2. ", "\n3. ", 1), "decision 3 appears twice"),
    (lambda t: t.replace("| 1–10 |", "| 1–9 |"), "says 1–9, the section holds 1–10"),
    (lambda t: t.replace("1. A session is spam if its status is `spam` or its closeReason is `spam`.\n   *In force.*",
                         "1. A session is spam if its status is `spam` or its closeReason is `spam`.\n   *Fine.*"),
     "decision 1: no status"),
    (lambda t: t.replace("*Replaced by 61.*", "*Replaced by 600.*"), "replaced by 600, which is no decision"),
    (lambda t: t.replace("test_breach_percent_per_month`", "test_breach_percent_per_year`"), "has no test_breach_percent_per_year"),
    (lambda t: t + APPENDED.replace("tests/unit/test_layers.py", "tests/unit/test_nothing.py"), "does not exist"),
])
def test_each_check_fails_when_it_should(change, says):
    text = DOC.read_text()
    changed = change(text)
    assert changed != text
    assert any(says in p for p in problems(changed)), problems(changed)
