from datetime import timedelta
from itertools import pairwise

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from actions.models import ActionPhase, CollectiveAction, Deliverable, PhaseTransition, TeamMember
from actions.selectors import action_figures, programme_figures
from actions.services import (
    action_close,
    action_create,
    deliverable_publish,
    deliverable_set_status,
    deliverable_upload,
    deliverable_validate,
    phase_advance,
)
from reminders.models import Notification
from tests.actions.conftest import pdf_upload
from tests.actions.factories import make_action

pytestmark = pytest.mark.django_db


def _validate_current(action, user):
    deliverable = action.deliverables.get(phase__number=action.current_phase_number, is_phase_default=True)
    deliverable_upload(deliverable=deliverable, upload=pdf_upload(), by=user)
    deliverable_validate(deliverable=deliverable, by=user, note="COPIL du 12 mars")
    return deliverable


def test_action_create_builds_seven_phases_with_their_deliverables_and_makes_the_creator_pilot(
    pilot, programme
):
    action = action_create(
        by=pilot,
        programme=programme,
        code="01",
        title="Action",
        start_date=timezone.localdate(),
        preparation_months=6,
        deployment_months=30,
    )
    phases = list(action.phases.order_by("number"))
    assert [p.number for p in phases] == [1, 2, 3, 4, 5, 6, 7]
    assert (
        phases[0].status == ActionPhase.Status.IN_PROGRESS and phases[0].actual_start == timezone.localdate()
    )
    assert all(p.status == ActionPhase.Status.NOT_STARTED for p in phases[1:])
    assert [d.title for d in action.deliverables.order_by("phase__number")] == [
        "Pré-projet formalisé",
        "Convention signée",
        "Liste arrêtée des entreprises et des groupes",
        "DU / plan d’action par entreprise",
        "Document de synthèse validé par le COPIL",
        "Supports de diffusion",
        "Compte-rendu final d’évaluation",
    ]
    # Planned dates follow one another and cover the planned duration.
    assert phases[0].planned_start == action.start_date
    for before, after in pairwise(phases):
        assert after.planned_start == before.planned_end + timedelta(days=1)
    assert 1080 <= (phases[-1].planned_end - action.start_date).days <= 1100
    member = action.team.get()
    assert member.person.user == pilot and member.role == TeamMember.Role.PILOT
    assert action.current_phase_number == 1


def test_action_create_refuses_a_budget_range_upside_down(pilot, programme):
    with pytest.raises(ValidationError) as error:
        action_create(
            by=pilot, programme=programme, code="X", title="X", budget_min_keur=50, budget_max_keur=10
        )
    assert "budget" in str(error.value).lower()
    assert not CollectiveAction.objects.filter(code="X").exists()


def test_phase_advance_is_refused_while_the_pre_project_is_not_validated(action, pilot):
    with pytest.raises(ValidationError) as error:
        phase_advance(action=action, by=pilot)
    message = error.value.messages[0]
    assert "Pré-projet formalisé" in message and "Conception" in message
    action.refresh_from_db()
    assert action.current_phase_number == 1
    assert not PhaseTransition.objects.exists()


def test_phase_advance_after_validation_moves_on_and_records_the_transition(action, pilot):
    _validate_current(action, pilot)
    following = phase_advance(action=action, by=pilot)
    action.refresh_from_db()
    assert following.number == 2 and following.status == ActionPhase.Status.IN_PROGRESS
    assert following.actual_start == timezone.localdate()
    first = action.phases.get(number=1)
    assert first.status == ActionPhase.Status.DONE and first.actual_end == timezone.localdate()
    assert action.current_phase_number == 2
    assert action.status == CollectiveAction.Status.ONGOING
    transition = PhaseTransition.objects.get()
    assert (transition.from_number, transition.to_number, transition.by) == (1, 2, pilot)
    assert transition.override_reason == "" and transition.missing_deliverables == []


