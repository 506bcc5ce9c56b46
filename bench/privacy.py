"""Benchmark of personal data (issue 19): the retention task and a person's file, at scale L.

Usage (not part of `make test`):

    bash scripts/with-services.sh .venv/bin/python bench/privacy.py             # scale L
    bash scripts/with-services.sh .venv/bin/python bench/privacy.py --scale S   # a quick run

The scale's database is built as bench/run.py builds it (bench/data.py: at L, 20 000 member files with
their trajectories and contacts), then aged as a real one would be after years of use: every member
file gets a history row six years old with its author, every contact is backdated six years, two
reads of each file and a notice and an e-mail per file are thirteen months old or more. Then:

- a person's file (`privacy.services.export.build_zip`) of the service's staff member, author of
  all those rows and history rows (the heaviest file of the set), and of the programme's manager;
- the retention task (`privacy.services.retention.retention_apply`): the dry run, the real run,
  then a second real run that must find nothing to do.

Targets: the real retention run under 60 s, each person's file under 10 s. Prints a table and
writes JSON (bench/results/privacy-<date-time>.json or --json).
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import base_name, drop_database, filled_database, template_database
from bench.printing import aligned, num
from bench.script import argument_parser, on_postgres, shown, write_report

RETENTION_SECONDS_MAX = 60.0
ZIP_SECONDS_MAX = 10.0
SIX_YEARS = timedelta(days=6 * 365)
THIRTEEN_MONTHS = timedelta(days=13 * 31)


def age_data() -> dict:
    """History rows, contacts, reads, notices and e-mails past their retention period; their counts."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from adherents.models import Adherent, ContactAttempt
    from bench.data_common import STAFF_USERNAME, _bulk
    from privacy.models import ReadKind, ReadLogEntry
    from reminders.models import Notification, OutgoingEmail

    staff = get_user_model().objects.get(username=STAFF_USERNAME)
    now = timezone.now()
    long_ago, last_year = now - SIX_YEARS, now - THIRTEEN_MONTHS
    history = Adherent.history.model
    kept = {f.attname for f in history._meta.concrete_fields}
    fields = [f.attname for f in Adherent._meta.concrete_fields if f.attname in kept]
    members = list(Adherent.objects.select_related("organisation"))
    histories = _bulk(
        history,
        [
            history(
                **{name: getattr(member, name) for name in fields},
                history_date=long_ago,
                history_type="~",
                history_user_id=staff.pk,
            )
            for member in members
        ],
    )
    contacts = ContactAttempt.objects.update(happened_at=long_ago)
    reads = _bulk(
        ReadLogEntry,
        [
            ReadLogEntry(
                reader=staff,
                kind=ReadKind.MEMBER_FILE,
                service_id=member.service_id,
                member_file_id=member.pk,
                subject=member.organisation.name,
                path=f"/adherents/{member.pk}/",
            )
            for member in members
            for _ in range(2)
        ],
    )
    ReadLogEntry.objects.update(read_at=last_year)
    notices = _bulk(
        Notification,
        [
            Notification(user=staff, title=f"Étape en retard : {m.organisation.name}", message="")
            for m in members
        ],
    )
    Notification.objects.update(created_at=last_year)
    emails = _bulk(
        OutgoingEmail,
        [
            OutgoingEmail(to=staff.email or "banc@example.org", subject="Rappel", body="", status="sent")
            for _ in members
        ],
    )
    OutgoingEmail.objects.update(created_at=last_year)
    return {
        "history_rows": len(histories),
        "contacts": contacts,
        "reads": len(reads),
        "notices": len(notices),
        "emails": len(emails),
    }


def measure_zip(username: str) -> dict:
    from django.contrib.auth import get_user_model

    from directory.models import Person
    from privacy.services.export import build_zip

    person = Person.objects.get(user=get_user_model().objects.get(username=username))
    started = time.perf_counter()
    content, tables, rows = build_zip(person)
    return {
        "person": username,
        "seconds": round(time.perf_counter() - started, 2),
        "tables": tables,
        "rows": rows,
        "bytes": len(content),
    }


