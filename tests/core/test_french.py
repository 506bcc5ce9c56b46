"""French typography rules of core.french and its template filters (ux.md, « French »)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from core import french

NNBSP, NBSP = "\u202f", "\u00a0"
PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2023, 6, 1), "1er juin 2023"),
        (datetime.date(2026, 12, 4), "4 décembre 2026"),
        (datetime.date(2026, 8, 11), "11 août 2026"),
        (datetime.date(2026, 2, 21), "21 février 2026"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_a_date_is_written_in_full(value, expected):
    assert french.jour(value) == expected


def test_only_the_first_day_of_the_month_is_an_ordinal():
    assert [french.jour(datetime.date(2026, 3, d)).split()[0] for d in (1, 2, 11, 21, 31)] == [
        "1er",
        "2",
        "11",
        "21",
        "31",
    ]


def test_the_weekday_is_optional():
    assert french.jour(datetime.date(2026, 6, 1), weekday=True) == "lundi 1er juin 2026"


def test_months_are_abbreviated_the_french_way_in_tables():
    written = [french.jour_court(datetime.date(2026, m, 4)).split()[1] for m in range(1, 13)]
    assert written == [
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ]
    assert french.jour_court(datetime.date(2023, 8, 1)) == "1er août 2023"
    assert french.jour_court(None) == "—"


def test_day_and_month_without_the_year():
    assert french.jour_mois(datetime.date(2026, 6, 1)) == "1er juin"
    assert french.jour_mois(datetime.date(2026, 12, 4)) == "4 décembre"
    assert french.jour_mois(None) == "—"


def test_months_alone():
    assert french.mois(datetime.date(2026, 12, 4)) == "décembre 2026"
    assert french.mois(datetime.date(2026, 12, 4), short=True) == "déc. 2026"
    assert french.mois(None) == "—"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.time(10, 0), "10 h"),
        (datetime.time(12, 30), "12 h 30"),
        (datetime.time(9, 5), "9 h 05"),
        (datetime.time(0, 0), "0 h"),
        (datetime.time(0, 15), "0 h 15"),
        (datetime.time(23, 59), "23 h 59"),
        (None, "—"),
    ],
)
def test_a_time_leaves_out_zero_minutes(value, expected):
    assert french.heure(value) == expected


def test_an_aware_datetime_is_shown_in_paris_time():
    utc = datetime.datetime(2026, 12, 4, 9, 0, tzinfo=datetime.UTC)  # 10 h in Paris (winter)
    assert french.heure(utc) == "10 h"
    assert french.jour_heure(utc) == "4 décembre 2026 à 10 h"
    late = datetime.datetime(2026, 5, 31, 22, 30, tzinfo=datetime.UTC)  # already 1 June in Paris
    assert french.jour(late) == "1er juin 2026"
    assert french.jour_heure(late) == "1er juin 2026 à 0 h 30"


def test_a_time_range():
    start = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=PARIS)
    end = datetime.datetime(2026, 12, 4, 12, 30, tzinfo=PARIS)
    assert french.heures(start, end) == "de 10 h à 12 h 30"
    assert french.heures(start, None) == "à 10 h"
    assert french.heures(None, end) == "jusqu’à 12 h 30"
    assert french.heures(None, None) == "—"


def test_date_and_time():
    value = datetime.datetime(2026, 6, 1, 0, 0, tzinfo=PARIS)
    assert french.jour_heure(value) == "1er juin 2026 à 0 h"
    assert french.jour_heure(value, weekday=True) == "lundi 1er juin 2026 à 0 h"
    assert french.jour_heure_court(value) == "1er juin 2026, 0 h"
    assert french.jour_heure(datetime.date(2026, 6, 1)) == "1er juin 2026"
    assert french.jour_heure_court(datetime.date(2026, 12, 4)) == "4 déc. 2026"
    assert french.jour_heure(None) == french.jour_heure_court(None) == "—"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (82, f"82{NNBSP}%"),
        (92.65, f"92,7{NNBSP}%"),
        (Decimal("92.64"), f"92,6{NNBSP}%"),
        (12.0, f"12{NNBSP}%"),
        (0, f"0{NNBSP}%"),
        (100, f"100{NNBSP}%"),
        (-0.01, f"0{NNBSP}%"),
        ("33,33", f"33,3{NNBSP}%"),
        (None, "—"),
        ("n/a", "—"),
    ],
)
def test_a_percentage_has_at_most_one_decimal_and_a_narrow_space(value, expected):
    assert french.pourcent(value) == expected


def test_a_percentage_may_be_rounded_to_a_whole_number():
    assert french.pourcent(92.65, decimals=0) == f"93{NNBSP}%"


def test_a_ratio():
    assert french.ratio(1, 3) == f"33,3{NNBSP}%"
    assert french.ratio(1, 0) == "—"
    assert french.ratio(None, 3) == "—"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (20000, None, f"20{NNBSP}000"),
        (1234567, None, f"1{NNBSP}234{NNBSP}567"),
        (999, None, "999"),
        (0, None, "0"),
        (Decimal("12.50"), None, "12,5"),
        (12.345, 2, "12,35"),
        (12.0, 2, "12"),
        (-1500.5, None, f"−1{NNBSP}500,5"),
        (-0.001, 1, "0"),
        ("1500", None, f"1{NNBSP}500"),
        (None, None, "—"),
        ("abc", None, "abc"),
    ],
)
def test_numbers_are_grouped_with_a_decimal_comma(value, decimals, expected):
    assert french.nombre(value, decimals=decimals) == expected


def test_a_boolean_is_not_a_number():
    assert french.nombre(True) == "True"
    assert french.pourcent(True) == "—"


def render(source, **context):
    return Template("{% load french %}" + source).render(Context(context))


def test_the_template_filters():
    start = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=PARIS)
    end = datetime.datetime(2026, 12, 4, 12, 30, tzinfo=PARIS)
    day = datetime.date(2023, 6, 1)
    assert render("{{ d|jour }}", d=day) == "1er juin 2023"
    assert render('{{ d|jour:"semaine" }}', d=day) == "jeudi 1er juin 2023"
    assert render("{{ d|jour_court }}", d=start) == "4 déc. 2026"
    assert render("{{ d|jour_mois }}", d=day) == "1er juin"
    assert render("{{ d|mois }}", d=day) == "juin 2023"
    assert render('{{ d|mois:"court" }}', d=start) == "déc. 2026"
    assert render("{{ s|heure }}", s=end) == "12 h 30"
    assert render("{{ s|heures:e }}", s=start, e=end) == "de 10 h à 12 h 30"
    assert render("{{ s|jour_heure }}", s=start) == "4 décembre 2026 à 10 h"
    assert render('{{ s|jour_heure:"semaine" }}', s=start) == "vendredi 4 décembre 2026 à 10 h"
    assert render("{{ s|jour_heure_court }}", s=end) == "4 déc. 2026, 12 h 30"
    assert render("{{ p|pourcent }}", p=92.65) == f"92,7{NNBSP}%"
    assert render("{{ p|pourcent:0 }}", p=92.65) == f"93{NNBSP}%"
    assert render("{{ n|nombre }}", n=20000) == f"20{NNBSP}000"
    assert render("{{ n|nombre:1 }}", n=12.345) == "12,3"
    assert render("{{ n|jour }}{{ n|heure }}{{ n|pourcent }}{{ n|nombre }}", n=None) == "————"


def test_what_still_goes_through_django_formats_is_french_too():
    from django.utils import translation

    start = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=PARIS)
    with translation.override("fr"):
        assert Template("{{ t|time }}").render(Context({"t": start})) == "10 h 00"
        assert Template("{{ t|date }}").render(Context({"t": start})) == "4 décembre 2026"
        assert (
            Template('{{ t|date:"SHORT_DATETIME_FORMAT" }}').render(Context({"t": start}))
            == "04/12/2026, 10 h 00"
        )
        assert "10:00" not in Template('{{ t|date:"DATETIME_FORMAT" }}').render(Context({"t": start}))
