"""What the benchmark measures: the pages and their users, the PDFs (in a child process), the reminder scan."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.databases import url_for
from bench.printing import percentile

ROOT = Path(__file__).resolve().parent.parent

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
