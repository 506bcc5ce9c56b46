"""Notices that mean something: grouped per object and kind, never for one's own acts, each person's
way of receiving them (in the app only, e-mail at once, daily digest), links on the configured site."""

import os
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from config.celery import app
from reminders.grouping import unread_group_count
from reminders.models import Notification, NotificationPreference, OutgoingEmail
from reminders.services import absolute_url, notices_digest_send, notify, reminders_scan
from tests.factories import OrganisationFactory, UserFactory

PARIS = ZoneInfo("Europe/Paris")
LIST = reverse("reminders:notification_list")
PREFERENCES = reverse("reminders:notification_preferences")
Delivery = NotificationPreference.Delivery


def group_read_url(notice):
    return reverse("reminders:notification_group_read", args=[notice.pk])


def prefer(user, delivery):
    NotificationPreference.objects.update_or_create(user=user, defaults={"delivery": delivery})


def publish(users, about, title, *, actor=None, kind="deliverable_published", url="/documents/"):
    return notify(
        users=users,
        title=title,
        message=f"Le livrable « {title} » est publié.",
        url=url,
        actor=actor,
        kind=kind,
        about=about,
    )


@pytest.fixture
def company(db):
    return OrganisationFactory(name="Prévenir les TMS")


# --- Grouping ---------------------------------------------------------------------------------
def test_notices_about_one_object_and_kind_make_one_card_naming_the_object(pilot, company, client_for):
    other = OrganisationFactory(name="Clusters QVT")
    for title in ["Guide", "Fiche", "Bilan"]:
        publish([pilot], company, title)
    publish([pilot], other, "Charte")
    publish([pilot], company, "Réunion de lancement", kind="minutes_circulated")

    html = client_for(pilot).get(LIST).content.decode()
    assert html.count('data-testid="notice-group"') == 3
    assert "Organisation « Prévenir les TMS » — 3 livrables publiés" in html
    assert "Voir les 3 notifications" in html  # the card opens on its notices
    assert "Charte" in html and "Réunion de lancement" in html
    # The badge counts the cards, not the notices.
    assert 'data-testid="unread-count">3</span>' in html
    assert unread_group_count(Notification.objects.filter(user=pilot)) == 3


def test_marking_a_card_read_marks_its_notices_read_and_no_other(pilot, other_pilot, company, client_for):
    for title in ["Guide", "Fiche"]:
        publish([pilot, other_pilot], company, title)
    publish([pilot], OrganisationFactory(), "Charte")
    latest = Notification.objects.filter(user=pilot, about_id=company.pk).first()

    response = client_for(pilot).post(group_read_url(latest))
    assert response.status_code == 302 and response["Location"] == LIST
    assert not Notification.objects.filter(user=pilot, about_id=company.pk, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=pilot, title="Charte", read_at__isnull=True).exists()
    assert Notification.objects.filter(user=other_pilot, read_at__isnull=True).count() == 2
    # Somebody else's card is not theirs to mark.
    theirs = Notification.objects.filter(user=other_pilot).first()
    assert client_for(pilot).post(group_read_url(theirs)).status_code == 404
    assert client_for(pilot).get(group_read_url(latest)).status_code == 405


def test_the_actor_is_never_notified_of_their_own_act(pilot, other_pilot, company):
    assert publish([pilot, other_pilot], company, "Guide", actor=pilot) == 1
    assert not Notification.objects.filter(user=pilot).exists()
    notice = Notification.objects.get(user=other_pilot)
    assert notice.actor == pilot and notice.kind == "deliverable_published"
    assert notice.about_label == "Organisation « Prévenir les TMS »"
    assert OutgoingEmail.objects.filter(to=pilot.email).count() == 0


def test_a_reminder_of_the_engine_carries_its_rule_and_object(deadline_rule, pilot, company):
    deadline_rule.add(company, date(2026, 6, 1), [pilot])
    reminders_scan(today=date(2026, 6, 1))
    notice = Notification.objects.get(user=pilot)
    assert notice.kind == "tests.deadline"
    assert (notice.about_type.model, notice.about_id) == ("organisation", company.pk)
    assert notice.about_label == "Organisation « Prévenir les TMS »"


@pytest.mark.parametrize("groups", [3, 30])
def test_the_notices_page_costs_the_same_queries_at_any_size(
    pilot, client_for, django_assert_max_num_queries, groups
):
    for _ in range(groups):
        about = OrganisationFactory()
        for index in range(4):
            publish([pilot], about, f"Livrable {index}")
    client = client_for(pilot)
    client.get(LIST)
    with django_assert_max_num_queries(10):
        response = client.get(LIST)
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="notice-group"') == min(groups, 20)


# --- Preferences ------------------------------------------------------------------------------
def test_by_default_each_notice_is_e_mailed_at_once(pilot, company):
    publish([pilot], company, "Guide")
    assert OutgoingEmail.objects.filter(to=pilot.email).count() == 1
    assert not Notification.objects.get(user=pilot).digest_due


def test_in_app_only_sends_no_e_mail(pilot, company, deadline_rule):
    prefer(pilot, Delivery.IN_APP)
    publish([pilot], company, "Guide")
    deadline_rule.add(company, date(2026, 6, 1), [pilot])
    mail.outbox.clear()
    result = reminders_scan(today=date(2026, 6, 1))
    assert result.sent == 1 and mail.outbox == []  # the reminder is in the app, not in the mailbox
    assert Notification.objects.filter(user=pilot).count() == 2
    assert OutgoingEmail.objects.count() == 0
    assert notices_digest_send(now=timezone.now() + timedelta(days=1)) == 0


