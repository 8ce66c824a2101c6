"""The Settings form for a desk's alerts, paused clock and weekly digest (docs/decisions 160–164): the
form's parse and checks (pure), its messages in ru and en, and the round trip form → the desk's record on
devportal → the settings the checker, the paused clock and the digest read."""
from __future__ import annotations

import json

import pytest

from servicedesk.model import Settings
from servicedesk.model.alert_settings import ALERT_KEYS, form_of, validate_alerts
from servicedesk.model.desks import clean_record, desk_options
from servicedesk.rest import PortalError
from servicedesk.setup.alerts import alerts_form, read_alerts_form, save_alerts
from servicedesk.setup.desks import DeskFormError
from servicedesk.setup.errors import SetupError
from servicedesk.setup.new_desk import add_desk, edit_desk
from servicedesk.views.i18n import t
from tests.bot.helpers import ADMIN, MANAGER, SPECIALIST2, client_of, run, visit_of

FORM = {"pause_statuses": [6, 4], "pause_tag": " ждёт клиента ", "alert_on": True, "alert_share": "80",
        "digest_on": False, "digest_day": "fr", "digest_hour": "17", "csat_on": False}


def test_a_valid_form_gives_all_eight_keys_cleaned():
    errors, keys = validate_alerts(FORM)
    assert errors == {}
    assert keys == {"pause_statuses": [4, 6], "pause_tag": "ждёт клиента", "alert_on": True, "alert_share": 80,
                    "digest_on": False, "digest_day": "FR", "digest_hour": 17, "csat_on": False}
    assert tuple(keys) == ALERT_KEYS


def test_no_status_chosen_means_nothing_pauses_and_an_empty_form_is_the_defaults():
    assert validate_alerts({**FORM, "pause_statuses": []})[1]["pause_statuses"] == []
    assert validate_alerts({})[1] == {"pause_statuses": [6], "pause_tag": "", "alert_on": True, "alert_share": 75,
                                      "digest_on": True, "digest_day": "MO", "digest_hour": 9, "csat_on": True}
    assert validate_alerts({**FORM, "alert_share": "62,5", "alert_on": "off"})[1] | {} == {
        **validate_alerts(FORM)[1], "alert_share": 62.5, "alert_on": False}


@pytest.mark.parametrize("field,value,key", [
    ("alert_share", "0", "alerts_err_share"), ("alert_share", "100", "alerts_err_share"),
    ("alert_share", "", "alerts_err_share"), ("alert_share", "много", "alerts_err_share"),
    ("alert_share", "nan", "alerts_err_share"),
    ("digest_hour", "24", "alerts_err_hour"), ("digest_hour", "-1", "alerts_err_hour"),
    ("digest_hour", "9.5", "alerts_err_hour"), ("digest_hour", "", "alerts_err_hour"),
    ("digest_day", "XX", "alerts_err_day"),
    ("pause_statuses", [5], "alerts_err_status"), ("pause_statuses", "6,9", "alerts_err_status"),
    ("pause_tag", "т" * 256, "alerts_err_tag_long"), ("pause_tag", "ждёт, клиента", "alerts_err_tag_comma"),
])
def test_each_wrong_field_is_named_and_nothing_is_given_to_write(field, value, key):
    assert validate_alerts({**FORM, field: value}) == ({field: key}, {})


def test_the_longest_tag_passes():
    assert validate_alerts({**FORM, "pause_tag": "т" * 255})[0] == {}


@pytest.mark.parametrize("lang,share,hour,tag", [
    ("ru", "Введите долю от 1 до 99 %.", "Введите целый час от 0 до 23.", "не больше 255 символов"),
    ("en", "Enter a share from 1 to 99 %.", "Enter a whole hour from 0 to 23.", "at most 255 characters"),
])
def test_the_messages_in_ru_and_en(lang, share, hour, tag):
    errors, _ = validate_alerts({**FORM, "alert_share": "120", "digest_hour": "25", "pause_tag": "x" * 300})
    assert t(errors["alert_share"], lang) == share and t(errors["digest_hour"], lang) == hour
    assert tag in t(errors["pause_tag"], lang)
    for key in ("alerts_err_status", "alerts_err_day", "alerts_err_tag_comma", "alerts_section", "alerts_day_SU"):
        assert t(key, "ru") != t(key, "en") and t(key, "en") != key


def test_unreadable_stored_values_show_the_defaults():
    record = clean_record({"id": 2, "group_id": 7, "pause_statuses": "abc", "alert_share": "всё",
                           "digest_day": "someday", "digest_hour": 31, "digest_on": "yes"})
    form = form_of(Settings.from_dict(desk_options({}, record)))
    assert form == {"pause_statuses": [], "pause_tag": "", "alert_on": True, "alert_share": "75",
                    "digest_on": True, "digest_day": "MO", "digest_hour": "9", "csat_on": True}
    assert form_of(Settings()) == {**form, "pause_statuses": [6]}


def _desks(portal):
    return json.loads(portal.app_options["desks"])


