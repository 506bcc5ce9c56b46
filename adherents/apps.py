from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdherentsConfig(AppConfig):
    name = "adherents"
    verbose_name = _("Member companies")

    def ready(self):
        from . import receivers

        receivers.connect()
