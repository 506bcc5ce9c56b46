"""Dashboards rendered once and kept until the data behind them change (core.dashboard_cache).

What a user must never see: yesterday's figures after a change, somebody else's page, a form
whose CSRF token was another request's. What the cache must bring: a second view that asks
the database almost nothing. Part of these tests run on the real Redis of the test services.
"""

import os
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core.cache import cache, caches
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import dashboard_cache
from evaluation import services as evaluation_services
from evaluation.models import ApproachEntry

from .factories import ActionFactory, DeliverableFactory, IndicatorFactory, MeasurementFactory, add_to_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(action):
    return IndicatorFactory(action=action, name="Entreprises accompagnées", target=D("20"), baseline=D("0"))


def _programme_url(programme):
    return reverse("evaluation:programme_dashboard", args=[programme.pk])


def _action_url(action):
    return reverse("evaluation:action_dashboard", args=[action.pk])


def _queries(client, url):
    from django.db import connection

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_a_second_view_is_served_from_the_cache_with_far_fewer_queries(
    client_for, pilot, programme, action, indicator
):
    for _ in range(5):
        IndicatorFactory(action=ActionFactory(programme=programme))
    c = client_for(pilot)
    built, first = _queries(c, _programme_url(programme))
    cached, second = _queries(c, _programme_url(programme))
    assert cached <= built - 12, (built, cached)
    assert action.title in first
    sections = first.index('<section class="dashboard-section"')
    assert second[sections:] == first[sections:]  # the same body, and nothing after it differs
    built, _ = _queries(c, _action_url(action))
    cached, _ = _queries(c, _action_url(action))
    assert cached <= built - 12, (built, cached)


def test_a_measurement_entered_shows_at_once_on_both_dashboards(
    client_for, pilot, programme, action, indicator
):
    c = client_for(pilot)
    assert "Atteint\u00a0: 1" not in c.get(_programme_url(programme)).content.decode()
    c.get(_action_url(action))
    response = c.post(
        reverse("evaluation:measurement_add", args=[indicator.pk]), {"period": "2025-06-01", "value": "25"}
    )
    assert response.status_code == 302
    assert "Atteint\u00a0: 1" in c.get(_programme_url(programme)).content.decode()
    assert "25" in c.get(_action_url(action)).content.decode().split("Entreprises accompagnées", 1)[1][:2000]


def test_an_action_renamed_or_a_new_action_shows_at_once(client_for, pilot, programme, action):
    c = client_for(pilot)
    c.get(_programme_url(programme))
    action.title = "Prévenir l'usure professionnelle"
    action.save()
    other = ActionFactory(programme=programme, title="Action nouvelle en Savoie")
    add_to_team(other, pilot)  # a many-to-many free write: the team row is a model of its own
    page = c.get(_programme_url(programme)).content.decode()
    assert "Prévenir l&#x27;usure professionnelle" in page and "Action nouvelle en Savoie" in page


def test_each_person_gets_their_own_page_never_another_one(
    client_for, pilot, committee_reads, programme, action, indicator
):
    MeasurementFactory(indicator=indicator, value=D("7"))
    pilot_page = client_for(pilot).get(_action_url(action)).content.decode()
    reader_page = client_for(committee_reads).get(_action_url(action)).content.decode()
    assert "Noter une difficulté, un ajustement ou un enseignement" in pilot_page
    assert "Noter une difficulté, un ajustement ou un enseignement" not in reader_page
    # The other way round too: the reader's page cached first, the pilot still gets the form.
    cache.clear()
    client_for(committee_reads).get(_action_url(action))
    assert "Noter une difficulté" in client_for(pilot).get(_action_url(action)).content.decode()


def test_a_visibility_change_is_seen_at_once(client_for, pilot, other_pilot, programme, action):
    c = client_for(other_pilot)
    assert c.get(_action_url(action)).status_code == 404
    client_for(pilot).get(_programme_url(programme))
    add_to_team(action, other_pilot)
    page = client_for(other_pilot).get(_programme_url(programme)).content.decode()
    assert action.title in page


