"""bench/run.py at its tiny scale (XS), so that the benchmark cannot rot unnoticed.

The script runs in a child process against the PostgreSQL server of the test run, in a
database of its own (`copilote_banc_smoke_banc_xs`, copied from the migrated test database
and dropped by the script). It must exit with code 0 and write a JSON report with every page, every
PDF (rendered, with pages and peak memory), the reminder scan (second run: nothing sent)
and the targets.
"""

from __future__ import annotations

import pytest

from .helpers import bench_server_url, run_bench

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
    return bench_server_url("copilote_banc_smoke", "le banc d'essai")


def test_bench_runs_at_tiny_scale_and_writes_every_figure(server_url, tmp_path):
    report, printed = run_bench(
        "run.py", ["--scales", "XS", "--runs", "1"], server_url, tmp_path, timeout=170
    )
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
    assert "Coût du balisage des PDF" in printed
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
