"""Views of adherents: member list, trajectory, contacts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import get_visible_or_404, object_for
from core.idempotency import edit_response
from privacy.access import can_view_read_log

from .. import access, selectors, services
from ..filters import AdherentFilter
from ..forms import AdherentForm, ContactAttemptForm, StaffNoteForm, StepCompleteForm
from ..models import Adherent
from ._common import _posted, _staff_only, member_creation, member_form_page


@login_required
@require_GET
def adherent_list(request):
    _staff_only(request)
    today = timezone.localdate()
    base = selectors.adherent_list(request.user, today=today)
    filterset = AdherentFilter(
        request.GET or None, queryset=base, services=access.services_staffed_by(request.user)
    )
    queryset = filterset.qs if filterset.is_bound else base
    page = Paginator(queryset, 30).get_page(request.GET.get("page"))
    counts = selectors.step_dashboard_counts(access.adherents_visible_to(request.user), today)
    return render(
        request,
        "adherents/adherent_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "adherents": page.object_list,
            "counts": counts,
            "today": today,
        },
    )


@login_required
@require_GET
def adherent_detail(request, pk):
    _staff_only(request)
    adherent = object_for(request.user, Adherent, pk=pk, select_related=selectors.ADHERENT_RELATED)
    today = timezone.localdate()
    steps = selectors.trajectory(adherent)
    return render(
        request,
        "adherents/adherent_detail.html",
        {
            "adherent": adherent,
            "today": today,
            "groups": selectors.trajectory_groups(steps, today),
            "contacts": selectors.recent_contacts(adherent),
            "visits": selectors.visits_of(adherent),
            "action_items": list(adherent.action_items.select_related("visit")),
            "notes": list(adherent.staff_notes.select_related("author"))
            if access.can_read_staff_notes(request.user, adherent)
            else [],
            "changes": selectors.history_changes(adherent),
            "complaints": list(adherent.complaints.all()[:10]),
            "contact_form": ContactAttemptForm(adherent=adherent),
            "note_form": StaffNoteForm(),
            "reads_url": f"{reverse('privacy:read_log')}?company={adherent.pk}"
            if can_view_read_log(request.user)
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def adherent_edit(request, pk):
    _staff_only(request)
    adherent = object_for(
        request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED
    )
    form = AdherentForm(_posted(request), instance=adherent)
    response = edit_response(
        request,
        form,
        lambda: services.adherent_update(
            adherent=form.instance, by=request.user, data={}, expected_version=form.expected_version
        ),
        message=_("The member file has been saved."),
        to=adherent,
    )
    return response or member_form_page(request, adherent, form, _("Edit the member file"))


@login_required
@require_http_methods(["GET", "POST"])
def step_complete(request, pk, step_pk):
    _staff_only(request)
    adherent = object_for(
        request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED
    )
    instance = get_visible_or_404(adherent.steps.select_related("step", "adherent__unit"), pk=step_pk)
    form = StepCompleteForm(_posted(request))
    response = edit_response(
        request,
        form,
        lambda: services.step_complete(
            instance=instance,
            by=request.user,
            completed_on=form.cleaned_data["completed_on"],
            comment=form.cleaned_data["comment"],
        ),
        message=_("Step “%(step)s” marked as done.") % {"step": instance.step.name},
        to=instance.adherent,
    )
    return response or member_form_page(
        request, instance.adherent, form, _("Complete the step: %(step)s") % {"step": instance.step.name}
    )


@login_required
@require_POST
def step_reopen(request, pk, step_pk):
    _staff_only(request)
    adherent = object_for(
        request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED
    )
    instance = get_visible_or_404(adherent.steps.select_related("step", "adherent__unit"), pk=step_pk)
    services.step_reopen(instance=instance, by=request.user)
    messages.info(request, _("The step is open again."))
    return redirect(instance.adherent)


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request, pk):
    _staff_only(request)
    adherent = object_for(
        request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED
    )
    form = ContactAttemptForm(_posted(request), adherent=adherent)
    fields = ("channel", "outcome", "happened_at", "person_reached", "summary", "step")
    return member_creation(
        request,
        adherent,
        form,
        lambda: services.contact_log(
            adherent=adherent, by=request.user, **{name: form.cleaned_data[name] for name in fields}
        ),
        message=_("The contact has been logged."),
        anchor="#contacts",
        title=_("Log a contact"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_create(request, pk):
    _staff_only(request)
    adherent = object_for(
        request.user, Adherent, pk=pk, may="add_note", select_related=selectors.ADHERENT_RELATED
    )
    form = StaffNoteForm(_posted(request))
    return member_creation(
        request,
        adherent,
        form,
        lambda: services.staff_note_add(adherent=adherent, by=request.user, body=form.cleaned_data["body"]),
        message=_("The note has been added (visible to the service's staff only)."),
        anchor="#notes",
        title=_("Add a staff note"),
    )