def test_the_form_in_a_cached_page_carries_the_token_of_the_request_that_shows_it(pilot, programme, action):
    first = Client(enforce_csrf_checks=True)
    first.force_login(pilot)
    first.get(_action_url(action))  # cached with a placeholder, shown with this client's token
    second = Client(enforce_csrf_checks=True)  # another browser: another CSRF secret
    second.force_login(pilot)
    page = second.get(_action_url(action)).content.decode()
    assert dashboard_cache.CSRF_PLACEHOLDER not in page
    token = page.split('name="csrfmiddlewaretoken" value="', 2)[2].split('"', 1)[
        0
    ]  # the 2nd form is the journal's
    response = second.post(
        reverse("evaluation:approach_entry_add", args=[action.pk]),
        {
            "date": "2025-06-01",
            "kind": "difficulte",
            "text": "Absentéisme des encadrants",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    assert ApproachEntry.objects.filter(text="Absentéisme des encadrants").exists()
    assert "Absentéisme des encadrants" in second.get(_action_url(action)).content.decode()


def test_a_new_day_rebuilds_the_page(client_for, pilot, programme, action, monkeypatch):
    c = client_for(pilot)
    built, _ = _queries(c, _programme_url(programme))
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(dashboard_cache.timezone, "localdate", lambda: tomorrow)
    rebuilt, _ = _queries(c, _programme_url(programme))
    assert rebuilt == built


def test_filters_are_part_of_the_key(client_for, pilot, programme, action):
    ActionFactory(programme=programme, territory="Savoie", title="Action savoyarde")
    add_to_team(programme.actions.get(territory="Savoie"), pilot)
    c = client_for(pilot)
    assert action.title in c.get(_programme_url(programme)).content.decode()
    page = c.get(_programme_url(programme) + "?territory=Savoie").content.decode()
    assert "Action savoyarde" in page and action.title not in page


@pytest.mark.parametrize(
    "write",
    [
        "target_steps",
        "members_invited",
        "meeting_held",
        "agenda_moved",
        "minutes_written",
        "deliverable_published",
        "queryset_update",
        "bulk_create",
        "queryset_delete",
    ],
)
def test_every_write_even_a_bulk_one_makes_the_dashboards_stale(write, pilot, programme, action, indicator):
    """`QuerySet.update()` and `bulk_create()` send no signal: the writes are seen in the database connection,
    so no service has to remember to say it wrote."""
    from governance import services as meeting_services
    from governance import services as minutes_services
    from governance.models import AgendaItem, Committee, Meeting, Membership
    from library.sources import _deliverable_published

    committee = Committee.objects.create(kind=Committee.Kind.COPIL, name="COPIL test", action=action)
    Membership.objects.create(committee=committee, person=pilot.person)  # someone to invite
    meeting = Meeting.objects.create(
        committee=committee, number=1, title="COPIL 1", starts_at=timezone.now() - timedelta(days=1)
    )
    items = [AgendaItem.objects.create(meeting=meeting, order=n, title=f"Point {n}") for n in (1, 2)]
    deliverable = DeliverableFactory(action=action)
    if write == "minutes_written":
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
        meeting.refresh_from_db()
    before = dashboard_cache.generation()
    {
        "target_steps": lambda: evaluation_services.target_steps_set(
            by=None, indicator=indicator, steps={date(2025, 6, 1): D("10")}
        ),
        "members_invited": lambda: meeting_services._invite_members(meeting),
        "meeting_held": lambda: meeting_services.meeting_mark_held(meeting=meeting, by=None),
        "agenda_moved": lambda: meeting_services.agenda_item_move(item=items[1], direction="up", by=None),
        "minutes_written": lambda: minutes_services.minutes_save(
            meeting=meeting, by=pilot, summary="Relevé", item_texts={items[0].pk: "Fait"}
        ),
        "deliverable_published": lambda: _deliverable_published(deliverable, timezone.now()),
        "queryset_update": lambda: AgendaItem.objects.filter(meeting=meeting).update(title="Renommé"),
        "bulk_create": lambda: AgendaItem.objects.bulk_create(
            [AgendaItem(meeting=meeting, order=3, title="Point 3")]
        ),
        "queryset_delete": lambda: AgendaItem.objects.filter(pk=items[0].pk).delete(),
    }[write]()
    assert dashboard_cache.generation() != before


def test_a_write_elsewhere_or_a_login_leaves_the_dashboards_as_they_are(client, pilot, action):
    """The check above can fail: what dashboards do not show draws nothing."""
    from library.models import Publication  # the library feeds no dashboard

    assert "library" not in dashboard_cache.watched_apps()
    before = dashboard_cache.generation()
    Publication.objects.filter(pk=0).update(title="x")
    client.force_login(pilot)  # stamps last_login
    assert dashboard_cache.generation() == before


def test_the_apps_say_themselves_that_they_feed_the_dashboards():
    assert dashboard_cache.watched_apps() == ["actions", "auth", "directory", "evaluation", "governance"]


def test_a_cache_that_cannot_be_reached_leaves_the_dashboards_working(
    client_for, pilot, programme, action, settings
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    c = client_for(pilot)
    for url in (_programme_url(programme), _action_url(action)):
        response = c.get(url)
        assert response.status_code == 200 and action.title in response.content.decode()


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs the Redis of scripts/services.sh")
def test_on_redis_a_change_made_by_one_process_is_seen_by_the_others(
    client_for, pilot, programme, action, indicator, settings
):
    """Production shares one Redis between its web processes: the generation lives there."""
    location = os.environ["TEST_REDIS_URL"].rsplit("/", 1)[0] + "/3"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }
    caches["default"].clear()
    c = client_for(pilot)
    built, _ = _queries(c, _programme_url(programme))
    cached, _ = _queries(c, _programme_url(programme))
    assert cached < built
    # Another process draws a new generation straight in Redis, as its own write would.
    import redis

    redis.Redis.from_url(location).delete(*redis.Redis.from_url(location).keys("*dashboards:generation*"))
    rebuilt, _ = _queries(c, _programme_url(programme))
    assert rebuilt == built
    MeasurementFactory(indicator=indicator, value=D("25"))
    assert "Atteint\u00a0: 1" in c.get(_programme_url(programme)).content.decode()
    caches["default"].clear()
