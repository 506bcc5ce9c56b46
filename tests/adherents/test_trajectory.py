from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from adherents import services
from adherents.models import ContactAttempt, HealthUnit, StepInstance, TrajectoryStep

from .factories import AdherentFactory, HealthUnitFactory


def test_starting_the_trajectory_gives_each_step_its_due_date(templates, service_organisation, unit):
    unit.prevention_visit_delay_days = 90
    unit.save()
    member = AdherentFactory(service=service_organisation, unit=unit)
    start = timezone.localdate() - timedelta(days=5)
    services.trajectory_start(by=None, adherent=member, template=templates[0], start_on=start)
    dues = {s.step.name: s.due_on for s in member.steps.select_related("step")}
    assert len(dues) == 8
    assert dues["Dossier d'adhésion"] == start
    assert dues["Appel d'accueil"] == start + timedelta(days=15)
    # The prevention visit's delay is the UST's, not the template's 183 days.
    assert dues["Rendez-vous de la prévention"] == start + timedelta(days=90)
    # Counted from the previous step's due date while it is not done.
    assert dues["Mail récapitulatif"] == dues["Appel d'accueil"] + timedelta(days=2)
    assert dues["Débrief UST"] == dues["Rendez-vous de la prévention"] + timedelta(days=15)


def test_completing_a_step_moves_the_steps_counted_from_it(adherent, service_staff):
    welcome = adherent.steps.get(step__kind=TrajectoryStep.Kind.WELCOME_CALL)
    done_on = welcome.started_on + timedelta(days=3)
    services.step_complete(instance=welcome, by=service_staff, completed_on=done_on)
    mail = adherent.steps.get(step__name="Mail récapitulatif")
    assert mail.due_on == done_on + timedelta(days=2)


def test_a_step_cannot_be_completed_in_the_future_or_twice(adherent, service_staff):
    step = adherent.steps.get(step__order=1)
    with pytest.raises(ValidationError):
        services.step_complete(
            instance=step, by=service_staff, completed_on=timezone.localdate() + timedelta(days=1)
        )
    services.step_complete(instance=step, by=service_staff)
    with pytest.raises(ValidationError):
        services.step_complete(instance=step, by=service_staff)


def test_the_same_trajectory_cannot_start_twice_on_the_same_day(adherent, templates):
    started = adherent.steps.first().started_on
    with pytest.raises(ValidationError):
        services.trajectory_start(by=None, adherent=adherent, template=templates[0], start_on=started)


def test_step_status(adherent):
    today = timezone.localdate()
    step = adherent.steps.get(step__kind=TrajectoryStep.Kind.WELCOME_CALL)
    step.due_on = today - timedelta(days=1)
    assert step.status_on(today) == StepInstance.Status.LATE
    step.due_on = today + timedelta(days=3)
    assert step.status_on(today) == StepInstance.Status.DUE
    step.due_on = today + timedelta(days=60)
    assert step.status_on(today) == StepInstance.Status.UPCOMING
    step.completed_on = today
    assert step.status_on(today) == StepInstance.Status.DONE


def test_unit_delay_is_at_most_six_months(service_organisation, sector):
    unit = HealthUnit(
        service=service_organisation, sector=sector, name="UST trop lente", prevention_visit_delay_days=200
    )
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert "prevention_visit_delay_days" in error.value.message_dict
    HealthUnitFactory(
        service=service_organisation, sector=sector, prevention_visit_delay_days=183
    ).full_clean()


def test_staff_complete_a_step_from_the_member_page(client_for, service_staff, adherent):
    step = adherent.steps.get(step__order=1)
    client = client_for(service_staff)
    page = client.get(adherent.get_absolute_url()).content.decode()
    assert "Dossier d&#x27;adhésion" in page and "Rendez-vous de la prévention" in page
    response = client.post(
        reverse("adherents:step_complete", args=[adherent.pk, step.pk]),
        {"completed_on": timezone.localdate().isoformat(), "comment": "Dossier complet"},
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.completed_on == timezone.localdate() and step.completed_by == service_staff


def test_completing_a_step_in_the_future_redisplays_the_form_in_french(client_for, service_staff, adherent):
    step = adherent.steps.get(step__order=1)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(service_staff).post(
        reverse("adherents:step_complete", args=[adherent.pk, step.pk]), {"completed_on": tomorrow}
    )
    assert response.status_code == 200
    assert "Une étape ne peut pas être réalisée dans le futur." in response.content.decode()
    assert tomorrow in response.content.decode()


def test_reopening_a_step(client_for, service_staff, adherent):
    step = adherent.steps.get(step__order=1)
    services.step_complete(instance=step, by=service_staff)
    client_for(service_staff).post(reverse("adherents:step_reopen", args=[adherent.pk, step.pk]))
    step.refresh_from_db()
    assert step.completed_on is None


# --- Contact log ---------------------------------------------------------------------
def test_a_successful_call_marks_the_member_reached_and_the_welcome_call_done(adherent, service_staff):
    services.contact_log(adherent=adherent, by=service_staff, channel="telephone", outcome="injoignable")
    adherent.refresh_from_db()
    assert adherent.first_reached_at is None
    services.contact_log(
        adherent=adherent, by=service_staff, channel="telephone", outcome="joint", person_reached="M. Dupont"
    )
    adherent.refresh_from_db()
    assert adherent.first_reached_at is not None and not adherent.unreachable
    assert (
        adherent.steps.get(step__kind=TrajectoryStep.Kind.WELCOME_CALL).completed_on == timezone.localdate()
    )


def test_three_failed_attempts_in_a_row_flag_the_member_unreachable(adherent, service_staff):
    for outcome in ("injoignable", "message", "injoignable"):
        services.contact_log(adherent=adherent, by=service_staff, channel="telephone", outcome=outcome)
    adherent.refresh_from_db()
    assert adherent.unreachable
    services.contact_log(adherent=adherent, by=service_staff, channel="email", outcome="joint")
    adherent.refresh_from_db()
    assert not adherent.unreachable


def test_a_contact_cannot_be_logged_in_the_future(adherent, service_staff):
    with pytest.raises(ValidationError):
        services.contact_log(
            adherent=adherent,
            by=service_staff,
            channel="telephone",
            outcome="joint",
            happened_at=timezone.now() + timedelta(days=1),
        )


def test_staff_log_a_failed_then_a_successful_call(client_for, service_staff, adherent):
    client = client_for(service_staff)
    url = reverse("adherents:contact_create", args=[adherent.pk])
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    assert (
        client.post(url, {"happened_at": now, "channel": "telephone", "outcome": "injoignable"}).status_code
        == 302
    )
    assert (
        client.post(
            url, {"happened_at": now, "channel": "telephone", "outcome": "joint", "summary": "Accueil fait"}
        ).status_code
        == 302
    )
    assert list(adherent.contacts.values_list("outcome", flat=True).order_by("pk")) == [
        ContactAttempt.Outcome.UNREACHABLE,
        ContactAttempt.Outcome.REACHED,
    ]
    page = client.get(adherent.get_absolute_url()).content.decode()
    assert "Accueil fait" in page and "Injoignable" in page


def test_contact_form_refuses_a_missing_outcome(client_for, service_staff, adherent):
    response = client_for(service_staff).post(
        reverse("adherents:contact_create", args=[adherent.pk]),
        {"channel": "telephone", "summary": "Texte gardé"},
    )
    assert response.status_code == 200 and "Texte gardé" in response.content.decode()
    assert not adherent.contacts.exists()