def measure_retention() -> dict:
    from core.history import system_actor
    from privacy.services.retention import retention_apply

    runs = {}
    for name, dry_run in (("dry_run", True), ("first", False), ("second", False)):
        started = time.perf_counter()
        results = retention_apply(by=system_actor(), dry_run=dry_run)
        runs[name] = {
            "seconds": round(time.perf_counter() - started, 2),
            "rows": sum(r.count for r in results),
            "per_kind": {r.kind: r.count for r in results},
        }
    return runs


def evaluate(report: dict) -> list[dict]:
    retention = report["retention"]
    targets = [
        {
            "target": "retention_seconds",
            "value": retention["first"]["seconds"],
            "limit": RETENTION_SECONDS_MAX,
            "met": retention["first"]["seconds"] < RETENTION_SECONDS_MAX
            and retention["first"]["rows"] == retention["dry_run"]["rows"] > 0,
        },
        {
            "target": "retention_idempotent",
            "value": retention["second"]["rows"],
            "limit": 0,
            "met": retention["second"]["rows"] == 0,
        },
    ]
    for measured in report["zips"]:
        targets.append(
            {
                "target": f"zip_seconds {measured['person']}",
                "value": measured["seconds"],
                "limit": ZIP_SECONDS_MAX,
                "met": measured["seconds"] < ZIP_SECONDS_MAX and measured["rows"] > 0,
            }
        )
    return targets


def table(report: dict) -> str:
    rows = [["mesure", "durée", "lignes"]]
    for measured in report["zips"]:
        rows.append(
            [
                f"dossier de {measured['person']} ({num(measured['tables'])} tables, {num(measured['bytes'])} octets)",
                f"{num(measured['seconds'], 2)} s",
                num(measured["rows"]),
            ]
        )
    labels = {
        "dry_run": "conservation, essai à blanc",
        "first": "conservation",
        "second": "conservation, 2e passage",
    }
    for key, label in labels.items():
        run = report["retention"][key]
        rows.append([label, f"{num(run['seconds'], 2)} s", num(run["rows"])])
    lines = aligned(rows[0], rows[1:])
    lines.append("")
    lines.append(
        "Par type (passage réel) : "
        + ", ".join(
            f"{kind} {num(count)}" for kind, count in report["retention"]["first"]["per_kind"].items()
        )
    )
    lines.append("")
    for t in report["targets"]:
        lines.append(
            f"{t['target']:<30} {t['value']!s:<10} ≤ {t['limit']!s:<6} atteinte ? {'oui' if t['met'] else 'non'}"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    from bench.data import SCALES

    parser = argument_parser(
        "Banc d'essai des données personnelles : conservation, dossier.", "privacy-<date>.json"
    )
    parser.add_argument("--scale", default="L", help="échelle, parmi XS, S, M, L (défaut : L)")
    args = parser.parse_args(argv)
    label = args.scale.strip().upper()
    if label not in SCALES:
        parser.error("échelle parmi XS, S, M, L")
    if not on_postgres():
        return 2
    import django

    django.setup()
    from django.db import connection

    from bench.data_common import PILOT_USERNAME, STAFF_USERNAME

    started = time.perf_counter()
    template, own_template = template_database(args.modele, prefix="banc_rgpd")
    database = f"{base_name()}_banc_rgpd_{label.lower()}"
    report: dict = {"generated_at": datetime.now().isoformat(timespec="seconds"), "scale": label}
    try:
        print(f"Échelle {label} : construction des données…", flush=True)
        data = filled_database(database, template, label)
        print(f"  construite en {data['build_seconds']} s ; vieillissement…", flush=True)
        report["counts"] = data["counts"]
        report["aged"] = age_data()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print("  dossiers des personnes…", flush=True)
        report["zips"] = [measure_zip(STAFF_USERNAME), measure_zip(PILOT_USERNAME)]
        print("  conservation…", flush=True)
        report["retention"] = measure_retention()
    finally:
        connection.close()
        drop_database(database)
        if own_template:
            drop_database(template)
    path = write_report(report, evaluate, started, args.json_path, "privacy")
    print()
    print(f"Vieilli : {report['aged']}")
    print(table(report))
    print(f"Résultats écrits dans {shown(path)} (durée totale : {num(report['wall_seconds'])} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
