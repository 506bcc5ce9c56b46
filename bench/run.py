"""Copilote benchmark (issue 9): key pages, PDFs and the reminder scan at three data sizes, on PostgreSQL.

Usage (one command, not part of `make test`):

    make bench                              # scales S, M and L, 20 timed requests per page
    make bench ARGS="--scales S"            # a quick run
    make bench ARGS="--scales S,L --runs 10"

(`make bench` runs `bash scripts/with-services.sh .venv/bin/python bench/run.py`: a
throw-away PostgreSQL and Redis, DATABASE_URL exported.)

For each scale, a database of its own is created from a freshly migrated template
(`<base>_banc_modele` → `<base>_banc_<scale>`) and filled by bench/data.py with bulk
inserts (L: 200 actions, 2 000 meetings, 100 000 measurements, 20 000 member companies
with their trajectory steps; S ≈ 1/10, M ≈ 1/3), then ANALYZEd. Then:

- pages: Django test client in-process, DEBUG off, logged in as a user who may see the page
  (the programme's manager; the service's staff for the member pages): one warm-up
  request, then `--runs` timed requests; median and p95 server time, SQL query count,
  each also as a ratio to a trivial logged-in page (the notification list) timed the same way;
- PDFs: each rendered through the worker's code path (`reports.services.document_render`) in
  a child process (bench/render_one.py) whose peak memory (ru_maxrss) is read with os.wait4;
  time of the render, pages, peak memory;
- the reminder scan (`reminders.services.reminders_scan`, as `send_reminders` runs it) over
  scale L (or the largest scale asked for): time and reminders sent, then a second run that
  must send nothing.

Prints one table (with the targets and whether they are met) and writes everything as JSON
to bench/results/bench-<date-time>.json (or `--json PATH`). The scale databases are dropped
at the end unless `--keep`. `--scales XS` is a tiny scale for the smoke test (tests/bench).
"""

from __future__ import annotations

import gc
import json
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import base_name, drop_database, filled_database, template_database
from bench.pages import measure_pages, measure_pdfs, measure_scan, start_spawner
from bench.printing import num
from bench.script import argument_parser, on_postgres, shown, write_report
from bench.verdict import evaluate, scale_summary, table, tagging_table


def main(argv=None) -> int:
    from bench.data import SCALES

    parser = argument_parser(
        "Banc d'essai de Copilote : pages clés, PDF et scan des rappels à trois échelles (PostgreSQL).",
        "bench-<date>.json",
    )
    parser.add_argument(
        "--scales", default="S,M,L", help="échelles à mesurer, parmi S, M, L (défaut : S,M,L)"
    )
    parser.add_argument("--runs", type=int, default=20, help="requêtes chronométrées par page (défaut : 20)")
    parser.add_argument("--keep", action="store_true", help="garder les bases des échelles à la fin")
    parser.add_argument(
        "--show", metavar="JSON", help="réafficher le tableau d'un fichier de résultats, sans rien mesurer"
    )
    args = parser.parse_args(argv)
    if args.show:
        report = json.loads(Path(args.show).read_text())
        print(scale_summary(report), table(report, report["targets"]), tagging_table(report), sep="\n\n")
        return 0
    labels = [s.strip().upper() for s in args.scales.split(",") if s.strip()]
    unknown = [s for s in labels if s not in SCALES]
    if unknown or not labels:
        parser.error(f"échelle inconnue : {', '.join(unknown) or '(aucune)'} (choix : S, M, L)")
    labels = sorted(set(labels), key=list(SCALES).index)
    if args.runs < 1:
        parser.error("--runs doit être au moins 1")
    if not on_postgres():
        return 2

    spawner = start_spawner()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()  # locmem e-mail, 'testserver' allowed
    settings.DEBUG = False
    started = time.perf_counter()
    base = base_name()
    template, own_template = template_database(args.modele, prefix="banc")
    scan_scale = "L" if "L" in labels else labels[-1]
    report = {
        "generated_at": datetime.now().isoformat(timespec="seconds"),
        "database": "postgresql",
        "runs": args.runs,
        "scales": {},
        "scan": None,
    }
    media_root = tempfile.mkdtemp(prefix="copilote-banc-")
    try:
        for label in labels:
            database = f"{base}_banc_{label.lower()}"
            print(f"Échelle {label} : construction des données dans {database}…", flush=True)
            data = filled_database(database, template, label)
            # Keep what is left (Django, the app) out of later collections, as in a server process
            # that never built anything.
            gc.freeze()
            print(
                f"  construite en {data['build_seconds']} s ; pages ({args.runs} requêtes chacune)…",
                flush=True,
            )
            figures = {**data, "pages": measure_pages(data["objects"], args.runs)}
            connection.close()  # the children render with their own connections
            print("  PDF (un processus par document)…", flush=True)
            figures["pdfs"] = measure_pdfs(spawner, database, data["objects"], media_root)
            report["scales"][label] = figures
            if label == scan_scale:
                print("  scan des rappels (deux passages)…", flush=True)
                report["scan"] = {"scale": label, **measure_scan()}
            connection.close()
            if not args.keep:
                drop_database(database)
    finally:
        connection.close()
        if own_template:
            drop_database(template)
        import shutil

        shutil.rmtree(media_root, ignore_errors=True)
        spawner.stdin.close()
        spawner.wait()

    path = write_report(report, evaluate, started, args.json_path, "bench")
    targets = report["targets"]
    print()
    print(scale_summary(report))
    print()
    print(table(report, targets))
    tagging = tagging_table(report)
    if tagging:
        print()
        print(tagging)
    missed = [t for t in targets if not t["met"]]
    print()
    print(
        f"Cibles atteintes : {len(targets) - len(missed)} sur {len(targets)}"
        + (
            " ; manquées : " + ", ".join(f"{t['subject']} ({t['target']}, {t['scale']})" for t in missed)
            if missed
            else "."
        )
    )
    print("(* : nombre de requêtes variable d'une requête à l'autre ; le maximum est affiché)")
    print(f"Résultats écrits dans {shown(path)} (durée totale : {num(report['wall_seconds'])} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
