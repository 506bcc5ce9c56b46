from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.models import ApiWriteLog
from api.services import token_create
from evaluation.models import Measurement
from tests.evaluation.factories import ActionFactory, IndicatorFactory, ProgrammeFactory, add_to_team

pytestmark = pytest.mark.django_db
URL = "/api/v1/measurements/"


@pytest.fixture
def indicators(pilot):
    action = ActionFactory(programme=ProgrammeFactory(code="prst-api"), code="A1")
    add_to_team(action, pilot)
    return [IndicatorFactory(action=action, programme=None) for _ in range(3)]


def api(user, scope="write_measurements"):
    _token, key = token_create(owner=user, name="t", scope=scope, by=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def batch(indicators, value="12"):
    return [
        {"indicator": i.pk, "period": "2025-06-01", "value": value, "source": "Logiciel SST"}
        for i in indicators
    ]


def test_a_batch_is_written_with_the_owner_as_author_and_logged(pilot, indicators):
    response = api(pilot).post(URL, batch(indicators), format="json")
    assert response.status_code == 200, response.json()
    assert response.json() == {"created": 3, "updated": 0, "unchanged": 0}
    measurement = Measurement.objects.get(indicator=indicators[0], period=date(2025, 6, 1))
    assert measurement.value == Decimal("12") and measurement.entered_by == pilot
    assert measurement.history.first().history_user == pilot
    assert ApiWriteLog.objects.get().created == 3


def test_replaying_the_batch_changes_nothing(pilot, indicators):
    client = api(pilot)
    client.post(URL, batch(indicators), format="json")
    rows = Measurement.history.count()
    response = client.post(URL, batch(indicators), format="json")
    assert response.json() == {"created": 0, "updated": 0, "unchanged": 3}
    assert Measurement.history.count() == rows


def test_one_faulty_line_is_named_and_nothing_is_written(pilot, indicators):
    lines = batch(indicators)
    lines[1]["period"] = "2025-06-15"
    lines.append({"indicator": 999999, "period": "2025-06-01", "value": "1"})
    lines.append("garbage")
    response = api(pilot).post(URL, lines, format="json")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "unprocessable" and body["detail"]
    assert sorted(e["index"] for e in body["errors"]) == [1, 3, 4]
    assert all(e["reason"] for e in body["errors"])
    assert not Measurement.objects.exists()


def test_a_read_token_or_a_reader_may_not_write(pilot, committee_member, indicators):
    assert api(pilot, scope="read").post(URL, batch(indicators), format="json").status_code == 403
    response = api(committee_member).post(URL, batch(indicators), format="json")
    assert response.status_code == 422
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        [],
        "x",
        [None],
        [{"indicator": "a", "period": "b", "value": "c"}],
        [{"indicator": 1, "period": "2025-01-01", "value": "1e400"}],
    ],
)
def test_garbage_batches_never_500(pilot, indicators, body):
    response = api(pilot).post(URL, body, format="json")
    assert response.status_code in (400, 422)
    assert set(response.json()) >= {"detail", "code"}


def test_indicators_are_read_with_their_measurements(
    pilot, other_pilot, indicators, django_assert_max_num_queries
):
    client = api(pilot, scope="read")
    api(pilot).post(URL, batch(indicators), format="json")
    with django_assert_max_num_queries(9):
        response = client.get(reverse("api:indicator-list"))
    assert {row["id"] for row in response.json()["results"]} == {i.pk for i in indicators}
    assert response.json()["results"][0]["measurements"][0]["value"] == "12.00"
    more = [IndicatorFactory(action=indicators[0].action, programme=None) for _ in range(15)]
    with django_assert_max_num_queries(9):
        response = client.get(reverse("api:indicator-list"))
    assert len(response.json()["results"]) == 3 + len(more)
    assert (
        api(other_pilot, scope="read")
        .get(reverse("api:indicator-detail", args=[indicators[0].pk]))
        .status_code
        == 404
    )
