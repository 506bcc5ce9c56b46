"""The library serves what was validated: a new version of a published deliverable waits for its own
validation before readers get it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from actions import services as action_services
from actions.models import Deliverable
from library import services
from library.models import Publication
from tests.library.factories import make_deliverable, pdf_bytes

pytestmark = pytest.mark.django_db


def _download(user, publication) -> bytes:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("library:download", args=[publication.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_new_version_is_not_served_until_it_is_validated(action, pilot, outsider):
    first, second = pdf_bytes("Version validée par le COPIL"), pdf_bytes("Brouillon de la version 2")
    deliverable = make_deliverable(action, title="Guide", content=first)
    publication = services.publication_publish(
        source_key="actions.deliverable", obj=deliverable, by=pilot, audience=Publication.Audience.USERS
    )
    assert _download(outsider, publication) == first

    action_services.deliverable_upload(
        deliverable=deliverable,
        upload=SimpleUploadedFile("v2.pdf", second, content_type="application/pdf"),
        by=pilot,
    )
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.SUBMITTED
    assert _download(outsider, publication) == first, "the unvalidated version leaked to the library"
    team = Client()
    team.force_login(pilot)
    page = team.get(deliverable.get_absolute_url()).content.decode()
    assert 'data-testid="validated-version-note"' in page

    action_services.deliverable_validate(deliverable=deliverable, by=pilot, note="COPIL du 4 décembre")
    assert _download(outsider, publication) == second
    assert (
        'data-testid="validated-version-note"'
        not in team.get(deliverable.get_absolute_url()).content.decode()
    )


def test_a_deliverable_never_validated_with_a_file_has_nothing_to_download(action, pilot, outsider):
    deliverable = make_deliverable(action, title="Sans fichier validé")
    publication = services.publication_publish(
        source_key="actions.deliverable", obj=deliverable, by=pilot, audience=Publication.Audience.USERS
    )
    action_services.deliverable_upload(
        deliverable=deliverable,
        upload=SimpleUploadedFile("v1.pdf", pdf_bytes("Non validé"), content_type="application/pdf"),
        by=pilot,
    )
    client = Client()
    client.force_login(outsider)
    assert client.get(reverse("library:download", args=[publication.pk])).status_code == 404
