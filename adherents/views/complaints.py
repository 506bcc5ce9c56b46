"""Views of adherents: complaints."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import object_for
from core.idempotency import creation_response

from .. import access, selectors, services
from ..forms import ComplaintForm
from ..models import Complaint
from ._common import _posted, _staff_only


@login_required
@require_GET
def complaint_list(request):
    _staff_only(request)
    queryset = selectors.complaints_for_user(request.user)
    status = request.GET.get("statut", "")
    listed = queryset.filter(status=status) if status in Complaint.Status.values else queryset
    page = Paginator(listed, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "adherents/complaint_list.html",
        {
            "page_obj": page,
            "complaints": page.object_list,
            "summary": selectors.complaints_summary(queryset),
            "status": status,
            "statuses": Complaint.Status.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_create(request):
    _staff_only(request)
    service = access.service_of_staff(request.user)
    if service is None and request.GET.get("service", "").isdigit():
        service = access.services_staffed_by(request.user).filter(pk=request.GET["service"]).first()
    complaint = Complaint(service=service)
    if service is not None and request.GET.get("adherent", "").isdigit():
        complaint.adherent = (
            access.adherents_visible_to(request.user)
            .filter(service=service, pk=request.GET["adherent"])
            .first()
        )
    return _complaint_page(request, complaint, _("New complaint or non-conformity"))


@login_required
@require_http_methods(["GET", "POST"])
def complaint_edit(request, pk):
    _staff_only(request)
    complaint = object_for(
        request.user,
        Complaint,
        pk=pk,
        may="change",
        select_related=("adherent__organisation", "handled_by", "service"),
    )
    return _complaint_page(request, complaint, _("Complaint: %(subject)s") % {"subject": complaint.subject})


def _complaint_page(request, complaint, title):
    form = ComplaintForm(
        _posted(request),
        instance=complaint,
        service=complaint.service if complaint.service_id else None,
        services=access.services_staffed_by(request.user),
    )
    response = creation_response(
        request,
        form,
        lambda: services.complaint_save(
            complaint=form.instance, by=request.user, expected_version=form.expected_version
        ),
        message=_("The complaint has been saved."),
        url=lambda _complaint: reverse("adherents:complaint_list"),
    )
    return response or render(
        request, "adherents/complaint_form.html", {"form": form, "complaint": complaint, "title": title}
    )
