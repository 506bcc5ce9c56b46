from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from core.demo import DEMO_PASSWORD, demo_modules


class Command(BaseCommand):
    help = "Charge les données de démonstration tirées des documents sources (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Refusé : les données de démonstration ne se chargent pas en production.")
        # Demo data is made up: the notices it triggers stay in memory, never in anyone's inbox.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            for name, module in demo_modules():
                self.stdout.write(f"  · {name}")
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes."))
        self.stdout.write(
            f"Comptes de démonstration (mot de passe « {DEMO_PASSWORD} ») : "
            "admin, pilote, consultant, croct, service, adherent"
        )
