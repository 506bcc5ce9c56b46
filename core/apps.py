from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Foundation")

    def ready(self) -> None:
        from . import access, auth_throttle, checks, collation, dashboard_cache, home, navigation  # noqa: F401 — checks registers itself

        access.autodiscover()
        home.autodiscover()
        navigation.autodiscover()
        dashboard_cache.connect()
        auth_throttle.connect()
        collation.connect()
