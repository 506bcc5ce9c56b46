"""A PDF is headed by the organisation that sends it; « Copilote » only discreetly in the footer."""

import dataclasses
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.utils import translation
from pypdf import PdfReader

from actions.documents import action_sender, programme_sender
from governance.documents import committee_sender
from reports import registry
from reports.services import build_html, document_render, document_request
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kind_with_sender(sample_kind):
    kind = registry.get_kind(sample_kind.key)
    registry.register(dataclasses.replace(kind, sender=lambda document: document.target))
    return sample_kind


def first_page_text(document) -> str:
    with document.file.open("rb") as handle:
        return PdfReader(BytesIO(handle.read())).pages[0].extract_text()


def test_the_sender_heads_the_pdf_and_copilote_is_only_in_the_footer(kind_with_sender, pilot):
    sender = OrganisationFactory(name="Association Régionale Test")
    document = document_request(kind="tests.sample", target=sender, requested_by=pilot)
    with translation.override("fr"):
        document = document_render(document_id=document.pk)
    assert document.status == document.Status.DONE, document.error
    text = first_page_text(document)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0].startswith("Association Régionale Test")  # The header, top left.
    assert "Édité avec Copilote" in text
    assert text.count("Copilote") == 1


def test_without_a_sender_the_header_names_no_product(sample_kind, pilot):
    document = document_request(
        kind="tests.sample", target=OrganisationFactory(name="ARACT Corse"), requested_by=pilot
    )
    with translation.override("fr"):
        html = build_html(document)
    header = html.split('class="doc-header"', 1)[1].split("</div>", 1)[0]
    assert "Copilote" not in header


def test_who_sends_each_kind_of_document():
    aract, branch = SimpleNamespace(name="ARACT"), SimpleNamespace(name="Branche")
    programme = SimpleNamespace(porteur=aract)
    assert programme_sender(programme) is aract
    assert programme_sender(None) is None
    assert action_sender(SimpleNamespace(porteur=branch, programme=programme)) is branch
    assert action_sender(SimpleNamespace(porteur=None, programme=programme)) is aract
    action_committee = SimpleNamespace(
        action_id=1, action=SimpleNamespace(porteur=branch, programme=programme)
    )
    assert committee_sender(action_committee) is branch
    assert committee_sender(SimpleNamespace(action_id=None, action=None, programme=programme)) is aract
    kinds = registry.all_kinds()
    for key in (
        "actions.fiche",
        "actions.recap",
        "governance.minutes",
        "governance.register",
        "adherents.restitution",
    ):
        assert kinds[key].sender is not None, key
