"""bench/api.py at its tiny scale (XS), so that the API benchmark cannot rot unnoticed: it must exit 0
and write every list endpoint's figures, the batch of measurements (created, then unchanged) and
the targets."""

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
ENDPOINTS = {"programmes", "actions", "indicators", "committees", "meetings", "decisions", "raci"}

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(240)]


@pytest.fixture
def server_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        if services_required():
            pytest.fail(
                "DATABASE_URL doit désigner PostgreSQL en CI : le banc d'essai de l'API n'est pas testé."
            )
        pytest.skip("PostgreSQL absent : banc d'essai de l'API non testé (lancez scripts/run-tests.sh).")
    return urlunsplit(urlsplit(url)._replace(path="/copilote_banc_api_smoke"))


def test_api_bench_runs_at_tiny_scale(server_url, tmp_path):
    from django.db import connection, connections

    report_path = tmp_path / "api.json"
    env = {**os.environ, "DATABASE_URL": server_url, "MEDIA_ROOT": str(tmp_path / "media")}
    migrated = connection.settings_dict["NAME"]
    connections.close_all()
    completed = subprocess.run(
        [
            sys.executable,
            "bench/api.py",
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
        timeout=230,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "atteinte ?" in completed.stdout
    report = json.loads(report_path.read_text())
    endpoints = report["scales"]["XS"]["endpoints"]
    assert set(endpoints) == ENDPOINTS
    for key, figures in endpoints.items():
        assert figures["median_ms"] > 0 and figures["queries"] > 0 and figures["rows"] > 0, key
    batch = report["batch"]
    assert batch["first"]["created"] == batch["lines"] > 0
    assert batch["second"]["unchanged"] == batch["lines"] and batch["second"]["created"] == 0
    assert {t["target"] for t in report["targets"]} >= {"batch_seconds", "batch_idempotent"}
