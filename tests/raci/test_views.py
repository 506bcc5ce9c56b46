"""The RACI pages at work: the grid, one-cell edits, creation from a template, import, export, PDF."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from directory.models import Person
from raci import services
from raci.models import Assignment, Matrix
from raci.selectors import matrix_data
from reports.models import Document
from tests.factories import make_account

from .factories import ActionFactory, join_team, small_matrix
from .seed import DATA

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_list_shows_my_matrices_and_the_templates(client_for, pilot, matrix, other_pilot):
    services.templates_install(by=None)
    small_matrix()  # somebody else's
    page = client_for(pilot).get(reverse("raci:matrix_list")).content.decode()
    assert matrix.title in page
    assert "Axe 1 : Implémentation d&#x27;un nouvel outil" in page
    assert "Nouvelle matrice" in page and "Importer un tableur" in page
    assert page.count('href="/raci/') >= 3
    other = client_for(other_pilot).get(reverse("raci:matrix_list")).content.decode()
    assert matrix.title not in other and "Nouvelle matrice" not in other


def test_the_grid_shows_axes_steps_cells_summary_and_workload(client_for, pilot, action):
    axe1, _ = services.templates_install(by=None)
    matrix = services.matrix_clone(source=axe1, action=action, by=pilot)
    page = client_for(pilot).get(matrix.get_absolute_url()).content.decode()
    assert page.count('class="raci-axis"') == 1 and page.count('class="raci-step"') == 3
    assert "Etape 2 : La mise en place de l&#x27;évaluation embarquée" in page
    assert page.count("data-raci-cell") == 12 * 4
    assert ">R/C</a>" in page
    assert "0 erreur" in page and "12 avertissements" in page
    assert "Activités sans approbateur (aucun A)" in page
    assert "Travaux intersession" in page and "raci/grid.js" in page
    # Workload of the ARACT: R or C or I on every row but one, hours only where they are numbers.
    assert "Charge de travail" in page


def test_editing_a_cell_is_one_small_request_answering_the_cell_and_the_summary(client_for, pilot, matrix):
    activity = matrix.activities.order_by("order").first()
    first_role = matrix.roles.order_by("order").first()
    url = reverse("raci:cell_update", args=[matrix.pk, activity.pk, first_role.pk])
    response = client_for(pilot).post(url, {"letters": "C"}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<template><td id="raci-cell-{activity.pk}-{first_role.pk}"' in body
    assert 'data-letters="C"' in body
    assert 'id="raci-summary"' in body and 'hx-swap-oob="true"' in body
    assert "1 erreur" in body and "personne ne la réalise (aucun R)" in body
    assert re.search(rf'id="raci-status-{activity.pk}"\s+class="raci-status is-error"', body)
    assert len(body) < 12000
    assert Assignment.objects.get(activity=activity, role=first_role).letters == "C"
    # Fixed: the error disappears.
    body = client_for(pilot).post(url, {"letters": "R/C"}, **HTMX).content.decode()
    assert "0 erreur" in body and re.search(
        rf'id="raci-status-{activity.pk}"\s+class="raci-status is-warning"', body
    )


def test_wrong_letters_are_refused_in_french(client_for, pilot, matrix):
    activity = matrix.activities.first()
    role = matrix.roles.first()
    url = reverse("raci:cell_update", args=[matrix.pk, activity.pk, role.pk])
    response = client_for(pilot).post(url, {"letters": "X"}, **HTMX)
    assert response.status_code == 400 and "n’est pas une cellule RACI" in response.content.decode()
    page = client_for(pilot).post(url, {"letters": "Z/R"})
    assert page.status_code == 400 and "n’est pas une cellule RACI" in page.content.decode()
    assert Assignment.objects.get(activity=activity, role=role).letters == "R"


def test_without_javascript_the_cell_form_saves_and_returns_to_the_row(client_for, pilot, matrix):
    activity = matrix.activities.first()
    role = matrix.roles.order_by("order").last()
    url = reverse("raci:cell_update", args=[matrix.pk, activity.pk, role.pk])
    assert "Lettres" in client_for(pilot).get(url).content.decode()
    response = client_for(pilot).post(url, {"letters": "i"})
    assert response.status_code == 302 and response["Location"].endswith(f"#raci-row-{activity.pk}")
    assert Assignment.objects.get(activity=activity, role=role).letters == "I"


def test_a_pilot_clones_a_template_into_their_action_only(client_for, pilot, action):
    axe1, _ = services.templates_install(by=None)
    client = client_for(pilot)
    form = client.get(
        reverse("raci:matrix_create") + f"?template={axe1.pk}&action={action.pk}"
    ).content.decode()
    assert f'value="action:{action.pk}" selected' in form
    response = client.post(
        reverse("raci:matrix_create"),
        {"scope": f"action:{action.pk}", "title": "RACI des Oliviers", "start": str(axe1.pk)},
    )
    matrix = Matrix.objects.get(title="RACI des Oliviers")
    assert response.status_code == 302 and response["Location"] == matrix.get_absolute_url()
    assert matrix.action == action and matrix.source == axe1
    assert matrix_data(matrix) == matrix_data(axe1)
    foreign = ActionFactory()
    response = client.post(
        reverse("raci:matrix_create"), {"scope": f"action:{foreign.pk}", "title": "Intrus"}
    )
    assert response.status_code == 200 and not Matrix.objects.filter(title="Intrus").exists()
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_an_empty_matrix_is_created_for_a_programme(client_for, pilot):
    from .factories import ProgrammeFactory, manage_programme

    programme = ProgrammeFactory()
    manage_programme(programme, pilot)
    client_for(pilot).post(
        reverse("raci:matrix_create"), {"scope": f"programme:{programme.pk}", "title": "Pilotage"}
    )
    assert Matrix.objects.get(title="Pilotage").programme == programme


def test_importing_the_seed_typed_file_creates_the_matrix(client_for, pilot, action):
    upload = SimpleUploadedFile("annexe2.csv", (DATA / "annexe2_typed.csv").read_bytes())
    response = client_for(pilot).post(
        reverse("raci:matrix_import"),
        {"scope": f"action:{action.pk}", "title": "Annexe 2 importée", "file": upload},
    )
    matrix = Matrix.objects.get(title="Annexe 2 importée")
    assert response.status_code == 302
    assert matrix.activities.count() == 25 and matrix.roles.count() == 4
    assert Assignment.objects.filter(activity__matrix=matrix, letters="RC").count() == 8


def test_a_faulty_file_names_every_cell_and_writes_nothing(client_for, pilot, action):
    content = (
        b"Axe;Etape;Action;Charge de travail (en heure);ARACT\n"
        b"Axe 1;Etape 1;COPIL 1;3h;R\n;;COPIL 2;beaucoup trop d'heures 3,555;X\n"
    )
    response = client_for(pilot).post(
        reverse("raci:matrix_import"),
        {"scope": f"action:{action.pk}", "title": "Fautive", "file": SimpleUploadedFile("f.csv", content)},
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Matrix.objects.filter(title="Fautive").exists()
    assert "Ligne 3, colonne «\u00a0ARACT\u00a0»" in page and "Rien n’a été importé" in page
    response = client_for(pilot).post(
        reverse("raci:matrix_import"),
        {
            "scope": f"action:{action.pk}",
            "title": "Fautive",
            "file": SimpleUploadedFile("f.xlsx", b"PK\x03\x04zz"),
        },
    )
    assert response.status_code == 200 and "classeur Excel" in response.content.decode()


def test_export_then_import_gives_back_the_same_matrix(client_for, pilot, action):
    axe2 = services.templates_install(by=None)[1]
    source = services.matrix_clone(source=axe2, action=action, by=pilot)
    activity = source.activities.order_by("order")[3]
    services.cell_set(activity=activity, role=source.roles.order_by("order").last(), letters="A", by=pilot)
    client = client_for(pilot)
    for fmt in ("xlsx", "csv"):
        exported = client.get(reverse("raci:matrix_export", args=[source.pk, fmt]))
        assert exported.status_code == 200
        assert exported["Content-Disposition"].startswith('attachment; filename="raci-')
        client.post(
            reverse("raci:matrix_import"),
            {
                "scope": f"action:{action.pk}",
                "title": f"Retour {fmt}",
                "file": SimpleUploadedFile(f"x.{fmt}", exported.content),
            },
        )
        assert matrix_data(Matrix.objects.get(title=f"Retour {fmt}")) == matrix_data(source)
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("raci:matrix_export", args=[source.pk, "xlsx"])).content)
    )
    header = [c.value for c in workbook.active[1]]
    assert header[:8] == [
        "Axe",
        "Etape",
        "Action",
        "Description",
        "Méthodologie/outils utilisés",
        "Objectif",
        "Charge de travail (en heure)",
        "Réunion",
    ]


def test_validation_is_refused_with_errors_and_given_without(client_for, pilot, matrix):
    client = client_for(pilot)
    activity = matrix.activities.first()
    role = matrix.roles.order_by("order").first()
    services.cell_set(activity=activity, role=role, letters="", by=pilot)
    client.post(reverse("raci:matrix_validate", args=[matrix.pk]))
    matrix.refresh_from_db()
    assert matrix.status == Matrix.Status.DRAFT
    services.cell_set(activity=activity, role=role, letters="RA", by=pilot)
    response = client.post(reverse("raci:matrix_validate", args=[matrix.pk]), follow=True)
    matrix.refresh_from_db()
    assert matrix.status == Matrix.Status.VALIDATED
    assert "marquée «\u00a0validée\u00a0»" in response.content.decode()


def test_the_grid_still_shows_a_matrix_whose_validator_was_deleted(client_for, pilot, matrix):
    validator = make_account("validatrice", Person.Role.PILOT)
    Matrix.objects.filter(pk=matrix.pk).update(
        status=Matrix.Status.VALIDATED, validated_by=validator, validated_at=timezone.now()
    )
    validator.delete()
    response = client_for(pilot).get(matrix.get_absolute_url())
    assert response.status_code == 200
    assert "par un compte supprimé" in response.content.decode()


def test_rows_and_roles_are_added_edited_and_reordered(client_for, pilot, matrix):
    client = client_for(pilot)
    first = matrix.activities.order_by("order").first()
    response = client.post(
        reverse("raci:activity_create", args=[matrix.pk]) + f"?after={first.pk}",
        {
            "axis": "",
            "step": "",
            "name": "Temps collectif 1",
            "workload": "3 h ",
            "meeting_label": "Temps collectif 1",
        },
    )
    assert response.status_code == 302
    added = matrix.activities.get(name="Temps collectif 1")
    assert (added.axis, added.step, added.workload_hours) == (first.axis, first.step, 3)
    assert list(matrix.activities.order_by("order").values_list("name", flat=True))[:2] == [
        "Activité 1",
        "Temps collectif 1",
    ]
    response = client.post(
        reverse("raci:activity_update", args=[matrix.pk, added.pk]),
        {"axis": "Axe 2", "step": "", "name": "Temps collectif 1", "workload": "Travaux intersession"},
    )
    added.refresh_from_db()
    assert (added.axis, added.step, added.workload_hours, added.workload_text) == (
        "Axe 2",
        "",
        None,
        "Travaux intersession",
    )
    page = client.post(reverse("raci:activity_update", args=[matrix.pk, added.pk]), {"workload": "1,555 h"})
    assert page.status_code == 200 and "deux décimales" in page.content.decode()
    client.post(reverse("raci:role_create", args=[matrix.pk]), {"name": "Groupe de travail"})
    assert matrix.roles.order_by("order").last().name == "Groupe de travail"
    page = client.post(reverse("raci:role_create", args=[matrix.pk]), {"name": "Objectif"})
    assert page.status_code == 200 and "colonne fixe" in page.content.decode()


def test_the_history_shows_who_changed_which_cell(client_for, pilot, matrix, committee_member):
    activity = matrix.activities.order_by("order").first()
    role = matrix.roles.order_by("order").first()
    services.cell_set(activity=activity, role=role, letters="RC", by=pilot)
    services.role_save(role=matrix.roles.order_by("order").last(), by=pilot)
    page = client_for(committee_member).get(reverse("raci:matrix_history", args=[matrix.pk])).content.decode()
    assert "Cellule «\u00a0Activité 1\u00a0» × «\u00a0Rôle 1\u00a0»" in page
    assert "R/C" in page and pilot.get_full_name() in page


def test_the_pdf_is_asked_for_by_a_reader(client_for, committee_member, matrix):
    response = client_for(committee_member).post(reverse("raci:matrix_pdf", args=[matrix.pk]))
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert document.kind == "raci.matrix" and document.target == matrix


def test_the_grid_page_queries_do_not_grow_with_rows_and_roles(
    client_for, pilot, django_assert_max_num_queries
):
    client = client_for(pilot)
    small = small_matrix(rows=2, roles=2)
    big = small_matrix(rows=30, roles=8)
    for matrix in (small, big):
        join_team(matrix.action, pilot)
    client.get(small.get_absolute_url())  # warm the caches (content types…)
    for matrix in (small, big):
        with django_assert_max_num_queries(16):
            assert client.get(matrix.get_absolute_url()).status_code == 200


def test_the_list_queries_do_not_grow_with_matrices(client_for, pilot, django_assert_max_num_queries):
    client = client_for(pilot)
    services.templates_install(by=None)
    client.get(reverse("raci:matrix_list"))
    for count in (1, 8):
        for _ in range(count):
            join_team(small_matrix().action, pilot)
        with django_assert_max_num_queries(14):
            assert client.get(reverse("raci:matrix_list")).status_code == 200


def test_roles_and_activities_tie_to_the_committees_and_meetings_of_the_action_only(
    client_for, pilot, matrix
):
    from datetime import timedelta

    from django.utils import timezone

    from governance.models import Committee, Meeting

    copil = Committee.objects.create(
        kind=Committee.Kind.COPIL, name="COPIL des Oliviers", action=matrix.action
    )
    meeting = Meeting.objects.create(
        committee=copil, number=1, title="COPIL 1", starts_at=timezone.now() + timedelta(days=7)
    )
    elsewhere = Committee.objects.create(
        kind=Committee.Kind.COPIL, name="COPIL d’ailleurs", action=ActionFactory()
    )
    Meeting.objects.create(committee=elsewhere, number=1, title="COPIL ailleurs", starts_at=timezone.now())
    client = client_for(pilot)
    role = matrix.roles.order_by("order").last()
    form = client.get(reverse("raci:role_update", args=[matrix.pk, role.pk])).content.decode()
    assert "COPIL des Oliviers" in form and "COPIL d’ailleurs" not in form
    client.post(
        reverse("raci:role_update", args=[matrix.pk, role.pk]),
        {"name": "Comité de pilotage", "committee": copil.pk},
    )
    role.refresh_from_db()
    assert role.committee == copil
    refused = client.post(
        reverse("raci:role_update", args=[matrix.pk, role.pk]),
        {"name": "Comité de pilotage", "committee": elsewhere.pk},
    )
    assert refused.status_code == 200
    activity = matrix.activities.order_by("order").first()
    form = client.get(reverse("raci:activity_update", args=[matrix.pk, activity.pk])).content.decode()
    assert "COPIL ailleurs" not in form
    client.post(
        reverse("raci:activity_update", args=[matrix.pk, activity.pk]),
        {"axis": activity.axis, "step": activity.step, "name": activity.name, "meeting": meeting.pk},
    )
    activity.refresh_from_db()
    assert activity.meeting == meeting
    page = client.get(matrix.get_absolute_url()).content.decode()
    assert "COPIL des Oliviers" in page and "COPIL 1 ·" in page


def test_a_cell_edit_makes_the_same_queries_whatever_the_size(
    client_for, pilot, django_assert_max_num_queries
):
    client = client_for(pilot)
    small = small_matrix(rows=2, roles=2)
    big = small_matrix(rows=30, roles=8)
    for matrix in (small, big):
        join_team(matrix.action, pilot)
    for matrix in (small, big):
        activity = matrix.activities.order_by("order").last()
        role = matrix.roles.order_by("order").last()
        url = reverse("raci:cell_update", args=[matrix.pk, activity.pk, role.pk])
        with django_assert_max_num_queries(24):
            assert client.post(url, {"letters": "C"}, **HTMX).status_code == 200


def test_a_role_tied_to_two_holders_is_refused_with_one_clear_message(client_for, pilot, matrix):
    from tests.factories import OrganisationFactory

    role = matrix.roles.order_by("order").first()
    organisation = OrganisationFactory(name="ARACT Occitanie")
    person = Person.objects.get(user=pilot)
    response = client_for(pilot).post(
        reverse("raci:role_update", args=[matrix.pk, role.pk]),
        {"name": "ARACT", "organisation": organisation.pk, "person": person.pk},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Rattachez le rôle à une seule organisation, personne ou instance au plus.") == 1
    assert "contrainte" not in page.lower()
    role.refresh_from_db()
    assert role.organisation is None and role.person is None
