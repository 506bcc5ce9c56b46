"""Reading and writing the Annexe 2 layout: what people type, all-or-nothing, the seed's table."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.tabular import ImportRejected, TableError
from raci.letters import parse_workload
from raci.sheet import ActivityData, MatrixData, export_csv, export_xlsx, read_upload

from .seed import DATA, seed_expected, seed_rows

HEADER = [
    "Axe",
    "Etape",
    "Action",
    "Description",
    "Méthodologie/outils utilisés",
    "Objectif",
    "Charge de travail (en heure)",
    "ARACT",
    "PILOTE DE PROJET",
]


def csv_upload(rows, name="raci.csv"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"))


def xlsx_upload(rows, name="raci.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def as_expected(data: MatrixData) -> list[dict]:
    result = []
    for a in data.activities:
        result.append(
            {
                "axis": a.axis,
                "step": a.step,
                "name": a.name,
                "description": a.description,
                "method": a.method,
                "objective": a.objective,
                "workload": (a.workload_hours, a.workload_text),
                "letters": list(a.letters),
            }
        )
    return result


def seed_as_parsed():
    return [{**row, "workload": parse_workload(row["workload"])} for row in seed_expected()]


@pytest.mark.parametrize("make_upload", [csv_upload, xlsx_upload])
def test_a_spreadsheet_typed_like_the_seed_gives_the_seeds_cells(make_upload):
    data = read_upload(make_upload(seed_rows()))
    assert data.roles == ("ARACT", "PILOTE DE PROJET", "COMITE DE PILOTAGE", "GROUPE DE TRAVAIL")
    assert as_expected(data) == seed_as_parsed()
    # Spot checks against the seed text, cell by cell.
    assert len(data.activities) == 25
    first = data.activities[0]
    assert (first.axis, first.step, first.name) == (
        "Axe 1 : Implémentation d'un nouvel outil",
        "Etape 1 : Le cadrage de l'intervention",
        "COPIL 1",
    )
    assert first.workload_hours == Decimal(3) and first.letters == ("R", "I", "I", "")
    continuation = data.activities[1]
    assert continuation.name == "" and continuation.method.startswith("Fiche de cadrage")
    assert continuation.step == first.step and continuation.letters == ("C", "R", "R", "")
    assert data.activities[5].name == "Temps inter- structure 2"
    assert data.activities[5].letters == ("R", "R", "RC", "I")
    assert data.activities[4].workload_text == "Travaux intersession"
    arbitrage = data.activities[8]
    assert (arbitrage.step, arbitrage.workload_hours) == ("Etape 3 :", Decimal(2))
    axis2 = data.activities[12]
    assert axis2.axis == "Axe 2 : Construction d'usages partagés" and axis2.step.startswith("Etape 1")
    assert data.activities[16].step == "Etape 2 : Mise en place des espaces de discussion"


def test_the_typed_fixture_file_is_the_seed():
    upload = SimpleUploadedFile("annexe2.csv", (DATA / "annexe2_typed.csv").read_bytes())
    assert as_expected(read_upload(upload)) == seed_as_parsed()


def test_lower_case_stray_spaces_and_a_title_row_are_accepted():
    rows = [
        ["RACI de l'ACIA"],
        [
            " axe ",
            "Étape",
            "Action ",
            "Description",
            "Méthodologie",
            "Objectif",
            "Charge de travail",
            " Aract ",
            "Pilote",
        ],
        ["Axe 1", "Etape 1", "COPIL 1", "", "", "", " 3 H ", " r / c ", "i"],
        ["", "", "Diagnostic", "", "", "", "1,5h", "", "R"],
    ]
    data = read_upload(csv_upload(rows))
    assert data.roles == ("Aract", "Pilote")
    assert [(a.axis, a.step, a.name, a.workload_hours, a.letters) for a in data.activities] == [
        ("Axe 1", "Etape 1", "COPIL 1", Decimal(3), ("RC", "I")),
        ("Axe 1", "Etape 1", "Diagnostic", Decimal("1.5"), ("", "R")),
    ]


def test_every_faulty_cell_is_named_and_nothing_is_returned():
    rows = [
        HEADER,
        ["Axe 1", "Etape 1", "COPIL 1", "", "", "", "3h", "R", "X"],
        ["", "", "Diagnostic", "", "", "", "3,333 h", "R", ""],
        ["", "", "", "", "", "", "", "R", ""],
        ["", "", "Bilan", "", "", "", "", "Q/R", "I"],
    ]
    with pytest.raises(ImportRejected) as caught:
        read_upload(csv_upload(rows))
    messages = [str(error) for error in caught.value.errors]
    assert [(e.row, e.column) for e in caught.value.errors] == [
        (2, "PILOTE DE PROJET"),
        (3, "Charge de travail (en heure)"),
        (4, "Action"),
        (5, "ARACT"),
    ]
    assert "«\u00a0X\u00a0»" in messages[0] and "R/C" in messages[0]
    assert "Ligne 2" in messages[0] or "Row 2" in messages[0]


def test_a_file_without_the_action_column_or_roles_is_refused_in_french():
    with pytest.raises(ImportRejected) as caught:
        read_upload(
            csv_upload([["Axe", "Etape", "Description", "Charge de travail"], ["Axe 1", "", "x", "3h"]])
        )
    assert [e.column for e in caught.value.errors] == ["Action", ""]


def test_duplicate_roles_and_untitled_columns_are_refused():
    rows = [[*HEADER, "", "aract"], ["Axe", "E", "COPIL", "", "", "", "", "R", "", "I", "C"]]
    with pytest.raises(ImportRejected) as caught:
        read_upload(csv_upload(rows))
    assert [e.column for e in caught.value.errors] == ["colonne 10", "aract"]


def test_a_file_with_no_activity_or_not_a_spreadsheet_is_refused():
    with pytest.raises(TableError):
        read_upload(csv_upload([HEADER, ["Axe 1", "Etape 1"]]))
    with pytest.raises(TableError):
        read_upload(SimpleUploadedFile("raci.xlsx", b"PK\x03\x04 not a zip"))


def test_export_escapes_formulas_and_reads_back():
    data = MatrixData(
        roles=("=ARACT", "Pilote"),
        activities=(
            ActivityData(
                axis="Axe 1",
                step="",
                name="=SOMME(A1:A3)",
                description="+33 6 00",
                method="-tiret",
                objective="@cible",
                workload_hours=Decimal("1.5"),
                letters=("R", "AC"),
            ),
            ActivityData(axis="Axe 1", step="", name="'=déjà", workload_text="-", letters=("", "RI")),
        ),
    )
    workbook = openpyxl.load_workbook(io.BytesIO(export_xlsx(data)))
    sheet = workbook.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][7] == "'=ARACT"
    assert values[1][2:7] == ["'=SOMME(A1:A3)", "'+33 6 00", "'-tiret", "'@cible", 1.5]
    assert values[1][7:] == ["R", "A/C"]
    assert values[2][2] == "''=déjà"
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for row in values for v in row)
    assert read_upload(SimpleUploadedFile("x.xlsx", export_xlsx(data))) == data
    text = export_csv(data)
    assert "'=SOMME(A1:A3)" in text and ";1,5;" in text
    assert read_upload(SimpleUploadedFile("x.csv", text.encode("utf-8"))) == data
