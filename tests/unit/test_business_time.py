"""DESIGN §4b: business durations (worked examples, DST weeks, properties) and the working calendar."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicedesk.metrics.business import Clock, business_minutes
from servicedesk.model.sla import WorkHours, parse_clock, parse_day

MSK = ZoneInfo("Europe/Moscow")
# §4b's calendar: 09:00–18:00, weekends SA SU, holiday 4.11, working Saturday 31.10 (2026)
CAL = WorkHours.parse({"start": "09:00", "end": "18:00", "weekends": ["SA", "SU"], "holidays": ["4.11"],
                       "workdays": ["31.10"]})


def at(day: int, month: int, hh: int, mm: int = 0, zone=MSK) -> datetime:
    return datetime(2026, month, day, hh, mm, tzinfo=zone)


@pytest.mark.parametrize("t0, t1, business, wall", [
    (at(27, 11, 17, 30), at(30, 11, 9, 30), 60, 3840),       # Fri evening → Mon morning
    (at(3, 11, 17), at(5, 11, 10), 120, None),                 # Wed 4 Nov is a holiday
    (at(31, 10, 10), at(31, 10, 11), 60, 60),                  # a working Saturday
    (at(29, 11, 22), at(30, 11, 9, 15), 15, None),             # Sunday night → Monday 09:15
    (at(28, 11, 10), at(28, 11, 10, 5), 0, 5),                 # an ordinary Saturday
])
def test_design_4b_examples(t0, t1, business, wall):
    assert business_minutes(t0, t1, CAL, MSK) == business
    if wall is not None:
        assert Clock().minute(t0.timestamp(), t1.timestamp()) == wall


def test_empty_and_reversed_intervals_are_zero():
    c = Clock(CAL, MSK)
    assert c.minute(at(30, 11, 10).timestamp(), at(30, 11, 10).timestamp()) == 0
    assert c.minute(at(30, 11, 12).timestamp(), at(30, 11, 10).timestamp()) == 0


def test_nan_stays_nan_and_arrays_are_vectorised():
    c = Clock(CAL, MSK)
    t0 = np.array([at(27, 11, 17, 30).timestamp(), np.nan, at(28, 11, 10).timestamp()])
    t1 = np.array([at(30, 11, 9, 30).timestamp(), at(30, 11, 9).timestamp(), np.nan])
    got = c.minutes(t0, t1)
    assert got[0] == 60 and np.isnan(got[1]) and np.isnan(got[2])


BERLIN = ZoneInfo("Europe/Berlin")
NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize("zone, sunday", [(BERLIN, datetime(2026, 3, 29)), (BERLIN, datetime(2026, 10, 25)),
                                          (NY, datetime(2026, 3, 8)), (NY, datetime(2026, 11, 1))])
def test_dst_weeks_count_the_hours_as_worked(zone, sunday):
    """A week across a DST change has 5 × 9 working hours; a 24/7 week is 167 or 169 hours."""
    t0 = (sunday - timedelta(days=3)).replace(tzinfo=zone)         # Thursday 00:00 local
    t1 = (sunday + timedelta(days=4)).replace(tzinfo=zone)         # next Thursday 00:00 local
    assert business_minutes(t0, t1, WorkHours(), zone) == 5 * 9 * 60
    assert Clock().minute(t0.timestamp(), t1.timestamp()) in (167 * 60, 169 * 60)


def test_dst_inside_working_hours_counts_as_it_happened():
    """A night shift 00:00–06:00 in Berlin on 29 Mar 2026 (02:00 → 03:00) lasts 5 real hours."""
    night = WorkHours(start=0, end=6 * 60, weekends=())
    t0, t1 = datetime(2026, 3, 29, 0, tzinfo=BERLIN), datetime(2026, 3, 29, 12, tzinfo=BERLIN)
    assert business_minutes(t0, t1, night, BERLIN) == 5 * 60
    t0, t1 = datetime(2026, 10, 25, 0, tzinfo=BERLIN), datetime(2026, 10, 25, 12, tzinfo=BERLIN)
    assert business_minutes(t0, t1, night, BERLIN) == 7 * 60


def test_a_day_to_midnight_and_far_apart_times():
    full = WorkHours(start=0, end=24 * 60, weekends=())
    t0, t1 = at(1, 1, 0), at(1, 1, 0) + timedelta(days=400)
    assert business_minutes(t0, t1, full, MSK) == 400 * 24 * 60
    c = Clock(CAL, MSK)
    c.minute(at(2, 11, 9).timestamp(), at(2, 11, 10).timestamp())
    assert c.minute(at(2, 1, 9).timestamp(), at(2, 1, 10).timestamp()) == 60    # range grows on demand


BASE = datetime(2026, 1, 1, tzinfo=MSK).timestamp()
SECONDS = st.integers(min_value=0, max_value=400 * 86400)
CALENDARS = st.builds(
    lambda s, length, weekends, hol: WorkHours(start=s, end=min(s + length, 1440), weekends=tuple(weekends),
                                               holidays=tuple(hol)),
    st.integers(0, 23 * 60), st.integers(1, 1440),
    st.lists(st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]), max_size=6, unique=True),
    st.lists(st.tuples(st.integers(1, 28), st.integers(1, 12)), max_size=5))


@given(CALENDARS, st.sampled_from([MSK, BERLIN, NY]), SECONDS, SECONDS, SECONDS)
@settings(max_examples=200, deadline=None)
def test_never_exceeds_wall_clock_and_is_additive_over_a_split(cal, zone, a, b, c):
    t0, mid, t1 = sorted((BASE + a, BASE + b, BASE + c))
    clock, wall = Clock(cal, zone), Clock()
    whole = clock.minute(t0, t1)
    assert 0 <= whole <= wall.minute(t0, t1) + 1e-9
    assert whole == pytest.approx(clock.minute(t0, mid) + clock.minute(mid, t1), abs=1e-6)
    # the same through a fresh clock built over another span
    assert Clock(cal, zone).minute(t0, t1) == pytest.approx(whole, abs=1e-6)


def test_calendar_parsing_accepts_portal_forms():
    assert [parse_clock(x) for x in ("9", "9.30", "9:30", "09:00", "24:00", "25", "9.60", "x")] == [
        540, 570, 570, 540, 1440, None, None, None]
    assert [parse_day(x) for x in ("1.01", "29.02", "31.02", "0.1", "4.13", "7.1")] == [
        (1, 1), (29, 2), None, None, None, (7, 1)]
    cal = WorkHours.from_portal({"work_time_start": "9", "work_time_end": "18.30", "week_holidays": ["SA", "SU"],
                                 "year_holidays": "1.01,2.01,7.01,23.02,8.03,1.05,9.05,12.06,4.11",
                                 "year_workdays": "31.12"})
    assert (cal.start, cal.end, cal.weekends, cal.workdays) == (540, 1110, ("SA", "SU"), ((31, 12),))
    assert (4, 11) in cal.holidays and len(cal.holidays) == 9
    assert WorkHours.parse(cal.to_dict()) == cal
    assert WorkHours.parse("not json") == WorkHours() == WorkHours.parse(None)
