"""Importing participating companies: all rows or none, every fault named by row and column."""

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Participation
from actions.services import participation_import
from core.tabular import ImportRejected
from directory.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = "Entreprise;SIRET;Statut;Groupe;Motif de sortie;Engagée le;DU formalisé le;Plan d’action le;Système de prévention le"


def _csv(*rows, header=HEADER):
    return SimpleUploadedFile(
        "entreprises.csv", ("\n".join([header, *rows]) + "\n").encode("utf-8"), content_type="text/csv"
    )


def test_a_valid_csv_creates_and_updates_participations(action, pilot):
    known = OrganisationFactory(name="Recyclerie du Forez", siret="73282932000074")
    count = participation_import(
        action=action,
        upload=_csv(
            "Autre nom;732 829 320 00074;Engagée;Groupe Loire;;01/02/2025;15/03/2025;;",
            "Atelier Textile Solidaire;;ciblée;Groupe Rhône;;;;;",
        ),
        by=pilot,
    )
    assert count == 2
    matched = Participation.objects.get(action=action, organisation=known)
    assert matched.status == "engagee" and matched.du_formalised_on.isoformat() == "2025-03-15"
    created = Organisation.objects.get(name="Atelier Textile Solidaire")
    assert created.kind == Organisation.Kind.COMPANY
    # Importing again updates, never duplicates.
    participation_import(
        action=action, upload=_csv("Atelier Textile Solidaire;;Sélectionnée;;;;;;"), by=pilot
    )
    assert Participation.objects.filter(action=action).count() == 2
    assert Participation.objects.get(organisation=created).status == "selectionnee"


def test_one_faulty_row_writes_nothing_and_names_rows_and_columns(action, pilot):
    with pytest.raises(ImportRejected) as rejected:
        participation_import(
            action=action,
            upload=_csv(
                "Bonne entreprise;;engagée;;;;;;",
                ";;engagée;;;;;;",
                "Entreprise douteuse;123;inconnu;;;31/02/2025;;;",
                "Entreprise sortie;;sortie;;;;;;",
            ),
            by=pilot,
        )
    messages = [str(e) for e in rejected.value.errors]
    assert any("Ligne 3" in m and "Entreprise" in m for m in messages)
    assert any("Ligne 4" in m and "«\u00a0Statut\u00a0»" in m for m in messages)
    assert any("Ligne 4" in m and "«\u00a0Engagée le\u00a0»" in m for m in messages)
    assert any("Ligne 4" in m and "«\u00a0SIRET\u00a0»" in m for m in messages)
    assert any("Ligne 5" in m and "«\u00a0Motif de sortie\u00a0»" in m for m in messages)
    assert not Participation.objects.exists()
    assert not Organisation.objects.filter(name="Bonne entreprise").exists()


def test_too_long_names_are_refused_by_row_not_a_server_error(client_for, action, pilot):
    """Found by tests/fuzz: a 201-character company name crashed the import (varchar(200))."""
    before = Organisation.objects.count()
    response = client_for(pilot).post(
        reverse("actions:participation_import", kwargs={"pk": action.pk}),
        {"file": _csv("Bonne entreprise;;;;;;;;", f"{'A' * 201};;;{'G' * 121};;;;;")},
    )
    assert response.status_code == 200
    text = unescape(response.content.decode())
    assert "Ligne 3, colonne «\u00a0Entreprise\u00a0»\u00a0: 200 caractères au plus (ici 201)." in text
    assert "Ligne 3, colonne «\u00a0Groupe\u00a0»\u00a0: 120 caractères au plus (ici 121)." in text
    assert Organisation.objects.count() == before
    assert not Participation.objects.filter(action=action).exists()


def test_xlsx_is_read_and_a_missing_column_is_refused(action, pilot, xlsx_bytes):
    data = xlsx_bytes([["Entreprise", "Statut", "Groupe"], ["Jardins d’Insertion", "Engagée", "Cluster"]])
    upload = SimpleUploadedFile("liste.xlsx", data)
    assert participation_import(action=action, upload=upload, by=pilot) == 1
    with pytest.raises(ImportRejected, match="Entreprise"):
        participation_import(action=action, upload=_csv("x;y", header="Nom;Ville"), by=pilot)


def test_a_file_with_only_its_header_row_is_refused_not_counted_as_zero_imported(client_for, action, pilot):
    with pytest.raises(ImportRejected, match="aucune entreprise"):
        participation_import(action=action, upload=_csv(), by=pilot)
    response = client_for(pilot).post(
        reverse("actions:participation_import", args=[action.pk]), {"file": _csv()}
    )
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Rien n’a été importé" in page and "aucune entreprise sous sa ligne d’en-tête" in page
    assert not Participation.objects.exists()


def test_import_page_shows_the_errors_and_keeps_nothing(client_for, action, pilot):
    url = reverse("actions:participation_import", args=[action.pk])
    c = client_for(pilot)
    response = c.post(url, {"file": _csv("Bonne;;engagée;;;;;;", "Mauvaise;;peut-être;;;;;;")})
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Rien n’a été importé" in page and "Ligne 3" in page and "Statut" in page
    assert not Participation.objects.exists()
    response = c.post(url, {"file": _csv("Bonne;;engagée;;;;;;")})
    assert response.status_code == 302 and Participation.objects.count() == 1
    template = c.get(reverse("actions:participation_template", args=[action.pk]))
    assert template.status_code == 200 and "Entreprise;SIRET;Statut" in template.content.decode("utf-8-sig")


def test_participation_form_requires_a_reason_to_withdraw(client_for, action, pilot):
    company = OrganisationFactory(name="ACI Bois et Services")
    url = reverse("actions:participation_create", args=[action.pk])
    response = client_for(pilot).post(url, {"organisation": company.pk, "status": "sortie"})
    assert response.status_code == 200 and "pourquoi l’entreprise est sortie" in unescape(
        response.content.decode()
    )
    response = client_for(pilot).post(
        url, {"organisation": company.pk, "status": "sortie", "withdrawal_reason": "Fermeture"}
    )
    assert response.status_code == 302
