"""Two people edit the same indicator, value, assessment or month's entry: nothing is overwritten
silently (core.conflicts).

A save made on a stale version keeps what the other person changed on fields left alone; where both
changed the same field it is refused with their name and value beside the field, the typed value kept
and nothing written. The month's entry keeps "last write wins" per line, except for a line whose value
someone else changed since the page was opened: that line only is refused, the others are saved.
"""

from datetime import date
from decimal import Decimal as D
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.conflicts import version_of
from directory.models import Person
from evaluation.models import ActionAssessment, Indicator, Measurement
from tests.factories import make_account
from tests.fuzz.htmlforms import opened_form, page_form

from .factories import IndicatorFactory, MeasurementFactory, add_to_team

pytestmark = pytest.mark.django_db

MONTH = date(2025, 6, 1)


@pytest.fixture
def colleague(action):
    user = make_account("collegue_eval", Person.Role.PILOT)
    user.first_name, user.last_name = "Camille", "Roux"
    user.save()
    add_to_team(action, user)
    return user


@pytest.fixture
def indicator(action):
    return IndicatorFactory(action=action, name="Entreprises accompagnées", target=D("20"), baseline=D("0"))


def _both_save(mine, theirs, url, field, their_value, my_value):
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form[field] = [their_value]
    assert theirs.post(url, their_form).status_code == 302
    my_form[field] = [my_value]
    return mine.post(url, my_form)


def _assert_conflict_shown(response, their_value, my_value):
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Camille Roux a enregistré cette page le" in page
    assert f"Valeur enregistrée par Camille Roux\u00a0: «\u00a0{their_value}\u00a0»" in page
    assert my_value in page


def test_a_stale_indicator_is_refused_then_saved_on_purpose(client_for, pilot, colleague, indicator):
    url = reverse("evaluation:indicator_edit", args=[indicator.pk])
    mine = client_for(pilot)
    response = _both_save(
        mine,
        client_for(colleague),
        url,
        "definition",
        "Entreprises vues au moins une fois",
        "Entreprises accompagnées sur six mois",
    )
    _assert_conflict_shown(
        response, "Entreprises vues au moins une fois", "Entreprises accompagnées sur six mois"
    )
    stored = Indicator.objects.get(pk=indicator.pk)
    assert stored.definition == "Entreprises vues au moins une fois"
    data = page_form(response)
    assert data["version"] == [str(version_of(stored))]
    assert mine.post(url, data).status_code == 302
    stored.refresh_from_db()
    assert stored.definition == "Entreprises accompagnées sur six mois"


