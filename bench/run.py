"""Benchmark of the evaluation dashboards (`make bench`, PostgreSQL started by scripts/with-services.sh).

Builds its own data in the database given by DATABASE_URL — a programme of 200 actions
with 1 000 indicators and 100 000 measurements, and a small programme of 20 actions with
10 000 measurements for comparison — then times the programme dashboard, the action
dashboard and the programme synthesis (HTML built for the PDF), counting the queries.
Prints a table and writes the figures as JSON to bench/results/.

Usage: scripts/with-services.sh .venv/bin/python bench/run.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402


def ensure_database() -> None:
    """The throw-away PostgreSQL of scripts/with-services.sh starts empty: create the database named in DATABASE_URL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return
    from urllib.parse import urlsplit

    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(host=parts.hostname, port=parts.port, user=parts.username, password=parts.password,
                                  dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


ensure_database()
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

RESULTS = ROOT / "bench" / "results"
SCALES = (
    # (label, actions, indicators per action, months of measurements per indicator)
    ("petit", 20, 5, 100),
    ("cible", 200, 5, 100),
)


def _months(count: int) -> list[date]:
    return [date(2018 + (i // 12), i % 12 + 1, 1) for i in range(count)]


def build(label: str, actions: int, per_action: int, months: int, manager) -> dict:
    """One programme with its actions, phases, deliverables, participations, indicators and measurements."""
    from actions.models import ActionPhase, CollectiveAction, Deliverable, Participation, Programme
    from directory.models import Organisation
    from evaluation.models import Indicator, Measurement

    started = time.perf_counter()
    programme = Programme.objects.create(
        name=f"Programme de banc d'essai ({label})", code=f"bench-{label}", territory="Auvergne-Rhône-Alpes",
        start_date=date(2018, 1, 1), end_date=date(2027, 12, 31),
    )
    programme.managers.add(manager)
    action_rows = CollectiveAction.objects.bulk_create([
        CollectiveAction(
            programme=programme, code=f"B{i:03d}", title=f"Action collective {i}", territory=["Isère", "Savoie", "Rhône"][i % 3],
            status=CollectiveAction.Status.ONGOING, current_phase_number=i % 7 + 1,
            budget_min_keur=Decimal(50), budget_max_keur=Decimal(120),
        )
        for i in range(actions)
    ])
    phases = ActionPhase.objects.bulk_create([
        ActionPhase(action=a, number=n, planned_start=date(2019, n, 1), planned_end=date(2019, n, 25),
                    actual_start=date(2019, n, 1), actual_end=date(2019, n, 28) if n < 5 else None)
        for a in action_rows for n in range(1, 8)
    ])
    Deliverable.objects.bulk_create([
        Deliverable(action_id=p.action_id, phase=p, title=f"Livrable {p.number}", due_date=date(2019, p.number, 28),
                    status=Deliverable.Status.VALIDATED if p.number < 4 else Deliverable.Status.IN_PROGRESS)
        for p in phases
    ])
    companies = Organisation.objects.bulk_create([
        Organisation(name=f"Entreprise {label} {i}", kind=Organisation.Kind.COMPANY) for i in range(actions * 3)
    ])
    Participation.objects.bulk_create([
        Participation(action=a, organisation=companies[i * 3 + j], status=Participation.Status.ENGAGED,
                      du_formalised_on=date(2019, 6, 1) if j else None)
        for i, a in enumerate(action_rows) for j in range(3)
    ])
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(action=a, name=f"Indicateur {k} de {a.code}", periodicity="mensuelle", unit=Indicator.Unit.NUMBER,
                      baseline=Decimal(0), baseline_date=date(2018, 1, 1), target=Decimal(200), target_date=date(2027, 1, 1))
            for a in action_rows for k in range(per_action)
        ]
        + [
            Indicator(programme=programme, name=f"Indicateur du programme {k}", periodicity="mensuelle",
                      unit=Indicator.Unit.PERCENT, baseline=Decimal(10), target=Decimal(90), target_date=date(2027, 1, 1))
            for k in range(6)
        ]
    )
    periods = _months(months)
    batch = []
    count = 0
    for index, indicator in enumerate(indicators):
        for m, period in enumerate(periods):
            batch.append(Measurement(indicator=indicator, period=period, value=Decimal(min(90, (m * (index % 7 + 1)) % 100))))
        if len(batch) >= 20_000:
            Measurement.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    Measurement.objects.bulk_create(batch)
    count += len(batch)
    return {
        "programme": programme, "action": action_rows[0], "actions": actions, "indicators": len(indicators),
        "measurements": count, "build_seconds": round(time.perf_counter() - started, 1),
    }


def time_get(client: Client, url: str, runs: int) -> dict:
    client.get(url)  # warm-up (templates, catalogues)
    timings, queries = [], None
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} → HTTP {response.status_code}")
        queries = len(captured)
    return {"median_ms": round(statistics.median(timings), 1), "min_ms": round(min(timings), 1),
            "max_ms": round(max(timings), 1), "queries": queries, "bytes": len(response.content)}


def time_synthesis(programme, user) -> dict:
    from reports.models import Document
    from reports.services import build_html

    document = Document(kind="evaluation.programme_synthesis", title="Banc d'essai", requested_by=user)
    document.target = programme
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        html = build_html(document)
        elapsed = (time.perf_counter() - started) * 1000
    return {"median_ms": round(elapsed, 1), "min_ms": round(elapsed, 1), "max_ms": round(elapsed, 1),
            "queries": len(captured), "bytes": len(html)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed requests per page (default 5)")
    args = parser.parse_args()

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        print("Attention : ce banc d'essai est prévu pour PostgreSQL (lancez `make bench`).", file=sys.stderr)
    setup_test_environment()
    settings.DEBUG = False
    call_command("migrate", interactive=False, verbosity=0)

    from directory.models import Person
    from tests.factories import UserFactory

    user = UserFactory(username="banc-essai")
    manager = Person.objects.create(first_name="Banc", last_name="Essai", user=user, role=Person.Role.PILOT)
    client = Client()
    client.force_login(user)

    rows = []
    for label, actions, per_action, months in SCALES:
        data = build(label, actions, per_action, months, manager)
        programme, action = data["programme"], data["action"]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        pages = {
            "tableau de bord du programme": time_get(
                client, reverse("evaluation:programme_dashboard", args=[programme.pk]), args.runs),
            "tableau de bord filtré (territoire)": time_get(
                client, reverse("evaluation:programme_dashboard", args=[programme.pk]) + "?territory=Savoie", args.runs),
            "tableau de bord d'une action": time_get(
                client, reverse("evaluation:action_dashboard", args=[action.pk]), args.runs),
            "synthèse du programme (HTML du PDF)": time_synthesis(programme, user),
        }
        for page, figures in pages.items():
            rows.append({"scale": label, "actions": data["actions"], "indicators": data["indicators"],
                         "measurements": data["measurements"], "build_seconds": data["build_seconds"], "page": page, **figures})

    header = f"{'échelle':8} {'actions':>7} {'indic.':>6} {'mesures':>8}  {'page':38} {'médiane':>9} {'min':>8} {'max':>8} {'requêtes':>8}"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r['scale']:8} {r['actions']:>7} {r['indicators']:>6} {r['measurements']:>8}  {r['page']:38} "
              f"{r['median_ms']:>7} ms {r['min_ms']:>5} ms {r['max_ms']:>5} ms {r['queries']:>8}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"evaluation-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps({
        "database": connection.vendor, "runs": args.runs, "generated_at": datetime.now().isoformat(timespec="seconds"),
        "results": rows,
    }, ensure_ascii=False, indent=2))
    print(f"\nRésultats écrits dans {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
