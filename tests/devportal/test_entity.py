"""devportal's app storage (entity.*) as its pages say: rights R/W/X by U<id>/AU, the creator's X,
items listed 50 a page with FILTER, ERROR_* codes."""
from __future__ import annotations

from datetime import timezone

from tests.devportal.dp_portal import ADMIN, MANAGER, PLAIN, SPECIALIST


def test_storage_rights_and_items(rest, portal):
    # entity-add.md: ACCESS {code: R|W|X}; the creator gets X; a second add is refused
    assert rest.ok(ADMIN, "entity.add", ENTITY="sdbot", NAME="x", ACCESS={"AU": "R", f"U{SPECIALIST}": "W"}) is True
    assert rest(ADMIN, "entity.add", ENTITY="sdbot", NAME="x")["error"] == "ERROR_ENTITY_ALREADY_EXISTS"
    assert rest(ADMIN, "entity.add", ENTITY="", NAME="x")["error"] == "ERROR_ARGUMENT"
    # entity-item-add.md: W or X; entity-item-get.md: anyone with R
    iid = rest.ok(SPECIALIST, "entity.item.add", ENTITY="sdbot", CODE="lease", NAME="a;1")
    assert rest(PLAIN, "entity.item.add", ENTITY="sdbot", NAME="b")["error"] == "ACCESS_DENIED"
    rows = rest.ok(PLAIN, "entity.item.get", ENTITY="sdbot", FILTER={"CODE": "lease"})
    assert [(r["ID"], r["NAME"], r["CODE"], r["CREATED_BY"]) for r in rows] == [(str(iid), "a;1", "lease", str(SPECIALIST))]
    # entity-item-update.md: X only (W may add, not update); ERROR_ITEM_NOT_FOUND, ERROR_ARGUMENT for no ID
    assert rest(SPECIALIST, "entity.item.update", ENTITY="sdbot", ID=iid, NAME="w")["error"] == "ACCESS_DENIED"
    assert rest.ok(ADMIN, "entity.item.update", ENTITY="sdbot", ID=iid, NAME="b;2") is True
    assert rest(PLAIN, "entity.item.update", ENTITY="sdbot", ID=iid, NAME="c")["error"] == "ACCESS_DENIED"
    assert rest(ADMIN, "entity.item.update", ENTITY="sdbot", ID=99, NAME="c")["error"] == "ERROR_ITEM_NOT_FOUND"
    assert rest(ADMIN, "entity.item.update", ENTITY="sdbot", NAME="c")["error"] == "ERROR_ARGUMENT"
    assert rest(ADMIN, "entity.item.get", ENTITY="nope")["error"] == "ERROR_ENTITY_NOT_FOUND"
    # entity-rights.md: X changes the rights (the caller keeps X)
    assert rest(SPECIALIST, "entity.rights", ENTITY="sdbot", ACCESS={"AU": "W"})["error"] == "ACCESS_DENIED"
    got = rest.ok(ADMIN, "entity.rights", ENTITY="sdbot", ACCESS={f"U{MANAGER}": "X"})
    assert got == {f"U{MANAGER}": "X", f"U{ADMIN}": "X"}
    assert rest(SPECIALIST, "entity.item.update", ENTITY="sdbot", ID=iid, NAME="c")["error"] == "ACCESS_DENIED"
    assert rest.ok(MANAGER, "entity.item.update", ENTITY="sdbot", ID=iid, NAME="m;3") is True


def test_anyone_reads_the_rights_only_x_changes_them(rest, portal):
    # entity-rights.md: any user reads the current rights; changing them needs X
    rest.ok(ADMIN, "entity.add", ENTITY="sdown", NAME="x", ACCESS={f"U{MANAGER}": "X"})
    assert rest.ok(PLAIN, "entity.rights", ENTITY="sdown") == {f"U{MANAGER}": "X", f"U{ADMIN}": "X"}
    assert rest(PLAIN, "entity.rights", ENTITY="sdown", ACCESS={"AU": "R"})["error"] == "ACCESS_DENIED"


def test_item_filters_compare_dates_as_moments_and_like_codes(rest, portal, clock):
    """entity-item-get.md: FILTER prefixes ``>=`` (DATE_CREATE a datetime: the same moment in any offset)
    and ``%`` (LIKE), as the bot's rating items are read (py bot.csat)."""
    from datetime import timedelta
    rest.ok(ADMIN, "entity.add", ENTITY="sdbot", NAME="x", ACCESS={"AU": "R"})
    old = rest.ok(ADMIN, "entity.item.add", ENTITY="sdbot", CODE="csat:1", NAME="like")
    clock.advance(50 * 60)
    new = rest.ok(ADMIN, "entity.item.add", ENTITY="sdbot", CODE="csat:2", NAME="none")
    rest.ok(ADMIN, "entity.item.add", ENTITY="sdbot", CODE="alerts", NAME="keys")
    hour_ago = (clock.now() - timedelta(minutes=30)).astimezone(timezone.utc).isoformat()   # UTC, the answers +03:00
    rows = rest.ok(PLAIN, "entity.item.get", ENTITY="sdbot", FILTER={"%CODE": "csat:", ">=DATE_CREATE": hour_ago})
    assert [int(r["ID"]) for r in rows] == [new]
    rows = rest.ok(PLAIN, "entity.item.get", ENTITY="sdbot", FILTER={"%CODE": "csat:"})
    assert [int(r["ID"]) for r in rows] == [old, new]
