"""Views of adherents: prevention visit, action plan."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import get_visible_or_404, object_for
from core.conflicts import EditConflict
from core.form_errors import add_service_errors
from core.idempotency import creation_response
from reports.shortcuts import request_document_and_redirect

from .. import selectors, services
from ..forms import ActionPlanItemForm, PreventionVisitForm, RestitutionSentForm, WorkUnitForm
from ..models import ActionPlanItem, Adherent, PreventionVisit, WorkUnit, WorkUnitPhoto
from ._common import _posted, _staff_only, member_creation


@login_required
@require_http_methods(["GET", "POST"])
def visit_create(request, pk):
    _staff_only(request)
    adherent = object_for(
        request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED
    )
    visit = PreventionVisit(
        adherent=adherent,
        performed_by=request.user,
        physician=adherent.unit.physician if adherent.unit else "",
    )
    form = PreventionVisitForm(_posted(request), instance=visit)
    response = creation_response(
        request,
        form,
        lambda: services.visit_save(visit=form.instance, by=request.user),
        message=_("The prevention visit has been recorded: add its work units."),
    )
    return response or render(
        request,
        "adherents/visit_form.html",
        {"form": form, "adherent": adherent, "title": _("New prevention visit")},
    )


@login_required
@require_GET
def visit_detail(request, pk):
    _staff_only(request)
    visit = object_for(request.user, PreventionVisit, pk=pk, select_related=selectors.VISIT_RELATED)
    units = selectors.work_units_with_hazards(visit)
    return render(
        request,
        "adherents/visit_detail.html",
        {
            "visit": visit,
            "adherent": visit.adherent,
            "units": units,
            "map": selectors.hazard_map(units),
            "action_items": list(visit.action_items.all()),
            "sent_form": RestitutionSentForm(),
        },
    )


@login_required
@require_GET
def visit_photo(request, pk):
    """A work-unit photo, served only to the staff who can see the visit (media has no public URL)."""
    _staff_only(request)
    photo = object_for(request.user, WorkUnitPhoto, pk=pk)
    try:
        handle = photo.image.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(
        handle, content_type=mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream"
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_edit(request, pk):
    _staff_only(request)
    visit = object_for(
        request.user, PreventionVisit, pk=pk, may="change", select_related=selectors.VISIT_RELATED
    )
    form = PreventionVisitForm(_posted(request), instance=visit)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_save(visit=form.instance, by=request.user, expected_version=form.expected_version)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The prevention visit has been saved."))
            return redirect(visit)
    return render(
        request,
        "adherents/visit_form.html",
        {"form": form, "adherent": visit.adherent, "visit": visit, "title": _("Edit the prevention visit")},
    )


def _work_unit_page(request, visit, unit):
    form = WorkUnitForm(_posted(request), request.FILES or None, instance=unit)
    add_another = "add_another" in request.POST
    response = creation_response(
        request,
        form,
        lambda: services.work_unit_save(
            unit=form.instance,
            by=request.user,
            hazards=form.hazards(),
            photo=form.photo_data(),
            expected_version=form.expected_version,
        ),
        message=lambda unit: _("Work unit “%(name)s” saved.") % {"name": unit.name},
        url=lambda unit: (
            reverse("adherents:work_unit_create", args=[visit.pk])
            if add_another
            else unit.visit.get_absolute_url()
        ),
        label=lambda unit: unit.name,
    )
    return response or render(
        request, "adherents/work_unit_form.html", {"form": form, "visit": visit, "adherent": visit.adherent}
    )


@login_required
@require_http_methods(["GET", "POST"])
def work_unit_create(request, pk):
    _staff_only(request)
    visit = object_for(
        request.user, PreventionVisit, pk=pk, may="change", select_related=selectors.VISIT_RELATED
    )
    return _work_unit_page(request, visit, WorkUnit(visit=visit))


@login_required
@require_http_methods(["GET", "POST"])
def work_unit_edit(request, pk, unit_pk):
    _staff_only(request)
    visit = object_for(
        request.user, PreventionVisit, pk=pk, may="change", select_related=selectors.VISIT_RELATED
    )
    unit = get_visible_or_404(visit.work_units.prefetch_related("hazards"), pk=unit_pk)
    return _work_unit_page(request, visit, unit)


@login_required
@require_POST
def visit_document(request, pk, kind):
    _staff_only(request)
    visit = object_for(
        request.user, PreventionVisit, pk=pk, may="change", select_related=selectors.VISIT_RELATED
    )
    if kind not in ("restitution", "synthese"):
        raise Http404
    if not visit.work_units.exists():
        messages.error(request, _("Record at least one work unit before producing a document."))
        return redirect(visit)
    key = "adherents.restitution" if kind == "restitution" else "adherents.synthesis"
    return request_document_and_redirect(request, kind=key, target=visit)


@login_required
@require_POST
def restitution_sent(request, pk):
    _staff_only(request)
    visit = object_for(
        request.user, PreventionVisit, pk=pk, may="change", select_related=selectors.VISIT_RELATED
    )
    form = RestitutionSentForm(request.POST)
    if form.is_valid():
        try:
            services.restitution_mark_sent(visit=visit, by=request.user, sent_on=form.cleaned_data["sent_on"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("The restitution is marked as sent: the member sees it on its portal.")
            )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(visit)


def _action_page(request, adherent, item):
    form = ActionPlanItemForm(_posted(request), instance=item, adherent=adherent)
    return member_creation(
        request,
        adherent,
        form,
        lambda: services.action_item_save(
            item=form.instance, by=request.user, expected_version=form.expected_version
        ),
        message=_("The action has been saved."),
        anchor="#plan",
        title=_("Action plan"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request, pk):
    _staff_only(request)
    adherent = object_for(
        request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED
    )
    visit = (
        adherent.visits.filter(pk=request.GET.get("visite")).first()
        if request.GET.get("visite", "").isdigit()
        else None
    )
    return _action_page(request, adherent, ActionPlanItem(adherent=adherent, visit=visit))


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk, item_pk):
    _staff_only(request)
    adherent = object_for(
        request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED
    )
    item = get_visible_or_404(adherent.action_items.all(), pk=item_pk)
    return _action_page(request, adherent, item)
