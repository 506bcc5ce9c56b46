"""Every API error as JSON: a French `detail`, a machine `code`, and the fields' errors if any."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "throttled",
}


class Unprocessable(exceptions.APIException):
    status_code = 422
    default_code = "unprocessable"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


# The French words of each kind of error (the first class the exception is an instance of).
DETAILS = (
    (
        exceptions.NotAuthenticated,
        gettext_lazy("Authentication required: send « Authorization: Bearer <key> »."),
    ),
    (exceptions.NotFound, gettext_lazy("Not found, or not visible to you.")),
    (exceptions.MethodNotAllowed, gettext_lazy("Method not allowed here.")),
    (exceptions.Throttled, gettext_lazy("Too many requests: try again in a while.")),
    (exceptions.ParseError, gettext_lazy("The body could not be read: send valid JSON.")),
    (exceptions.UnsupportedMediaType, gettext_lazy("Unsupported content type: send application/json.")),
    (exceptions.ValidationError, gettext_lazy("The data sent is not valid.")),
    (exceptions.NotAcceptable, gettext_lazy("No acceptable representation for this request.")),
)


def _french_detail(exc) -> str:
    if isinstance(exc, exceptions.AuthenticationFailed):
        return str(exc.detail) if isinstance(exc.detail, str) else _("Unknown or revoked token.")
    if isinstance(exc, exceptions.PermissionDenied):
        return (
            _("You may not do this.")
            if exc.detail == exceptions.PermissionDenied.default_detail
            else str(exc.detail)
        )
    for kind, detail in DETAILS:
        if isinstance(exc, kind):
            return str(detail)
    return str(exc.detail) if isinstance(exc.detail, str) else _("The request could not be processed.")


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    body = {"detail": _french_detail(exc), "code": CODES.get(response.status_code, "error")}
    if isinstance(exc, exceptions.ValidationError) or (
        isinstance(exc, Unprocessable | Conflict) and not isinstance(exc.detail, str)
    ):
        body["errors"] = exc.detail
    return Response(body, status=response.status_code, headers=_headers(response))


def _headers(response):
    return {
        name: value
        for name, value in response.items()
        if name in ("WWW-Authenticate", "Retry-After", "Allow")
    }
