"""The methods devportal gained for the setup wizard: sonet_group.delete, sonet_group.user.delete,
KEYWORDS on groups, department.get, and IM_TEXTAREA's required OPTIONS[iconName]."""
from tests.devportal.dp_portal import ADMIN, MANAGER, OTHER_GROUP, PLAIN, SPECIALIST, SUPPORT_GROUP


def test_group_keywords_are_kept_and_returned(rest):
    gid = rest.ok(ADMIN, "sonet_group.create", NAME="Desk", VISIBLE="N", OPENED="N", KEYWORDS="servicedesk")
    row = rest.ok(ADMIN, "sonet_group.get", IS_ADMIN="Y", FILTER={"ID": gid})[0]
    assert (row["KEYWORDS"], row["VISIBLE"], row["OPENED"]) == ("servicedesk", "N", "N")
    rest.ok(ADMIN, "sonet_group.update", GROUP_ID=gid, KEYWORDS="a,b")
    assert rest.ok(ADMIN, "sonet_group.get", IS_ADMIN="Y", FILTER={"ID": gid})[0]["KEYWORDS"] == "a,b"


def test_group_delete_by_admin_or_owner_only(rest, portal):
    refused = rest.raw(PLAIN, "sonet_group.delete", GROUP_ID=OTHER_GROUP)
    assert refused.status_code == 400 and refused.json()["error"] == ""
    assert rest.ok(ADMIN, "sonet_group.delete", GROUP_ID=OTHER_GROUP) is True
    assert OTHER_GROUP not in portal.groups
    gone = rest.raw(ADMIN, "sonet_group.delete", GROUP_ID=OTHER_GROUP)
    assert gone.status_code == 400 and gone.json()["error_description"] == "Socialnetwork group not found"


def test_group_user_delete_admin_only_never_the_owner(rest, portal):
    refused = rest.raw(MANAGER, "sonet_group.user.delete", GROUP_ID=SUPPORT_GROUP, USER_ID=[SPECIALIST])
    assert refused.status_code == 400 and refused.json() == {
        "error": "", "error_description": "No permissions to update users role"}
    assert rest.ok(ADMIN, "sonet_group.user.delete", GROUP_ID=SUPPORT_GROUP, USER_ID=[SPECIALIST, MANAGER]) == [
        str(SPECIALIST)]
    assert portal.groups[SUPPORT_GROUP].members == {MANAGER: "A"}


def test_department_get(rest):
    rows = rest.ok(PLAIN, "department.get")
    assert rows[0] == {"ID": "1", "NAME": "Company", "SORT": 500, "UF_HEAD": str(ADMIN)}
    assert [r["ID"] for r in rest.ok(PLAIN, "department.get", PARENT=1)] == ["2"]


def test_textarea_needs_an_icon(rest, portal):
    bad = rest.raw(ADMIN, "placement.bind", PLACEMENT="IM_TEXTAREA", HANDLER="http://app/", TITLE="t")
    assert bad.status_code == 400 and bad.json()["error"] == "ERROR_ARGUMENT"
    assert rest.ok(ADMIN, "placement.bind", PLACEMENT="IM_TEXTAREA", HANDLER="http://app/", TITLE="t",
                   OPTIONS={"iconName": "fa-ticket"}) is True