def test_an_override_needs_a_reason_and_is_kept(action, pilot):
    with pytest.raises(ValidationError, match="raison"):
        phase_advance(action=action, by=pilot, override_reason="   ")
    phase_advance(action=action, by=pilot, override_reason="Pré-projet présenté oralement au COPIL")
    transition = PhaseTransition.objects.get()
    assert transition.override_reason == "Pré-projet présenté oralement au COPIL"
    assert transition.missing_deliverables == ["Pré-projet formalisé"]


def test_an_optional_deliverable_does_not_block(action, pilot):
    deliverable = action.deliverables.get(phase__number=1)
    deliverable.is_required = False
    deliverable.save()
    assert phase_advance(action=action, by=pilot).number == 2


def test_a_suspended_action_does_not_move(action, pilot):
    action.status = CollectiveAction.Status.SUSPENDED
    action.save()
    with pytest.raises(ValidationError, match="suspendue"):
        phase_advance(action=action, by=pilot, override_reason="urgence")


def test_the_last_phase_closes_the_action(action, pilot):
    for _ in range(6):
        phase_advance(action=action, by=pilot, override_reason="Reprise d’une action existante")
    action.refresh_from_db()
    assert action.current_phase_number == 7
    with pytest.raises(ValidationError, match="dernière phase"):
        phase_advance(action=action, by=pilot, override_reason="x")
    with pytest.raises(ValidationError, match="Compte-rendu final"):
        action_close(action=action, by=pilot)
    _validate_current(action, pilot)
    action_close(action=action, by=pilot)
    action.refresh_from_db()
    assert action.status == CollectiveAction.Status.CLOSED
    assert action.phases.get(number=7).status == ActionPhase.Status.DONE
    with pytest.raises(ValidationError):
        phase_advance(action=action, by=pilot, override_reason="x")


def test_upload_checks_the_type_from_the_content_and_stores_under_a_generated_name(action, pilot):
    deliverable = action.deliverables.get(phase__number=1)
    fake = SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError, match="type"):
        deliverable_upload(deliverable=deliverable, upload=fake, by=pilot)
    deliverable_upload(deliverable=deliverable, upload=pdf_upload("../../etc/pré projet.pdf"), by=pilot)
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.SUBMITTED
    assert deliverable.file_kind == "pdf" and deliverable.original_filename.endswith("pré projet.pdf")
    assert (
        deliverable.file.name.startswith(f"deliverables/{action.pk}/") and ".." not in deliverable.file.name
    )
    assert deliverable.file.read().startswith(b"%PDF")
    with pytest.raises(ValueError):
        deliverable.file.url  # noqa: B018 - private files have no public URL


def test_validation_needs_a_file_and_a_new_file_needs_a_new_validation(action, pilot):
    deliverable = action.deliverables.get(phase__number=1)
    with pytest.raises(ValidationError, match="fichier"):
        deliverable_validate(deliverable=deliverable, by=pilot)
    _validate_current(action, pilot)
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.VALIDATED and deliverable.validated_by == pilot
    assert deliverable.validation_note == "COPIL du 12 mars"
    with pytest.raises(ValidationError, match="nouvelle version"):
        deliverable_set_status(deliverable=deliverable, status=Deliverable.Status.IN_PROGRESS, by=pilot)
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.VALIDATED and deliverable.validated_by == pilot
    deliverable_upload(deliverable=deliverable, upload=pdf_upload("v2.pdf"), by=pilot)
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.SUBMITTED and deliverable.validated_by is None


def test_set_status_cannot_validate_nor_submit_without_file(action, pilot):
    deliverable = action.deliverables.get(phase__number=1)
    with pytest.raises(ValidationError):
        deliverable_set_status(deliverable=deliverable, status=Deliverable.Status.VALIDATED, by=pilot)
    with pytest.raises(ValidationError):
        deliverable_set_status(deliverable=deliverable, status=Deliverable.Status.SUBMITTED, by=pilot)
    deliverable_set_status(deliverable=deliverable, status=Deliverable.Status.IN_PROGRESS, by=pilot)
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.IN_PROGRESS


