from datetime import date

from django.core.management.base import BaseCommand, CommandError

from reminders.services import reminders_scan


class Command(BaseCommand):
    help = "Évalue toutes les règles de rappel et envoie chaque rappel dû une seule fois (sans broker)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Jour de référence AAAA-MM-JJ (par défaut : aujourd'hui, Europe/Paris)"
        )

    def handle(self, *args, **options):
        today = None
        if options.get("date"):
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(
                    f"Date invalide : « {options['date']} » (format attendu : AAAA-MM-JJ)."
                ) from exc
        result = reminders_scan(today=today)
        self.stdout.write(
            f"Rappels envoyés : {result.sent} — déjà envoyés : {result.skipped} — en échec : {result.failed}"
        )
        if result.rule_errors:
            self.stderr.write(f"Règles en erreur (voir le journal) : {result.rule_errors}")
