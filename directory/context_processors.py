"""The navigation bar and who is signed in: the areas come from each app's `navigation.py` (`core.navigation`)."""

from django.http import HttpRequest

from core import navigation as registry

from .access import is_admin, person_of


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    areas = registry.areas_for(user)
    if registry.is_portal_only(user):  # it sees its member space and nothing else
        return {"nav_areas": areas["portal"], "nav_more": [], "current_person": person_of(user)}
    return {
        "nav_areas": areas["main"],
        "nav_more": areas["more"],
        "current_person": person_of(user),
        "is_admin_user": is_admin(user),
    }
