"""Every PDF is tagged (PDF/UA-1), in French, titled; the archive kinds are PDF/A-3a with their data attached.

Read with pypdf (and poppler's pdftotext) as a screen reader, an archive or a funder reusing the
figures would. The rules checked are listed in `tests/reports/pdf_checks.py`.
"""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from pypdf import PdfReader

from reports import pdf as pdf_module
from reports.attachments import csv_attachment, csv_value
from reports.pdf import PdfAttachment, render_pdf
from reports.registry import all_kinds, get_kind
from reports.services import build_document_context, build_html, render_document_pdf
from tests.factories import OrganisationFactory

from .pdf_checks import (
    ARCHIVE_KINDS,
    DATA_ATTACHED,
    check_accessible,
    check_archive,
    check_not_archive,
    demo_targets,
    embedded_files,
    in_order,
    pdftotext,
    unsaved_document,
)

SIMPLE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Registre — essai</title>
<meta name="author" content="ARACT Corse"><meta name="description" content="Registre des décisions">
<meta name="dcterms.created" content="2026-03-12T10:00:00+01:00"></head><body>
<h1>Registre — essai</h1><h2>Décisions</h2>
<table><thead><tr><th scope="col">Réunion</th><th scope="col">Décision</th></tr></thead>
<tbody><tr><td>COPIL 1</td><td>Lancer l’action</td></tr></tbody></table>
<ul><li>un</li><li>deux</li></ul>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 20" width="100" role="img"><title>Actions par phase. 1. Diagnostic : 3</title>
<rect width="30" height="10" fill="#1f4e79"/></svg>
</body></html>"""


def _html_title(document_html: str) -> str:
    raw = re.search(r"<title>(.*?)</title>", document_html, re.S).group(1)
    return " ".join(html.unescape(raw).split())


# --- The renderer -------------------------------------------------------------------------------
def test_a_pdf_is_tagged_in_french_with_its_title_header_cells_lists_and_chart_alternative():
    reader, summary = check_accessible(render_pdf(SIMPLE).content, title="Registre — essai")
    assert [t for t in summary.tags if t.startswith("/H")] == ["/H1", "/H2"]
    assert summary.tables == 1 and "/TH" in summary.tags and "/TD" in summary.tags
    assert summary.tags.count("/LI") == 2 and "/L" in summary.tags
    assert "/Figure" in summary.tags  # the SVG chart, with its title as /Alt (checked above)
    check_not_archive(reader)
    assert reader.metadata.author == "ARACT Corse" and reader.metadata.subject == "Registre des décisions"


def test_the_checks_fail_when_tagging_is_removed(monkeypatch):
    monkeypatch.setattr(pdf_module, "TAGGED", False)
    with pytest.raises(AssertionError, match="not tagged"):
        check_accessible(render_pdf(SIMPLE).content)


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (SIMPLE.replace('lang="fr"', 'lang="en"'), "language"),
        (SIMPLE.replace("<h2>Décisions</h2>", "<h3>Décisions</h3>"), "skipped"),
        (SIMPLE.replace("<h2>Décisions</h2>", "<h1>Décisions</h1>"), "one H1"),
        (SIMPLE.replace('<th scope="col">', "<td>").replace("</th>", "</td>"), "header cells"),
        (SIMPLE.replace("<title>Actions par phase. 1. Diagnostic : 3</title>", ""), "text alternative"),
    ],
)
def test_the_checks_fail_on_what_a_screen_reader_would_miss(broken, message):
    with pytest.raises(AssertionError, match=message):
        check_accessible(render_pdf(broken).content)


def test_an_archive_is_pdf_a_3a_tagged_with_its_data_file_attached_once():
    data = csv_attachment(
        "indicateurs.csv",
        ["Indicateur", "Valeur"],
        [["Entreprises", Decimal("12.50")]],
        description="Chiffres",
    )
    content = render_pdf(SIMPLE, archive=True, attachments=[data]).content
    reader, _summary = check_accessible(content, title="Registre — essai")
    metadata = check_archive(reader)
    assert 'pdfuaid:part="1"' in metadata  # tagged as PDF/UA asks, and says so
    files = embedded_files(reader)
    assert list(files) == ["indicateurs.csv"]
    assert files["indicateurs.csv"]["relationship"] == "/Data"
    assert files["indicateurs.csv"]["content"] == data.content
    assert len(reader.trailer["/Root"]["/AF"]) == 1


def test_the_attached_csv_opens_in_french_excel():
    assert csv_value(Decimal("12.50")) == "12,5"
    assert csv_value(Decimal("1234")) == "1234"
    assert csv_value(0.25) == "0,25"
    assert csv_value(date(2026, 3, 12)) == "12/03/2026"
    assert csv_value(datetime(2026, 3, 12, 9, 5)) == "12/03/2026 09:05"
    assert csv_value(None) == "" and csv_value(True) == "oui"
    attachment = csv_attachment("x.csv", ["Nom", "Valeur"], [["=SUM(A1)", Decimal("1.5")], ["Éole", None]])
    assert isinstance(attachment, PdfAttachment)
    text = attachment.content.decode("utf-8")
    assert text.startswith("\ufeffNom;Valeur\r\n")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["Nom", "Valeur"], ["'=SUM(A1)", "1,5"], ["Éole", ""]]


def test_a_document_kind_declares_whether_it_is_an_archive_and_its_attachments():
    assert {key for key, kind in all_kinds().items() if kind.archive} == ARCHIVE_KINDS
    assert {key for key, kind in all_kinds().items() if kind.attachments} == DATA_ATTACHED


@pytest.mark.django_db
def test_a_requested_document_of_a_plain_kind_is_pdf_ua(sample_kind, pilot):
    organisation = OrganisationFactory(name="ARACT Corse")
    document = unsaved_document("tests.sample", organisation, pilot)
    reader, _summary = check_accessible(render_document_pdf(document).content)
    check_not_archive(reader)
    assert reader.metadata.author == "Copilote"  # no sender: the tool itself


# --- Every kind, from the demo ------------------------------------------------------------------
@pytest.mark.django_db
def test_every_kind_renders_from_the_demo_tagged_and_the_archive_kinds_in_pdf_a_with_their_data():
    call_command("load_demo", stdout=io.StringIO())
    admin = get_user_model().objects.get(username="admin")
    targets = demo_targets()
    kinds = {key for key in all_kinds() if not key.startswith("tests.")}
    assert kinds <= set(targets), f"no demo target for {kinds - set(targets)}: add it to demo_targets"
    texts = {}
    for key in sorted(kinds):
        document = unsaved_document(key, targets[key], admin)
        expected_title = _html_title(build_html(document))
        content = render_document_pdf(document).content
        try:
            reader, _summary = check_accessible(content, title=expected_title)
            if key in ARCHIVE_KINDS:
                check_archive(reader)
                files = embedded_files(reader)
                if key in DATA_ATTACHED:
                    assert files, "no data file attached"
                    for name, attached in files.items():
                        assert name.endswith(".csv") and attached["relationship"] == "/Data", (name, attached)
                        assert attached["subtype"] in ("/text/csv", "/text#2fcsv"), attached["subtype"]
                        assert (
                            attached["content"].startswith("\ufeff".encode()) and b";" in attached["content"]
                        )
                else:
                    assert not files
            else:
                check_not_archive(reader)
        except AssertionError as error:
            raise AssertionError(f"{key}: {error}") from error
        texts[key] = pdftotext(content)

    # The minutes read in the page's order: title, attendance table (header then rows), proceedings.
    meeting = targets["governance.minutes"]
    first = build_document_context(unsaved_document("governance.minutes", meeting, admin))[
        "page"
    ].attendances[0]
    assert in_order(
        texts["governance.minutes"],
        "Compte rendu",
        "Présences",
        "Personne",
        "Organisation",
        first.display_name,
        "Déroulé",
        "Décisions",
    ), texts["governance.minutes"][:1500]
    # The attendance CSV carries the same people as the table.
    reader = PdfReader(
        io.BytesIO(render_document_pdf(unsaved_document("governance.minutes", meeting, admin)).content)
    )
    (csv_file,) = embedded_files(reader).values()
    assert first.display_name in csv_file["content"].decode("utf-8")
    # The register reads row by row: a meeting, its decision, its follow-up, then the next meeting.
    assert in_order(texts["governance.register"], "Registre des décisions", "Réunion", "Décision", "Suivi")

    # Minutes not approved yet are not the record: PDF/UA, nothing attached.
    from governance.models import Minutes

    draft = next(
        m
        for m in Minutes.objects.exclude(status=Minutes.Status.APPROVED).select_related("meeting")
        if m.meeting.minutes_versions.order_by("-version").first() == m
    )
    document = unsaved_document("governance.minutes", draft.meeting, admin)
    assert not get_kind("governance.minutes").is_archive(document, build_document_context(document))
    reader, _summary = check_accessible(render_document_pdf(document).content)
    check_not_archive(reader)
