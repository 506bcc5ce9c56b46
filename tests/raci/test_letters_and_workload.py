from decimal import Decimal

import pytest

from raci.letters import (
    LettersError,
    WorkloadError,
    display_hours,
    display_letters,
    normalise_letters,
    parse_workload,
    toggle_letter,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("R", "R"),
        ("R/C", "RC"),
        ("r/c", "RC"),
        (" R / C ", "RC"),
        ("C/R", "RC"),
        ("RC", "RC"),
        ("r, i", "RI"),
        ("R+A", "RA"),
        ("R et C", "RC"),
        ("", ""),
        ("\xa0", ""),
        ("-", ""),
        ("R/R", "R"),
        ("i/c/a/r", "RACI"),
    ],
)
def test_letters_are_read_as_people_type_them(typed, stored):
    assert normalise_letters(typed) == stored


@pytest.mark.parametrize("typed", ["X", "R/X", "Oui", "3", "RACIX"])
def test_other_letters_are_refused(typed):
    with pytest.raises(LettersError):
        normalise_letters(typed)


def test_letters_are_shown_with_slashes_and_toggled():
    assert display_letters("RC") == "R/C"
    assert display_letters("") == ""
    assert toggle_letter("R", "c") == "RC"
    assert toggle_letter("RC", "R") == "C"
    assert toggle_letter("", "I") == "I"
    with pytest.raises(LettersError):
        toggle_letter("R", "X")


@pytest.mark.parametrize(
    ("typed", "hours", "text"),
    [
        ("3h", Decimal(3), ""),
        ("3 h ", Decimal(3), ""),
        ("3h ", Decimal(3), ""),
        ("2h", Decimal(2), ""),
        ("3", Decimal(3), ""),
        ("1,5 h", Decimal("1.5"), ""),
        ("1.5", Decimal("1.5"), ""),
        ("1h30", Decimal("1.5"), ""),
        ("2 heures", Decimal(2), ""),
        ("0", Decimal(0), ""),
        ("Travaux intersession", None, "Travaux intersession"),
        ("Travaux  intersession ", None, "Travaux intersession"),
        ("", None, ""),
        ("\xa0", None, ""),
        ("3 jours", None, "3 jours"),
    ],
)
def test_workloads_are_read_as_people_type_them(typed, hours, text):
    assert parse_workload(typed) == (hours, text)


@pytest.mark.parametrize("typed", ["1,255 h", "12000", "1" * 40 + " h", "9" * 30 + "h30"])
def test_impossible_hours_are_refused(typed):
    with pytest.raises(WorkloadError):
        parse_workload(typed)


def test_hours_are_shown_in_french():
    assert display_hours(Decimal("3.00")) == "3 h"
    assert display_hours(Decimal("1.50")) == "1,5 h"
    assert display_hours(None) == ""
