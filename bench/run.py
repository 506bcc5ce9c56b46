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

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Measured as in production: no debug (cached templates, no query log outside the capture).
os.environ["DEBUG"] = "False"

from bench.databases import (  # noqa: E402  (after the environment above)
    base_name,
    drop_database,
    filled_database,
    template_database,
    url_for,
)
from bench.printing import aligned, num, percentile, ratio  # noqa: E402

RESULTS = ROOT / "bench" / "results"

# (key, French label, URL name, user: "pilot" or "staff", object the URL takes)
PAGES = [
    ("home", "Accueil (pilote)", "core:home", "pilot", None),
    ("home_staff", "Accueil (service de santé)", "core:home", "staff", None),
    ("action_list", "Liste des actions", "actions:action_list", "pilot", None),
    ("action_detail", "Fiche d'une action", "actions:action_detail", "pilot", "action"),
    (
        "programme_dashboard",
        "Tableau de bord du programme",
        "evaluation:programme_dashboard",
        "pilot",
        "programme",
    ),
    (
        "programme_dashboard_built",
        "  … construit (cache vidé)",
        "evaluation:programme_dashboard",
        "pilot",
        "programme",
    ),
    ("action_dashboard", "Tableau de bord d'une action", "evaluation:action_dashboard", "pilot", "action"),
    (
        "action_dashboard_built",
        "  … construit (cache vidé)",
        "evaluation:action_dashboard",
        "pilot",
        "action",
    ),
    ("meeting", "Page d'une réunion", "governance:meeting_detail", "pilot", "meeting"),
    ("followup_board", "Tableau des suites à donner", "governance:followup_board", "pilot", None),
    ("raci_grid", "Grille RACI", "raci:matrix_detail", "pilot", "matrix"),
    ("member_list", "Liste des adhérents", "adherents:adherent_list", "staff", None),
    ("member_page", "Fiche d'un adhérent", "adherents:adherent_detail", "staff", "member"),
    ("survey_results", "Résultats d'une enquête", "adherents:survey_results", "staff", "survey"),
]
TRIVIAL = ("trivial", "Page triviale (notifications)", "reminders:notification_list", "pilot", None)
DASHBOARDS = {
    "programme_dashboard",
    "action_dashboard",
    "programme_dashboard_built",
    "action_dashboard_built",
}
# Dashboards are kept rendered until their data change (core/dashboard_cache.py): the plain
# rows measure what a reader gets, the "built" rows empty the cache before each request.
BUILT = {key for key in DASHBOARDS if key.endswith("_built")}

# (key, French label, document kind, object, user)
PDFS = [
    ("fiche", "PDF fiche-action", "actions.fiche", "action", "pilot"),
    ("minutes", "PDF compte rendu", "governance.minutes", "meeting", "pilot"),
    ("raci", "PDF matrice RACI", "raci.matrix", "matrix", "pilot"),
    ("restitution", "PDF restitution", "adherents.restitution", "visit", "staff"),
    ("final_report", "PDF rapport final d'évaluation", "evaluation.action_report", "action", "pilot"),
    ("synthesis", "PDF synthèse du programme", "evaluation.programme_synthesis", "programme", "pilot"),
    ("register", "PDF registre des décisions", "governance.register", "meeting", "pilot"),
]

PAGE_GROWTH_MAX = 1.5  # median at the largest scale ≤ 1.5 × median at the smallest
DASHBOARD_RATIO_MAX = 3.0  # dashboards ≤ 3 × the trivial page
PDF_SECONDS_MAX = 5.0
SYNTHESIS_L_SECONDS_MAX = 30.0
PDF_MEGABYTES_MAX = 400.0
SCAN_SECONDS_MAX = 10.0


# --- Measures -----------------------------------------------------------------------------
def time_page(client, url: str, runs: int, *, empty_cache: bool = False) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up: templates, catalogues, first connection
    if response.status_code != 200:
        raise SystemExit(f"{url} → HTTP {response.status_code} (attendu : 200)")
    timings, query_counts = [], []
    for _ in range(runs):
        if empty_cache:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} → HTTP {response.status_code} (attendu : 200)")
        query_counts.append(len(captured))
    return {
        "url": url,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "min_ms": round(min(timings), 1),
        "max_ms": round(max(timings), 1),
        "queries": max(query_counts),
        "queries_stable": len(set(query_counts)) == 1,
        "bytes": len(response.content),
    }


