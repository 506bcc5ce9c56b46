"""The read endpoints of issue 18 (second part): actions, deliverables, governance, RACI, indicator states,
filters, open data; each list's query count does not grow with its rows."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from actions.access import actions_visible_to
from actions.models import CollectiveAction, Deliverable
from api.services import token_create
from evaluation.models import Measurement
from governance.models import Attendance, Minutes, MinutesItem
from raci.selectors import build_grid
from tests.actions.factories import ProgrammeFactory, make_action
from tests.evaluation.factories import IndicatorFactory, MeasurementFactory
from tests.governance.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    CommitteeFactory,
    DecisionFactory,
    FollowUpFactory,
    MeetingFactory,
    add_member,
)
from tests.raci.factories import small_matrix

pytestmark = pytest.mark.django_db


def client_of(user):
    _token, key = token_create(owner=user, name="t", scope="read", by=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


@pytest.fixture
def admin(admin_user):
    return admin_user


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_actions_are_those_of_the_access_queryset_with_fiche_and_phases(pilot, other_pilot):
    programme = ProgrammeFactory()
    mine = make_action(by=pilot, programme=programme, title="Prévenir les TMS", territory="Nord")
    make_action(by=other_pilot, programme=ProgrammeFactory())
    rows = results(client_of(pilot).get(reverse("api:action-list")))
    assert {row["id"] for row in rows} == set(actions_visible_to(pilot).values_list("id", flat=True))
    row = next(r for r in rows if r["id"] == mine.pk)
    assert (
        row["title"] == "Prévenir les TMS" and row["programme"] == programme.pk and row["territory"] == "Nord"
    )
    assert row["current_phase"] == {"number": 1, "name": "Émergence"}
    assert [p["number"] for p in row["phases"]] == list(range(1, 8))
    assert {"planned_start", "planned_end", "actual_start", "actual_end", "status"} <= set(row["phases"][0])
    hidden = CollectiveAction.objects.exclude(pk__in=actions_visible_to(pilot).values("pk")).first()
    if hidden is not None:
        assert client_of(pilot).get(reverse("api:action-detail", args=[hidden.pk])).status_code == 404


def test_deliverables_have_a_file_url_only_once_validated_and_it_serves_the_validated_version(
    pilot, other_pilot
):
    from django.core.files.base import ContentFile

    from actions.services import deliverable_validate

    action = make_action(by=pilot, programme=ProgrammeFactory())
    first, second = list(action.deliverables.order_by("pk")[:2])
    for deliverable in (first, second):
        deliverable.file.save("livrable.pdf", ContentFile(b"%PDF-1.4 version validee"), save=False)
        deliverable.file_kind = "pdf"
        deliverable.original_filename = "Diagnostic partagé.pdf"
        deliverable.save()
    deliverable_validate(deliverable=first, by=pilot)
    first.refresh_from_db()
    # A newer version uploaded after the validation: the API still serves the validated one.
    first.file.save("livrable-v2.pdf", ContentFile(b"%PDF-1.4 brouillon"), save=True)
    url = reverse("api:action-deliverables", args=[action.pk])
    rows = {row["id"]: row for row in results(client_of(pilot).get(url))}
    file_url = reverse("api:deliverable-file", args=[action.pk, first.pk])
    assert rows[first.pk]["file_url"].endswith(file_url)
    assert rows[second.pk]["file_url"] is None
    assert client_of(other_pilot).get(url).status_code == 404

    response = client_of(pilot).get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 version validee"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Diagnostic%20partag%C3%A9.pdf"
    refused = client_of(pilot).get(reverse("api:deliverable-file", args=[action.pk, second.pk]))
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    assert client_of(other_pilot).get(file_url).status_code == 404
    assert APIClient().get(file_url).status_code == 401


def test_committee_meetings_decisions_seen_by_a_member_not_by_an_outsider(pilot, committee_member, outsider):
    action = make_action(by=pilot, programme=ProgrammeFactory())
    committee = CommitteeFactory(action=action, programme=None)
    add_member(committee, committee_member, college="salaries")
    meeting = MeetingFactory(committee=committee, starts_at=timezone.now() - timedelta(days=1))
    item = AgendaItemFactory(meeting=meeting, title="Bilan")
    AttendanceFactory(meeting=meeting, person=committee_member.person, status=Attendance.Status.PRESENT)
    minutes = Minutes.objects.create(
        meeting=meeting,
        summary="Tout va bien",
        written_by=pilot,
        status=Minutes.Status.APPROVED,
        approved_at=timezone.now(),
    )
    MinutesItem.objects.create(minutes=minutes, agenda_item=item, text="Bilan présenté")
    Minutes.objects.create(meeting=meeting, version=2, summary="Brouillon", written_by=pilot)
    decision = DecisionFactory(meeting=meeting, text="On continue")
    FollowUpFactory(decision=decision, owner=pilot.person, title="Relancer")

    member = client_of(committee_member)
    [row] = results(member.get(reverse("api:committee-list")))
    assert row["id"] == committee.pk
    assert {
        "name": committee_member.person.first_name + " " + committee_member.person.last_name,
        "college": "salaries",
    }.items() <= row["members"][0].items()
    [meeting_row] = results(member.get(reverse("api:meeting-list")))
    assert meeting_row["agenda"][0]["title"] == "Bilan"
    assert meeting_row["attendance"]["present"] == 1 and meeting_row["attendance"]["absent"] == 0
    assert meeting_row["approved_minutes"]["summary"] == "Tout va bien"
    assert meeting_row["approved_minutes"]["items"] == [{"agenda_item": item.pk, "text": "Bilan présenté"}]
    [decision_row] = results(member.get(reverse("api:decision-list")))
    assert decision_row["text"] == "On continue" and decision_row["followups"][0]["title"] == "Relancer"

    stranger = client_of(outsider)
    assert results(stranger.get(reverse("api:committee-list"))) == []
    assert results(stranger.get(reverse("api:meeting-list"))) == []
    assert stranger.get(reverse("api:decision-detail", args=[decision.pk])).status_code == 404


def test_a_raci_matrix_comes_with_its_letters_and_validation(pilot, other_pilot):
    action = make_action(by=pilot, programme=ProgrammeFactory())
    matrix = small_matrix(action=action, rows=2, roles=2, letters="R")
    row = client_of(pilot).get(reverse("api:matrix-detail", args=[matrix.pk])).json()
    assert len(row["roles"]) == 2 and len(row["activities"]) == 2
    assert all(cell["letters"] == "R" for activity in row["activities"] for cell in activity["cells"])
    report = build_grid(matrix).report  # what the grid page shows
    assert row["validation"]["can_be_validated"] is report.can_be_validated is True
    assert [(i["code"], i["message"]) for i in row["validation"]["issues"]] == [
        (i.code, str(i.message)) for i in report.issues
    ]
    assert "no_a" in {issue["code"] for issue in row["validation"]["issues"]}
    assert client_of(other_pilot).get(reverse("api:matrix-detail", args=[matrix.pk])).status_code == 404


def test_indicators_carry_their_dashboard_state(admin):
    indicator = IndicatorFactory(baseline=Decimal("0"), target=Decimal("10"))
    MeasurementFactory(indicator=indicator, value=Decimal("10"))
    row = client_of(admin).get(reverse("api:indicator-detail", args=[indicator.pk])).json()
    assert row["state"]["state"] == "atteint" and row["state"]["label"] == "Atteint"


def test_action_filters_and_bad_values_answer_400_in_french(admin):
    programme = ProgrammeFactory()
    a = make_action(by=admin, programme=programme, territory="Nord", status=CollectiveAction.Status.ONGOING)
    b = make_action(by=admin, programme=ProgrammeFactory(), territory="Sud")
    client = client_of(admin)
    url = reverse("api:action-list")

    def ids(**params):
        return {row["id"] for row in results(client.get(url, params))}

    assert ids(programme=programme.pk) == {a.pk}
    assert ids(territory="Sud") == {b.pk}
    assert ids(status="en_cours") == {a.pk}
    assert ids(phase=1) == {a.pk, b.pk} and ids(phase=2) == set()
    future = (timezone.now() + timedelta(hours=1)).isoformat()
    assert ids(updated_since=future) == set()
    assert ids(updated_since=(timezone.now() - timedelta(hours=1)).isoformat()) == {a.pk, b.pk}
    for bad in ({"phase": "9"}, {"status": "nope"}, {"updated_since": "hier"}, {"programme": "abc"}):
        response = client.get(url, bad)
        assert response.status_code == 400, bad
        body = response.json()
        assert body["code"] == "invalid" and body["detail"] == "Les données envoyées ne sont pas valides."
        assert set(body["errors"]) == set(bad)


def test_indicator_filters_bound_the_measurements(admin):
    programme = ProgrammeFactory()
    indicator = IndicatorFactory(programme=programme, action=None)
    IndicatorFactory()
    for month in (1, 2, 3):
        Measurement.objects.create(indicator=indicator, period=f"2026-0{month}-01", value=month)
    client = client_of(admin)
    url = reverse("api:indicator-list")
    [row] = results(
        client.get(url, {"programme": programme.pk, "period_from": "2026-02-01", "period_to": "2026-02-28"})
    )
    assert [m["period"] for m in row["measurements"]] == ["2026-02-01"]
    assert client.get(url, {"period_from": "février"}).status_code == 400


def test_if_none_match_answers_304_on_every_list(admin):
    make_action(by=admin, programme=ProgrammeFactory())
    client = client_of(admin)
    for name in (
        "action-list",
        "committee-list",
        "meeting-list",
        "decision-list",
        "matrix-list",
        "indicator-list",
    ):
        first = client.get(reverse(f"api:{name}"))
        assert first.status_code == 200 and first["ETag"]
        assert client.get(reverse(f"api:{name}"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304, name


def _grow(admin, n):
    programme = ProgrammeFactory()
    for _ in range(n):
        action = make_action(by=admin, programme=programme)
        committee = CommitteeFactory(action=action, programme=None)
        add_member(committee, admin)
        meeting = MeetingFactory(committee=committee)
        item = AgendaItemFactory(meeting=meeting)
        minutes = Minutes.objects.create(
            meeting=meeting,
            summary="CR",
            written_by=admin,
            status=Minutes.Status.APPROVED,
            approved_at=timezone.now(),
        )
        MinutesItem.objects.create(minutes=minutes, agenda_item=item, text="Vu")
        decision = DecisionFactory(meeting=meeting)
        FollowUpFactory(decision=decision, owner=admin.person)
        small_matrix(action=action)
        indicator = IndicatorFactory(action=action, programme=None)
        MeasurementFactory(indicator=indicator)


@pytest.mark.parametrize(
    "name",
    ["action-list", "committee-list", "meeting-list", "decision-list", "matrix-list", "indicator-list"],
)
def test_the_query_count_does_not_grow_with_the_rows(admin, name, django_assert_max_num_queries):
    client = client_of(admin)
    _grow(admin, 1)
    with django_assert_max_num_queries(12) as small:
        assert client.get(reverse(f"api:{name}")).status_code == 200
    _grow(admin, 6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse(f"api:{name}"))
    assert response.status_code == 200 and len(response.json()["results"]) >= 7


def test_deliverables_query_count_does_not_grow(admin, django_assert_max_num_queries):
    action = make_action(by=admin, programme=ProgrammeFactory())
    client = client_of(admin)
    url = reverse("api:action-deliverables", args=[action.pk])
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    for phase in action.phases.all():
        Deliverable.objects.create(action=action, phase=phase, title="Encore")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


# --- Open data ---------------------------------------------------------------------------------
def test_open_data_of_a_showcased_programme_without_a_token():
    programme = ProgrammeFactory(code="prst-4", showcase_enabled=True)
    indicator = IndicatorFactory(
        programme=programme,
        action=None,
        name="Entreprises accompagnées",
        target=Decimal("100"),
        is_public=True,
    )
    IndicatorFactory(programme=programme, action=None, is_active=False, is_public=True, name="Abandonné")
    IndicatorFactory(programme=programme, action=None, name="Budget engagé")  # not marked public
    Measurement.objects.create(indicator=indicator, period="2026-01-01", value=Decimal("12.5"))
    client = APIClient()
    body = client.get(reverse("api:open-indicators-json", args=[programme.pk])).json()
    assert body["licence"] == "Licence Ouverte 2.0" and body["licence_url"].startswith("https://")
    assert [i["name"] for i in body["indicators"]] == ["Entreprises accompagnées"]
    assert body["indicators"][0]["measurements"] == [{"period": "2026-01-01", "value": "12.50"}]

    response = client.get(reverse("api:open-indicators-csv", args=[programme.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["programme", "indicateur_id", "indicateur"]
    assert (
        rows[1][2] == "Entreprises accompagnées"
        and rows[1][8] == "12,50"
        and rows[1][10] == "Licence Ouverte 2.0"
    )


def test_open_data_of_a_programme_without_showcase_is_404_json():
    programme = ProgrammeFactory(showcase_enabled=False)
    IndicatorFactory(programme=programme, action=None, is_public=True)
    for name in ("api:open-indicators-json", "api:open-indicators-csv"):
        response = APIClient().get(reverse(name, args=[programme.pk]))
        assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_open_data_is_throttled_per_address():
    from django.core.cache import cache

    from api.throttling import OpenDataRateThrottle

    programme = ProgrammeFactory(showcase_enabled=True)
    cache.clear()
    original = OpenDataRateThrottle.default_rate
    OpenDataRateThrottle.default_rate = "2/min"
    try:
        url = reverse("api:open-indicators-json", args=[programme.pk])
        codes = [APIClient().get(url).status_code for _ in range(3)]
    finally:
        OpenDataRateThrottle.default_rate = original
        cache.clear()
    assert codes == [200, 200, 429]


def test_an_indicator_is_published_from_its_form(client_for, admin):
    """« Publié en données ouvertes » on the indicator's form puts it in the open data, and in its history."""
    from tests.fuzz.htmlforms import opened_form

    programme = ProgrammeFactory(showcase_enabled=True)
    indicator = IndicatorFactory(programme=programme, action=None, name="Salariés couverts")
    open_url = reverse("api:open-indicators-json", args=[programme.pk])
    assert APIClient().get(open_url).json()["indicators"] == []
    c = client_for(admin)
    edit_url = reverse("evaluation:indicator_edit", args=[indicator.pk])
    form = opened_form(c, edit_url)
    assert "is_public" not in form
    form["is_public"] = ["on"]
    assert c.post(edit_url, form).status_code == 302
    assert [row["name"] for row in APIClient().get(open_url).json()["indicators"]] == ["Salariés couverts"]
    assert indicator.history.order_by("-history_id").first().history_user == admin
