"""What the benchmarks' smoke tests share: the PostgreSQL server of the test run, and one script run.

Each script runs in a child process in a database of its own on that server (copied from the migrated
test database, dropped by the script). PostgreSQL only copies a database nobody is connected to, so the
test's connections are closed first (else the script migrates its own)."""

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


def bench_server_url(database: str, what: str) -> str:
    """The test run's PostgreSQL, database `database`; fails in CI, skips by hand, without PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        if services_required():
            pytest.fail(f"DATABASE_URL doit désigner PostgreSQL en CI : {what} n'est pas testé.")
        pytest.skip(f"PostgreSQL absent : {what} non testé (lancez scripts/run-tests.sh).")
    return urlunsplit(urlsplit(url)._replace(path=f"/{database}"))


def run_bench(
    script: str, args: list[str], server_url: str, tmp_path: Path, *, timeout: int
) -> tuple[dict, str]:
    """Run bench/`script` at a tiny scale; it must exit 0 and print its French table.
    Returns its JSON report and what it printed."""
    from django.db import connection, connections

    report_path = tmp_path / "report.json"
    env = {**os.environ, "DATABASE_URL": server_url, "MEDIA_ROOT": str(tmp_path / "media")}
    migrated = connection.settings_dict["NAME"]
    connections.close_all()
    completed = subprocess.run(
        [sys.executable, f"bench/{script}", *args, "--json", str(report_path), "--modele", migrated],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "atteinte ?" in completed.stdout  # the table was printed, in French
    return json.loads(report_path.read_text()), completed.stdout
