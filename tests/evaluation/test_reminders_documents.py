from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from actions.models import CollectiveAction
from evaluation import reminders as evaluation_reminders  # noqa: F401  (registers the rule)
from evaluation.models import ActionAssessment, ApproachEntry, Indicator
from reminders.models import SentReminder
from reminders.registry import all_rules
from reminders.services import reminders_scan
from reports.models import Document
from reports.pdf import render_html_to_pdf
from reports.services import build_html, document_request

from .factories import IndicatorFactory, MeasurementFactory, ParticipationFactory, PhaseFactory

pytestmark = pytest.mark.django_db


def _rule():
    return [r for r in all_rules() if r.key == "evaluation.measurement_missing"]


def _backdate(indicator, day):
    Indicator.objects.filter(pk=indicator.pk).update(
        created_at=timezone.make_aware(timezone.datetime(day.year, day.month, day.day))
    )


def test_a_reminder_goes_out_once_when_a_period_closes_without_its_value(
    action, pilot, other_pilot, mailoutbox
):
    missing = IndicatorFactory(action=action, name="Participants", periodicity="mensuelle")
    missing.responsible.add(other_pilot.person)
    entered = IndicatorFactory(action=action, name="Saisi", periodicity="mensuelle")
    computed = IndicatorFactory(action=action, name="Calculé", computation="companies_engaged")
    for indicator in (missing, entered, computed):
        _backdate(indicator, date(2025, 1, 1))
    MeasurementFactory(indicator=entered, period=date(2025, 5, 1))
    today = date(2025, 6, 3)
    result = reminders_scan(today=today, rules=_rule())
    assert result.sent == 1
    log = SentReminder.objects.get()
    assert log.recipient == other_pilot and log.due_date == date(2025, 6, 1)
    assert "Valeur à saisir\u00a0: Participants (mai 2025)" in mailoutbox[0].subject
    assert reminders_scan(today=today, rules=_rule()).sent == 0  # once only


def test_without_a_named_person_the_action_team_is_reminded_and_finished_actions_are_not(action, pilot):
    indicator = IndicatorFactory(action=action, periodicity="trimestrielle")
    _backdate(indicator, date(2025, 1, 1))
    assert reminders_scan(today=date(2025, 7, 2), rules=_rule()).sent == 1
    assert SentReminder.objects.get().recipient == pilot
    CollectiveAction.objects.filter(pk=action.pk).update(status=CollectiveAction.Status.CLOSED)
    assert reminders_scan(today=date(2025, 10, 2), rules=_rule()).sent == 0


def test_an_indicator_created_after_the_period_is_not_reminded(action, pilot):
    IndicatorFactory(action=action, periodicity="mensuelle")  # created today
    last_month_end = date.today().replace(day=1) - timedelta(days=1)
    assert reminders_scan(today=last_month_end - timedelta(days=40), rules=_rule()).sent == 0


def _closed_action(action):
    action.status = CollectiveAction.Status.CLOSED
    action.objectives = [
        "Outiller les dirigeants",
        {"title": "Dialogue social", "text": "associer les représentants"},
    ]
    action.evaluation_criteria = "Nombre d’établissements accompagnés. Analyse des effets à 6 mois."
    action.save()
    for number in range(1, 8):
        PhaseFactory(
            action=action,
            number=number,
            planned_start=date(2024, number, 1),
            planned_end=date(2024, number, 25),
            actual_start=date(2024, number, 1),
            actual_end=date(2024, number, 28),
        )
    ParticipationFactory(
        action=action, du_formalised_on=date(2024, 5, 1), prevention_system_on=date(2024, 7, 1)
    )
    indicator = IndicatorFactory(action=action, name="Entreprises accompagnées", target=D("10"))
    for month in range(1, 8):
        MeasurementFactory(indicator=indicator, period=date(2024, month, 1), value=D(month))
    ApproachEntry.objects.create(
        action=action, date=date(2024, 3, 1), kind="difficulte", text="Calendrier serré"
    )
    ActionAssessment.objects.create(
        action=action,
        lessons="Travailler en petits groupes.",
        planned_days=D(20),
        days_spent=D(24),
        copil_validated_on=date(2024, 9, 10),
    )


def test_the_final_evaluation_report_reads_like_a_report(action, pilot):
    _closed_action(action)
    document = document_request(kind="evaluation.action_report", target=action, requested_by=pilot)
    html = build_html(document)
    for text in (
        "Compte-rendu final d’évaluation",
        "Objectifs et critères fixés lors de la conception",
        "Outiller les dirigeants",
        "Dialogue social — associer les représentants",
        "Analyse des effets à 6 mois",
        "Entreprises accompagnées",
        "<svg",
        "Calendrier serré",
        "Travailler en petits groupes.",
        "Ce compte-rendu a été validé par le COPIL le 10 septembre 2024",
        "Évaluation de la démarche",
    ):
        assert text in html, text
    pdf = render_html_to_pdf(html)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10000


def test_both_pdfs_list_the_companies_with_one_table_each_in_its_own_way(action, pilot):
    """actions/pdf/_participations.html: the fiche-action gives days and withdrawal reasons, the final report months and a total."""
    from actions.models import Participation

    ParticipationFactory(
        action=action, du_formalised_on=date(2024, 5, 1), prevention_system_on=date(2024, 7, 1)
    )
    ParticipationFactory(
        action=action, status=Participation.Status.WITHDRAWN, withdrawal_reason="Cessation d’activité"
    )
    report = build_html(document_request(kind="evaluation.action_report", target=action, requested_by=pilot))
    fiche = build_html(document_request(kind="actions.fiche", target=action, requested_by=pilot))
    for text in ("05/2024", "07/2024", "Total (", "entreprises engagées dans la démarche)"):
        assert text in report, text
    assert "Cessation d’activité" not in report
    assert "Cessation d’activité" in fiche
    assert "05/2024" not in fiche and "Total (" not in fiche


def test_the_programme_synthesis_lists_actions_indicators_and_governance(programme, action, pilot):
    IndicatorFactory(action=None, programme=programme, name="Entreprises sensibilisées", target=D("200"))
    document = document_request(kind="evaluation.programme_synthesis", target=programme, requested_by=pilot)
    html = build_html(document)
    for text in (
        "Synthèse pour les instances de pilotage",
        "Entreprises sensibilisées",
        action.title,
        "Les actions par phase et par statut",
        "La gouvernance",
    ):
        assert text in html, text
    assert render_html_to_pdf(html).startswith(b"%PDF")


def test_an_outsider_cannot_ask_for_the_reports(action, outsider):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        document_request(kind="evaluation.action_report", target=action, requested_by=outsider)
    assert not Document.objects.exists()
