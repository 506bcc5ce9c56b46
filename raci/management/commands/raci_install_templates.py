from django.core.management.base import BaseCommand

from core.history import system_actor
from raci.services import templates_install


class Command(BaseCommand):
    help = "Installe les modèles de matrices RACI de l'Annexe 2 (ACIA Corse), une seule fois (idempotent)."

    def handle(self, *args, **options):
        for matrix in templates_install(by=system_actor()):
            self.stdout.write(f"  · {matrix.title}")
        self.stdout.write(self.style.SUCCESS("Modèles RACI prêts."))
