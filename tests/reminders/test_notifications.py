"""The notification pages: one's own notices only, open (marks read, local links only), mark all read."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from config.celery import app
from reminders.models import Notification
from tests.html import squeeze

LIST = reverse("reminders:notification_list")
MARK_ALL = reverse("reminders:notification_mark_all_read")


def open_url(notification):
    return reverse("reminders:notification_open", args=[notification.pk])


@pytest.fixture
def notices(pilot, other_pilot):
    return {
        "mine": Notification.objects.create(user=pilot, title="Livrable attendu demain", url="/documents/"),
        "mine_evil": Notification.objects.create(
            user=pilot, title="Lien piégé", url="https://evil.example/vol"
        ),
        "mine_plain": Notification.objects.create(user=pilot, title="Sans lien"),
        "theirs": Notification.objects.create(user=other_pilot, title="Réunion du CROCT", url="/documents/"),
    }


def test_the_list_shows_only_ones_own_notifications(notices, pilot, client_for):
    response = client_for(pilot).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Livrable attendu demain" in html and "Sans lien" in html
    assert "Réunion du CROCT" not in html
    assert open_url(notices["theirs"]) not in html
    assert client_for(None).get(LIST).status_code == 302


def test_opening_marks_read_and_follows_a_local_link(notices, pilot, client_for):
    response = client_for(pilot).post(open_url(notices["mine"]))
    assert response.status_code == 302
    assert response["Location"] == "/documents/"
    notices["mine"].refresh_from_db()
    assert notices["mine"].read_at is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/vol",
        "//evil.example/vol",
        "http://evil.example",
        "javascript:alert(1)",
        "/\\evil.example",
    ],
)
def test_opening_never_follows_a_link_to_another_site(pilot, client_for, url):
    notification = Notification.objects.create(user=pilot, title="Lien externe", url=url)
    response = client_for(pilot).post(open_url(notification))
    assert response.status_code == 302
    assert response["Location"] == LIST
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_a_notification_without_link_goes_back_to_the_list(notices, pilot, client_for):
    response = client_for(pilot).post(open_url(notices["mine_plain"]))
    assert response["Location"] == LIST


def test_a_user_never_opens_another_users_notification(notices, pilot, other_pilot, admin_user, client_for):
    theirs = notices["theirs"]
    assert client_for(pilot).post(open_url(theirs)).status_code == 404
    assert client_for(admin_user).post(open_url(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert client_for(other_pilot).post(open_url(theirs)).status_code == 302


def test_opening_needs_a_post_and_a_login(notices, pilot, client_for):
    assert client_for(pilot).get(open_url(notices["mine"])).status_code == 405
    anonymous = client_for(None).post(open_url(notices["mine"]))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    notices["mine"].refresh_from_db()
    assert notices["mine"].read_at is None


def test_mark_all_read_touches_only_ones_own(notices, pilot, client_for):
    client = client_for(pilot)
    assert client.get(MARK_ALL).status_code == 405
    response = client.post(MARK_ALL, follow=True)
    assert response.status_code == 200
    assert "3 notification(s) marquée(s) comme lue(s)." in response.content.decode()
    assert not Notification.objects.filter(user=pilot, read_at__isnull=True).exists()
    notices["theirs"].refresh_from_db()
    assert notices["theirs"].read_at is None


def test_the_unread_count_shows_in_the_navigation_bar(notices, pilot, other_pilot, outsider, client_for):
    client = client_for(pilot)
    html = squeeze(client.get(LIST).content.decode())
    assert '<span class="badge rounded-pill bg-warning text-dark" data-testid="unread-count">3</span>' in html
    assert "3 notifications non lues" in html

    client.post(open_url(notices["mine"]))
    assert 'data-testid="unread-count">2</span>' in squeeze(client.get(LIST).content.decode())

    client.post(MARK_ALL)
    html = client.get(LIST).content.decode()
    assert 'data-testid="unread-count"' not in html
    assert "0 notification non lue" in html

    assert 'data-testid="unread-count">1</span>' in client_for(other_pilot).get(LIST).content.decode()
    assert 'data-testid="unread-count"' not in client_for(outsider).get(LIST).content.decode()


def test_the_unread_count_costs_one_query(notices, pilot, client_for, django_assert_max_num_queries):
    client = client_for(pilot)
    client.get(LIST)
    with django_assert_max_num_queries(10):
        client.get(LIST)


# --- The schedule -----------------------------------------------------------------------------
def test_the_daily_scan_runs_at_seven_in_paris():
    entry = settings.CELERY_BEAT_SCHEDULE["reminders-daily-scan"]
    assert entry["task"] == "reminders.tasks.scan_reminders"
    app.loader.import_default_modules()  # As the worker does at start-up.
    assert entry["task"] in app.tasks
    schedule = entry["schedule"]
    assert schedule.hour == {7} and schedule.minute == {0}
    assert schedule.day_of_week == set(range(7))
    assert settings.CELERY_TIMEZONE == "Europe/Paris"
    assert str(app.conf.timezone) == "Europe/Paris"
    assert app.conf.beat_schedule["reminders-daily-scan"]["task"] == entry["task"]

    paris = ZoneInfo("Europe/Paris")
    # Across both clock changes the next run stays at 07:00 on the Paris clock.
    for last_run, expected in [
        (datetime(2026, 3, 28, 7, 0, tzinfo=paris), datetime(2026, 3, 29, 7, 0, tzinfo=paris)),
        (datetime(2026, 10, 24, 7, 0, tzinfo=paris), datetime(2026, 10, 25, 7, 0, tzinfo=paris)),
    ]:
        start, delta, _now = schedule.remaining_delta(last_run)
        next_run = (start + delta).astimezone(paris)
        assert (next_run.date(), next_run.hour, next_run.minute) == (expected.date(), 7, 0)
