from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from adherents.models import IdentifiedHazard, PreventionVisit, TrajectoryStep
from reports.models import Document

from .factories import PreventionVisitFactory, WorkUnitFactory


def _pdf_text(document: Document) -> str:
    document.refresh_from_db()
    assert document.status == Document.Status.DONE, document.error
    with document.file.open("rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(BytesIO(handle.read())).pages)


def test_staff_record_a_visit_with_two_work_units_and_produce_the_restitution(
    client_for, service_staff, adherent, django_capture_on_commit_callbacks
):
    client = client_for(service_staff)
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("adherents:visit_create", args=[adherent.pk]),
        {
            "status": "realisee",
            "done_on": today,
            "call_notes": "Employeur disponible",
            "employer_knowledge": "1",
            "employer_motivation": "3",
            "proposed_hazard": "manutention",
            "proposal": "des aides à la manutention des sacs, au fournil.",
        },
    )
    visit = PreventionVisit.objects.get(adherent=adherent)
    assert response.status_code == 302 and response["Location"] == visit.get_absolute_url()
    # The visit completes the trajectory's prevention-visit step.
    assert (
        adherent.steps.get(step__kind=TrajectoryStep.Kind.PREVENTION_VISIT).completed_on
        == timezone.localdate()
    )
    for name, hazards in (("Fournil", ["manutention", "biologique"]), ("Boutique", ["chutes"])):
        data = {"name": name, "posts": "Boulanger"}
        for family in hazards:
            data[f"hz_{family}"] = "on"
            data[f"sit_{family}"] = f"Situation {family}"
        data["prio_manutention"] = "on" if "manutention" in hazards else ""
        assert client.post(reverse("adherents:work_unit_create", args=[visit.pk]), data).status_code == 302
    assert visit.work_units.count() == 2
    assert IdentifiedHazard.objects.filter(
        work_unit__visit=visit, family="manutention", is_priority=True
    ).exists()
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "Fournil" in page and "Manutention manuelle" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("adherents:visit_document", args=[visit.pk, "restitution"]))
    document = Document.objects.get(kind="adherents.restitution")
    assert response["Location"] == document.get_absolute_url()
    text = _pdf_text(document)
    assert (
        "afin de vous aider à avancer sur ce sujet, nous vous proposons d’échanger".lower()
        in text.lower().replace("\n", " ")
    )
    assert "Situation manutention" in text and "Fournil" in text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("adherents:visit_document", args=[visit.pk, "synthese"]))
    synthesis = _pdf_text(Document.objects.get(kind="adherents.synthesis"))
    assert "Cartographie des dangers" in synthesis and "Boutique" in synthesis


def test_a_hazard_detail_without_the_hazard_ticked_is_refused(client_for, service_staff, adherent):
    visit = PreventionVisitFactory(adherent=adherent)
    response = client_for(service_staff).post(
        reverse("adherents:work_unit_create", args=[visit.pk]),
        {"name": "Atelier", "sit_bruit": "Compresseur"},
    )
    assert response.status_code == 200
    assert "Cochez le danger" in response.content.decode() and "Compresseur" in response.content.decode()
    assert not visit.work_units.exists()


def test_a_done_visit_needs_its_date(client_for, service_staff, adherent):
    response = client_for(service_staff).post(
        reverse("adherents:visit_create", args=[adherent.pk]), {"status": "realisee"}
    )
    assert response.status_code == 200 and "Indiquez la date" in response.content.decode()


def test_restitution_marked_sent_needs_a_work_unit(client_for, service_staff, adherent):
    visit = PreventionVisitFactory(adherent=adherent)
    client = client_for(service_staff)
    url = reverse("adherents:restitution_sent", args=[visit.pk])
    client.post(url, {"sent_on": timezone.localdate().isoformat()})
    visit.refresh_from_db()
    assert visit.restitution_sent_on is None
    WorkUnitFactory(visit=visit)
    client.post(url, {"sent_on": timezone.localdate().isoformat()})
    visit.refresh_from_db()
    assert visit.restitution_sent_on == timezone.localdate()


def test_action_plan_item(client_for, service_staff, adherent):
    visit = PreventionVisitFactory(adherent=adherent)
    response = client_for(service_staff).post(
        reverse("adherents:action_create", args=[adherent.pk]) + f"?visite={visit.pk}",
        {"title": "Chariot pour les sacs", "who": "Employeur", "status": "proposee", "visit": visit.pk},
    )
    assert response.status_code == 302
    assert adherent.action_items.get().visit == visit


def test_staff_notes_are_listed_on_the_member_page(client_for, service_staff, adherent):
    client = client_for(service_staff)
    client.post(
        reverse("adherents:note_create", args=[adherent.pk]), {"body": "Préfère être appelé l’après-midi"}
    )
    assert "Préfère être appelé" in client.get(adherent.get_absolute_url()).content.decode()


def png_bytes() -> bytes:
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_work_unit_keeps_a_photo_and_refuses_other_files(
    client_for, service_staff, adherent, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    visit = PreventionVisitFactory(adherent=adherent)
    client = client_for(service_staff)
    url = reverse("adherents:work_unit_create", args=[visit.pk])
    fake = SimpleUploadedFile("photo.png", b"not an image at all", content_type="image/png")
    response = client.post(url, {"name": "Fournil", "photo": fake})
    assert response.status_code == 200 and not visit.work_units.exists()
    broken = SimpleUploadedFile("photo.png", png_bytes()[:60], content_type="image/png")
    response = client.post(url, {"name": "Fournil", "photo": broken})
    assert response.status_code == 200 and "image" in response.content.decode()
    photo = SimpleUploadedFile("../../etc/fournil.png", png_bytes(), content_type="image/png")
    response = client.post(
        url,
        {
            "name": "Fournil",
            "hz_bruit": "on",
            "photo": photo,
            "photo_caption": "Sacs au sol",
            "photo_positive": "",
        },
    )
    assert response.status_code == 302
    stored = visit.work_units.get().photos.get()
    assert stored.caption == "Sacs au sol" and stored.image.name.startswith("adherents/photos/")
    assert ".." not in stored.image.name
    assert (
        reverse("adherents:visit_photo", args=[stored.pk])
        in client.get(visit.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("adherents:visit_document", args=[visit.pk, "synthese"]))
    assert Document.objects.get(kind="adherents.synthesis").status == Document.Status.DONE
