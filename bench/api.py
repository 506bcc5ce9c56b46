"""Benchmark of the REST API (issue 18): list endpoints at two scales, and a batch of 1 000 measurements.

Usage (not part of `make test`):

    bash scripts/with-services.sh .venv/bin/python bench/api.py                # scales S and L
    bash scripts/with-services.sh .venv/bin/python bench/api.py --scales S --runs 5

Each scale's database is built as bench/run.py builds it (bench/data.py), then every list endpoint
of /api/v1/ is asked with the programme manager's read token (first page of PAGE_ROWS rows, the same at every
scale, so that the comparison is of the tables' size, not of the page's): `--runs`
timed requests after a warm-up, median, p95 and query count. At the largest scale, 1 000 of the
manager's measurements are deleted and sent back in one POST /api/v1/measurements/ with a
write token (timed: validated and written), then the same batch once more (nothing changes).
Targets: the same query count at every scale, median at the largest ≤ 1.5 × the smallest,
the batch under 2 s. Prints a table and writes JSON (bench/results/api-<date-time>.json or --json).
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import base_name, drop_database, filled_database, template_database
from bench.printing import aligned, num
from bench.script import argument_parser, on_postgres, shown, write_report
from bench.verdict import growth_targets

ENDPOINTS = [
    ("programmes", "Programmes", "api:programme-list"),
    ("actions", "Actions", "api:action-list"),
    ("indicators", "Indicateurs", "api:indicator-list"),
    ("committees", "Instances", "api:committee-list"),
    ("meetings", "Réunions", "api:meeting-list"),
    ("decisions", "Décisions", "api:decision-list"),
    ("raci", "Matrices RACI", "api:matrix-list"),
]
BATCH_LINES = 1000
BATCH_SECONDS_MAX = 2.0


def _client(user, scope: str):
    from rest_framework.test import APIClient

    from api.services import token_create

    _token, key = token_create(owner=user, name=f"banc {scope}", scope=scope, by=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


#: Rows per page asked at every scale: the smallest scale has about this many of each kind.
PAGE_ROWS = 20


def time_endpoint(client, url: str, runs: int) -> dict:
    """A list of the API timed as the benchmark times a page (`bench.pages.time_page`), the cache emptied
    before each request (the throttle's counter only: nothing of the API is cached), with its row count."""
    from bench.pages import time_page

    figures = time_page(client, url, runs, empty_cache=True)
    figures["rows"] = len(client.get(url).json()["results"])
    return figures


def measure_endpoints(runs: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from bench.data import PILOT_USERNAME

    client = _client(get_user_model().objects.get(username=PILOT_USERNAME), "read")
    return {
        key: time_endpoint(client, f"{reverse(name)}?page_size={PAGE_ROWS}", runs)
        for key, _label, name in ENDPOINTS
    }


def measure_batch(lines: int = BATCH_LINES) -> dict:
    """Delete `lines` of the manager's measurements and send them back in one batch, twice."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.urls import reverse

    from bench.data import PILOT_USERNAME
    from evaluation.access import indicators_enterable_by
    from evaluation.models import Measurement

    user = get_user_model().objects.get(username=PILOT_USERNAME)
    chosen = list(
        Measurement.objects.filter(indicator__in=indicators_enterable_by(user).values("pk")).order_by(
            "-period", "indicator_id"
        )[:lines]
    )
    body = [
        {
            "indicator": m.indicator_id,
            "period": m.period.isoformat(),
            "value": str(m.value + 1),
            "source": "banc d'essai",
        }
        for m in chosen
    ]
    Measurement.objects.filter(pk__in=[m.pk for m in chosen]).delete()
    client = _client(user, "write_measurements")
    runs = []
    for _ in range(2):
        cache.clear()
        started = time.perf_counter()
        response = client.post(reverse("api:measurements"), body, format="json")
        seconds = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"lot de mesures → HTTP {response.status_code} : {response.content[:500]!r}")
        runs.append({"seconds": round(seconds, 2), **response.json()})
    return {"lines": len(body), "first": runs[0], "second": runs[1]}


def evaluate(report: dict) -> list[dict]:
    scales = list(report["scales"])
    targets = []
    for key, *_ in ENDPOINTS:
        targets += growth_targets(key, {s: report["scales"][s]["endpoints"][key] for s in scales})
    batch = report["batch"]
    targets.append(
        {
            "target": "batch_seconds",
            "subject": "batch",
            "scale": batch["scale"],
            "value": batch["first"]["seconds"],
            "limit": BATCH_SECONDS_MAX,
            "met": batch["first"]["seconds"] < BATCH_SECONDS_MAX
            and batch["first"]["created"] == batch["lines"],
        }
    )
    targets.append(
        {
            "target": "batch_idempotent",
            "subject": "batch",
            "scale": batch["scale"],
            "value": batch["second"]["unchanged"],
            "limit": batch["lines"],
            "met": batch["second"]["unchanged"] == batch["lines"] and not batch["second"]["created"],
        }
    )
    return targets


def table(report: dict) -> str:
    scales = list(report["scales"])
    rows = [["point d'accès", "éch.", "médiane", "p95", "requêtes", "lignes"]]
    for key, label, _name in ENDPOINTS:
        for s in scales:
            e = report["scales"][s]["endpoints"][key]
            rows.append(
                [
                    label,
                    s,
                    f"{num(e['median_ms'])} ms",
                    f"{num(e['p95_ms'])} ms",
                    num(e["queries"]) + ("" if e["queries_stable"] else "*"),
                    num(e["rows"]),
                ]
            )
    lines = aligned(rows[0], rows[1:])
    batch = report["batch"]
    lines.append("")
    lines.append(
        f"Lot de {num(batch['lines'])} mesures (échelle {batch['scale']}) : {num(batch['first']['seconds'], 2)} s "
        f"({num(batch['first']['created'])} créées) ; renvoyé : {num(batch['second']['seconds'], 2)} s "
        f"({num(batch['second']['unchanged'])} inchangées)"
    )
    lines.append("")
    for t in report["targets"]:
        lines.append(
            f"{t['subject']:<12} {t['target']:<17} {t['scale']:<6} {t['value']!s:<30} atteinte ? "
            f"{'oui' if t['met'] else 'non'}"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    from bench.data import SCALES

    parser = argument_parser(
        "Banc d'essai de l'API : listes à deux échelles, lot de 1 000 mesures.", "api-<date>.json"
    )
    parser.add_argument("--scales", default="S,L", help="échelles, parmi XS, S, M, L (défaut : S,L)")
    parser.add_argument("--runs", type=int, default=10, help="requêtes chronométrées par liste (défaut : 10)")
    args = parser.parse_args(argv)
    labels = sorted({s.strip().upper() for s in args.scales.split(",") if s.strip()}, key=list(SCALES).index)
    if not labels or any(s not in SCALES for s in labels) or args.runs < 1:
        parser.error("échelles parmi XS, S, M, L ; --runs au moins 1")
    if not on_postgres():
        return 2
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = False
    started = time.perf_counter()
    base = base_name()
    template, own_template = template_database(args.modele, prefix="banc_api")
    report = {"generated_at": datetime.now().isoformat(timespec="seconds"), "runs": args.runs, "scales": {}}
    try:
        for label in labels:
            database = f"{base}_banc_api_{label.lower()}"
            print(f"Échelle {label} : construction des données…", flush=True)
            data = filled_database(database, template, label)
            print(
                f"  construite en {data['build_seconds']} s ; listes ({args.runs} requêtes chacune)…",
                flush=True,
            )
            report["scales"][label] = {"counts": data["counts"], "endpoints": measure_endpoints(args.runs)}
            if label == labels[-1]:
                print(f"  lot de {BATCH_LINES} mesures…", flush=True)
                report["batch"] = {"scale": label, **measure_batch()}
            connection.close()
            drop_database(database)
    finally:
        connection.close()
        if own_template:
            drop_database(template)
    path = write_report(report, evaluate, started, args.json_path, "api")
    print()
    print(table(report))
    print(f"Résultats écrits dans {shown(path)} (durée totale : {num(report['wall_seconds'])} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
