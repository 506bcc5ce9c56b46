"""Portal-only accounts (a member company's contacts) reach their portal and nothing else.

Every view is internal unless it is marked open:
- `portal_allowed`: a signed-in page a portal account uses — its portal, its notices and the
  PDFs it asked for, its password, the home page that sends it to its portal;
- Django's `login_not_required`: a public page (reachable without an account, so by a portal
  account too). Django's own login and password-reset views already carry it.

Who is portal-only is declared by the apps: an account shown a « portal » area (`core.navigation`).
`PortalOnlyMiddleware` answers the site's ordinary 404 to a portal-only account on any other
view, so a view added tomorrow is closed to them without anybody having to think of it; opening
one is a visible act (a decorator, and `tests/core/test_portal_only.py` lists the open views).
Marking a view open only lets the request reach it: the view still decides what this user may see.
The Django admin guards itself (staff only) and is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from .navigation import is_portal_only

PORTAL_ALLOWED = "portal_allowed"


def portal_allowed(view_func: Callable) -> Callable:
    """Open a signed-in view to portal-only accounts (outermost decorator, or over `as_view()`)."""
    setattr(view_func, PORTAL_ALLOWED, True)
    return view_func


def _layers(view_func: Callable | None) -> Iterator[Callable]:
    """The view and every function it wraps (`functools.wraps` sets `__wrapped__`)."""
    seen = set()
    while view_func is not None and id(view_func) not in seen:
        seen.add(id(view_func))
        yield view_func
        view_func = getattr(view_func, "__wrapped__", None)


def is_public(view_func: Callable) -> bool:
    """Reachable without an account: marked with Django's `login_not_required`."""
    return any(getattr(layer, "login_required", True) is False for layer in _layers(view_func))


def is_portal_allowed(view_func: Callable) -> bool:
    return any(getattr(layer, PORTAL_ALLOWED, False) is True for layer in _layers(view_func))


def is_open_to_portal(view_func: Callable) -> bool:
    return is_public(view_func) or is_portal_allowed(view_func)


class PortalOnlyMiddleware:
    """404 for a portal-only account on every view not open to it (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: Any, view_kwargs: Any
    ) -> None:
        match = request.resolver_match
        func = match.func if match is not None else view_func
        if is_open_to_portal(func) or (match is not None and "admin" in match.app_names):
            return None
        if is_portal_only(request.user):
            raise Http404
        return None
