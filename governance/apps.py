from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")
    feeds_dashboards = True  # its writes make the cached dashboards stale (core.dashboard_cache)

    def ready(self) -> None:
        from actions.access import register_reader_scope

        from .access import committee_reader_scope

        register_reader_scope(committee_reader_scope)
