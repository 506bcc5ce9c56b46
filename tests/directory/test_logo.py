"""An organisation's logo: uploaded by whoever edits the organisation, checked from its content, shown on its page
and at the head of the documents it sends."""

from io import BytesIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.demo import demo_logo
from directory.models import Organisation
from reports.models import Document
from reports.services import build_html
from tests.actions.factories import make_action

from .test_organisations import VALID

pytestmark = pytest.mark.django_db


def _png(size=(120, 40)) -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", size, (31, 78, 121)).save(out, format="PNG")
    return out.getvalue()


def _edit(client, organisation, upload):
    data = {**VALID, "name": organisation.name, "kind": organisation.kind, "siret": "", "logo": upload}
    return client.post(reverse("directory:organisation_update", args=[organisation.pk]), data)


def test_an_editor_uploads_a_logo_shown_on_the_page_and_kept_in_the_history(client_for, pilot):
    organisation = Organisation.objects.create(name="ARACT Corse", kind=Organisation.Kind.ARACT)
    client = client_for(pilot)
    response = _edit(
        client, organisation, SimpleUploadedFile("mon logo.png", _png(), content_type="image/png")
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo.name.startswith("logos/") and organisation.logo.name.endswith(".png")
    assert "mon logo" not in organisation.logo.name  # the user's file name is never a path
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert 'data-testid="logo"' in page and "data:image/png;base64," in page
    assert organisation.history.first().logo == organisation.logo.name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "logo.png",
            b"<svg xmlns='http://www.w3.org/2000/svg'></svg>",
            "Ce type de fichier n’est pas accepté",
        ),
        ("logo.png", b"%PDF-1.4 not an image", "Ce type de fichier n’est pas accepté"),
        (
            "logo.png",
            b"\x89PNG\r\n\x1a\n" + b"0" * (600 * 1024),
            "Le logo est trop lourd (500\u00a0Ko au plus).",
        ),
    ],
)
def test_a_wrong_or_heavy_file_is_refused_in_french_and_nothing_changes(
    client_for, pilot, name, content, message
):
    organisation = Organisation.objects.create(name="ARACT Corse", kind=Organisation.Kind.ARACT)
    response = _edit(
        client_for(pilot), organisation, SimpleUploadedFile(name, content, content_type="image/png")
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.logo and organisation.name == "ARACT Corse"


def test_a_reader_cannot_change_it(client_for, committee_member):
    organisation = Organisation.objects.create(name="ARACT Corse", kind=Organisation.Kind.ARACT)
    response = _edit(
        client_for(committee_member),
        organisation,
        SimpleUploadedFile("logo.png", _png(), content_type="image/png"),
    )
    assert response.status_code in (403, 404)
    organisation.refresh_from_db()
    assert not organisation.logo


def test_the_sender_logo_heads_the_fiche_action(pilot):
    porteur = Organisation.objects.create(name="ARACT Corse", kind=Organisation.Kind.ARACT)
    action = make_action(by=pilot, porteur=porteur)
    porteur.logo.save("porteur.png", SimpleUploadedFile("porteur.png", demo_logo("ARACT", (31, 78, 121))))
    document = Document(
        kind="actions.fiche",
        title="Fiche",
        requested_by=pilot,
        target_type=ContentType.objects.get_for_model(action),
        target_id=str(action.pk),
    )
    html = build_html(document)
    assert 'class="sender-logo"' in html and "data:image/png;base64," in html and porteur.name in html
