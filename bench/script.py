"""What the benchmark scripts (run.py, api.py, privacy.py) share: the environment they measure in,
their common options, the PostgreSQL check and how they write their results.

A script run as `python bench/<name>.py` puts the project on sys.path, then imports from here (the
environment below is set at import, before the script's main() calls django.setup()):

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.script import argument_parser, on_postgres, shown, write_report
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Measured as in production: no debug (cached templates, no query log outside the capture).
os.environ["DEBUG"] = "False"


def argument_parser(description: str, json_default: str) -> argparse.ArgumentParser:
    """The parser with the options every script takes: --json, and the hidden --modele of the smoke tests
    (copy this already migrated database instead of migrating a new one)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--json", dest="json_path", help=f"fichier JSON des résultats (défaut : bench/results/{json_default})"
    )
    parser.add_argument("--modele", help=argparse.SUPPRESS)
    return parser


def on_postgres() -> bool:
    """True on PostgreSQL; otherwise says why the script stops (the caller returns 2)."""
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return True
    print(
        "Ce banc d'essai mesure PostgreSQL : lancez-le avec `make bench` (DATABASE_URL postgres:// requis).",
        file=sys.stderr,
    )
    return False


def write_report(
    report: dict, evaluate: Callable[[dict], list[dict]], started: float, json_path: str | None, prefix: str
) -> Path:
    """Adds the targets and the wall time to the report, writes it as JSON and returns where."""
    report["targets"] = evaluate(report)
    report["all_targets_met"] = all(t["met"] for t in report["targets"])
    report["wall_seconds"] = round(time.perf_counter() - started, 1)
    path = Path(json_path) if json_path else RESULTS / f"{prefix}-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    return path


def shown(path: Path) -> Path:
    """The results file as the user reads it: relative to the project when it lies inside."""
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
