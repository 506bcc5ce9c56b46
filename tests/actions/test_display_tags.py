"""The actions' display tags: what the fiche and its PDF say of a duration, a financing line, a Gantt segment."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from actions.models import CollectiveAction, FinancingLine
from actions.templatetags.actions_tags import action_duration, financing_text, segment_colour
from directory.models import Organisation


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


def _action(**fields):
    return CollectiveAction(
        **{"preparation_months": None, "deployment_months": None, "duration_note": "", **fields}
    )


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "—"),
        ({"preparation_months": 6}, "Préparation 6 mois"),
        ({"deployment_months": 12}, "Déploiement 12 mois"),
        ({"preparation_months": 6, "deployment_months": 12}, "Préparation 6 mois · Déploiement 12 mois"),
        (
            {"preparation_months": 6, "deployment_months": 12, "duration_note": "hors été"},
            "Préparation 6 mois · Déploiement 12 mois — hors été",
        ),
        ({"duration_note": "selon les entreprises"}, "selon les entreprises"),
    ],
)
def test_the_duration_says_what_is_known_and_a_dash_otherwise(fields, expected):
    assert action_duration(_action(**fields)) == expected


def test_the_duration_note_is_escaped_in_the_page():
    action = _action(duration_note="<b>6</b> mois")
    html = Template("{% load actions_tags %}{% action_duration action %}").render(Context({"action": action}))
    assert "&lt;b&gt;6&lt;/b&gt;" in html


def _line(**fields):
    funder = Organisation(name="Caisse d’assurance retraite", acronym="CARSAT")
    return FinancingLine(funder=funder, status=FinancingLine.Status.GRANTED, **fields)


def test_a_financing_line_in_a_sentence():
    line = _line(amount_eur=Decimal("12000"), share_percent=Decimal("40.00"), note="versé en deux fois")
    assert financing_text(line) == "CARSAT — 12\u202f000 € — 40 % (accordé), versé en deux fois"


def test_a_financing_line_without_amount_share_or_note():
    assert financing_text(_line()) == "CARSAT (accordé)"


@pytest.mark.parametrize(
    ("flags", "colour"),
    [
        ({"late": True, "done": False, "in_progress": True}, "chart-late"),
        ({"late": False, "done": True, "in_progress": False}, "chart-done"),
        ({"late": False, "done": False, "in_progress": True}, "chart-current"),
        ({"late": False, "done": False, "in_progress": False}, "chart-planned"),
    ],
)
def test_a_gantt_segment_is_coloured_by_its_state_lateness_first(flags, colour):
    assert segment_colour(SimpleNamespace(**flags)) == colour
