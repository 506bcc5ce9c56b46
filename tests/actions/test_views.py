"""Who may reach each page, and what it shows."""

from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from actions.models import CollectiveAction, Deliverable, PhaseTransition
from tests.actions.conftest import pdf_upload

pytestmark = pytest.mark.django_db


def _urls(action):
    deliverable = action.deliverables.get(phase__number=1)
    return {
        "detail": reverse("actions:action_detail", args=[action.pk]),
        "edit": reverse("actions:action_edit", args=[action.pk]),
        "history": reverse("actions:action_history", args=[action.pk]),
        "advance": reverse("actions:phase_advance", args=[action.pk]),
        "phase": reverse("actions:phase_edit", args=[action.pk, 1]),
        "deliverable": reverse("actions:deliverable_detail", args=[action.pk, deliverable.pk]),
        "deliverable_new": reverse("actions:deliverable_create", args=[action.pk]),
        "upload": reverse("actions:deliverable_upload", args=[action.pk, deliverable.pk]),
        "validate": reverse("actions:deliverable_validate", args=[action.pk, deliverable.pk]),
        "status": reverse("actions:deliverable_status", args=[action.pk, deliverable.pk]),
        "publish": reverse("actions:deliverable_publish", args=[action.pk, deliverable.pk]),
        "download": reverse("actions:deliverable_download", args=[action.pk, deliverable.pk]),
        "companies": reverse("actions:participation_list", args=[action.pk]),
        "company_new": reverse("actions:participation_create", args=[action.pk]),
        "import": reverse("actions:participation_import", args=[action.pk]),
        "programme": reverse("actions:programme_detail", args=[action.programme.pk]),
        "programme_edit": reverse("actions:programme_edit", args=[action.programme.pk]),
        "matrix": reverse("actions:programme_matrix", args=[action.programme.pk]),
        "recap": reverse("actions:programme_recap", args=[action.programme.pk]),
    }


READ_PAGES = ["detail", "history", "deliverable", "companies", "programme", "matrix", "recap"]
WRITE_PAGES = ["edit", "phase", "deliverable_new", "company_new", "import", "programme_edit"]
WRITE_POSTS = ["advance", "upload", "validate", "status", "publish", "edit", "phase", "company_new"]


def test_anonymous_is_sent_to_login(client, action):
    for name, url in _urls(action).items():
        response = client.get(url)
        assert response.status_code == 302 and "/comptes/connexion/" in response["Location"], name


def test_outsider_and_other_pilot_get_404_everywhere(client_for, action, outsider, other_pilot):
    for user in (outsider, other_pilot):
        c = client_for(user)
        for name, url in _urls(action).items():
            assert c.get(url).status_code in (404, 405), (user.username, name)
            assert c.post(url).status_code in (404, 405), (user.username, name)
        assert action.title not in unescape(c.get(reverse("actions:action_list")).content.decode())


def test_pilot_reads_and_edits(client_for, action, pilot):
    c = client_for(pilot)
    urls = _urls(action)
    for name in READ_PAGES + WRITE_PAGES:
        assert c.get(urls[name]).status_code == 200, name
    page = unescape(c.get(urls["detail"]).content.decode())
    assert "Modifier la fiche" in page and "Passer à" in page
    assert "Émergence" in page and "Formalisation d’un pré-projet" in page  # ANACT guidance


def test_committee_member_reads_but_cannot_write(
    client_for, action, committee_member, committee_reads_programme
):
    committee_reads_programme(action.programme)
    c = client_for(committee_member)
    urls = _urls(action)
    for name in READ_PAGES:
        assert c.get(urls[name]).status_code == 200, name
    page = unescape(c.get(urls["detail"]).content.decode())
    assert "Modifier la fiche" not in page and "Passer à" not in page
    assert action.title in unescape(c.get(reverse("actions:action_list")).content.decode())
    for name in WRITE_PAGES:
        assert c.get(urls[name]).status_code == 403, name
    for name in WRITE_POSTS:
        assert (
            c.post(urls[name], {"override_reason": "x", "note": "x", "status": "en_cours"}).status_code == 403
        ), name
    action.refresh_from_db()
    assert action.current_phase_number == 1 and not PhaseTransition.objects.exists()


