"""bench/run.py at its tiny scale (XS), so that the benchmark cannot rot unnoticed.

The script runs in a child process against the PostgreSQL server of the test run, in a
database of its own (`copilote_banc_smoke_banc_xs`, copied from the migrated test database
and dropped by the script). It must exit with code 0 and write a JSON report with every page, every
PDF (rendered, with pages and peak memory), the reminder scan (second run: nothing sent)
and the targets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import services_required

REPO = Path(__file__).resolve().parents[2]
PAGES = {
    "trivial",
    "home",
    "home_staff",
    "action_list",
    "action_detail",
    "programme_dashboard",
    "action_dashboard",
    "meeting",
    "followup_board",
    "raci_grid",
    "member_list",
    "member_page",
    "survey_results",
    "programme_dashboard_built",
    "action_dashboard_built",
}
PDFS = {"fiche", "minutes", "raci", "restitution", "final_report", "synthesis", "register"}

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(180)]


@pytest.fixture
def server_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        if services_required():
            pytest.fail("DATABASE_URL doit désigner PostgreSQL en CI : le banc d'essai n'est pas testé.")
        pytest.skip("PostgreSQL absent : banc d'essai non testé (lancez scripts/run-tests.sh).")
    return urlunsplit(urlsplit(url)._replace(path="/copilote_banc_smoke"))


def test_bench_runs_at_tiny_scale_and_writes_every_figure(server_url, tmp_path):
    from django.db import connection, connections

    report_path = tmp_path / "bench.json"
    env = {**os.environ, "DATABASE_URL": server_url, "MEDIA_ROOT": str(tmp_path / "media")}
    # The migrated test database is copied instead of migrating a new one (faster); PostgreSQL
    # only copies a database nobody is connected to, else the script migrates its own.
    migrated = connection.settings_dict["NAME"]
    connections.close_all()
    completed = subprocess.run(
        [
            sys.executable,
            "bench/run.py",
            "--scales",
            "XS",
            "--runs",
            "1",
            "--json",
            str(report_path),
            "--modele",
            migrated,
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=170,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "atteinte ?" in completed.stdout  # the table was printed, in French

    report = json.loads(report_path.read_text())
    scale = report["scales"]["XS"]
    assert scale["counts"]["actions"] > 0 and scale["counts"]["member_companies"] > 0
    assert set(scale["pages"]) == PAGES
    for key, page in scale["pages"].items():
        assert page["median_ms"] > 0 and page["p95_ms"] >= page["median_ms"], key
        assert page["queries"] > 0 and page["median_ratio"] > 0, key
    for dashboard in ("programme_dashboard", "action_dashboard"):  # read from the cache, or built anew
        assert scale["pages"][f"{dashboard}_built"]["queries"] > scale["pages"][dashboard]["queries"] + 5, (
            dashboard
        )
    assert set(scale["pdfs"]) == PDFS
    for key, pdf in scale["pdfs"].items():
        assert pdf["status"] == "done", (key, pdf)
        assert pdf["pages"] >= 1 and pdf["seconds"] > 0, key
        # The child's own peak (read with os.wait4), not the benchmark's: a render is well under 1 GB.
        assert 30 < pdf["peak_rss_mb"] < 1000, (key, pdf)
        # The same PDF rendered untagged, to tell what tagging costs.
        assert pdf["untagged"]["status"] == "done" and pdf["untagged"]["bytes"] > 0, (key, pdf)
    assert "Coût du balisage des PDF" in completed.stdout
    scan = report["scan"]
    assert scan["scale"] == "XS"
    assert scan["first"]["sent"] > 0 and scan["first"]["rule_errors"] == 0
    assert scan["first"]["emails"] == scan["first"]["sent"]
    assert scan["second"]["sent"] == 0
    kinds = {t["target"] for t in report["targets"]}
    assert {
        "dashboard_ratio",
        "pdf_seconds",
        "pdf_memory_mb",
        "scan_seconds",
        "scan_second_run_sent",
    } <= kinds
    assert all(isinstance(t["met"], bool) for t in report["targets"])
