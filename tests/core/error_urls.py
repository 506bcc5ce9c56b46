"""Test-only URLs: the site's own, plus views and a middleware that fail in each way
(tests/core/test_error_pages.py)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_protect

from config.urls import urlpatterns as site_urlpatterns

FAILING_MIDDLEWARE_PATH = "/essai/panne-intergiciel/"


def crash(request):
    raise RuntimeError("a bug in a view")


def refuse(request):
    raise PermissionDenied


def missing(request):
    raise Http404


def suspicious(request):
    raise SuspiciousOperation("a tampered request")


@csrf_protect
def echo(request):
    """Reads the body as every form view does: how many fields and files arrived."""
    return HttpResponse(f"{len(request.POST)} {len(request.FILES)}")


class FailingMiddleware:
    """Fails before any view runs, for one path: an error raised among the outer middlewares."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == FAILING_MIDDLEWARE_PATH:
            raise RuntimeError("a bug in a middleware")
        return self.get_response(request)


urlpatterns = [
    path("essai/panne/", crash),
    path("essai/refus/", refuse),
    path("essai/absent/", missing),
    path("essai/suspect/", suspicious),
    path("essai/formulaire/", echo),
    *site_urlpatterns,
]
