"""Open Line figures that cannot be read say why: no right to Open Line reports (nor to the CRM the
app reads instead), or a plan without Open Line reports (TARIFF_RESTRICTION)."""
from __future__ import annotations

from servicedesk.loader import load_desk
from servicedesk.loader.store import MemoryStore
from servicedesk.texts import t
from tests.bot.helpers import MANAGER, run, visit_of


def _problems(desk):
    return run(load_desk(run(visit_of(desk, MANAGER)), store=MemoryStore())).problems


def test_no_rights_to_reports_nor_crm_says_who_gives_them(desk):
    desk.faults.add("ACCESS_DENIED", method="imopenlines.v2.Session.list")
    desk.faults.add("ACCESS_DENIED", method="crm.activity.list")
    assert _problems(desk)["openline"] == t("problem_openline_no_access", "ru")
    assert "правах доступа открытых линий" in t("problem_openline_no_access", "ru")


def test_a_plan_without_reports_says_so(desk):
    desk.portal.openline_reports = False
    desk.faults.add("ACCESS_DENIED", method="crm.activity.list")
    assert _problems(desk)["openline"] == t("problem_openline_no_plan", "ru")


def test_a_plan_without_reports_still_reads_the_crm_where_it_may(desk):
    desk.portal.openline_reports = False
    assert "openline" not in _problems(desk)
