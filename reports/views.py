from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import object_for, require
from core.portal import portal_allowed

from . import access
from .models import Document
from .registry import download_name
from .selectors import documents_for_user
from .services import document_retry


@portal_allowed
@login_required
@require_GET
def document_list(request):
    page = Paginator(documents_for_user(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "reports/document_list.html", {"page_obj": page, "documents": page.object_list})


def _readable_document(request, pk) -> Document:
    """The document if this user may read it; a 404 otherwise (its existence is not revealed).

    Whether its requester still sees its target is the kind's question, asked in Python: a
    target they no longer see makes the document as unseen as somebody else's.
    """
    document = object_for(request.user, Document, pk=pk, select_related=("requested_by",))
    if not access.can_read_document(request.user, document):
        raise Http404
    return document


@portal_allowed
@login_required
@require_GET
def document_detail(request, pk):
    document = _readable_document(request, pk)
    # htmx polls this page while the document is pending and swaps in the status block only.
    template = (
        "reports/_document_status.html"
        if request.headers.get("HX-Request")
        else "reports/document_detail.html"
    )
    response = render(
        request, template, {"document": document, "can_read_errors": access.can_read_errors(request.user)}
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@portal_allowed
@login_required
@require_GET
def document_download(request, pk):
    document = _readable_document(request, pk)
    if document.status != Document.Status.DONE or not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # The name from the content; Django writes it as RFC 5987 `filename*` when it is not ASCII.
    return FileResponse(
        handle, as_attachment=True, filename=download_name(document), content_type="application/pdf"
    )


@portal_allowed
@login_required
@require_POST
def document_retry_view(request, pk):
    document = _readable_document(request, pk)
    require(access.can_retry_document(request.user, document))
    if document.status != Document.Status.FAILED:
        messages.warning(request, _("Only a failed document can be retried."))
    else:
        document_retry(document=document)
        messages.info(request, _("The document is queued again."))
    return redirect(document.get_absolute_url())
