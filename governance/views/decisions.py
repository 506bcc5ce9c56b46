"""Views of governance: decisions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.access import actions_visible_to
from core.access import object_for, require
from core.form_errors import error_text
from core.idempotency import creation_response, edit_response

from .. import access, selectors, services
from ..filters import DecisionFilter, FollowUpFilter
from ..forms import DecisionForm, FollowUpForm, FollowUpStatusForm
from ..models import Committee, Decision, FollowUpItem, Meeting
from ._common import MEETING_RELATED, _can_edit, _form_page, _meeting_form_page
from .minutes import DECISION_RELATED


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, pk):
    meeting = object_for(request.user, Meeting, pk=pk, may="change", select_related=MEETING_RELATED)
    form = DecisionForm(request.POST or None, meeting=meeting)
    response = creation_response(
        request,
        form,
        lambda: services.decision_record(meeting=meeting, by=request.user, **form.cleaned_data),
        message=_("The decision is recorded: add its follow-up items."),
    )
    return response or _meeting_form_page(
        request,
        meeting,
        form=form,
        title=_("Record a decision"),
    )


@login_required
@require_POST
def decision_delete(request, pk):
    decision = object_for(request.user, Decision, pk=pk, may="change", select_related=DECISION_RELATED)
    try:
        services.decision_delete(decision=decision, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The decision is deleted."))
    return redirect(reverse("governance:meeting_detail", args=[decision.meeting_id]) + "#decisions")


def _followup_actions(request, committee: Committee):
    actions = actions_visible_to(request.user).select_related("programme").order_by("programme__name", "code")
    if committee.action_id:
        return actions.filter(programme_id=committee.action.programme_id)
    return actions.filter(programme_id=committee.programme_id)


@login_required
@require_http_methods(["GET", "POST"])
def followup_add(request, pk):
    decision = object_for(request.user, Decision, pk=pk, may="change", select_related=DECISION_RELATED)
    committee = decision.meeting.committee
    form = FollowUpForm(
        request.POST or None,
        actions=_followup_actions(request, committee),
        initial={"action": committee.action_id},
    )
    fields = ("title", "owner", "due_date", "action", "phase", "deliverable", "notes")
    response = creation_response(
        request,
        form,
        lambda: services.followup_create(
            decision=decision, by=request.user, **{k: form.cleaned_data[k] for k in fields}
        ),
        message=_("The follow-up item is added."),
        url=lambda item: item.decision.get_absolute_url(),
    )
    return response or _form_page(
        request,
        form=form,
        title=_("Add a follow-up item"),
        back_url=decision.get_absolute_url(),
        committee=committee,
        meeting=decision.meeting,
        intro=decision.text,
    )


@login_required
@require_http_methods(["GET", "POST"])
def followup_edit(request, pk):
    item = object_for(request.user, FollowUpItem, pk=pk, select_related=selectors.FOLLOWUP_RELATED)
    committee = item.decision.meeting.committee
    if _can_edit(request, committee):
        form = FollowUpForm(
            request.POST or None, instance=item, actions=_followup_actions(request, committee)
        )
    elif access.can_report_followup(request.user, item):
        form = FollowUpStatusForm(
            request.POST or None, initial={"status": item.status, "done_on": item.done_on}, versioned=item
        )
    else:
        require(request.method != "POST")
        form = None
    asked = request.POST.get("next")
    response = form and edit_response(
        request,
        form,
        lambda: services.followup_update(
            item=item, by=request.user, expected_version=form.expected_version, **form.cleaned_data
        ),
        message=_("The follow-up item is saved."),
        to=asked if url_is_local(asked) else item.decision.get_absolute_url(),
    )
    return response or render(
        request,
        "governance/followup_edit.html",
        {
            "item": item,
            "form": form,
            "committee": committee,
            "meeting": item.decision.meeting,
            "next": request.GET.get("next", ""),
            "today": timezone.localdate(),
        },
    )


def url_is_local(url: str | None) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    # A path of this site only: redirect() would take « 0 » or « abc » for a view name (a 500).
    return bool(url) and url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None)


@login_required
@require_GET
def followup_board(request):
    # The filter only lists names: not the member and meeting counts of committees_for_user.
    committees = access.committees_visible_to(request.user).order_by("name")
    filterset = FollowUpFilter(
        request.GET or None,
        queryset=selectors.followups_for_user(request.user),
        user=request.user,
        committees=committees,
    )
    items = filterset.qs.order_by("status", "due_date", "pk")
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    editable_ids = set(access.committees_editable_by(request.user).values_list("pk", flat=True))
    return render(
        request,
        "governance/followup_board.html",
        {
            "filter": filterset,
            "page_obj": page,
            "items": page.object_list,
            "today": timezone.localdate(),
            "editable_committee_ids": editable_ids,
        },
    )


@login_required
@require_GET
def decision_register(request):
    # The filter only lists names: not the member and meeting counts of committees_for_user.
    committees = access.committees_visible_to(request.user).order_by("name")
    filterset = DecisionFilter(
        request.GET or None, queryset=selectors.decisions_for_user(request.user), committees=committees
    )
    page = Paginator(filterset.qs, 30).get_page(request.GET.get("page"))
    chosen = filterset.form.cleaned_data.get("committee") if filterset.form.is_valid() else None
    return render(
        request,
        "governance/decision_register.html",
        {
            "filter": filterset,
            "page_obj": page,
            "decisions": page.object_list,
            "committee": chosen,
            "today": timezone.localdate(),
        },
    )
