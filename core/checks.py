"""Deployment checks of our own, run by `manage.py check --deploy`."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.caches, deploy=True)
def shared_cache_in_production(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Dashboards are invalidated through the cache, and the rate limits (core/client.py) count in it:
    every web process must share it."""
    backend = settings.CACHES["default"]["BACKEND"]
    if getattr(settings, "PRODUCTION", False) and backend.endswith("LocMemCache"):
        return [
            Error(
                "CACHE_URL n'est pas défini : chaque processus web garderait ses propres tableaux de bord, "
                "qu'une écriture faite dans un autre processus ne rendrait pas caducs, et ses propres "
                "compteurs des limites d'envoi (formulaires publics, réinitialisation de mot de passe).",
                hint="Mettre CACHE_URL=redis://redis:6379/1 dans .env (voir .env.example).",
                id="copilote.E001",
            )
        ]
    return []


@register(Tags.urls)
def navigation_areas_reverse(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Every area an app declares in its `navigation.py` leads somewhere: a mistyped name fails at start-up."""
    from . import navigation

    return [
        Error(
            f"La zone de navigation « {name} » ne correspond à aucune adresse.",
            hint="Corriger le nom d'URL dans le navigation.py de l'application.",
            id="copilote.E002",
        )
        for name in navigation.unreversible()
    ]
