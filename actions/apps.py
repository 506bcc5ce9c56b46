from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = _("Collective actions")
    feeds_dashboards = True  # its writes make the cached dashboards stale (core.dashboard_cache)
