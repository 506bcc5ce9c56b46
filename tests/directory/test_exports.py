"""The directory exports: CSV for spreadsheets, PDF through the reports queue."""

import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from directory.documents import EXPORT_KIND, can_view
from reports.models import Document
from reports.services import document_request
from tests.factories import OrganisationFactory, PersonFactory

CSV_URL = reverse("directory:export_csv")
PDF_URL = reverse("directory:export_pdf")


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "a BOM, so that Excel reads the accents"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


# --- CSV -------------------------------------------------------------------------------------
def test_the_csv_has_one_row_per_person_and_one_for_an_organisation_without_people(
    client_for, pilot, cfdt, aract_corse, bakery
):
    response = client_for(pilot).get(CSV_URL, {"q": "a"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="annuaire-')
    rows = read_csv(response)
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Organisation", "Sigle", "Type", "SIRET"]
    assert header[-7:] == ["Civilité", "Prénom", "Nom", "Fonction", "Collège", "Courriel", "Téléphone"]
    by_org = {}
    for row in body:
        by_org.setdefault(row[0], []).append(row)
    assert [r[14] for r in by_org["ARACT Corse"]] == ["Santoni"]
    assert by_org["ARACT Corse"][0][16] == "Préventeurs"
    assert by_org["CFDT Auvergne-Rhône-Alpes"][0][2] == "Organisation syndicale ou patronale"
    assert by_org["Boulangerie Dupont"] == [
        [
            "Boulangerie Dupont",
            "",
            "Entreprise",
            "73282932000074",
            "7",
            "",
            "Pas-de-Calais",
            "",
            "62400",
            "Béthune",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
    ]


def test_the_csv_respects_the_filters_of_the_list(client_for, pilot, cfdt, aract_corse, bakery):
    rows = read_csv(client_for(pilot).get(CSV_URL, {"kind": "syndicat"}))
    assert {row[0] for row in rows[1:]} == {"CFDT Auvergne-Rhône-Alpes"}


def test_the_csv_neutralises_spreadsheet_formulas(client_for, pilot):
    organisation = OrganisationFactory(name='=HYPERLINK("http://pirate.example","clic")', city="+33")
    PersonFactory(organisation=organisation, first_name="@SUM(A1)", last_name="-2+3", function="=1+1")
    rows = read_csv(client_for(pilot).get(CSV_URL, {"q": "HYPERLINK"}))
    (row,) = rows[1:]
    assert row[0] == '\'=HYPERLINK("http://pirate.example","clic")'
    assert row[9] == "'+33"
    assert row[13:16] == ["'@SUM(A1)", "'-2+3", "'=1+1"]


def test_the_list_links_its_exports_with_its_filters(client_for, pilot, cfdt):
    html = (
        client_for(pilot).get(reverse("directory:organisation_list"), {"kind": "syndicat"}).content.decode()
    )
    assert f'href="{CSV_URL}?kind=syndicat"' in html
    assert f'action="{PDF_URL}?kind=syndicat"' in html


# --- PDF -------------------------------------------------------------------------------------
def pdf_text(document) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(handle)
        return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_export_is_queued_with_the_filters_then_rendered(
    client_for, pilot, cfdt, aract_corse, bakery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(pilot).post(f"{PDF_URL}?kind=syndicat&tri=-nom&page=3&pirate=1")
    document = Document.objects.get()
    assert response.status_code == 302 and response.url == document.get_absolute_url()
    assert document.kind == EXPORT_KIND and document.target is None
    assert document.params == {"filters": {"kind": ["syndicat"], "tri": ["-nom"]}}
    assert document.status == Document.Status.DONE, document.error
    assert document.file.name.endswith(".pdf") and "annuaire-" in document.file.name
    text = pdf_text(document)
    assert "Annuaire" in text
    assert "CFDT Auvergne-Rhône-Alpes" in text and "Perrin" in text and "Membre du CROCT" in text
    assert "ARACT Corse" not in text and "Boulangerie" not in text
    assert "Type = « Organisation syndicale ou patronale »" in text
    assert "1 organisation, 1 personne" in text


def test_the_whole_directory_in_pdf_groups_people_under_their_organisation(
    pilot, cfdt, aract_corse, bakery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=EXPORT_KIND, target=None, requested_by=pilot, params={})
    document.refresh_from_db()
    assert document.status == Document.Status.DONE, document.error
    text = pdf_text(document)
    assert "Annuaire complet, sans filtre." in text
    assert text.index("ARACT Corse") < text.index("Santoni") < text.index("Boulangerie Dupont")
    assert "Personne n’est encore enregistré pour cette organisation." in text
    for header in ["Nom", "Fonction", "Collège", "Courriel", "Téléphone"]:
        assert header in text


def test_hostile_params_do_not_break_the_pdf(pilot, cfdt, django_capture_on_commit_callbacks):
    params = {
        "filters": {"kind": ["<b>x</b>"], "territory": [{"a": 1}], "tri": ["password"], "q": "pas une liste"}
    }
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=EXPORT_KIND, target=None, requested_by=pilot, params=params)
    document.refresh_from_db()
    assert document.status == Document.Status.DONE, document.error
    assert "CFDT" in pdf_text(document)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("pilot", True),
        ("consultant", True),
        ("service_staff", True),
        ("committee_member", True),
        ("admin_user", True),
        ("member_contact", False),
        ("outsider", False),
    ],
)
def test_who_may_ask_for_the_pdf_of_the_whole_directory(request, persona, allowed):
    assert can_view(request.getfixturevalue(persona), None) is allowed


def test_a_user_who_lost_access_gets_an_empty_export(pilot, cfdt, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        document = document_request(kind=EXPORT_KIND, target=None, requested_by=pilot, params={})
    person = pilot.person
    person.role = person.Role.MEMBER_CONTACT
    person.save()
    pilot.refresh_from_db()
    for callback in callbacks:
        callback()
    document.refresh_from_db()
    assert document.status == Document.Status.DONE
    assert "CFDT" not in pdf_text(document)
