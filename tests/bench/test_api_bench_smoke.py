"""bench/api.py at its tiny scale (XS), so that the API benchmark cannot rot unnoticed: it must exit 0
and write every list endpoint's figures, the batch of measurements (created, then unchanged) and
the targets."""

from __future__ import annotations

import pytest

from .helpers import bench_server_url, run_bench

ENDPOINTS = {"programmes", "actions", "indicators", "committees", "meetings", "decisions", "raci"}

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(240)]


@pytest.fixture
def server_url():
    return bench_server_url("copilote_banc_api_smoke", "le banc d'essai de l'API")


def test_api_bench_runs_at_tiny_scale(server_url, tmp_path):
    report, _printed = run_bench(
        "api.py", ["--scales", "XS", "--runs", "1"], server_url, tmp_path, timeout=230
    )
    endpoints = report["scales"]["XS"]["endpoints"]
    assert set(endpoints) == ENDPOINTS
    for key, figures in endpoints.items():
        assert figures["median_ms"] > 0 and figures["queries"] > 0 and figures["rows"] > 0, key
    batch = report["batch"]
    assert batch["first"]["created"] == batch["lines"] > 0
    assert batch["second"]["unchanged"] == batch["lines"] and batch["second"]["created"] == 0
    assert {t["target"] for t in report["targets"]} >= {"batch_seconds", "batch_idempotent"}