def test_publishing_notifies_followers_and_team(
    django_capture_on_commit_callbacks, action, pilot, consultant, outsider
):
    from actions.services import action_follow
    from directory.access import person_of

    TeamMember.objects.create(action=action, person=person_of(consultant), role=TeamMember.Role.CONSULTANT)
    action_follow(action=action, by=outsider)
    deliverable = _validate_current(action, pilot)
    with django_capture_on_commit_callbacks(execute=True):
        deliverable_publish(deliverable=deliverable, by=pilot)
    notified = set(Notification.objects.values_list("user__username", flat=True))
    # the pilot published: never notified of their own act
    assert notified == {consultant.username, outsider.username}
    assert (
        Notification.objects.filter(kind="deliverable_published", about_id=action.pk, actor=pilot).count()
        == 2
    )
    assert len(mail.outbox) == 2 and "Pré-projet formalisé" in mail.outbox[0].subject
    with pytest.raises(ValidationError):
        deliverable_publish(deliverable=deliverable, by=pilot)


def test_an_unvalidated_deliverable_cannot_be_published(action, pilot):
    with pytest.raises(ValidationError):
        deliverable_publish(deliverable=action.deliverables.first(), by=pilot)


def test_figures_count_companies_deliverables_phases_and_budget(action, pilot):
    from decimal import Decimal

    from actions.models import FinancingLine, Participation
    from tests.factories import OrganisationFactory

    today = timezone.localdate()
    action.budget_min_keur, action.budget_max_keur = Decimal(100), Decimal(300)
    action.save()
    Participation.objects.create(
        action=action,
        organisation=OrganisationFactory(),
        status="engagee",
        du_formalised_on=today,
        action_plan_on=today,
        prevention_system_on=today,
    )
    Participation.objects.create(
        action=action, organisation=OrganisationFactory(), status="engagee", du_formalised_on=today
    )
    Participation.objects.create(
        action=action, organisation=OrganisationFactory(), status="sortie", withdrawal_reason="Cessation"
    )
    FinancingLine.objects.create(
        action=action, funder=OrganisationFactory(), amount_eur=Decimal(50000), status="accorde"
    )
    FinancingLine.objects.create(
        action=action, funder=OrganisationFactory(), amount_eur=Decimal(20000), status="verse"
    )
    FinancingLine.objects.create(
        action=action, funder=OrganisationFactory(), amount_eur=Decimal(90000), status="sollicite"
    )
    on_time = _validate_current(action, pilot)
    on_time.due_date = today
    on_time.save()
    late = action.deliverables.get(phase__number=2)
    late.due_date = today - timedelta(days=3)
    late.save()
    phase = action.phases.get(number=1)
    phase.planned_end = today - timedelta(days=1)
    phase.save()

    figures = action_figures(action)
    assert figures["companies_engaged"] == 2 and figures["companies_withdrawn"] == 1
    assert figures["companies_with_du"] == 2 and figures["companies_with_action_plan"] == 1
    assert figures["companies_with_prevention_system"] == 1
    assert figures["deliverables_validated"] == 1 and figures["deliverables_validated_on_time"] == 1
    assert figures["deliverables_late"] == 1 and figures["phases_late"] == 1
    assert figures["budget_planned_max_eur"] == Decimal(300000)
    assert figures["budget_engaged_eur"] == Decimal(70000) and figures["financing_requested_eur"] == Decimal(
        90000
    )

    make_action(by=pilot, programme=action.programme)
    totals = programme_figures(action.programme)
    assert totals["actions_total"] == 2 and totals["actions_by_phase"][1] == 2
    assert totals["companies_engaged"] == 2 and totals["deliverables_total"] == 14
