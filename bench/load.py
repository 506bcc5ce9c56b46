"""Load test (`make load`): concurrent users against gunicorn, PostgreSQL and a real Celery worker.

1. Creates the database named in DATABASE_URL if needed, migrates it and builds the data
   set of `bench/load_data.py` (a programme; per user an action, a validated RACI matrix,
   indicators, a meeting with invitees; shared objects that every user writes to).
2. Starts gunicorn on 127.0.0.1 (a free port, DEBUG off) and a Celery worker on the Redis
   broker of TEST_REDIS_URL (tasks not eager).
3. Runs --users simulated users (`bench/load_client.py`) for --duration seconds, at most
   --max-requests requests: each logs in through the login form, then reads pages and
   writes RACI cells, measurements and attendance exactly as the browser does, validates
   the shared matrix while others edit it, and asks for a few PDFs.
4. Waits for the PDFs, then checks the database against what the clients sent and the
   server acknowledged: no lost or duplicated write, one row per unique key on the shared
   objects, a validated matrix never changed after its validation, every PDF rendered.
5. Prints a table (requests per kind, errors, median and p95 latency, throughput) and writes
   it as JSON to bench/results/load-<timestamp>.json (or --json).

Exit code 0 only when no request failed (HTTP ≥ 500, unexpected answer, connection error)
and every check passed. Loopback only; gunicorn and the worker are stopped in every case.

Usage: make load ARGS="--users 16 --duration 30"
   or: scripts/with-services.sh .venv/bin/python bench/load.py [--users 8] [--duration 60] [--help]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from load_checks import Check, check_database
from load_processes import Child, child_env, free_port, start, wait_for_http, wait_for_worker
from load_report import _commit, report_table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
RESULTS = ROOT / "bench" / "results"
POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql", "psql")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Test de charge de Copilote (gunicorn + PostgreSQL + Celery)."
    )
    parser.add_argument("--users", type=int, default=8, help="utilisateurs simultanés (défaut : 8)")
    parser.add_argument(
        "--duration", type=float, default=60, help="durée de la charge en secondes (défaut : 60)"
    )
    parser.add_argument(
        "--max-requests", type=int, default=50_000, help="plafond du nombre de requêtes (défaut : 50 000)"
    )
    parser.add_argument(
        "--max-pdfs", type=int, default=12, help="plafond du nombre de PDF demandés (défaut : 12)"
    )
    parser.add_argument("--workers", type=int, default=3, help="processus gunicorn (défaut : 3)")
    parser.add_argument("--threads", type=int, default=2, help="fils par processus gunicorn (défaut : 2)")
    parser.add_argument(
        "--celery-concurrency", type=int, default=2, help="processus du worker Celery (défaut : 2)"
    )
    parser.add_argument(
        "--timeout", type=float, default=30, help="délai maximal d'une requête en secondes (défaut : 30)"
    )
    parser.add_argument(
        "--pdf-timeout",
        type=float,
        default=180,
        help="attente maximale des PDF après la charge (défaut : 180)",
    )
    parser.add_argument("--seed", type=int, default=20261125, help="graine du tirage des opérations")
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        help="fichier de résultats (défaut : bench/results/load-<date>.json)",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 64:
        parser.error("--users : entre 1 et 64")
    if not 1 <= args.duration <= 3600:
        parser.error("--duration : entre 1 et 3600 secondes")
    if args.max_requests < 1 or args.max_pdfs < 0 or args.workers < 1 or args.threads < 1:
        parser.error("--max-requests, --workers et --threads : au moins 1 ; --max-pdfs : au moins 0")
    return args


_STARTED = time.monotonic()


def say(message: str) -> None:
    print(f"==> [{time.monotonic() - _STARTED:5.1f} s] {message}", flush=True)


def required_services() -> tuple[str, str]:
    database_url = os.environ.get("DATABASE_URL", "")
    broker_url = os.environ.get("TEST_REDIS_URL", "")
    if database_url.split("://", 1)[0] not in POSTGRES_SCHEMES:
        sys.exit("ERREUR : DATABASE_URL doit désigner PostgreSQL (lancez `make load`, qui le démarre).")
    if not broker_url.startswith("redis://"):
        sys.exit("ERREUR : TEST_REDIS_URL doit désigner Redis (lancez `make load`, qui le démarre).")
    return database_url, broker_url


def ensure_database(url: str) -> None:
    """The throw-away PostgreSQL of scripts/with-services.sh starts empty: create the database named in the URL."""
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port, user=parts.username, password=parts.password, dbname="postgres"
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


# --- The run ---------------------------------------------------------------------------------
def run_users(*, plan, base_url: str, args, statuses, duplicate_message):
    from load_client import PdfBudget, VirtualUser
    from load_http import Recorder

    recorder = Recorder(args.max_requests)
    deadline = [float("inf")]
    barrier = threading.Barrier(len(plan.users) + 1)
    budget = PdfBudget(args.max_pdfs)
    users = [
        VirtualUser(
            plan=plan,
            me=me,
            base_url=base_url,
            recorder=recorder,
            start=barrier,
            deadline=deadline,
            seed=args.seed + me.index,
            timeout=args.timeout,
            pdf_budget=budget,
            statuses=statuses,
            duplicate_message=duplicate_message,
        )
        for me in plan.users
    ]
    for user in users:
        user.start()
    barrier.wait(timeout=180)  # every user has logged in (or failed to)
    started = time.monotonic()
    deadline[0] = started + args.duration
    for user in users:
        user.join(timeout=args.duration + args.timeout + 30)
    elapsed = time.monotonic() - started
    stuck = [u.name for u in users if u.is_alive()]
    return users, recorder, elapsed, stuck


def wait_for_documents(pks: list[int], timeout: float) -> dict[str, int]:
    from django.db import connection

    from reports.models import Document

    limit = time.monotonic() + timeout
    while True:
        statuses = Counter(Document.objects.filter(pk__in=pks).values_list("status", flat=True))
        pending = statuses.get(Document.Status.QUEUED, 0) + statuses.get(Document.Status.RUNNING, 0)
        if not pending or time.monotonic() > limit:
            connection.close()
            return dict(statuses)
        time.sleep(0.5)


def download_documents(users, pks_by_user) -> list[str]:
    """Each requester downloads their finished PDFs: a real PDF comes back."""
    problems = []
    for user in users:
        for pk in pks_by_user.get(user.me.username, []):
            try:
                answer = user.browser.request("GET", f"/documents/{pk}/telecharger/")
            except Exception as exc:
                problems.append(f"document {pk} : {exc}")
                continue
            if answer.status != 200 or not answer.body.startswith("%PDF"):
                problems.append(f"document {pk} : HTTP {answer.status}, {answer.content_type}")
    return problems


# --- Report ----------------------------------------------------------------------------------
def _terminated(signum, frame):
    """SIGTERM (a CI timeout, `kill`) stops the run like Ctrl-C: gunicorn and the worker are stopped too."""
    raise KeyboardInterrupt


def main(argv=None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminated)
    database_url, broker_url = required_services()
    ensure_database(database_url)
    import django

    django.setup()
    import load_data
    from django.core.management import call_command
    from django.db import connection
    from django.utils import translation

    from evaluation.models import Indicator
    from evaluation.services import duplicate_message

    say("Migration de la base")
    call_command("migrate", interactive=False, verbosity=0)
    tag = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    say(f"Jeu de données : {args.users} utilisateurs (étiquette {tag})")
    plan = load_data.build(tag=tag, users=args.users)
    statuses = load_data.attendance_statuses()
    shared = Indicator.objects.get(pk=plan.shared_indicator_id)
    with translation.override("fr"):
        messages = {p: str(duplicate_message(shared, p)) for p in plan.periods}
    connection.close()

    folder = Path(tempfile.mkdtemp(prefix="copilote-load-"))
    env = child_env(database_url=database_url, broker_url=broker_url, folder=folder)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    children: list[Child] = []
    interrupted = False
    try:
        say(f"gunicorn sur {base_url} ({args.workers} processus × {args.threads} fils) et un worker Celery")
        children.append(
            start(
                "gunicorn",
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(args.workers),
                    "--threads",
                    str(args.threads),
                    "--worker-class",
                    "gthread",
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "15",
                    "--log-level",
                    "warning",
                ],
                env,
                folder,
            )
        )
        children.append(
            start(
                "celery",
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--loglevel",
                    "INFO",
                    "--concurrency",
                    str(args.celery_concurrency),
                    "--hostname",
                    f"charge-{tag}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                env,
                folder,
            )
        )
        wait_for_http(children[0], f"{base_url}/healthz/")
        wait_for_worker(children[1])
        for _ in range(args.workers * 3):  # every gunicorn process has loaded Django
            urllib.request.urlopen(f"{base_url}/comptes/connexion/", timeout=30).read()

        say(
            f"Charge : {args.users} utilisateurs pendant {args.duration:.0f} s (au plus {args.max_requests} requêtes)"
        )
        users, recorder, elapsed, stuck = run_users(
            plan=plan,
            base_url=base_url,
            args=args,
            statuses=statuses,
            duplicate_message=lambda _pk, period: messages[period],
        )
        samples = recorder.samples
        login_samples = [s for s in samples if s.kind.startswith("Connexion")]
        load_samples = [s for s in samples if not s.kind.startswith("Connexion")]
        pks_by_user = {u.me.username: u.ledger.documents for u in users}
        all_documents = [pk for pks in pks_by_user.values() for pk in pks]
        say(f"Attente des {len(all_documents)} PDF demandés")
        document_statuses = wait_for_documents(all_documents, args.pdf_timeout)
        download_problems = download_documents(users, pks_by_user)
        checks = check_database(plan, users, document_statuses, download_problems)
        fatal = [f"{u.name} : {u.fatal}" for u in users if u.fatal] + [f"{name} : bloqué" for name in stuck]
        if fatal:
            checks.insert(
                0, Check("Tous les utilisateurs se connectent et finissent", False, "; ".join(fatal))
            )
        for child in children:
            if not child.alive():
                checks.insert(0, Check(f"{child.name} tourne jusqu'au bout", False, child.tail(10)))
    except KeyboardInterrupt:
        interrupted = True
        print("\nInterrompu.", file=sys.stderr)
        return 130
    except RuntimeError as exc:
        print(f"ERREUR : {exc}\nJournaux conservés : {folder}", file=sys.stderr)
        return 1
    finally:
        for child in reversed(children):
            child.stop()
        if interrupted:
            shutil.rmtree(folder, ignore_errors=True)

    from load_http import _stats, summarise

    summary = summarise(load_samples)
    login_stats = (
        _stats(login_samples)
        if login_samples
        else {"count": 0, "errors": 0, "median_ms": None, "p95_ms": None}
    )
    total = len(load_samples)
    errors = [s for s in samples if s.error]
    throughput = total / elapsed if elapsed > 0 else 0.0
    table = report_table(
        summary,
        logins=login_stats,
        total=total,
        errors=sum(1 for s in load_samples if s.error),
        elapsed=elapsed,
        throughput=throughput,
        args=args,
        checks=checks,
    )
    print()
    print(table)
    if errors:
        print("\nPremières erreurs :")
        for sample in errors[:15]:
            print(f"  {sample.kind} : {sample.error}")
        if any(s.status >= 500 for s in errors):
            print(f"\n--- journal de gunicorn (fin) ---\n{children[0].tail(40)}")
    passed = not errors and all(c.ok for c in checks)
    result = {
        "kind": "load",
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "parameters": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "commit": _commit(),
        },
        "duration_s": round(elapsed, 2),
        "requests": total,
        "errors": len(errors),
        "throughput_rps": round(throughput, 2),
        "by_kind": summary,
        "logins": login_stats,
        "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in checks],
        "error_samples": [{"kind": s.kind, "status": s.status, "error": s.error} for s in errors[:50]],
        "passed": passed,
    }
    path = args.json or RESULTS / f"load-{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nRésultats : {path}")
    if passed:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"Journaux de gunicorn et du worker conservés : {folder}")
    print("RÉUSSI" if passed else "ÉCHEC : erreurs ou vérifications en échec (voir ci-dessus)")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
