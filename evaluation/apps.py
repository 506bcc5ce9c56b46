from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")
    feeds_dashboards = True  # its writes make the cached dashboards stale (core.dashboard_cache)

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
