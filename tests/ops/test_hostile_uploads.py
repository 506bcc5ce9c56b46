"""Hostile files posted to the real upload views: refused with a French message, nothing written.

- a deliverable upload (`actions:deliverable_upload`) disguised by its extension, or too large;
- the participations import (`actions:participation_import`) and the RACI import
  (`raci:matrix_import`) fed a zip bomb, XML bombs (billion laughs) and XLSX files lying about
  their sizes.

The PDF renderer's side (`file:///etc/passwd`, paths outside static and media, the network) is
covered by tests/reports/test_pdf_fetcher.py: `test_the_fetcher_refuses_anything_but_static_and_media_files`
and `test_a_template_that_points_at_local_files_renders_without_them` (a template that tries).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from html import unescape

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Deliverable, Participation
from actions.storage import private_storage
from directory.access import person_of
from directory.models import Organisation
from raci.models import Matrix
from tests.actions.factories import ProgrammeFactory, make_action

pytestmark = pytest.mark.django_db

EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode."
)
HTML = b"<!DOCTYPE html><html><body><script>fetch('/admin/')</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;") * 10)
        for level in range(1, 10)
    )
    + b"]>\n"
)


# --- Hostile workbooks -------------------------------------------------------------------
def _workbook(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


PARTICIPATIONS = [["Entreprise", "Statut"], ["Menuiserie Piégée", "Ciblée"]]
RACI = [
    ["Axe", "Etape", "Action", "Charge de travail (en heure)", "ARACT"],
    ["Axe 1", "Etape 1", "COPIL piégé", "3", "R"],
]


def _rewrite(data: bytes, parts: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, parts.get(info.filename, source.read(info.filename)))
    return buffer.getvalue()


def zip_bomb(rows) -> bytes:
    """A real workbook whose sheet is 80 MB of XML once inflated (a few hundred KB sent)."""
    header = "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in rows[0])
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">{header}</row>'.encode()
        + b"<row><c><v>0</v></c></row>" * 3_000_000
        + b"</sheetData></worksheet>"
    )
    return _rewrite(_workbook(rows), {"xl/worksheets/sheet1.xml": sheet})


def lying_zip_bomb(rows) -> bytes:
    """The same bomb, its headers claiming the sheet is 1 KB: the size check alone cannot see it."""
    data = bytearray(zip_bomb(rows))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 1024)  # local header: uncompressed size
    name = info.filename.encode()
    central = 0
    while True:
        central = data.index(b"PK\x01\x02", central)
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + length] == name:
            struct.pack_into("<I", data, central + 24, 1024)  # central directory: uncompressed size
            break
        central += 4
    return bytes(data)


def xml_bomb(rows, part: str) -> bytes:
    """Billion laughs: an entity expanding to 10⁹ « lol », declared in `part` and used in it."""
    data = _workbook(rows)
    original = zipfile.ZipFile(io.BytesIO(data)).read(part)
    body = original.split(b"?>", 1)[1].lstrip() if original.startswith(b"<?xml") else original
    if part == "xl/workbook.xml":
        body = body.replace(b'name="Sheet"', b'name="&lol9;"', 1)
        assert b"&lol9;" in body
    else:
        body = body.replace(
            b"<sheetData>", b'<sheetData><row r="99"><c t="inlineStr"><is><t>&lol9;</t></is></c></row>', 1
        )
    return _rewrite(data, {part: LAUGHS + body})


def truncated_sheet(rows) -> bytes:
    """A workbook whose sheet XML stops in the middle of a row (read lazily by openpyxl)."""
    data = _workbook(rows)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    return _rewrite(data, {"xl/worksheets/sheet1.xml": sheet[: sheet.index(b"</sheetData>")] + b"<row><c>"})


def test_the_hostile_workbooks_are_what_they_claim():
    """The bombs must be real: otherwise the refusal tests below would prove nothing."""
    bomb = zipfile.ZipFile(io.BytesIO(zip_bomb(PARTICIPATIONS)))
    assert len(zip_bomb(PARTICIPATIONS)) < 1024 * 1024
    assert sum(i.file_size for i in bomb.infolist()) > 70 * 1024 * 1024
    lying = zipfile.ZipFile(io.BytesIO(lying_zip_bomb(PARTICIPATIONS)))
    assert sum(i.file_size for i in lying.infolist()) < 1024 * 1024
    assert "xl/workbook.xml" in lying.namelist()
    for part in ("xl/workbook.xml", "xl/worksheets/sheet1.xml"):
        content = zipfile.ZipFile(io.BytesIO(xml_bomb(PARTICIPATIONS, part))).read(part)
        assert b"<!ENTITY lol9" in content and b"&lol9;" in content.split(b"]>", 1)[1]


HOSTILE_WORKBOOKS = {
    "zip bomb": lambda rows: zip_bomb(rows),
    "zip bomb lying about its size": lambda rows: lying_zip_bomb(rows),
    "XML bomb in the workbook": lambda rows: xml_bomb(rows, "xl/workbook.xml"),
    "XML bomb in the sheet": lambda rows: xml_bomb(rows, "xl/worksheets/sheet1.xml"),
    "sheet XML cut in the middle": lambda rows: truncated_sheet(rows),
    "EXE renamed .xlsx": lambda rows: EXE,
    "HTML renamed .xlsx": lambda rows: HTML,
    "oversize (more than 5 MB)": lambda rows: b"Entreprise;Statut\n" + b"Menuiserie;Ciblee\n" * 300_000,
}
FRENCH_REFUSALS = (
    "trop volumineux",
    "n’est pas un classeur Excel valide",
)


# --- Fixtures ------------------------------------------------------------------------------
@pytest.fixture
def action(pilot):
    programme = ProgrammeFactory(code="prog-hostile", name="Programme piégé")
    programme.managers.add(person_of(pilot))
    return make_action(by=pilot, programme=programme, code="H1", title="Action exposée")


def _nothing_stored() -> bool:
    root = private_storage().location
    import os

    return not os.path.exists(root) or not any(files for _dir, _dirs, files in os.walk(root))


# --- Deliverable upload ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("rapport.pdf", EXE),
        ("tableau.xlsx", EXE),
        ("rapport.pdf", HTML),
        ("tableau.xlsx", HTML),
        ("rapport.pdf", b"PK\x03\x04" + b"\x00" * 64),  # a broken zip named .pdf
    ],
    ids=["exe-as-pdf", "exe-as-xlsx", "html-as-pdf", "html-as-xlsx", "broken-zip-as-pdf"],
)
def test_a_deliverable_disguised_by_its_extension_is_refused(client_for, pilot, action, name, data):
    deliverable = action.deliverables.get(phase__number=1)
    versions = deliverable.history.count()
    content_type = "application/pdf" if name.endswith(".pdf") else "application/vnd.ms-excel"
    response = client_for(pilot).post(
        reverse("actions:deliverable_upload", args=[action.pk, deliverable.pk]),
        {"file": SimpleUploadedFile(name, data, content_type=content_type)},
    )
    assert response.status_code == 200
    assert "Ce type de fichier n’est pas accepté" in unescape(response.content.decode())
    deliverable.refresh_from_db()
    assert not deliverable.file and deliverable.status == Deliverable.Status.TO_DO
    assert deliverable.history.count() == versions
    assert _nothing_stored()


def test_an_oversize_deliverable_is_refused(client_for, pilot, action, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    deliverable = action.deliverables.get(phase__number=1)
    big = PDF + b"%" + b"x" * (1024 * 1024)
    response = client_for(pilot).post(
        reverse("actions:deliverable_upload", args=[action.pk, deliverable.pk]),
        {"file": SimpleUploadedFile("gros.pdf", big, content_type="application/pdf")},
    )
    assert response.status_code == 200
    assert "Le fichier est trop volumineux (1 Mo au plus)" in unescape(response.content.decode())
    deliverable.refresh_from_db()
    assert not deliverable.file and _nothing_stored()
    # The same file under the cap goes through: the refusal was the size, not the content.
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    response = client_for(pilot).post(
        reverse("actions:deliverable_upload", args=[action.pk, deliverable.pk]),
        {"file": SimpleUploadedFile("gros.pdf", big, content_type="application/pdf")},
    )
    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.file and deliverable.file_kind == "pdf"


# --- Imports -------------------------------------------------------------------------------
def _refused_in_french(response) -> str:
    assert response.status_code == 200, response.status_code
    page = unescape(response.content.decode())
    assert any(message in page for message in FRENCH_REFUSALS), re.findall(
        r"Ligne 1 : [^<]*|invalid-feedback[^<]*<[^<]*", page
    )
    for english in (
        "Unable to read",
        "could not read",
        "CRC",
        "Traceback",
        "Exception",
        "Entities",
        "illisible :",
    ):
        assert english not in page
    return page


@pytest.mark.parametrize("kind", list(HOSTILE_WORKBOOKS))
def test_the_participations_import_refuses_hostile_workbooks(client_for, pilot, action, kind):
    organisations = Organisation.objects.count()
    data = HOSTILE_WORKBOOKS[kind](PARTICIPATIONS)
    name = "entreprises.csv" if kind.startswith("oversize") else "entreprises.xlsx"
    response = client_for(pilot).post(
        reverse("actions:participation_import", args=[action.pk]), {"file": SimpleUploadedFile(name, data)}
    )
    _refused_in_french(response)
    assert not Participation.objects.filter(action=action).exists()
    assert Organisation.objects.count() == organisations


@pytest.mark.parametrize("kind", list(HOSTILE_WORKBOOKS))
def test_the_raci_import_refuses_hostile_workbooks(client_for, pilot, action, kind):
    data = HOSTILE_WORKBOOKS[kind](RACI)
    name = "raci.csv" if kind.startswith("oversize") else "raci.xlsx"
    response = client_for(pilot).post(
        reverse("raci:matrix_import"),
        {"scope": f"action:{action.pk}", "title": "Matrice piégée", "file": SimpleUploadedFile(name, data)},
    )
    page = _refused_in_french(response)
    assert "Matrice piégée" in page, "the form is shown again with what was typed"
    assert not Matrix.objects.exists()


def test_the_same_workbooks_without_the_trap_are_imported(client_for, pilot, action):
    """Control: the refusals above come from the traps, not from the rows or the scope."""
    client = client_for(pilot)
    response = client.post(
        reverse("actions:participation_import", args=[action.pk]),
        {"file": SimpleUploadedFile("entreprises.xlsx", _workbook(PARTICIPATIONS))},
    )
    assert response.status_code == 302
    assert Participation.objects.get(action=action).organisation.name == "Menuiserie Piégée"
    response = client.post(
        reverse("raci:matrix_import"),
        {
            "scope": f"action:{action.pk}",
            "title": "Matrice saine",
            "file": SimpleUploadedFile("raci.xlsx", _workbook(RACI)),
        },
    )
    assert response.status_code == 302
    assert Matrix.objects.get(title="Matrice saine").activities.get().name == "COPIL piégé"


def test_a_pdf_html_polyglot_is_only_ever_served_as_a_pdf_attachment(client_for, pilot, action):
    """A file that starts like a PDF passes the content check: it must never be rendered as a page."""
    deliverable = action.deliverables.get(phase__number=1)
    client = client_for(pilot)
    polyglot = PDF + HTML
    response = client.post(
        reverse("actions:deliverable_upload", args=[action.pk, deliverable.pk]),
        {"file": SimpleUploadedFile("page.html", polyglot, content_type="text/html")},
    )
    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.file_kind == "pdf" and not deliverable.file.name.endswith(".html")
    download = client.get(reverse("actions:deliverable_download", args=[action.pk, deliverable.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert (
        download["Content-Disposition"].startswith("attachment;")
        and 'filename="page.pdf"' in download["Content-Disposition"]
    )
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == polyglot
