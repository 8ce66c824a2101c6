"""Contract suite: for every REST method the app's code calls, devportal's answer to the docs page's
own example request has the keys and JSON types of the page's example response, nested (lists by
their first item, id-keyed maps by their first value). A method the app calls with no contract fails.

Allowed differences are those tests/devportal/test_doc_shapes.py lists (keys with no meaning on
devportal), and ``null`` in an example matches any type."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.contract.app_methods import app_methods
from tests.contract.contracts import CONTRACTS, IDS, resolve
from tests.devportal.test_doc_shapes import check

HERE = Path(__file__).parent
DIRS = [HERE / "examples", HERE.parent / "devportal" / "doc_examples"]


def example(name: str) -> dict:
    path = next(d / f"{name}.json" for d in DIRS if (d / f"{name}.json").exists())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data.pop("_source")
    return data


# Lists an example fills that may well be empty on a portal (no files in a chat, nobody watching a task,
# no CRM links): their items are not compared.
EMPTY_OK = {"$.result.files", "$.result.users[0].departments", "$.result.tasks[0].auditors",
            "$.result.task.ufCrmTask", "$.result.task.ufTaskWebdavFiles"}


def empty_where_the_example_is_not(ours, doc, path="$") -> list[str]:
    """Lists the example fills and our answer leaves empty (a contract must compare something)."""
    if isinstance(doc, list) and doc:
        if not ours:
            return [] if path in EMPTY_OK else [f"{path}: empty"]
        return empty_where_the_example_is_not(ours[0], doc[0], path + "[0]") if isinstance(ours, list) else []
    if isinstance(doc, dict) and isinstance(ours, dict):
        return [p for k in doc if k in ours for p in empty_where_the_example_is_not(ours[k], doc[k], f"{path}.{k}")]
    return []


def test_every_method_the_app_calls_has_a_contract():
    called = app_methods()
    missing = {m: sorted(files) for m, files in called.items() if m not in CONTRACTS}
    assert not missing, f"methods called with no contract test: {missing}"
    assert len(called) >= 40


def test_every_contract_names_a_docs_page_and_its_example_exists():
    for name, c in CONTRACTS.items():
        assert c.page.startswith(("api-reference/", "settings/", "none: ")), name
        example(name)


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_devportal_answers_the_docs_example_with_its_shape(rest, name):
    c = CONTRACTS[name]
    ids = dict(IDS)
    if c.setup:
        ids.update(c.setup(rest))
    r = rest.raw(c.user, name, **resolve(c.request, ids))
    assert r.status_code == 200, r.text
    ours, doc = r.json(), example(name)
    if c.view:
        ours, doc = c.view(ours), c.view(doc)
    problems = [p for p in check(name, ours, doc) if p.split(": ")[0].rsplit(".", 1)[-1] not in c.extra]
    problems += empty_where_the_example_is_not(ours, doc)
    assert not problems, "\n".join(problems)