def test_the_digest_sends_one_e_mail_the_next_day_not_two(
    pilot, other_pilot, company, deadline_rule, settings
):
    settings.SITE_URL = "http://127.0.0.1:8123"
    prefer(pilot, Delivery.DIGEST)
    for title in ["Guide", "Fiche", "Bilan"]:
        publish([pilot, other_pilot], company, title)
    deadline_rule.add(company, date(2026, 6, 1), [pilot])
    mail.outbox.clear()
    reminders_scan(today=date(2026, 6, 1))
    assert mail.outbox == []  # the deadline reminder waits for the digest too
    assert OutgoingEmail.objects.filter(to=pilot.email).count() == 0
    assert OutgoingEmail.objects.filter(to=other_pilot.email).count() == 3

    today = timezone.now()
    assert notices_digest_send(now=today) == 0  # today's notices go tomorrow
    tomorrow = today + timedelta(days=1)
    assert notices_digest_send(now=tomorrow) == 1
    assert notices_digest_send(now=tomorrow + timedelta(hours=2)) == 0
    digest = OutgoingEmail.objects.get(to=pilot.email)
    assert digest.subject.startswith("Copilote\u00a0: vos notifications")
    assert "Organisation « Prévenir les TMS » — 3 livrables publiés" in digest.body
    assert "http://127.0.0.1:8123/documents/" in digest.body
    assert "http://127.0.0.1:8123" + PREFERENCES in digest.body
    assert "Échéance du 01/06/2026" in digest.body
    assert not Notification.objects.filter(user=pilot, digested_at__isnull=True).exists()


def test_the_digest_leaves_out_what_was_read_in_the_app(pilot, company):
    prefer(pilot, Delivery.DIGEST)
    publish([pilot], company, "Guide")
    Notification.objects.filter(user=pilot).update(read_at=timezone.now())
    assert notices_digest_send(now=timezone.now() + timedelta(days=1)) == 0
    assert OutgoingEmail.objects.count() == 0


def test_the_person_chooses_how_they_receive_their_notices(pilot, client_for, member_contact):
    client = client_for(pilot)
    page = client.get(PREFERENCES)
    assert page.status_code == 200
    assert "Dans l’application et par e-mail aussitôt" in page.content.decode()
    response = client.post(PREFERENCES, {"delivery": Delivery.DIGEST})
    assert response.status_code == 302 and response["Location"] == LIST
    preference = NotificationPreference.objects.get(user=pilot)
    assert preference.delivery == Delivery.DIGEST
    assert preference.history.latest().history_user == pilot
    client.post(PREFERENCES, {"delivery": Delivery.IN_APP})
    assert list(preference.history.values_list("delivery", flat=True).order_by("history_id")) == [
        "digest",
        "in_app",
    ]
    assert client.post(PREFERENCES, {"delivery": "pigeon"}).status_code == 200
    assert NotificationPreference.objects.get(user=pilot).delivery == Delivery.IN_APP
    # The link from the notices page and from the account menu.
    html = client.get(LIST).content.decode()
    assert html.count(f'href="{PREFERENCES}"') == 2
    # A portal account chooses too.
    assert client_for(member_contact).get(PREFERENCES).status_code == 200


def test_the_digest_runs_every_morning_in_paris():
    entry = settings.CELERY_BEAT_SCHEDULE["reminders-daily-digest"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {15}


# --- Links on the configured site ------------------------------------------------------------
def test_links_in_e_mails_lead_to_the_configured_site(pilot, company, settings):
    settings.SITE_URL = "http://127.0.0.1:8123/"
    assert absolute_url("/actions/1/") == "http://127.0.0.1:8123/actions/1/"
    assert absolute_url("https://ailleurs.example/x") == "https://ailleurs.example/x"
    publish([pilot], company, "Guide", url="/actions/1/")
    assert "http://127.0.0.1:8123/actions/1/" in OutgoingEmail.objects.get(to=pilot.email).body


def test_make_run_gives_the_port_it_serves_as_the_site_url():
    root = Path(settings.BASE_DIR)
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT", "MAKEFLAGS", "MFLAGS"}}
    commands = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", "PORT=8123", "VENV=/nonexistent-venv-dry-run"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    served = [line for line in commands.splitlines() if "runserver" in line or "load_demo" in line]
    assert len(served) == 2
    assert all(line.startswith("SITE_URL=http://127.0.0.1:8123 ") for line in served)


def test_a_paris_midnight_bounds_the_digest(pilot, company):
    prefer(pilot, Delivery.DIGEST)
    publish([pilot], company, "Guide")
    # Written at 23:30 in Paris (22:30 UTC): the digest of 07:15 the next morning carries it.
    Notification.objects.filter(user=pilot).update(created_at=datetime(2026, 6, 1, 23, 30, tzinfo=PARIS))
    assert notices_digest_send(now=datetime(2026, 6, 1, 23, 50, tzinfo=PARIS)) == 0
    assert notices_digest_send(now=datetime(2026, 6, 2, 7, 15, tzinfo=PARIS)) == 1
    UserFactory(username="sans-avis")  # nobody else gets an empty digest
    assert OutgoingEmail.objects.count() == 1


def test_a_long_group_is_cut_short_in_the_digest(pilot, company):
    prefer(pilot, Delivery.DIGEST)
    for index in range(12):
        publish([pilot], company, f"Livrable {index}")
    assert notices_digest_send(now=timezone.now() + timedelta(days=1)) == 1
    body = OutgoingEmail.objects.get(to=pilot.email).body
    assert "Voici vos 12 notifications non lues dans Copilote\u00a0:" in body
    assert "12 livrables publiés" in body
    assert body.count("/documents/") == 10  # the ten latest, each with its link
    assert "et 2 notifications plus anciennes" in body
