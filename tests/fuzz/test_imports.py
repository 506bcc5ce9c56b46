"""The two spreadsheet imports (companies of an action, RACI matrix) receive hostile cells.

All-or-nothing: a file with one bad cell writes nothing and names the row and the column
in French; whatever the file, never a 500 nor an English message.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .conftest import FUZZ, seeded
from .engine import (
    Entry,
    Page,
    baseline,
    changed_tables,
    client_for,
    english_in,
    fingerprint,
    prepare,
    raw_markers_in,
    write_count,
)
from .values import DATES, NUMBERS, TEXTS, generated_text

PARTICIPATION_COLUMNS = [
    "Entreprise",
    "SIRET",
    "Statut",
    "Groupe",
    "Motif de sortie",
    "Engagée le",
    "DU formalisé le",
    "Plan d'action le",
    "Système de prévention le",
]
RACI_COLUMNS = [
    "Axe",
    "Etape",
    "Action",
    "Description",
    "Méthodologie/outils utilisés",
    "Objectif",
    "Charge de travail (en heure)",
    "Réunion",
    "Pilote",
    "Consultant",
]


def participation_cell(column: str, row: int) -> str:
    return {
        "Entreprise": f"Entreprise importée {row}",
        "SIRET": "",
        "Statut": "Ciblée",
        "Groupe": "Groupe A",
        "Motif de sortie": "",
        "Engagée le": "15/03/2026",
        "DU formalisé le": "2026-04-01",
        "Plan d'action le": "",
        "Système de prévention le": "",
    }[column]


def raci_cell(column: str, row: int) -> str:
    return {
        "Axe": "Axe 1",
        "Etape": "Diagnostic",
        "Action": f"Activité {row}",
        "Description": "Décrire",
        "Méthodologie/outils utilisés": "Entretiens",
        "Objectif": "Comprendre",
        "Charge de travail (en heure)": "3,5",
        "Réunion": "",
        "Pilote": "R/A",
        "Consultant": "C",
    }[column]


# (column, value, why it must be refused)
PARTICIPATION_POISON = [
    ("Engagée le", "31/02/2026"),
    ("Engagée le", "00/00/0000"),
    ("DU formalisé le", "01/01/10000"),
    ("Plan d'action le", "1e400"),
    ("SIRET", "123"),
    ("SIRET", "=CMD()"),
    ("Statut", "nimporte"),
    ("Statut", "<script>alert(1)</script>"),
    ("Entreprise", "A" * 201),
    ("Groupe", "G" * 121),
    ("Motif de sortie", "\x00"),
    ("Entreprise", "Nul\x00part"),
]
RACI_POISON = [
    ("Pilote", "X"),
    ("Consultant", "<script>alert(1)</script>"),
    ("Pilote", "=CMD()"),
    ("Charge de travail (en heure)", "10000"),  # a text workload is allowed: only numbers are checked
    ("Charge de travail (en heure)", "3,555"),
    ("Action", "A" * 256),
    ("Axe", "B" * 256),
    ("Réunion", "R" * 121),
]


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(rows, kind: str) -> SimpleUploadedFile:
    if kind == "xlsx":
        return SimpleUploadedFile("import.xlsx", xlsx_bytes(rows))
    return SimpleUploadedFile("import.csv", csv_bytes(rows, "cp1252" if kind == "cp1252" else "utf-8"))


IMPORTS = {
    "actions:participation_import": (PARTICIPATION_COLUMNS, participation_cell, PARTICIPATION_POISON),
    "raci:matrix_import": (RACI_COLUMNS, raci_cell, RACI_POISON),
}


@pytest.fixture
def importer(db, dataset):
    def make(name):
        target = prepare(name, Entry("pilot", Page()), dataset)
        form = target.forms[0]
        fields = {k: v for k, v in baseline(form).items() if k != "file"}
        if "title" in fields:
            fields["title"] = ["Matrice importée"]
        client = client_for(dataset, "pilot")
        before = fingerprint()

        def post(rows, kind):
            data = {**fields, "file": upload(rows, kind)}
            writes = write_count()
            try:
                response = client.post(target.url, data)
            except Exception as exc:  # pragma: no cover - the failure message shows the input
                raise AssertionError(f"{name} : exception {exc!r} sur {rows!r:.600}") from exc
            changed = [] if write_count() == writes else changed_tables(before, fingerprint())
            content = response.content.decode(errors="replace")
            where = f"{name} ({kind}) avec {rows!r:.600}"
            assert response.status_code in (200, 302), f"{where} : réponse {response.status_code}"
            assert not english_in(content), f"{where} : message anglais {english_in(content)}"
            assert not raw_markers_in(content), f"{where} : HTML du fichier rendu tel quel"
            if response.status_code == 200:
                assert not changed, f"{where} : import refusé mais tables modifiées {changed}"
            return response, content

        return post

    return make


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_valid_file_is_imported(importer, name, kind):
    """The baseline the poisoned files start from is itself accepted."""
    columns, cell, _poison = IMPORTS[name]
    rows = [columns] + [[cell(c, r) for c in columns] for r in range(1, 4)]
    with transaction.atomic():
        response, _content = importer(name)(rows, kind)
        transaction.set_rollback(True)
    from .engine import visible_text

    assert response.status_code == 302, " ".join(visible_text(_content).split())[-1500:]


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_one_bad_cell_rejects_the_whole_file_and_names_it(importer, name):
    columns, cell, poison = IMPORTS[name]
    post = importer(name)

    @FUZZ
    @seeded(f"poison {name}")
    @given(
        poisoned=st.sampled_from(poison),
        count=st.integers(1, 4),
        data=st.data(),
        kind=st.sampled_from(["csv", "xlsx"]),
    )
    def run(poisoned, count, data, kind):
        column, value = poisoned
        if kind == "xlsx" and (ILLEGAL_CHARACTERS_RE.search(value) or value.startswith("=")):
            kind = "csv"  # a workbook holds no control characters, and "=…" is a formula there (no value)
        at = data.draw(st.integers(0, count - 1), label="row")
        rows = [columns] + [[cell(c, r) for c in columns] for r in range(1, count + 1)]
        rows[1 + at][columns.index(column)] = value
        with transaction.atomic():
            response, content = post(rows, kind)
            transaction.set_rollback(True)
        assert response.status_code == 200, f"{name} : {column}={value!r:.80} accepté ({kind})"
        if "\x00" in value and kind == "csv":
            return  # the whole file is refused as not being text: no row to name
        text = content.replace("&#x27;", "'").replace("&laquo;", "«").replace("&raquo;", "»")
        assert f"Ligne {2 + at}" in text, (
            f"{name} : la ligne {2 + at} n'est pas nommée pour {column}={value!r:.80}"
        )
        assert column in text, f"{name} : la colonne {column} n'est pas nommée pour {value!r:.80}"

    run()


hostile_cell = st.sampled_from(TEXTS + NUMBERS + DATES) | generated_text()


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_hostile_tables(importer, name):
    """Junk headers (missing, duplicated, empty) and junk cells: refused or imported whole."""
    columns, cell, _poison = IMPORTS[name]
    post = importer(name)
    header = st.lists(st.sampled_from(columns) | hostile_cell, min_size=0, max_size=len(columns) + 2)

    @FUZZ
    @seeded(f"tables {name}")
    @given(
        headers=st.one_of(st.just(columns), header),
        data=st.data(),
        kind=st.sampled_from(["csv", "xlsx", "cp1252"]),
    )
    def run(headers, data, kind):
        count = data.draw(st.integers(0, 4), label="rows")
        rows = [list(headers)]
        for r in range(1, count + 1):
            row = [cell(c, r) if c in columns else "x" for c in headers]
            for index in data.draw(
                st.lists(st.integers(0, max(len(row) - 1, 0)), max_size=3), label="bad cells"
            ):
                if row:
                    row[index] = data.draw(hostile_cell, label="cell")
            rows.append(row)
        with transaction.atomic():
            post(rows, kind)
            transaction.set_rollback(True)

    run()