def test_the_round_trip_writes_only_these_keys_and_the_checker_reads_them(two):
    portal, hr = two.portal, 2
    before = [clean_record(r) for r in _desks(portal)]            # as the app reads them (ids, flags made regular)
    other_options = {k: v for k, v in portal.app_options.items() if k != "desks"}
    client = client_of(two, ADMIN)
    errors, written = run(save_alerts(client, FORM, hr))
    assert errors == {} and written["alert_share"] == 80
    after = _desks(portal)
    assert [r for r in after if r["id"] != hr] == [r for r in before if r["id"] != hr]     # other desks as stored
    old, new = (next(r for r in rs if r["id"] == hr) for rs in (before, after))
    assert {k: v for k, v in new.items() if k not in ALERT_KEYS} == {k: v for k, v in old.items() if k not in ALERT_KEYS}
    assert {k: new[k] for k in ALERT_KEYS} == written
    assert {k: v for k, v in portal.app_options.items() if k != "desks"} == other_options

    # what the checker (bot.alerts_run), the paused clock and the digest read: the desk's context settings
    visit = run(visit_of(two, MANAGER))
    s = Settings.from_dict(visit.ctx.for_desk(hr).settings)
    assert (s.pause_statuses, s.pause_tag, s.alert_on, s.alert_share) == ((4, 6), "ждёт клиента", True, 80.0)
    assert (s.digest_on, s.digest_day, s.digest_hour, s.csat_on) == (False, "FR", 17, False)
    assert alerts_form(portal.app_options, hr) == {**FORM, "pause_statuses": [4, 6], "pause_tag": "ждёт клиента",
                                                   "digest_day": "FR"}

    # nothing pauses, no tag: saved as such, not read back as the defaults
    run(save_alerts(client, {**FORM, "pause_statuses": [], "pause_tag": ""}, hr))
    s = Settings.from_dict(run(visit_of(two, MANAGER)).ctx.for_desk(hr).settings)
    assert (s.pause_statuses, s.pause_tag) == ((), "")


def test_a_wrong_form_writes_nothing(two):
    before = dict(two.portal.app_options)
    errors, written = run(save_alerts(client_of(two, ADMIN), {**FORM, "alert_share": "0"}, 2))
    assert (errors, written) == ({"alert_share": "alerts_err_share"}, {}) and two.portal.app_options == before


def test_the_single_desk_install_is_moved_to_desks_with_its_keys_kept(desk):
    portal = desk.portal
    portal.app_options["pause_tag"] = "старый тег"            # an admin wrote it at the top, by hand
    assert "desks" not in portal.app_options
    before = dict(portal.app_options)
    assert alerts_form(portal.app_options, 1)["pause_tag"] == "старый тег"       # as the checker reads it
    run(save_alerts(client_of(desk, ADMIN), {**FORM, "pause_tag": ""}, 1))
    (record,) = _desks(portal)
    assert record["id"] == 1 and record["group_id"] == before["group_id"] and record["pause_tag"] == ""
    assert {k: portal.app_options[k] for k in before} == before                   # the single-desk keys stay
    s = Settings.from_dict(run(visit_of(desk, MANAGER)).ctx.settings)
    assert (s.pause_tag, s.pause_statuses, s.alert_share, s.digest_on) == ("", (4, 6), 80.0, False)


def test_only_an_admin_may_save(two):
    before = dict(two.portal.app_options)
    with pytest.raises(SetupError):
        run(save_alerts(client_of(two, MANAGER), FORM, 2))
    assert two.portal.app_options == before


def _new_desk(**kw):
    return {"name": "Закупки", "group_name": "Закупки: заявки", "manager_id": MANAGER,
            "specialist_ids": [ADMIN, SPECIALIST2], "chat_ids": [], "new_chat": True, "openline_id": "",
            "time_zone": "Europe/Moscow", **FORM, **kw}


def test_a_new_desk_takes_its_alerts_from_the_add_form_and_an_edit_keeps_them(desk):
    client = client_of(desk, ADMIN)
    before = (dict(desk.portal.app_options), set(desk.portal.groups))
    with pytest.raises(DeskFormError) as err:
        run(add_desk(client, _new_desk(alert_share="0", digest_hour="x"), ADMIN))
    assert err.value.errors == {"alert_share": "alerts_err_share", "digest_hour": "alerts_err_hour"}
    assert (dict(desk.portal.app_options), set(desk.portal.groups)) == before

    record = run(add_desk(client, _new_desk(), ADMIN))
    stored = next(r for r in _desks(desk.portal) if r["id"] == record["id"])
    assert {k: stored[k] for k in ALERT_KEYS} == validate_alerts(FORM)[1]

    # a stored value the form would refuse does not block a rename (the edit form has no alert fields)
    records = _desks(desk.portal)
    next(r for r in records if r["id"] == record["id"])["alert_share"] = "всё"
    desk.portal.app_options["desks"] = json.dumps(records)
    run(edit_desk(client, record["id"], "Закупки и склад", record["chat_ids"], ADMIN))
    stored = next(r for r in _desks(desk.portal) if r["id"] == record["id"])
    assert stored["name"] == "Закупки и склад" and stored["pause_statuses"] == [4, 6] and stored["digest_hour"] == 17
    assert Settings.from_dict(desk_options(desk.portal.app_options, clean_record(stored))).alert_share == 75.0


