"""The load test's French report: latencies by kind of request, errors, the database checks."""

from __future__ import annotations

import subprocess
from pathlib import Path

from load_checks import Check

ROOT = Path(__file__).resolve().parent.parent


def report_table(
    summary: dict,
    *,
    logins: dict,
    total: int,
    errors: int,
    elapsed: float,
    throughput: float,
    args,
    checks: list[Check],
) -> str:
    header = ("Type de requête", "Nombre", "Erreurs", "Médiane (ms)", "p95 (ms)")
    rows = [
        (kind, str(s["count"]), str(s["errors"]), _ms(s["median_ms"]), _ms(s["p95_ms"]))
        for kind, s in summary.items()
    ]
    rows.append(("Total (pendant la charge)", str(total), str(errors), "", ""))
    rows.append(
        (
            "Connexions (avant la charge)",
            str(logins["count"]),
            str(logins["errors"]),
            _ms(logins["median_ms"]),
            _ms(logins["p95_ms"]),
        )
    )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(row):
        return "  ".join(
            row[0].ljust(widths[0]) if i == 0 else row[i].rjust(widths[i]) for i in range(len(row))
        )

    out = [
        f"Test de charge : {args.users} utilisateurs, {elapsed:.1f} s, gunicorn {args.workers}×{args.threads} fils, "
        f"worker Celery ×{args.celery_concurrency}",
        line(header),
        "  ".join("-" * w for w in widths),
        *(line(r) for r in rows[:-2]),
        "  ".join("-" * w for w in widths),
        *(line(r) for r in rows[-2:]),
        "",
        f"Débit : {throughput:.1f} requêtes/s ({total} requêtes en {elapsed:.1f} s)".replace(".", ","),
        "",
        "Vérifications :",
        *(f"  [{'OK' if c.ok else 'ÉCHEC'}] {c.name} — {c.detail}" for c in checks),
    ]
    return "\n".join(out)


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except OSError:
        return ""


def _ms(value) -> str:
    return f"{value:.0f}" if value is not None else ""