def test_indicator_changes_to_different_fields_are_both_kept(client_for, pilot, colleague, indicator):
    url = reverse("evaluation:indicator_edit", args=[indicator.pk])
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["source"] = ["Tableau de suivi de la CARSAT"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["target"] = ["25"]
    assert mine.post(url, my_form).status_code == 302
    indicator.refresh_from_db()
    assert (indicator.source, indicator.target) == ("Tableau de suivi de la CARSAT", D("25"))


@pytest.mark.parametrize("version", ["abc", "-1", "9" * 30])
def test_a_forged_version_is_a_form_error_not_a_server_error(client_for, pilot, indicator, version):
    url = reverse("evaluation:indicator_edit", args=[indicator.pk])
    c = client_for(pilot)
    data = opened_form(c, url)
    data["version"] = [version]
    data["definition"] = ["Forgé"]
    assert c.post(url, data).status_code == 200
    indicator.refresh_from_db()
    assert indicator.definition != "Forgé"


def test_a_stale_correction_of_a_value_is_refused_with_the_other_value(
    client_for, pilot, colleague, indicator
):
    measurement = MeasurementFactory(indicator=indicator, period=MONTH, value=D("10"))
    url = reverse("evaluation:measurement_edit", args=[measurement.pk])
    response = _both_save(client_for(pilot), client_for(colleague), url, "value", "12,5", "14")
    _assert_conflict_shown(response, "12,5", "14")
    assert Measurement.objects.get(pk=measurement.pk).value == D("12.5")


def test_a_correction_re_posted_with_the_back_button_is_no_conflict(client_for, pilot, indicator):
    measurement = MeasurementFactory(indicator=indicator, period=MONTH, value=D("10"))
    url = reverse("evaluation:measurement_edit", args=[measurement.pk])
    c = client_for(pilot)
    data = opened_form(c, url)
    data["value"] = ["11"]
    assert c.post(url, data).status_code == 302
    assert c.post(url, data).status_code == 302  # the same values again: nothing to refuse
    assert Measurement.objects.get(pk=measurement.pk).value == D("11")


def test_a_stale_assessment_is_refused_and_an_untouched_field_merged(client_for, pilot, colleague, action):
    url = reverse("evaluation:assessment_edit", args=[action.pk])
    mine, theirs = client_for(pilot), client_for(colleague)
    # Both open it before it exists; the colleague creates it.
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["lessons"] = ["Associer les CSE plus tôt"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["lessons"] = ["Prévoir plus de temps"]
    response = mine.post(url, my_form)
    _assert_conflict_shown(response, "Associer les CSE plus tôt", "Prévoir plus de temps")
    assert ActionAssessment.objects.get(action=action).lessons == "Associer les CSE plus tôt"

    # Another field only I change: saved, their lessons kept.
    my_form = opened_form(mine, url)
    their_form = opened_form(theirs, url)
    their_form["openings"] = ["Une suite en 2027"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["results_summary"] = ["40 entreprises accompagnées"]
    assert mine.post(url, my_form).status_code == 302
    assessment = ActionAssessment.objects.get(action=action)
    assert (assessment.lessons, assessment.openings, assessment.results_summary) == (
        "Associer les CSE plus tôt",
        "Une suite en 2027",
        "40 entreprises accompagnées",
    )


# --- The month's entry ---------------------------------------------------------------------
def _month_url():
    return reverse("evaluation:monthly_entry") + f"?mois={MONTH:%Y-%m}"


def test_a_line_changed_meanwhile_is_refused_alone_and_the_others_are_saved(
    client_for, pilot, colleague, action
):
    companies = IndicatorFactory(action=action, name="A — entreprises", target=D("20"))
    meetings = IndicatorFactory(action=action, name="B — réunions", target=D("10"))
    visits = IndicatorFactory(action=action, name="C — visites", target=D("10"))
    entered = MeasurementFactory(indicator=companies, period=MONTH, value=D("5"))
    MeasurementFactory(indicator=visits, period=MONTH, value=D("3"))
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form = opened_form(mine, _month_url())
    their_form = opened_form(theirs, _month_url())
    # The colleague corrects the companies (line 0) and the visits (line 2).
    their_form["valeurs-0-value"] = ["6"]
    their_form["valeurs-2-value"] = ["4"]
    assert theirs.post(_month_url(), their_form).status_code == 302

    my_form["valeurs-0-value"] = ["7"]  # the same line, another value: refused
    my_form["valeurs-1-value"] = ["2"]  # a new value: saved
    # line 2 left as I saw it: the colleague's 4 is kept
    response = mine.post(_month_url(), my_form)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "1\u00a0valeur a été modifiée par quelqu’un d’autre depuis que vous avez ouvert la page" in page
    assert "Valeur enregistrée par Camille Roux\u00a0: «\u00a06\u00a0»" in page
    data = page_form(response)
    assert data["valeurs-0-value"] == ["7"]
    entered.refresh_from_db()
    assert entered.value == D("6")
    assert meetings.measurements.get(period=MONTH).value == D("2")
    assert visits.measurements.get(period=MONTH).value == D("4")
    assert visits.measurements.get(period=MONTH).entered_by == colleague

    # Saving again, having seen the colleague's value, keeps mine; the other lines are unchanged.
    assert data["valeurs-0-version"] == [str(version_of(entered))]
    assert mine.post(_month_url(), data).status_code == 302
    entered.refresh_from_db()
    assert entered.value == D("7")
    assert meetings.measurements.get(period=MONTH).value == D("2")
    assert visits.measurements.get(period=MONTH).value == D("4")


def test_a_month_line_with_a_forged_version_is_a_form_error(client_for, pilot, action):
    IndicatorFactory(action=action, name="A — entreprises", target=D("20"))
    c = client_for(pilot)
    data = opened_form(c, _month_url())
    data["valeurs-0-value"] = ["7"]
    data["valeurs-0-version"] = ["abc"]
    assert c.post(_month_url(), data).status_code == 200
    assert not Measurement.objects.exists()


def test_the_month_page_reads_the_lines_versions_in_one_query(client_for, pilot, action):
    """The lines' versions take one query whatever the number of lines."""
    c = client_for(pilot)
    counts = []
    for size in (1, 6):
        while Indicator.objects.filter(action=action).count() < size:
            indicator = IndicatorFactory(action=action)
            MeasurementFactory(indicator=indicator, period=MONTH, value=D("1"))
        with CaptureQueriesContext(connection) as captured:
            assert c.get(_month_url()).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