def test_refused_phase_advance_shows_the_reason_then_override_is_kept(client_for, action, pilot):
    c = client_for(pilot)
    url = reverse("actions:phase_advance", args=[action.pk])
    response = c.post(url)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert (
        "Impossible de passer à la phase «\u00a0Conception\u00a0»" in page and "Pré-projet formalisé" in page
    )
    response = c.post(url, {"override_reason": ""})
    assert response.status_code == 200 and "raison écrite" in unescape(response.content.decode())
    response = c.post(url, {"override_reason": "Validé oralement en COPIL"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.current_phase_number == 2
    assert "Validé oralement en COPIL" in unescape(
        c.get(reverse("actions:action_detail", args=[action.pk])).content.decode()
    )


def test_upload_validate_download_then_move_on(client_for, action, pilot):
    c = client_for(pilot)
    urls = _urls(action)
    response = c.post(urls["upload"], {"file": pdf_upload("faux.pdf", b"GIF89a not a pdf")})
    assert response.status_code == 200 and "type de fichier" in unescape(response.content.decode())
    assert c.post(urls["upload"], {"file": pdf_upload()}).status_code == 302
    download = c.get(urls["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert "attachment" in download["Content-Disposition"]
    assert c.post(urls["validate"], {"note": "COPIL n°1"}).status_code == 302
    deliverable = action.deliverables.get(phase__number=1)
    assert deliverable.status == Deliverable.Status.VALIDATED and deliverable.validated_by == pilot
    assert c.post(urls["advance"]).status_code == 302
    action.refresh_from_db()
    assert action.current_phase_number == 2


def test_edit_fiche_with_lists_and_budget_check(client_for, action, pilot):
    from directory.access import person_of

    c = client_for(pilot)
    url = reverse("actions:action_edit", args=[action.pk])
    person = person_of(pilot)
    data = {
        "code": "01",
        "title": "Être guidés",
        "status": "en_cours",
        "needs": "Besoins",
        "budget_min_keur": "300",
        "budget_max_keur": "100,5",
        "pertinence": "5",
        "feasibility": "3",
        "objectifs-TOTAL_FORMS": "2",
        "objectifs-INITIAL_FORMS": "0",
        "objectifs-0-text": "Aider les entreprises",
        "objectifs-1-text": "",
        "moyens-TOTAL_FORMS": "1",
        "moyens-INITIAL_FORMS": "0",
        "moyens-0-text": "Appui-conseil",
        "etapes-TOTAL_FORMS": "0",
        "etapes-INITIAL_FORMS": "0",
        "conditions-TOTAL_FORMS": "1",
        "conditions-INITIAL_FORMS": "0",
        "conditions-0-title": "Incitation économique",
        "conditions-0-text": "Reste à charge progressif",
        "financements-TOTAL_FORMS": "0",
        "financements-INITIAL_FORMS": "0",
        "equipe-TOTAL_FORMS": "1",
        "equipe-INITIAL_FORMS": "1",
        "equipe-0-id": str(action.team.get().pk),
        "equipe-0-person": str(person.pk),
        "equipe-0-role": "pilote",
    }
    response = c.post(url, data)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Le budget maximum doit être supérieur" in page and "Aider les entreprises" in page
    data["budget_max_keur"] = "300"
    data["budget_min_keur"] = "100,5"
    assert c.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.objectives == ["Aider les entreprises"] and action.means == ["Appui-conseil"]
    assert str(action.budget_min_keur) == "100.5" and action.pertinence == 5
    assert action.success_conditions.get().title == "Incitation économique"
    # The team keeps a pilot.
    data["equipe-0-role"] = "contributeur"
    response = c.post(url, data)
    assert response.status_code == 200 and "au moins un pilote" in unescape(response.content.decode())


def test_pilot_creates_an_action_in_a_programme_they_manage(client_for, programme, pilot, other_pilot):
    c = client_for(pilot)
    url = reverse("actions:action_create")
    assert c.get(url).status_code == 200
    response = c.post(url, {"programme": programme.pk, "code": "12", "title": "Nouvelle action"})
    action = CollectiveAction.objects.get(code="12")
    assert response.status_code == 302 and action.phases.count() == 7
    response = c.post(url, {"programme": programme.pk, "code": "12", "title": "Doublon"})
    assert response.status_code == 200 and "déjà ce code" in unescape(response.content.decode())
    assert client_for(other_pilot).get(url).status_code == 403


def test_action_list_filters_and_sorts(client_for, programme, pilot):
    from tests.actions.factories import make_action

    make_action(by=pilot, programme=programme, code="02", title="Diagnostic de situation", pertinence=5)
    make_action(by=pilot, programme=programme, code="03", title="Performance et QVT", pertinence=2)
    c = client_for(pilot)
    url = reverse("actions:action_list")
    page = unescape(c.get(url, {"q": "diagnostic"}).content.decode())
    assert "Diagnostic de situation" in page and "Performance et QVT" not in page
    page = unescape(c.get(url, {"tri": "-pertinence"}).content.decode())
    assert page.index("Diagnostic de situation") < page.index("Performance et QVT")
    page = unescape(c.get(url, {"phase": "2"}).content.decode())
    assert "Aucune action" in page


def test_programme_creation_and_edition_access(
    client_for, pilot, programme, committee_member, outsider, committee_reads_programme
):
    create = reverse("actions:programme_create")
    assert client_for(None).get(create).status_code == 302
    assert client_for(committee_member).get(create).status_code == 403
    assert client_for(outsider).get(create).status_code == 403
    c = client_for(pilot)
    data = {
        "name": "ACIA test",
        "code": "acia-test",
        "kind": "appel",
        "start_date": "2026-01-01",
        "end_date": "2025-01-01",
        "axes-TOTAL_FORMS": "1",
        "axes-INITIAL_FORMS": "0",
        "axes-0-number": "1",
        "axes-0-title": "Implémenter un outil",
        "etapes-TOTAL_FORMS": "1",
        "etapes-INITIAL_FORMS": "0",
        "etapes-0-number": "1",
        "etapes-0-title": "Cadrage",
    }
    response = c.post(create, data)
    assert response.status_code == 200 and "postérieure" in unescape(response.content.decode())
    data["end_date"] = "2026-12-31"
    response = c.post(create, data)
    assert response.status_code == 302
    from actions.models import Programme

    created = Programme.objects.get(code="acia-test")
    assert created.axes.get().title == "Implémenter un outil" and created.steps.get().title == "Cadrage"
    assert created.managers.filter(user=pilot).exists()
    # The committee member reads the programme but may not edit it; the outsider does not see it.
    committee_reads_programme(programme)
    edit = reverse("actions:programme_edit", args=[programme.pk])
    assert client_for(committee_member).get(edit).status_code == 403
    assert client_for(committee_member).post(edit, data).status_code == 403
    assert client_for(outsider).get(edit).status_code == 404
    assert (
        client_for(outsider).get(reverse("actions:programme_detail", args=[programme.pk])).status_code == 404
    )
    listing = unescape(client_for(committee_member).get(reverse("actions:programme_list")).content.decode())
    assert programme.name in listing and "ACIA test" not in listing


def test_a_reader_may_follow_an_action_and_ask_for_its_pdf(
    client_for, action, committee_member, committee_reads_programme, outsider
):
    committee_reads_programme(action.programme)
    c = client_for(committee_member)
    assert c.post(reverse("actions:action_follow", args=[action.pk]), {"follow": "1"}).status_code == 302
    assert action.followers.filter(pk=committee_member.pk).exists()
    response = c.post(reverse("actions:action_fiche_pdf", args=[action.pk]))
    assert response.status_code == 302 and "/documents/" in response["Location"]
    assert client_for(outsider).post(reverse("actions:action_fiche_pdf", args=[action.pk])).status_code == 404
    assert (
        client_for(outsider)
        .post(reverse("actions:action_follow", args=[action.pk]), {"follow": "1"})
        .status_code
        == 404
    )


def test_an_axis_chosen_by_applications_cannot_be_removed_from_the_programme(client_for, pilot, programme):
    """Found by tests/fuzz: ticking « Remove » on such an axis was a server error (ProtectedError)."""
    from actions.models import ProgrammeAxis
    from tests.calls.factories import CallFactory, make_application

    axis = ProgrammeAxis.objects.create(programme=programme, number=9, title="Prévenir l’usure")
    application = make_application(CallFactory(programme=programme), 1)
    application.axis = axis
    application.save()
    data = {
        "name": programme.name,
        "code": programme.code,
        "kind": programme.kind,
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "axes-TOTAL_FORMS": "1",
        "axes-INITIAL_FORMS": "1",
        "axes-0-id": str(axis.pk),
        "axes-0-programme": str(programme.pk),
        "axes-0-number": "9",
        "axes-0-title": axis.title,
        "axes-0-DELETE": "on",
        "etapes-TOTAL_FORMS": "0",
        "etapes-INITIAL_FORMS": "0",
    }
    response = client_for(pilot).post(reverse("actions:programme_edit", args=[programme.pk]), data)
    assert response.status_code == 200
    assert "est encore utilisé ailleurs" in unescape(response.content.decode())
    assert ProgrammeAxis.objects.filter(pk=axis.pk).exists()
    # Without applications pointing to it, the axis goes.
    application.axis = None
    application.save()
    assert (
        client_for(pilot).post(reverse("actions:programme_edit", args=[programme.pk]), data).status_code
        == 302
    )
    assert not ProgrammeAxis.objects.filter(pk=axis.pk).exists()


def test_a_far_phase_date_is_refused_and_the_action_page_still_opens(client_for, action, pilot):
    """Found by tests/fuzz: 9999-12-31 as a planned end was stored, then the action’s page crashed."""
    c = client_for(pilot)
    response = c.post(
        reverse("actions:phase_edit", args=[action.pk, 1]),
        {"planned_start": "2026-01-01", "planned_end": "9999-12-31"},
    )
    assert response.status_code == 200
    assert "Saisissez une date entre 1900 et 2100." in unescape(response.content.decode())
    assert action.phases.get(number=1).planned_end != date(9999, 12, 31)
    assert c.get(reverse("actions:action_detail", args=[action.pk])).status_code == 200


def test_validating_an_already_validated_deliverable_says_so_above_the_page(client_for, action, pilot):
    """Found by tests/fuzz: the refusal went into the validation form, which a validated deliverable’s page hides."""
    from django.core.files.base import ContentFile

    from actions.services import deliverable_validate

    deliverable = action.deliverables.order_by("phase__number").first()
    deliverable.file.save("livrable.pdf", ContentFile(b"%PDF-1.4 livrable"), save=True)
    deliverable_validate(deliverable=deliverable, by=pilot, note="COPIL")
    c = client_for(pilot)
    response = c.post(
        reverse("actions:deliverable_validate", args=[action.pk, deliverable.pk]), {"note": "encore"}
    )
    assert response.status_code == 200
    assert '<div class="alert alert-danger' in response.content.decode()
    assert "Ce livrable est déjà validé." in unescape(response.content.decode())
    deliverable.refresh_from_db()
    assert deliverable.validation_note == "COPIL"
    # A faulty field of these hidden forms is also told above the page.
    response = c.post(
        reverse("actions:deliverable_validate", args=[action.pk, deliverable.pk]), {"note": "a\x00b"}
    )
    assert "Le caractère nul n’est pas autorisé." in unescape(response.content.decode())
    response = c.post(
        reverse("actions:deliverable_status", args=[action.pk, deliverable.pk]), {"status": "<b>"}
    )
    assert "Sélectionnez un choix valide." in unescape(response.content.decode())
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.VALIDATED
