"""The MicroPython subset, checked: every module of the MicroPython bundle uses only what PyScript's
MicroPython has (``tests/mpy_subset.py``; each problem as ``file:line: rule: use X instead``), and the
bundle's module list is pinned, so that growing it is a reviewed change."""
from __future__ import annotations

from pathlib import Path

import pytest

import build
import build_mpy
from tests import mpy_subset

PY = Path(build.ROOT) / "py"

# The modules the MicroPython bundle ships (build_mpy.needed_modules). A new import reachable from the
# small screens adds to it: check what it pulls in, then update this list.
BUNDLE = """
servicedesk servicedesk.bot servicedesk.bot.desks servicedesk.bot.items servicedesk.bot.refs servicedesk.bot.requests
servicedesk.bot.send servicedesk.bot.task_from_message servicedesk.bot.tasks servicedesk.bot.texts
servicedesk.context servicedesk.jsvalue servicedesk.loader servicedesk.loader.store servicedesk.model
servicedesk.model.chat servicedesk.model.desks servicedesk.model.dialogue servicedesk.model.openline
servicedesk.model.settings servicedesk.model.sla servicedesk.model.tasks servicedesk.model.values
servicedesk.rest servicedesk.rest.browser servicedesk.rest.client servicedesk.rest.errors servicedesk.rest.lease
servicedesk.rest.query servicedesk.rest.scopes servicedesk.runtime servicedesk.texts servicedesk.visit
servicedesk.texts.en
servicedesk.texts.ru servicedesk.views servicedesk.views.dom servicedesk.views.i18n
servicedesk.views.my_requests servicedesk.views.screens servicedesk.views.setup_parts
servicedesk.views.task_from_message
"""


def test_the_bundle_uses_only_what_micropython_has():
    found = mpy_subset.problems(PY)
    assert not found, "MicroPython lacks what these lines use:\n" + "\n".join(found)


def test_the_bundles_module_list_is_pinned():
    assert sorted(build_mpy.needed_modules(PY)) == sorted(BUNDLE.split())


KNOWN = mpy_subset.known_names(PY)


@pytest.mark.parametrize("src,rule", [
    ("import weakref", "import weakref"),
    ("from collections import Counter", "collections.Counter"),
    ("import re\nre.fullmatch('a', 'a')", "re.fullmatch"),
    ("from typing import Protocol", "typing.Protocol"),
    ("import inspect", "inspect"),
    ("x.strftime('%Y')", ".strftime()"),
    ("t.cancelled()", ".cancelled()"),
    ("import json\njson.dumps(x, ensure_ascii=False)", "json.dumps(ensure_ascii=)"),
    ("import dataclasses\n@dataclasses.dataclass\nclass A:\n    x: int", "@dataclasses.dataclass"),
    ("from urllib.parse import urlencode", "urllib.parse.urlencode"),
])
def test_each_rule_reports_its_line(src, rule):
    found = mpy_subset.check_source("\n" + src, KNOWN)
    assert [r for _, r, _ in found] == [rule] and found[0][0] >= 2


@pytest.mark.parametrize("src", [
    "import json\njson.dumps(x)", "from typing import Any, Callable", "from dataclasses import dataclass, field",
    "from urllib.parse import quote", "import weakref  # not on MicroPython",
    "def f():  # not on MicroPython\n    import zipfile\n    return x.strftime('%Y')",
])
def test_what_micropython_has_passes(src):
    assert mpy_subset.check_source(src, KNOWN) == []


@pytest.mark.parametrize("template", ["", "plain", "{a}", "x {a} y {b}{c} z", "{{a}}", "{ a } {a-b} {}", "{a", "a}"])
def test_split_fields_splits_as_re_split_does(template):
    """views.dom.fill's split, without re.split (which MicroPython's re lacks)."""
    import re

    from servicedesk.views.i18n import split_fields
    assert split_fields(template) == re.split(r"\{(\w+)\}", template)