def measure_pages(objects: dict, runs: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from bench.data import PILOT_USERNAME, STAFF_USERNAME

    User = get_user_model()
    clients = {}
    for who, username in (("pilot", PILOT_USERNAME), ("staff", STAFF_USERNAME)):
        clients[who] = Client()
        clients[who].force_login(User.objects.get(username=username))
    results = {}
    for key, _label, name, who, obj in [TRIVIAL, *PAGES]:
        url = reverse(name, args=[objects[obj]] if obj else [])
        results[key] = time_page(clients[who], url, runs, empty_cache=key in BUILT)
    trivial = results["trivial"]
    for figures in results.values():
        figures["median_ratio"] = round(figures["median_ms"] / trivial["median_ms"], 2)
        figures["p95_ratio"] = round(figures["p95_ms"] / trivial["p95_ms"], 2)
        figures["queries_ratio"] = round(figures["queries"] / trivial["queries"], 2)
    return results


def start_spawner() -> subprocess.Popen:
    """bench/spawner.py, started while this process is still small (see its docstring)."""
    return subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "spawner.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def measure_pdfs(spawner: subprocess.Popen, database: str, objects: dict, media_root: str) -> dict:
    """Each PDF as the worker renders it (tagged: PDF/UA-1 or PDF/A-3a), then once more untagged
    (`figures["untagged"]`), so that the report tells what tagging costs in time and size."""
    from bench.data import PILOT_USERNAME, STAFF_USERNAME

    usernames = {"pilot": PILOT_USERNAME, "staff": STAFF_USERNAME}
    env = {**os.environ, "DATABASE_URL": url_for(database), "MEDIA_ROOT": media_root}

    def render(kind, obj, who, *flags) -> dict:
        argv = [
            sys.executable,
            str(ROOT / "bench" / "render_one.py"),
            kind,
            str(objects[obj]),
            usernames[who],
            *flags,
        ]
        spawner.stdin.write(json.dumps({"argv": argv, "env": env, "cwd": str(ROOT)}) + "\n")
        spawner.stdin.flush()
        child = json.loads(spawner.stdout.readline())
        figures = {"status": "crashed", "error": child["stderr"][-2000:]}
        if child["returncode"] == 0 and child["stdout"].strip():
            figures = json.loads(child["stdout"].strip().splitlines()[-1])
        figures["peak_rss_mb"] = round(child["maxrss_kib"] / 1024, 1)  # ru_maxrss: KiB on Linux
        if figures.get("status") != "done":
            print(
                f"  ! {kind}{' (sans balisage)' if flags else ''} : rendu en échec ({figures.get('status')}) "
                f"{figures.get('error', '')[:500]}",
                file=sys.stderr,
            )
        return figures

    results = {}
    for key, _label, kind, obj, who in PDFS:
        figures = render(kind, obj, who)
        untagged = render(kind, obj, who, "--untagged")
        figures["untagged"] = {
            k: untagged.get(k) for k in ("status", "seconds", "bytes", "pages", "peak_rss_mb")
        }
        results[key] = figures
    return results


def tagging_table(report: dict) -> str:
    """What tagging (PDF/UA-1, PDF/A-3a) costs: time and size of each PDF with and without it."""
    header = [
        "PDF",
        "Échelle",
        "Balisé",
        "Sans balisage",
        "Écart",
        "Taille balisé",
        "Taille sans",
        "Écart taille",
    ]
    rows = []
    for key, label, *_ in PDFS:
        for s, figures in report["scales"].items():
            p = figures["pdfs"].get(key, {})
            u = p.get("untagged") or {}
            if p.get("seconds") is None or u.get("seconds") is None:
                continue
            rows.append(
                [
                    label,
                    s,
                    f"{num(p['seconds'], 2)} s",
                    f"{num(u['seconds'], 2)} s",
                    f"{(p['seconds'] / u['seconds'] - 1) * 100:+.0f} %" if u["seconds"] else "—",
                    f"{num(p['bytes'] / 1024, 0)} Ko",
                    f"{num(u['bytes'] / 1024, 0)} Ko",
                    f"{(p['bytes'] / u['bytes'] - 1) * 100:+.0f} %" if u.get("bytes") else "—",
                ]
            )
    if not rows:
        return ""
    return "\n".join(
        [
            "Coût du balisage des PDF (PDF/UA-1, PDF/A-3a pour les documents d'archive) :",
            *aligned(header, rows),
        ]
    )


def measure_scan() -> dict:
    from django.core import mail
    from django.utils import timezone

    from reminders.services import reminders_scan

    today = timezone.localdate()
    runs = []
    for _ in range(2):
        mail.outbox = []
        started = time.perf_counter()
        result = reminders_scan(today=today)
        runs.append(
            {
                "seconds": round(time.perf_counter() - started, 2),
                "sent": result.sent,
                "skipped": result.skipped,
                "failed": result.failed,
                "rule_errors": result.rule_errors,
                "emails": len(mail.outbox),
            }
        )
    return {"date": today.isoformat(), "first": runs[0], "second": runs[1]}


# --- Targets ------------------------------------------------------------------------------
def evaluate(report: dict) -> list[dict]:
    """Every target of issue 9 with its figures: [{target, subject, scale, value, limit, met}]."""
    scales = list(report["scales"])
    first, last = scales[0], scales[-1]
    targets = []
    for key, *_ in PAGES:
        counts = {s: report["scales"][s]["pages"][key]["queries"] for s in scales}
        if len(scales) > 1:
            targets.append(
                {
                    "target": "queries_equal",
                    "subject": key,
                    "scale": "/".join(scales),
                    "value": counts,
                    "met": len(set(counts.values())) == 1,
                }
            )
            small = report["scales"][first]["pages"][key]["median_ms"]
            big = report["scales"][last]["pages"][key]["median_ms"]
            targets.append(
                {
                    "target": "median_growth",
                    "subject": key,
                    "scale": f"{last}/{first}",
                    "value": round(big / small, 2),
                    "limit": PAGE_GROWTH_MAX,
                    "met": big <= PAGE_GROWTH_MAX * small,
                }
            )
        if key in DASHBOARDS:
            for s in scales:
                ratio = report["scales"][s]["pages"][key]["median_ratio"]
                targets.append(
                    {
                        "target": "dashboard_ratio",
                        "subject": key,
                        "scale": s,
                        "value": ratio,
                        "limit": DASHBOARD_RATIO_MAX,
                        "met": ratio <= DASHBOARD_RATIO_MAX,
                    }
                )
    for s in scales:
        for key, *_ in PDFS:
            pdf = report["scales"][s]["pdfs"][key]
            limit = SYNTHESIS_L_SECONDS_MAX if key == "synthesis" and s == "L" else PDF_SECONDS_MAX
            ok = pdf.get("status") == "done"
            targets.append(
                {
                    "target": "pdf_seconds",
                    "subject": key,
                    "scale": s,
                    "value": pdf.get("seconds"),
                    "limit": limit,
                    "met": ok and pdf["seconds"] < limit,
                }
            )
            targets.append(
                {
                    "target": "pdf_memory_mb",
                    "subject": key,
                    "scale": s,
                    "value": pdf["peak_rss_mb"],
                    "limit": PDF_MEGABYTES_MAX,
                    "met": ok and pdf["peak_rss_mb"] < PDF_MEGABYTES_MAX,
                }
            )
    scan = report.get("scan")
    if scan:
        targets.append(
            {
                "target": "scan_seconds",
                "subject": "scan",
                "scale": scan["scale"],
                "value": scan["first"]["seconds"],
                "limit": SCAN_SECONDS_MAX,
                "met": scan["first"]["seconds"] < SCAN_SECONDS_MAX and scan["first"]["rule_errors"] == 0,
            }
        )
        targets.append(
            {
                "target": "scan_second_run_sent",
                "subject": "scan",
                "scale": scan["scale"],
                "value": scan["second"]["sent"],
                "limit": 0,
                "met": scan["second"]["sent"] == 0,
            }
        )
    return targets


# --- Output -------------------------------------------------------------------------------
def table(report: dict, targets: list[dict]) -> str:
    scales = list(report["scales"])
    first, last = scales[0], scales[-1]
    by_row: dict[tuple, list] = {}
    for t in targets:
        scale = t["scale"] if t["target"] not in ("queries_equal", "median_growth") else last
        by_row.setdefault((t["subject"], scale), []).append(t)

    def verdict(subject, scale):
        found = by_row.get((subject, scale), [])
        if not found:
            return "", ""
        texts = []
        for t in found:
            texts.append(
                {
                    "queries_equal": "requêtes égales",
                    "median_growth": f"méd. ≤ {num(PAGE_GROWTH_MAX)}×{first}",
                    "dashboard_ratio": f"≤ {num(DASHBOARD_RATIO_MAX)}×triv.",
                    "pdf_seconds": f"< {num(t.get('limit'), 0)} s",
                    "pdf_memory_mb": f"< {num(t.get('limit'), 0)} Mo",
                    "scan_seconds": f"< {num(t.get('limit'), 0)} s",
                    "scan_second_run_sent": "2e passage : 0",
                }[t["target"]]
            )
        return ", ".join(texts), "oui" if all(t["met"] for t in found) else "non"

    header = [
        "élément",
        "éch.",
        "médiane",
        "×triv.",
        "p95",
        "×triv.",
        "requêtes",
        "×triv.",
        "pages",
        "mém. max",
        "cible",
        "atteinte ?",
    ]
    rows = []
    for key, label, *_ in [TRIVIAL, *PAGES]:
        for s in scales:
            p = report["scales"][s]["pages"][key]
            cible, met = verdict(key, s)
            rows.append(
                [
                    label,
                    s,
                    f"{num(p['median_ms'])} ms",
                    ratio(p["median_ratio"]),
                    f"{num(p['p95_ms'])} ms",
                    ratio(p["p95_ratio"]),
                    num(p["queries"]) + ("" if p["queries_stable"] else "*"),
                    ratio(p["queries_ratio"]),
                    "",
                    "",
                    cible,
                    met,
                ]
            )
    for key, label, *_ in PDFS:
        for s in scales:
            p = report["scales"][s]["pdfs"][key]
            cible, met = verdict(key, s)
            seconds = f"{num(p['seconds'], 2)} s" if p.get("seconds") is not None else p.get("status", "—")
            rows.append(
                [
                    label,
                    s,
                    seconds,
                    "",
                    "",
                    "",
                    "",
                    "",
                    num(p.get("pages")),
                    f"{num(p['peak_rss_mb'], 0)} Mo",
                    cible,
                    met,
                ]
            )
    scan = report.get("scan")
    if scan:
        cible, met = verdict("scan", scan["scale"])
        for name, run in (
            ("Scan des rappels (1er passage)", scan["first"]),
            ("Scan des rappels (2e passage)", scan["second"]),
        ):
            rows.append(
                [
                    f"{name} : {num(run['sent'])} envoyés",
                    scan["scale"],
                    f"{num(run['seconds'], 2)} s",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    cible,
                    met,
                ]
            )
    return "\n".join(aligned(header, rows, right=lambda column: 2 <= column <= 9))


def scale_summary(report: dict) -> str:
    lines = []
    for s, figures in report["scales"].items():
        c = figures["counts"]
        lines.append(
            f"Échelle {s} : {num(c['actions'])} actions, {num(c['meetings'])} réunions, {num(c['measurements'])} mesures, "
            f"{num(c['member_companies'])} adhérents ({num(c['member_steps'])} étapes), {num(c['raci_cells'])} cellules RACI, "
            f"{num(c['followup_items'])} suites à donner, {num(c['survey_answers'])} réponses d'enquête "
            f"— construite en {num(figures['build_seconds'])} s"
        )
    return "\n".join(lines)


# --- Main -----------------------------------------------------------------------------------
def main(argv=None) -> int:
    from bench.data import SCALES

    parser = argparse.ArgumentParser(
        description="Banc d'essai de Copilote : pages clés, PDF et scan des rappels à trois échelles (PostgreSQL)."
    )
    parser.add_argument(
        "--scales", default="S,M,L", help="échelles à mesurer, parmi S, M, L (défaut : S,M,L)"
    )
    parser.add_argument("--runs", type=int, default=20, help="requêtes chronométrées par page (défaut : 20)")
    parser.add_argument(
        "--json",
        dest="json_path",
        help="fichier JSON des résultats (défaut : bench/results/bench-<date>.json)",
    )
    parser.add_argument("--keep", action="store_true", help="garder les bases des échelles à la fin")
    # Hidden, for the smoke test: copy this already migrated database instead of migrating a new one.
    parser.add_argument("--modele", help=argparse.SUPPRESS)
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
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print(
            "Ce banc d'essai mesure PostgreSQL : lancez-le avec `make bench` (DATABASE_URL postgres:// requis).",
            file=sys.stderr,
        )
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

    targets = evaluate(report)
    report["targets"] = targets
    report["all_targets_met"] = all(t["met"] for t in targets)
    report["wall_seconds"] = round(time.perf_counter() - started, 1)
    path = Path(args.json_path) if args.json_path else RESULTS / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str))
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
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"Résultats écrits dans {shown} (durée totale : {num(report['wall_seconds'])} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
