"""Which screen each user lands on, by role, settings and placement."""
import pytest

from servicedesk.context import AppContext, choose_view

SETTINGS = {"group_id": 7, "chat_id": 101}


def ctx(uid, *, admin=False, settings=SETTINGS, placement="DEFAULT"):
    return AppContext(user_id=uid, user_name=f"u{uid}", is_admin=admin, placement=placement,
                      settings=dict(settings), owner_id=1, member_ids=[2, 3])


@pytest.mark.parametrize("uid,admin,settings,placement,view", [
    (9, True, {}, "DEFAULT", "setup"),
    (9, False, {}, "DEFAULT", "not_configured"),
    (2, False, {}, "IM_CONTEXT_MENU", "not_configured"),
    (1, False, SETTINGS, "DEFAULT", "dashboard"),
    (3, False, SETTINGS, "DEFAULT", "dashboard"),
    (9, False, SETTINGS, "DEFAULT", "my_requests"),
    (9, True, SETTINGS, "DEFAULT", "my_requests"),
    (2, False, SETTINGS, "IM_CONTEXT_MENU", "task_from_message"),
    (9, False, SETTINGS, "IMMOBILE_CONTEXT_MENU", "task_from_message"),
    (2, False, SETTINGS, "IM_TEXTAREA", "task_from_message"),
])
def test_choose_view(uid, admin, settings, placement, view):
    assert choose_view(ctx(uid, admin=admin, settings=settings, placement=placement)) == view


def test_roles():
    assert ctx(1).role == "manager" and ctx(2).role == "specialist"
    assert ctx(9, admin=True).role == "admin" and ctx(9).role == "user"


def test_support_ids_are_the_owner_and_the_members():
    ctx = AppContext(user_id=9, user_name="x", is_admin=False, owner_id=1, member_ids=[2, 3])
    assert ctx.support_ids == {1, 2, 3}
    assert AppContext(user_id=9, user_name="x", is_admin=False, member_ids=[2]).support_ids == {2}
