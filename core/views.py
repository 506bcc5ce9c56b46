from django.conf import settings
from django.contrib.auth.decorators import login_not_required, login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import accessibility, navigation
from . import home as home_sections
from .portal import portal_allowed


@portal_allowed
@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    landing = navigation.home_for(request.user)
    if landing:
        return redirect(landing)
    today = timezone.localdate()
    return render(
        request,
        "core/home.html",
        {"sections": home_sections.sections_for(request.user, today), "today": today},
    )


@login_not_required
@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The « Déclaration d’accessibilité » (RGAA 4.1): public, linked from every page's footer."""
    return render(
        request,
        "core/accessibility.html",
        {
            "statement": accessibility,
            "entity": settings.ACCESSIBILITY_ENTITY,
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        },
    )


@login_not_required
@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For the container health check: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
