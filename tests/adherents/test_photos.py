"""Work-unit photos are shown through a permission-checked view: media files have no public URL."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from adherents.models import WorkUnitPhoto

from .factories import PreventionVisitFactory, WorkUnitFactory

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _photo(adherent) -> WorkUnitPhoto:
    unit = WorkUnitFactory(visit=PreventionVisitFactory(adherent=adherent), name="Fournil")
    photo = WorkUnitPhoto(work_unit=unit, caption="Pétrin")
    photo.image.save("petrin.png", ContentFile(PNG), save=True)
    return photo


def test_service_staff_see_the_photo_on_the_visit_page(client_for, service_staff, adherent):
    photo = _photo(adherent)
    client = client_for(service_staff)
    page = client.get(photo.work_unit.visit.get_absolute_url()).content.decode()
    url = reverse("adherents:visit_photo", args=[photo.pk])
    assert url in page and photo.image.url not in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG


@pytest.mark.parametrize("persona", ["member_contact", "pilot", "committee_member", "outsider"])
def test_others_never_reach_a_photo(request, client_for, adherent, persona):
    photo = _photo(adherent)
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("adherents:visit_photo", args=[photo.pk])
    )
    assert response.status_code == 404


def test_staff_of_another_service_do_not_reach_the_photo(client_for, service_staff, foreign_adherent):
    photo = _photo(foreign_adherent)
    assert client_for(service_staff).get(reverse("adherents:visit_photo", args=[photo.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client_for, adherent):
    photo = _photo(adherent)
    response = client_for(None).get(reverse("adherents:visit_photo", args=[photo.pk]))
    assert response.status_code == 302 and "/comptes/connexion/" in response["Location"]


def test_media_files_have_no_public_url(client_for, admin_user, adherent):
    photo = _photo(adherent)
    assert client_for(admin_user).get(photo.image.url).status_code == 404
