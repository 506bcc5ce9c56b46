from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.roles import is_admin

from .models import Document
from .selectors import can_read_document, documents_for_user
from .services import document_retry


@login_required
def document_list(request):
    page = Paginator(documents_for_user(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "reports/document_list.html", {"page_obj": page, "documents": page.object_list})


def _readable_document(request, pk) -> Document:
    document = get_object_or_404(Document.objects.select_related("requested_by"), pk=pk)
    if not can_read_document(request.user, document):
        raise Http404
    return document


@login_required
def document_detail(request, pk):
    document = _readable_document(request, pk)
    template = "reports/_document_status.html" if request.headers.get("HX-Request") else "reports/document_detail.html"
    return render(request, template, {"document": document})


@login_required
def document_download(request, pk):
    document = _readable_document(request, pk)
    if document.status != Document.Status.DONE or not document.file:
        raise Http404
    filename = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")


@login_required
@require_POST
def document_retry_view(request, pk):
    document = _readable_document(request, pk)
    if not (is_admin(request.user) or document.requested_by_id == request.user.pk):
        raise PermissionDenied
    if document.status not in (Document.Status.FAILED,):
        messages.warning(request, _("Only a failed document can be retried."))
    else:
        document_retry(document=document)
        messages.info(request, _("The document is queued again."))
    return redirect(document.get_absolute_url())
