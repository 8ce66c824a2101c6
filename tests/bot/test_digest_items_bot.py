"""The weekly digest of a desk on a smart process on devportal (decision 167): the worker's message names
the requests (the demo's items created in the week, counted here from the portal's own records) and links
the pipeline's list instead of the group's tasks."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from devportal.clock import FakeClock
from devportal.demo import build_demo
from devportal.demo_crm import add_crm_desk
from devportal.server import serve
from tests.bot.helpers import MANAGER
from tests.bot.test_digest_bot import ANCHOR, MSK, attempt, storage_ready, the_digest
from tests.bot.test_sla_alerts_bot import bot_said
from tests.desks_fixture import first_desk_alone


@pytest.fixture
def desk():
    portal = build_demo(1, ANCHOR.astimezone(timezone.utc))
    ids = add_crm_desk(portal, 1)
    first_desk_alone(portal, sla_targets={"task_close": {"medium": 8}})
    clock = FakeClock(ANCHOR.astimezone(timezone.utc))
    running = serve(portal, clock=clock)
    running.fake, running.ids = clock, ids
    yield running
    running.stop()


def test_the_digest_of_a_smart_process_desk_counts_its_requests(desk):
    storage_ready(desk)
    lo, hi = datetime(2026, 11, 30, tzinfo=MSK), datetime(2026, 12, 7, tzinfo=MSK)
    made = [i for i in desk.portal.crm_items.values() if lo <= i.created_time < hi]
    assert made                                             # the demo has requests in that week
    assert attempt(desk, "09:00", set()) is True
    text = bot_said(desk, MANAGER)[0]
    assert f"Заявки: {len(made)} новых" in text and "Задачи:" not in text
    assert f"/crm/type/{desk.ids['entity_type_id']}/list/category/{desk.ids['category_id']}/" in text
    d = the_digest(desk)
    assert d["second_line"] == "items" and d["figures"]["tasks"]["count"] == len(made)
