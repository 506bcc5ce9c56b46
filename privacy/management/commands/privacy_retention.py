from django.core.management.base import BaseCommand
from django.utils import translation

from core.french import jour
from core.history import system_actor
from privacy.services.retention import Action, retention_apply


class Command(BaseCommand):
    help = "Deletes or anonymises the personal data past its retention period (--dry-run: only lists it)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be done, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        with translation.override("fr"):
            results = retention_apply(by=system_actor(), dry_run=dry_run)
            verbs = {
                Action.DELETE: "à supprimer" if dry_run else "supprimé(s)",
                Action.ANONYMISE: "à anonymiser" if dry_run else "anonymisé(s)",
            }
            self.stdout.write(
                "Simulation\u00a0: rien n’est modifié." if dry_run else "Conservation appliquée."
            )
            for result in results:
                self.stdout.write(
                    f"- {result.label} (avant le {jour(result.before)})\u00a0: {result.count} "
                    f"{verbs[result.action]}"
                )
                for table, count in result.tables.items():
                    if count:
                        self.stdout.write(f"    {table}\u00a0: {count}")
