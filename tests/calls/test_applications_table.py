"""The applications in the order of their scores are one table, calls/_applications_table.html, shown on the
call's page, on the selection page and in the selection table's PDF: each place keeps its own columns."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from calls.models import Application
from directory.models import Person
from reports.services import build_html, document_request
from tests.calls.factories import CallFactory, make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(pilot):
    call = CallFactory(
        opens_at=timezone.now() - timedelta(days=20), closes_at=timezone.now() - timedelta(hours=1)
    )
    call.programme.managers.add(Person.objects.get(user=pilot))
    return call


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _columns(html, start):
    """The column headings of the first table after `start`, tags taken out, joined by « | »."""
    head = html[html.index(start) :]
    head = head[: head.index("</thead>")]
    return " | ".join(
        re.sub(r"<[^>]+>|\s+", " ", th).strip()
        for th in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", head, re.S)
    )


def test_the_call_page_shows_the_status_of_each_application(call, pilot):
    make_application(call, 0, eligibility=Application.Eligibility.ELIGIBLE)
    page = _client(pilot).get(reverse("calls:call_detail", args=[call.pk])).content.decode()
    assert _columns(page, 'data-testid="applications"') == "Structure | Axe | Statut | Éligibilité | Note /5"
    assert "Axe 1" in page and "Association gestionnaire 0" in page


def test_the_selection_page_offers_to_retain_the_eligible_applications(call, pilot):
    eligible = make_application(call, 0, eligibility=Application.Eligibility.ELIGIBLE)
    make_application(call, 1, eligibility=Application.Eligibility.INELIGIBLE)
    page = _client(pilot).get(reverse("calls:call_selection", args=[call.pk])).content.decode()
    assert (
        _columns(page, 'data-testid="selection-table"')
        == "Structure | Organisme gestionnaire | Assurance maladie | Éligibilité | Note /5 | Décision"
    )
    assert page.count('type="checkbox"') == 1 and f'name="selected_{eligible.pk}"' in page
    assert "Retenir" in page and "Non éligible" in page


def test_the_selection_page_without_applications_says_so(call, pilot):
    page = _client(pilot).get(reverse("calls:call_selection", args=[call.pk])).content.decode()
    assert "Aucune candidature déposée." in page


def test_the_selection_table_pdf_has_a_column_per_criterion(call, pilot):
    make_application(call, 0, eligibility=Application.Eligibility.ELIGIBLE)
    document = document_request(kind="calls.selection_table", target=call, requested_by=pilot)
    html = build_html(document)
    assert (
        _columns(html, "<table")
        == "Structure | Organisme gestionnaire | Axe | Éligibilité | C1 | C2 | C3 | Note /5 | Décision"
    )
    assert "data-testid" not in html and "<a " not in html.split("<table", 1)[1].split("</table>", 1)[0]
