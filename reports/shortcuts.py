"""What a domain view calls to ask for a PDF and send the user to its page."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .services import document_request


def request_document_and_redirect(request, *, kind: str, target, title: str = "", params=None):
    document = document_request(
        kind=kind, target=target, requested_by=request.user, title=title, params=params
    )
    messages.info(request, _("Your PDF is being prepared: it will be ready in a few moments."))
    return redirect(document.get_absolute_url())
