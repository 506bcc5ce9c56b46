from django.core.management.base import BaseCommand

from core.history import acting, system_actor
from library.digest import digest_send_all


class Command(BaseCommand):
    help = "Envoie le récapitulatif hebdomadaire (une fois par utilisateur et par semaine)."

    def handle(self, *args, **options):
        with acting(system_actor()):
            sent = digest_send_all()
        self.stdout.write(self.style.SUCCESS(f"Récapitulatifs envoyés : {sent}"))
