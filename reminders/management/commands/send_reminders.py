from datetime import date

from django.core.management.base import BaseCommand

from reminders.services import reminders_scan


class Command(BaseCommand):
    help = "Évalue toutes les règles de rappel et envoie chaque rappel dû une seule fois (sans broker)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Jour de référence AAAA-MM-JJ (par défaut : aujourd'hui, Europe/Paris)")

    def handle(self, *args, **options):
        today = date.fromisoformat(options["date"]) if options.get("date") else None
        result = reminders_scan(today=today)
        self.stdout.write(
            f"Rappels envoyés : {result.sent} — déjà envoyés : {result.skipped} — en échec : {result.failed}"
        )
