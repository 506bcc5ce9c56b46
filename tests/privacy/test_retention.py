"""Retention: what is past its period is deleted or anonymised, once, and the run is logged."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from adherents.models import ContactAttempt, MembershipApplication
from calls.models import Application, ProjectTeamMember
from core.history import system_actor
from privacy.models import RetentionKind, RetentionRule, RetentionRun
from privacy.services.retention import ANONYMISED, months_before, retention_apply, retention_periods
from reminders.models import Notification, OutgoingEmail
from tests.adherents.factories import AdherentFactory, ApplicationFactory, ContactAttemptFactory
from tests.calls.factories import CallFactory, make_application
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=365 * 6)
RECENTLY = timezone.now() - timedelta(days=20)


def _backdate(model, obj, **fields):
    model.objects.filter(pk=obj.pk).update(**fields)


@pytest.fixture
def aged_data():
    """Of each kind, one row past its period and one within it."""
    user = UserFactory()
    data = {}
    for label, moment in (("old", LONG_AGO), ("new", RECENTLY)):
        attempt = AccessAttempt.objects.create(
            username=f"{label}-user",
            ip_address="10.0.0.1",
            user_agent="x",
            get_data="",
            post_data="",
            failures_since_start=1,
        )
        _backdate(AccessAttempt, attempt, attempt_time=moment)
        email = OutgoingEmail.objects.create(to=f"{label}@example.org", subject="S", body="B", status="sent")
        _backdate(OutgoingEmail, email, created_at=moment)
        notice = Notification.objects.create(user=user, title=f"{label} notice")
        _backdate(Notification, notice, created_at=moment)
        contact = ContactAttemptFactory(
            adherent=AdherentFactory(),
            person_reached=f"Jeanne {label}",
            summary="Rappeler mardi",
            happened_at=moment,
        )
        application = ApplicationFactory(
            status=MembershipApplication.Status.REJECTED, contact_name=f"Paul {label}", reviewed_at=moment
        )
        call_application = make_application(
            CallFactory(), status=Application.Status.NOT_SELECTED, decided_at=moment
        )
        data[label] = {
            "attempt": attempt,
            "email": email,
            "notice": notice,
            "contact": contact,
            "application": application,
            "call_application": call_application,
        }
    return data


def test_defaults_are_documented_and_set():
    assert retention_periods()[RetentionKind.LOGIN_ATTEMPTS] == 6
    assert retention_periods()[RetentionKind.MEMBERSHIP_APPLICATIONS_REJECTED] == 24
    assert RetentionRule.objects.count() == len(RetentionKind.values)


def test_months_before_keeps_the_day_or_takes_the_month_end():
    moment = timezone.now().replace(year=2026, month=8, day=31)
    assert months_before(moment, 6).date().isoformat() == "2026-02-28"
    assert months_before(moment, 24).date().isoformat() == "2024-08-31"


def test_dry_run_counts_and_changes_nothing(aged_data):
    results = {r.kind: r for r in retention_apply(by=system_actor(), dry_run=True)}
    assert results[RetentionKind.LOGIN_ATTEMPTS].count == 1
    assert results[RetentionKind.OUTGOING_EMAILS].count == 1
    assert results[RetentionKind.NOTIFICATIONS].count == 1
    assert results[RetentionKind.CONTACT_ATTEMPTS].count == 1
    assert results[RetentionKind.MEMBERSHIP_APPLICATIONS_REJECTED].count == 1
    assert results[RetentionKind.CALL_APPLICATIONS_REJECTED].count == 1
    assert AccessAttempt.objects.count() == 2 and OutgoingEmail.objects.count() == 2
    assert ContactAttempt.objects.filter(person_reached="Jeanne old").exists()
    assert not RetentionRun.objects.exists()


def test_real_run_does_what_the_dry_run_listed_once_and_is_logged(aged_data):
    admin = UserFactory(is_staff=True)
    listed = {r.kind: r.count for r in retention_apply(by=admin, dry_run=True)}
    done = {r.kind: r.count for r in retention_apply(by=admin)}
    assert done == listed

    old, new = aged_data["old"], aged_data["new"]
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [new["attempt"].pk]
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [new["email"].pk]
    assert list(Notification.objects.values_list("pk", flat=True)) == [new["notice"].pk]
    # Anonymised, not deleted: the counts of contacts and applications stay.
    assert ContactAttempt.objects.count() == 2 and MembershipApplication.objects.count() == 2
    contact = ContactAttempt.objects.get(pk=old["contact"].pk)
    assert (contact.person_reached, contact.summary, contact.outcome) == ("", "", old["contact"].outcome)
    assert not ContactAttempt.history.filter(person_reached="Jeanne old").exists()
    assert ContactAttempt.objects.get(pk=new["contact"].pk).person_reached == "Jeanne new"
    application = MembershipApplication.objects.get(pk=old["application"].pk)
    assert (application.contact_name, application.contact_email, application.status) == (
        ANONYMISED,
        "",
        "refusee",
    )
    assert not MembershipApplication.history.filter(
        contact_email="paul@example.org", id=application.pk
    ).exists()
    call_application = Application.objects.get(pk=old["call_application"].pk)
    assert (call_application.contact_name, call_application.director_name) == ("", "")
    assert set(
        ProjectTeamMember.objects.filter(application=call_application).values_list("full_name", "email")
    ) == {(ANONYMISED, "")}
    assert Application.objects.get(pk=new["call_application"].pk).contact_name == "Paul Casanova"

    run = RetentionRun.objects.get()
    assert run.by == admin and run.finished_at is not None
    assert run.total == sum(done.values())

    again = {r.kind: r.count for r in retention_apply(by=admin)}
    assert set(again.values()) == {0}
    assert RetentionRun.objects.count() == 2


def test_history_rows_lose_their_author_not_their_content(aged_data):
    author = UserFactory()
    contact = aged_data["new"]["contact"]
    row = contact.history.create(
        **{f.attname: getattr(contact, f.attname) for f in ContactAttempt._meta.concrete_fields},
        history_date=LONG_AGO,
        history_type="~",
        history_user=author,
    )
    retention_apply(by=system_actor())
    row.refresh_from_db()
    assert row.history_user is None and row.person_reached == "Jeanne new"


def test_command_dry_run_lists_per_kind_in_french(aged_data, capsys):
    call_command("privacy_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "Simulation" in out
    assert "adherents.ContactAttempt\u00a0: 1" in out
    assert not RetentionRun.objects.exists()
    call_command("privacy_retention")
    assert RetentionRun.objects.get().by.username == "copilote-systeme"


@pytest.mark.parametrize("months", ["", "0", "-3", "douze"])
def test_admin_refuses_an_empty_or_non_positive_period_in_french(client_for, admin_user, months):
    rule = RetentionRule.objects.get(kind=RetentionKind.NOTIFICATIONS)
    url = reverse("admin:privacy_retentionrule_change", args=[rule.pk])
    response = client_for(admin_user).post(url, {"months": months})
    assert response.status_code == 200
    assert "Indiquez une durée de conservation d’au moins un mois." in response.content.decode()
    rule.refresh_from_db()
    assert rule.months == 12


def test_admin_changes_a_period_with_its_author_in_the_history(client_for, admin_user):
    rule = RetentionRule.objects.get(kind=RetentionKind.NOTIFICATIONS)
    response = client_for(admin_user).post(
        reverse("admin:privacy_retentionrule_change", args=[rule.pk]), {"months": "18"}
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.months == 18
    assert rule.history.latest().history_user == admin_user
    assert retention_periods()[RetentionKind.NOTIFICATIONS] == 18


def test_task_runs_as_the_system_account(aged_data):
    from privacy.tasks import apply_retention

    counts = apply_retention()
    assert counts[RetentionKind.LOGIN_ATTEMPTS] == 1
    assert RetentionRun.objects.get().by.username == "copilote-systeme"
