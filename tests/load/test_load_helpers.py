"""The pieces of bench/load.py that need no server: statistics, the French table, form parsing."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import load
from load_http import Sample, _stats, french_decimal, french_display, parse_attendance_form, summarise


def test_median_and_p95_use_the_nearest_rank():
    samples = [Sample("Lecture", 200, ms / 1000) for ms in range(1, 101)]  # 1 … 100 ms
    stats = _stats(samples)
    assert (stats["count"], stats["errors"], stats["median_ms"], stats["p95_ms"], stats["max_ms"]) == (
        100,
        0,
        50.5,
        95.0,
        100.0,
    )
    assert _stats([Sample("Lecture", 500, 0.2, "HTTP 500")])["errors"] == 1


def test_the_table_is_french_and_aligned():
    summary = summarise([Sample("Lecture : accueil", 200, 0.1), Sample("Écriture : cellule RACI", 200, 0.3)])
    logins = _stats([Sample("Connexion (envoi)", 302, 0.5)])
    checks = [
        load.Check("Mesures", True, "toutes retrouvées"),
        load.Check("PDF", False, "1 document en échec"),
    ]
    args = load.parse_args(["--users", "2", "--duration", "5"])
    table = load.report_table(
        summary, logins=logins, total=2, errors=0, elapsed=5.0, throughput=0.4, args=args, checks=checks
    )
    lines = table.splitlines()
    header = next(line for line in lines if line.startswith("Type de requête"))
    rows = [line for line in lines if line.startswith(("Lecture", "Écriture", "Total", "Connexions"))]
    assert {len(line) for line in rows} == {len(header)}
    assert "Débit : 0,4 requêtes/s (2 requêtes en 5,0 s)" in table
    assert "[OK] Mesures — toutes retrouvées" in table and "[ÉCHEC] PDF — 1 document en échec" in table


def test_attendance_form_parsing_keeps_what_the_page_showed():
    page = (
        '<input class="btn-check" type="radio" name="status_7" id="id_status_7_present" value="present" checked>'
        '<input class="btn-check" type="radio" name="status_7" id="id_status_7_absent" value="absent">'
        '<input type="hidden" name="initial-status_7" value="present" id="initial-id_status_7">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="abc">'
    )
    assert parse_attendance_form(page) == ({7: "present"}, {"initial-status_7": "present"})


@pytest.mark.parametrize("argv", [["--users", "0"], ["--duration", "0"], ["--max-requests", "0"]])
def test_out_of_bounds_arguments_are_refused(argv, capsys):
    with pytest.raises(SystemExit):
        load.parse_args(argv)
    assert "--" in capsys.readouterr().err


def test_decimals_are_sent_the_french_way():
    from decimal import Decimal

    assert french_decimal(Decimal("12.5")) == "12,50"


@pytest.mark.parametrize("value", ["0", "0.25", "12.5", "1234.75", "500", "499.5"])
def test_the_client_reads_numbers_as_the_pages_show_them(value):
    from decimal import Decimal

    from evaluation.models import format_number

    assert french_display(Decimal(value)) == format_number(Decimal(value))
