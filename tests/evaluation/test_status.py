from datetime import date
from decimal import Decimal as D

import pytest

from evaluation.periods import (
    add_periods,
    last_closed_period,
    period_end,
    period_label,
    period_start,
    periods_between,
)
from evaluation.status import State, Trajectory, Trend, assess, trend


def trajectory(**kwargs):
    values = {
        "higher_is_better": True,
        "target": D("100"),
        "target_date": date(2026, 1, 1),
        "origin_value": D("0"),
        "origin_date": date(2025, 1, 1),
        "intermediate": {},
    }
    values.update(kwargs)
    return Trajectory(**values)


TODAY = date(2025, 7, 15)


def test_no_value_or_no_target_is_no_data():
    assert assess(trajectory(), None, None, TODAY) == State.NO_DATA
    assert assess(trajectory(target=None), D("50"), date(2025, 7, 1), TODAY) == State.NO_DATA


def test_reaching_the_target_is_achieved_whatever_the_date():
    assert assess(trajectory(), D("100"), date(2025, 3, 1), TODAY) == State.ACHIEVED
    assert assess(trajectory(), D("120"), date(2026, 6, 1), TODAY) == State.ACHIEVED


def test_on_the_straight_line_is_on_track_below_it_is_behind():
    # 1 July 2025 is 181 days into a 365-day trajectory from 0 to 100: about 49.6 expected.
    assert assess(trajectory(), D("50"), date(2025, 7, 1), TODAY) == State.ON_TRACK
    assert assess(trajectory(), D("40"), date(2025, 7, 1), TODAY) == State.LATE


def test_an_intermediate_target_replaces_the_straight_line():
    steps = {date(2025, 7, 1): D("30")}
    assert assess(trajectory(intermediate=steps), D("35"), date(2025, 7, 1), TODAY) == State.ON_TRACK
    assert assess(trajectory(intermediate=steps), D("25"), date(2025, 7, 1), TODAY) == State.LATE


def test_lower_is_better_reverses_the_comparisons():
    t = trajectory(higher_is_better=False, origin_value=D("30"), target=D("15"))
    assert assess(t, D("14"), date(2025, 7, 1), TODAY) == State.ACHIEVED
    assert assess(t, D("22"), date(2025, 7, 1), TODAY) == State.ON_TRACK
    assert assess(t, D("28"), date(2025, 7, 1), TODAY) == State.LATE


def test_past_the_target_date_short_of_the_target_is_behind():
    assert assess(trajectory(), D("99"), date(2026, 2, 1), date(2026, 3, 1)) == State.LATE
    no_origin = trajectory(origin_value=None, origin_date=None)
    assert assess(no_origin, D("10"), date(2025, 7, 1), TODAY) == State.ON_TRACK
    assert assess(no_origin, D("10"), date(2026, 2, 1), date(2026, 3, 1)) == State.LATE


def test_trend_follows_the_direction():
    assert trend(D("1"), D("2"), True) == Trend.BETTER
    assert trend(D("1"), D("2"), False) == Trend.WORSE
    assert trend(D("2"), D("2"), True) == Trend.STABLE
    assert trend(None, D("2"), True) == Trend.UNKNOWN


@pytest.mark.parametrize(
    ("day", "periodicity", "start", "end"),
    [
        (date(2026, 3, 17), "mensuelle", date(2026, 3, 1), date(2026, 3, 31)),
        (date(2026, 5, 2), "trimestrielle", date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 9, 30), "semestrielle", date(2026, 7, 1), date(2026, 12, 31)),
        (date(2026, 2, 1), "annuelle", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_periods(day, periodicity, start, end):
    assert period_start(day, periodicity) == start
    assert period_end(start, periodicity) == end


def test_period_arithmetic_and_labels():
    assert add_periods(date(2025, 11, 1), "trimestrielle", 1) == date(2026, 2, 1)
    assert last_closed_period(date(2026, 1, 10), "mensuelle") == date(2025, 12, 1)
    assert periods_between(date(2025, 11, 20), date(2026, 2, 3), "mensuelle") == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert period_label(date(2026, 3, 1), "mensuelle") == "mars 2026"
    assert period_label(date(2026, 4, 1), "trimestrielle") == "T2 2026"
    assert period_label(date(2026, 7, 1), "semestrielle") == "S2 2026"


# --- One rule: state and progress together (status.evaluate) -------------------------------
from evaluation.status import evaluate, frozen  # noqa: E402


def test_progress_is_100_only_when_the_target_is_reached():
    # The demo's case: 77.1 % against 90 %, the first value measured (100) above the target.
    t = trajectory(target=D("90"), origin_value=D("100"))
    result = evaluate(t, D("77.1"), date(2025, 7, 1), TODAY)
    assert result.state == State.LATE
    assert result.progress == 85  # from 0, since the origin already met the target
    assert evaluate(t, D("90"), date(2025, 7, 1), TODAY).progress == 100
    assert evaluate(trajectory(), D("99.9"), date(2025, 12, 1), TODAY).progress == 99


def test_target_reached_early_is_achieved_with_full_progress():
    result = evaluate(trajectory(), D("120"), date(2025, 2, 1), TODAY)
    assert (result.state, result.progress) == (State.ACHIEVED, 100)


def test_decreasing_indicator_progress_runs_from_the_baseline_down_to_the_target():
    t = trajectory(higher_is_better=False, origin_value=D("30"), target=D("15"))
    assert evaluate(t, D("22"), date(2025, 7, 1), TODAY).progress == 53
    assert evaluate(t, D("35"), date(2025, 7, 1), TODAY).progress == 0
    assert evaluate(t, D("15"), date(2025, 7, 1), TODAY).progress == 100
    # No origin below the target: how far it has come cannot be told.
    no_origin = trajectory(higher_is_better=False, origin_value=None, origin_date=None, target=D("15"))
    assert evaluate(no_origin, D("22"), date(2025, 7, 1), TODAY).progress is None


def test_without_baseline_progress_counts_from_zero_and_state_from_the_target_alone():
    t = trajectory(origin_value=None, origin_date=None, target_date=None)
    result = evaluate(t, D("40"), date(2025, 7, 1), TODAY)
    assert (result.state, result.progress, result.expected) == (State.ON_TRACK, 40, None)


def test_without_target_there_is_neither_state_nor_progress():
    result = evaluate(trajectory(target=None), D("40"), date(2025, 7, 1), TODAY)
    assert (result.state, result.progress) == (State.NO_DATA, None)


def test_past_due_is_behind_even_if_the_last_value_was_on_its_line():
    # On the straight line in July 2025, but the target date (1 Jan 2026) has passed since.
    result = evaluate(trajectory(), D("50"), date(2025, 7, 1), date(2026, 3, 1))
    assert result.state == State.LATE
    assert result.progress == 50


def test_frozen_state_is_achieved_or_not_achieved_never_behind():
    assert frozen(trajectory(), D("40"), date(2025, 7, 1), TODAY).state == State.NOT_ACHIEVED
    assert frozen(trajectory(), D("60"), date(2025, 7, 1), TODAY).state == State.NOT_ACHIEVED
    assert frozen(trajectory(), D("100"), date(2025, 7, 1), TODAY).state == State.ACHIEVED
    assert frozen(trajectory(), None, None, TODAY).state == State.NO_DATA
