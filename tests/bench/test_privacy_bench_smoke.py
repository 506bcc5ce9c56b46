"""bench/privacy.py at its tiny scale (XS), so that the personal-data benchmark cannot rot unnoticed: it
must exit 0, age the data, build both files and find on its second retention run nothing left to do."""

from __future__ import annotations

import pytest

from .helpers import bench_server_url, run_bench

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(240)]


@pytest.fixture
def server_url():
    return bench_server_url("copilote_banc_rgpd_smoke", "le banc des données personnelles")


def test_privacy_bench_runs_at_tiny_scale(server_url, tmp_path):
    report, _printed = run_bench("privacy.py", ["--scale", "XS"], server_url, tmp_path, timeout=230)
    assert all(count > 0 for count in report["aged"].values()), report["aged"]
    retention = report["retention"]
    assert retention["first"]["rows"] == retention["dry_run"]["rows"] > 0
    assert retention["first"]["per_kind"]["read_log"] == report["aged"]["reads"]
    assert retention["second"]["rows"] == 0
    assert [z["rows"] > 0 for z in report["zips"]] == [True, True]
    assert {t["target"] for t in report["targets"]} >= {"retention_seconds", "retention_idempotent"}
