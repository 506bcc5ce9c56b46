from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Capitalisation library")

    def ready(self) -> None:
        from . import sources  # noqa: F401  (registers the publishable sources)