@pytest.mark.parametrize("value,on", [("on", True), ("off", False), ("Y", True), ("no", False), (True, True),
                                      (False, False), ("", True)])
def test_a_desks_alert_switch_reads_as_the_single_desk_key_does(value, on):
    """The desk's record and the top-level key give the same answer (the record once read "on" as off)."""
    record = clean_record({"id": 2, "group_id": 7, "alert_on": value})
    assert Settings.from_dict(desk_options({}, record)).alert_on is on
    assert Settings.from_dict({"alert_on": value}).alert_on is on


def test_the_form_opens_with_what_the_portal_holds_now_and_a_refusal_is_said(two, monkeypatch):
    run(save_alerts(client_of(two, ADMIN), FORM, 2))
    assert run(read_alerts_form(client_of(two, ADMIN), 2))["alert_share"] == "80"
    assert run(read_alerts_form(client_of(two, ADMIN), 99)) == form_of(Settings())      # no such desk: defaults
    client = client_of(two, ADMIN)

    async def refused(method, params=None):
        raise PortalError("ACCESS_DENIED", "Access denied!", 403, method)
    monkeypatch.setattr(client, "call", refused)
    with pytest.raises(SetupError) as err:
        run(read_alerts_form(client, 2))
    assert err.value.code == "setup_err_rights" and t(err.value.code, "en") != err.value.code


def test_a_desk_without_a_name_is_titled_by_its_number_in_every_form():
    """Before: the alerts form, the edit form and the retire question of a single-desk install's desk
    (no name in its record) read "…: " with nothing after it; the list already said "Desk 1"."""
    from servicedesk.setup.desks import desk_title
    assert desk_title({"id": 1, "name": ""}, "ru") == "Служба 1"
    assert desk_title({"id": 1}, "en") == "Desk 1"
    assert desk_title({"id": 2, "name": " ИТ "}, "en") == "ИТ"


# --- the rating offers' switch (decision 173) ----------------------------------------------------

@pytest.mark.parametrize("lang,label,buttons", [
    ("ru", "Просить оценку, когда закрыта задача из чата", "(«Хорошо» или «Плохо»)"),
    ("en", "Ask for a rating when a chat task is closed", "(“Good” or “Bad”)")])
def test_the_rating_switch_is_named_in_ru_and_en(lang, label, buttons):
    """The buttons named in words: the Settings page needs no emoji font."""
    assert t("alerts_csat_on", lang) == label
    hint = t("alerts_csat_on_hint", lang)
    assert buttons in hint and hint != t("alerts_csat_on_hint", "en" if lang == "ru" else "ru")


@pytest.mark.parametrize("value,on", [("on", True), ("off", False), ("N", False), ("no", False), (True, True),
                                      (False, False), ("", True), (None, True)])
def test_the_form_shows_the_rating_switch_as_the_checker_reads_it(value, on):
    """The desk's record read as the checker (``bot.csat``) reads it: on unless 0/false/n/no/off, on by
    default; the form shows that, and a save of the form as shown writes it back unchanged."""
    record = clean_record({"id": 2, "group_id": 7, "csat_on": value})
    settings = Settings.from_dict(desk_options({}, record))
    assert settings.csat_on is on and form_of(settings)["csat_on"] is on
    assert validate_alerts(form_of(settings))[1]["csat_on"] is on


def test_the_rating_switch_alone_changes_only_its_key(two):
    """Turning the offers off writes ``csat_on: false`` into that desk's record; every other alert key as
    the form showed it, the other desks and the top-level options untouched."""
    portal, hr = two.portal, 2
    before = [clean_record(r) for r in _desks(portal)]            # as the app reads them
    other_options = {k: v for k, v in portal.app_options.items() if k != "desks"}
    shown = alerts_form(portal.app_options, hr)
    assert shown["csat_on"] is True                                         # on by default
    errors, written = run(save_alerts(client_of(two, ADMIN), {**shown, "csat_on": False}, hr))
    assert errors == {} and written["csat_on"] is False
    after = _desks(portal)
    assert [r for r in after if r["id"] != hr] == [r for r in before if r["id"] != hr]
    new = next(r for r in after if r["id"] == hr)
    old = next(r for r in before if r["id"] == hr)
    assert {k: new[k] for k in ALERT_KEYS} == validate_alerts({**shown, "csat_on": False})[1]
    assert {k: v for k, v in new.items() if k not in ALERT_KEYS} == {k: v for k, v in old.items() if k not in ALERT_KEYS}
    assert {k: v for k, v in portal.app_options.items() if k != "desks"} == other_options
    assert alerts_form(portal.app_options, hr) == {**shown, "csat_on": False}
    assert Settings.from_dict(run(visit_of(two, MANAGER)).ctx.for_desk(hr).settings).csat_on is False
