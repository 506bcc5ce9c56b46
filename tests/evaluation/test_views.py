import html
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.urls import reverse

from evaluation.models import ApproachEntry, Indicator, Measurement
from reports.models import Document

from .factories import ActionFactory, IndicatorFactory, MeasurementFactory, add_to_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(action):
    return IndicatorFactory(
        action=action,
        name="Entreprises accompagnées",
        periodicity="mensuelle",
        target=D("20"),
        baseline=D("0"),
    )


@pytest.fixture
def percent_indicator(action):
    return IndicatorFactory(
        action=action,
        name="Satisfaction des participants",
        unit=Indicator.Unit.PERCENT,
        target=D("80"),
        baseline=D("50"),
    )


def read_urls(programme, action, indicator, measurement):
    return [
        reverse("evaluation:programme_dashboard", args=[programme.pk]),
        reverse("evaluation:action_dashboard", args=[action.pk]),
        reverse("evaluation:indicator_detail", args=[indicator.pk]),
        reverse("evaluation:measurements_export", args=["csv"]) + f"?programme={programme.pk}",
    ]


# --- Who may reach what -----------------------------------------------------------------
def test_anonymous_is_sent_to_the_login_page(client, programme, action, indicator):
    measurement = MeasurementFactory(indicator=indicator)
    urls = [
        *read_urls(programme, action, indicator, measurement),
        reverse("evaluation:dashboard_index"),
        reverse("evaluation:indicator_list"),
        reverse("evaluation:monthly_entry"),
        reverse("evaluation:measurement_edit", args=[measurement.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/comptes/connexion/" in response["Location"], url


def test_an_outsider_gets_404_everywhere(client_for, outsider, programme, action, indicator):
    measurement = MeasurementFactory(indicator=indicator)
    c = client_for(outsider)
    for url in [
        *read_urls(programme, action, indicator, measurement),
        reverse("evaluation:measurement_edit", args=[measurement.pk]),
        reverse("evaluation:indicator_edit", args=[indicator.pk]),
        reverse("evaluation:indicator_create") + f"?action={action.pk}",
    ]:
        assert c.get(url).status_code == 404, url
    for url in [
        reverse("evaluation:measurement_add", args=[indicator.pk]),
        reverse("evaluation:programme_synthesis", args=[programme.pk]),
        reverse("evaluation:action_report", args=[action.pk]),
        reverse("evaluation:approach_entry_add", args=[action.pk]),
    ]:
        assert c.post(url, {}).status_code == 404, url
    index = c.get(reverse("evaluation:dashboard_index"))
    assert index.status_code == 200 and programme.name not in index.content.decode()


def test_a_committee_member_reads_without_edit_controls(
    client_for, committee_reads, programme, action, indicator
):
    MeasurementFactory(indicator=indicator, period=date(2025, 6, 1), value=D("7"))
    c = client_for(committee_reads)
    index = c.get(reverse("evaluation:dashboard_index")).content.decode()
    assert programme.name in index and "Saisir les valeurs du mois" not in index
    for url in read_urls(programme, action, indicator, None):
        assert c.get(url).status_code == 200, url
    for url in (
        reverse("evaluation:programme_dashboard", args=[programme.pk]),
        reverse("evaluation:action_dashboard", args=[action.pk]),
        reverse("evaluation:indicator_detail", args=[indicator.pk]),
    ):
        page = c.get(url).content.decode()
        for control in (
            "Nouvel indicateur",
            "Saisir une valeur",
            "Corriger",
            "Modifier l’indicateur",
            "Noter une difficulté",
        ):
            assert control not in page, (url, control)
        assert "Comment l’état d’un indicateur est-il décidé" in page


def test_a_committee_member_who_tries_to_write_gets_403(
    client_for, committee_reads, programme, action, indicator
):
    measurement = MeasurementFactory(indicator=indicator)
    c = client_for(committee_reads)
    assert (
        c.post(
            reverse("evaluation:measurement_add", args=[indicator.pk]), {"period": "2025-07-01", "value": "3"}
        ).status_code
        == 403
    )
    assert (
        c.post(reverse("evaluation:measurement_edit", args=[measurement.pk]), {"value": "3"}).status_code
        == 403
    )
    assert c.get(reverse("evaluation:indicator_edit", args=[indicator.pk])).status_code == 403
    assert c.get(reverse("evaluation:indicator_create") + f"?action={action.pk}").status_code == 403
    assert (
        c.post(
            reverse("evaluation:approach_entry_add", args=[action.pk]),
            {"date": "2025-06-01", "kind": "difficulte", "text": "x"},
        ).status_code
        == 403
    )
    assert c.get(reverse("evaluation:assessment_edit", args=[action.pk])).status_code == 403
    assert Measurement.objects.get(pk=measurement.pk).value == measurement.value
    assert not ApproachEntry.objects.exists()
    page = c.get(reverse("evaluation:monthly_entry")).content.decode()
    assert "Vous n’avez aucun indicateur à renseigner pour ce mois." in page


def test_committee_members_may_ask_for_the_syntheses(client_for, committee_reads, programme, action):
    c = client_for(committee_reads)
    response = c.post(reverse("evaluation:programme_synthesis", args=[programme.pk]))
    document = Document.objects.get(kind="evaluation.programme_synthesis")
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert document.target == programme and document.requested_by == committee_reads
    c.post(reverse("evaluation:action_report", args=[action.pk]))
    assert Document.objects.filter(kind="evaluation.action_report", target_id=str(action.pk)).exists()


def test_another_pilot_does_not_see_the_action(client_for, other_pilot, action, indicator):
    c = client_for(other_pilot)
    assert c.get(reverse("evaluation:action_dashboard", args=[action.pk])).status_code == 404
    assert c.get(reverse("evaluation:indicator_detail", args=[indicator.pk])).status_code == 404


def test_a_person_named_to_fill_in_an_indicator_may_enter_its_values(client_for, other_pilot, indicator):
    indicator.responsible.add(other_pilot.person)
    c = client_for(other_pilot)
    assert c.get(reverse("evaluation:indicator_detail", args=[indicator.pk])).status_code == 200
    response = c.post(
        reverse("evaluation:measurement_add", args=[indicator.pk]), {"period": "2025-06-01", "value": "4"}
    )
    assert response.status_code == 302
    assert c.get(reverse("evaluation:indicator_edit", args=[indicator.pk])).status_code == 403


# --- Entering values ------------------------------------------------------------------------
def test_the_pilot_enters_a_value_with_a_decimal_comma(client_for, pilot, percent_indicator):
    c = client_for(pilot)
    response = c.post(
        reverse("evaluation:measurement_add", args=[percent_indicator.pk]),
        {"period": "2025-06-01", "value": "62,5", "comment": "Enquête de juin", "source": "Questionnaire"},
    )
    assert response.status_code == 302
    measurement = percent_indicator.measurements.get()
    assert measurement.value == D("62.5") and measurement.entered_by == pilot
    page = c.get(percent_indicator.get_absolute_url()).content.decode()
    assert "62,5\u202f%" in page and "Enquête de juin" in page


def test_bad_values_are_refused_in_french_and_the_form_keeps_what_was_typed(
    client_for, pilot, percent_indicator
):
    c = client_for(pilot)
    url = reverse("evaluation:measurement_add", args=[percent_indicator.pk])
    response = c.post(url, {"period": "2025-06-01", "value": "120", "comment": "à vérifier"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Un pourcentage est compris entre 0 et 100." in page and "à vérifier" in page
    assert "Saisissez un nombre." in c.post(url, {"period": "2025-06-01", "value": "abc"}).content.decode()
    assert (
        "Sélectionnez un choix valide" in c.post(url, {"period": "1999-01-01", "value": "5"}).content.decode()
    )
    assert not percent_indicator.measurements.exists()
    c.post(url, {"period": "2025-06-01", "value": "60"})
    duplicate = c.post(url, {"period": "2025-06-01", "value": "70"})
    assert duplicate.status_code == 200
    assert "Une valeur existe déjà pour juin 2025" in duplicate.content.decode()
    assert percent_indicator.measurements.get().value == D("60")


def test_the_pilot_corrects_a_value_and_the_history_keeps_the_former_one(client_for, pilot, indicator):
    measurement = MeasurementFactory(indicator=indicator, value=D("5"))
    c = client_for(pilot)
    url = reverse("evaluation:measurement_edit", args=[measurement.pk])
    assert c.get(url).status_code == 200
    assert c.post(url, {"value": "-2"}).status_code == 200  # redisplayed with the error
    assert c.post(url, {"value": "6", "comment": "Recompté"}).status_code == 302
    page = c.get(indicator.get_absolute_url()).content.decode()
    assert "Historique des modifications" in page
    assert list(measurement.history.values_list("value", flat=True).order_by("history_date")) == [
        D("5"),
        D("6"),
    ]


def test_the_month_entry_is_one_form_for_all_ones_indicators(
    client_for, pilot, action, indicator, percent_indicator
):
    quarterly = IndicatorFactory(action=action, name="Réunions trimestrielles", periodicity="trimestrielle")
    computed = IndicatorFactory(action=action, name="Calculé", computation="companies_engaged")
    MeasurementFactory(indicator=percent_indicator, period=date(2025, 6, 1), value=D("55"))
    c = client_for(pilot)
    url = reverse("evaluation:monthly_entry") + "?mois=2025-06"
    page = c.get(url).content.decode()
    assert (
        indicator.name in page and percent_indicator.name in page and quarterly.name in page
    )  # June closes Q2
    assert computed.name not in page
    assert "juin 2025" in page
    may = c.get(reverse("evaluation:monthly_entry") + "?mois=2025-05").content.decode()
    assert quarterly.name not in may
    names = [i.name for i in sorted([indicator, percent_indicator, quarterly], key=lambda i: (i.name, i.pk))]
    by_name = {indicator.name: "8", percent_indicator.name: "57,5", quarterly.name: ""}
    data = {
        "valeurs-TOTAL_FORMS": "3",
        "valeurs-INITIAL_FORMS": "3",
        "valeurs-MIN_NUM_FORMS": "0",
        "valeurs-MAX_NUM_FORMS": "1000",
    }
    for i, name in enumerate(names):
        data[f"valeurs-{i}-value"] = by_name[name]
        data[f"valeurs-{i}-comment"] = ""
        data[f"valeurs-{i}-source"] = ""
    response = c.post(url, data)
    assert response.status_code == 302
    assert indicator.measurements.get(period=date(2025, 6, 1)).value == D("8")
    assert percent_indicator.measurements.get(period=date(2025, 6, 1)).value == D("57.5")
    assert not quarterly.measurements.exists()
    # A wrong value on one line: nothing saved, the error on that line, in French.
    data[f"valeurs-{names.index(indicator.name)}-value"] = "9"
    data[f"valeurs-{names.index(percent_indicator.name)}-value"] = "140"
    response = c.post(url, data)
    assert response.status_code == 200
    assert "Un pourcentage est compris entre 0 et 100." in response.content.decode()
    assert indicator.measurements.get(period=date(2025, 6, 1)).value == D("8")


def test_a_month_posted_with_other_lines_than_today_is_shown_again(client_for, pilot, indicator):
    """Found by tests/fuzz: a posted line count that differs from the indicators was a server error."""
    c = client_for(pilot)
    url = reverse("evaluation:monthly_entry") + "?mois=2025-06"
    for total in ("", "0", "2", "abc"):
        data = {
            "valeurs-TOTAL_FORMS": total,
            "valeurs-INITIAL_FORMS": "1",
            "valeurs-0-value": "8",
            "valeurs-1-value": "9",
        }
        response = c.post(url, data)
        assert response.status_code == 200
        assert "La liste des indicateurs à renseigner a changé" in html.unescape(response.content.decode())
    assert not indicator.measurements.exists()


def test_an_odd_month_parameter_falls_back_to_the_previous_month(client_for, pilot, indicator):
    c = client_for(pilot)
    for value in ("n’importe", "2025-13", "2999-01"):
        assert c.get(reverse("evaluation:monthly_entry") + f"?mois={value}").status_code == 200


# --- Indicators: creation and edition ----------------------------------------------------
def test_the_pilot_creates_an_indicator_for_the_action(client_for, pilot, action):
    c = client_for(pilot)
    url = reverse("evaluation:indicator_create") + f"?action={action.pk}"
    assert c.get(url).status_code == 200
    data = {
        "name": "Taux de satisfaction",
        "kind": "satisfaction",
        "evaluation": "externe",
        "unit": "pourcentage",
        "direction": "hausse",
        "baseline": "40",
        "target": "150",
        "periodicity": "trimestrielle",
        "is_active": "on",
    }
    response = c.post(url, data)
    assert (
        response.status_code == 200
        and "Un pourcentage est compris entre 0 et 100." in response.content.decode()
    )
    data["target"] = "80,5"
    response = c.post(url, data)
    indicator = Indicator.objects.get(name="Taux de satisfaction")
    assert response.status_code == 302 and indicator.action == action and indicator.target == D("80.5")
    edit = c.post(
        reverse("evaluation:indicator_edit", args=[indicator.pk]), {**data, "name": "Satisfaction (enquête)"}
    )
    assert edit.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Satisfaction (enquête)"


def test_a_computed_indicator_is_chosen_at_creation_and_computed_on_demand(client_for, pilot, action):
    from .factories import ParticipationFactory

    ParticipationFactory(action=action)
    c = client_for(pilot)
    response = c.post(
        reverse("evaluation:indicator_create") + f"?action={action.pk}",
        {
            "name": "Entreprises engagées",
            "kind": "suivi",
            "evaluation": "interne",
            "unit": "pourcentage",
            "computation": "companies_engaged",
            "direction": "hausse",
            "target": "10",
            "periodicity": "mensuelle",
            "is_active": "on",
        },
    )
    indicator = Indicator.objects.get(name="Entreprises engagées")
    assert response.status_code == 302 and indicator.unit == Indicator.Unit.NUMBER
    assert c.post(reverse("evaluation:indicator_compute", args=[indicator.pk])).status_code == 302
    assert indicator.measurements.filter(is_computed=True, value=1).exists()
    # No manual entry on a computed indicator.
    assert (
        c.post(
            reverse("evaluation:measurement_add", args=[indicator.pk]), {"period": "2025-01-01", "value": "3"}
        ).status_code
        == 403
    )


# --- Approach and assessment ----------------------------------------------------------
def test_the_pilot_records_the_approach_and_the_assessment(client_for, pilot, action):
    c = client_for(pilot)
    response = c.post(
        reverse("evaluation:approach_entry_add", args=[action.pk]),
        {"date": "2025-05-12", "kind": "difficulte", "text": "Mobilisation des TPE plus lente que prévu"},
    )
    assert response.status_code == 302 and action.approach_entries.count() == 1
    c.post(
        reverse("evaluation:approach_entry_add", args=[action.pk]),
        {"date": "", "kind": "difficulte", "text": ""},
    )
    assert action.approach_entries.count() == 1
    url = reverse("evaluation:assessment_edit", args=[action.pk])
    assert c.get(url).status_code == 200
    assert c.post(url, {"planned_days": "-3"}).status_code == 200
    response = c.post(
        url,
        {
            "planned_days": "40",
            "days_spent": "46,5",
            "lessons": "Associer les OS dès le départ.",
            "copil_validated_on": "2025-12-10",
            "copil_validation_note": "COPIL n° 4",
        },
    )
    assert response.status_code == 302
    page = c.get(reverse("evaluation:action_dashboard", args=[action.pk])).content.decode()
    assert "Mobilisation des TPE plus lente que prévu" in page and "Associer les OS dès le départ." in page
    assert "46,5" in page


# --- Exports ----------------------------------------------------------------------------
def test_measurements_export_as_csv_and_xlsx(client_for, pilot, programme, indicator):
    MeasurementFactory(indicator=indicator, period=date(2025, 6, 1), value=D("7.5"), comment="=SOMME(A1)")
    other = IndicatorFactory(action=ActionFactory(), name="Invisible")
    MeasurementFactory(indicator=other)
    c = client_for(pilot)
    response = c.get(reverse("evaluation:measurements_export", args=["csv"]) + f"?programme={programme.pk}")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Entreprises accompagnées" in text and "juin 2025" in text and "'=SOMME(A1)" in text
    assert "Invisible" not in text
    response = c.get(
        reverse("evaluation:measurements_export", args=["xlsx"]) + f"?action={indicator.action_id}"
    )
    assert response.content[:2] == b"PK"
    assert c.get(reverse("evaluation:measurements_export", args=["pdf"])).status_code == 404


# --- Dashboards ------------------------------------------------------------------------------
def test_programme_dashboard_shows_states_charts_and_drill_down(
    client_for, pilot, programme, action, indicator
):
    IndicatorFactory(
        action=None, programme=programme, name="Entreprises du PRST accompagnées", target=D("100")
    )
    MeasurementFactory(indicator=indicator, period=date(2025, 6, 1), value=D("25"))
    page = (
        client_for(pilot).get(reverse("evaluation:programme_dashboard", args=[programme.pk])).content.decode()
    )
    assert "<svg" in page and "Entreprises du PRST accompagnées" in page
    assert reverse("evaluation:action_dashboard", args=[action.pk]) in page
    assert "Atteint\u00a0: 1" in page  # the action's indicator reached its target
    assert "Les chiffres sous forme de tableau" in page


def test_dashboard_filters_and_bad_filter_values(client_for, pilot, programme, action):
    ActionFactory(programme=programme, territory="Savoie", title="Action savoyarde")
    add_to_team(programme.actions.get(territory="Savoie"), pilot)
    c = client_for(pilot)
    url = reverse("evaluation:programme_dashboard", args=[programme.pk])
    page = c.get(url + "?territory=Savoie").content.decode()
    assert "Action savoyarde" in page and action.title not in page
    assert c.get(url + "?start=pas-une-date&end=2025-01-01&theme=abc").status_code == 200
    page = c.get(url + "?start=2025-06-01&end=2025-01-01").content.decode()
    assert "La fin de la période doit être postérieure à son début." in page


# The bounds leave room for the queries of the shared layout (session, user, navigation, notices).
def _populate(programme, pilot, actions: int, indicators_per_action: int, months: int):
    from evaluation.models import Measurement

    created = []
    for _ in range(actions):
        action = ActionFactory(programme=programme)
        add_to_team(action, pilot)
        for _ in range(indicators_per_action):
            created.append(IndicatorFactory(action=action))
    IndicatorFactory(action=None, programme=programme)
    measurements = [
        Measurement(indicator=i, period=date(2024 + (m // 12), m % 12 + 1, 1), value=D(m))
        for i in created
        for m in range(months)
    ]
    Measurement.objects.bulk_create(measurements)
    return programme.actions.first()


@pytest.mark.parametrize(("actions", "indicators", "months"), [(2, 1, 2), (12, 4, 18)])
def test_programme_dashboard_query_count_is_flat(
    client_for, pilot, programme, django_assert_max_num_queries, actions, indicators, months
):
    _populate(programme, pilot, actions, indicators, months)
    c = client_for(pilot)
    url = reverse("evaluation:programme_dashboard", args=[programme.pk])
    c.get(url)
    cache.clear()  # the build itself, not the cached body (tests/evaluation/test_dashboard_cache.py)
    with django_assert_max_num_queries(27):
        assert c.get(url).status_code == 200


@pytest.mark.parametrize(("indicators", "months"), [(1, 2), (10, 24)])
def test_action_dashboard_query_count_is_flat(
    client_for, pilot, programme, django_assert_max_num_queries, indicators, months
):
    action = _populate(programme, pilot, 1, indicators, months)
    c = client_for(pilot)
    url = reverse("evaluation:action_dashboard", args=[action.pk])
    with django_assert_max_num_queries(29):
        assert c.get(url).status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_indicator_list_query_count_is_flat(
    client_for, pilot, programme, django_assert_max_num_queries, count
):
    _populate(programme, pilot, 1, count, 3)
    c = client_for(pilot)
    with django_assert_max_num_queries(19):
        assert c.get(reverse("evaluation:indicator_list")).status_code == 200


def test_intermediate_targets_are_entered_with_the_indicator(client_for, pilot, action):
    c = client_for(pilot)
    url = reverse("evaluation:indicator_create") + f"?action={action.pk}"
    data = {
        "name": "Entreprises accompagnées",
        "kind": "resultat",
        "evaluation": "interne",
        "unit": "nombre",
        "direction": "hausse",
        "baseline": "0",
        "target": "40",
        "periodicity": "trimestrielle",
        "is_active": "on",
        "target_steps": "2026-05 ; 10",
    }
    response = c.post(url, data)
    assert "2026-05 : Cette date n’est pas le début d’une période de l’indicateur." in html.unescape(
        response.content.decode()
    )
    response = c.post(url, {**data, "target_steps": "avril ; dix"})
    assert "Ligne 1" in response.content.decode()
    response = c.post(url, {**data, "target_steps": "2026-04 ; 10\n\n2026-07 ; 22,5"})
    assert response.status_code == 302
    indicator = Indicator.objects.get(name="Entreprises accompagnées")
    assert list(indicator.target_steps.values_list("period", "value")) == [
        (date(2026, 4, 1), D("10")),
        (date(2026, 7, 1), D("22.5")),
    ]
    edit = c.get(reverse("evaluation:indicator_edit", args=[indicator.pk])).content.decode()
    assert "2026-07 ; 22,5" in edit


def test_service_indicators_belong_to_the_service_staff(
    client_for, service_staff, service_organisation, pilot, outsider
):
    indicator = IndicatorFactory(
        action=None,
        service=service_organisation,
        name="Adhérents contactés sous 15 jours",
        unit=Indicator.Unit.PERCENT,
        target=D("90"),
    )
    staff = client_for(service_staff)
    index = staff.get(reverse("evaluation:dashboard_index")).content.decode()
    assert "Adhérents contactés sous 15 jours" in index
    assert (
        staff.post(
            reverse("evaluation:measurement_add", args=[indicator.pk]),
            {"period": "2025-06-01", "value": "85"},
        ).status_code
        == 302
    )
    assert (
        staff.get(reverse("evaluation:indicator_create") + f"?service={service_organisation.pk}").status_code
        == 200
    )
    for user in (pilot, outsider):
        assert client_for(user).get(indicator.get_absolute_url()).status_code == 404
        assert (
            client_for(user)
            .get(reverse("evaluation:indicator_create") + f"?service={service_organisation.pk}")
            .status_code
            == 404
        )
