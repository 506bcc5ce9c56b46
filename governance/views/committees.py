"""Committees and their members: list, creation, page with the composition, rule, mandates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import get_visible_or_404

from .. import selectors, services
from ..access import scope_actions_for_creation, scope_programmes_for_creation
from ..filters import CommitteeFilter
from ..forms import (
    CommitteeForm,
    CompositionRuleForm,
    MembershipForm,
)
from ..models import Membership
from ._common import (
    _can_edit,
    _committee,
    _error_text,
    _form_page,
    _require_edit,
)


# --- Committees ---------------------------------------------------------------------
@login_required
@require_GET
def committee_list(request):
    committees = selectors.committees_for_user(request.user)
    filterset = CommitteeFilter(request.GET or None, queryset=committees)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(request, "governance/committee_list.html", {
        "filter": filterset, "page_obj": page, "committees": page.object_list,
        "can_create": request.user.has_perm("governance.add_committee"),
    })


@login_required
@require_http_methods(["GET", "POST"])
def committee_create(request):
    if not request.user.has_perm("governance.add_committee"):
        raise PermissionDenied
    form = CommitteeForm(
        request.POST or None,
        programmes=scope_programmes_for_creation(request.user),
        actions=scope_actions_for_creation(request.user),
    )
    if request.method == "POST" and form.is_valid():
        scope_kind, scope = form.cleaned_data["scope"]
        data = {k: form.cleaned_data[k] for k in ("kind", "name", "mandate", "default_duration_minutes", "default_place")}
        try:
            committee = services.committee_create(**data, **{scope_kind: scope})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The committee is created: add its members."))
            return redirect(committee)
    return _form_page(request, form=form, title=_("New committee"), back_url=reverse("governance:committee_list"))


@login_required
@require_http_methods(["GET", "POST"])
def committee_edit(request, pk):
    committee = _committee(request, pk)
    _require_edit(request, committee)
    form = CommitteeForm(request.POST or None, instance=committee, programmes=[], actions=[])
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("kind", "name", "mandate", "default_duration_minutes", "default_place")}
        try:
            services.committee_update(committee=committee, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The committee is saved."))
            return redirect(committee)
    return _form_page(request, form=form, title=_("Edit the committee"), back_url=committee.get_absolute_url(),
                      committee=committee)


@login_required
@require_GET
def committee_detail(request, pk):
    committee = _committee(request, pk)
    memberships = selectors.committee_memberships(committee)
    meetings = selectors.committee_meetings(committee)
    now = timezone.now()
    return render(request, "governance/committee_detail.html", {
        "committee": committee,
        "groups": selectors.composition_by_college(memberships),
        "memberships": memberships,
        "checks": services.composition_check(committee, memberships),
        "upcoming": [m for m in meetings if m.starts_at >= now],
        "past": [m for m in meetings if m.starts_at < now][::-1],
        "can_edit": _can_edit(request, committee),
        "today": timezone.localdate(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def composition_rule_edit(request, pk):
    committee = _committee(request, pk)
    _require_edit(request, committee)
    form = CompositionRuleForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.composition_rule_set(committee=committee, colleges=form.colleges(), roles=form.roles())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The composition rule is saved."))
            return redirect(committee)
    return _form_page(
        request, form=form, title=_("Composition rule"), back_url=committee.get_absolute_url(), committee=committee,
        intro=_("Expected number of active members per college and per role; leave empty when there is no requirement."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request, pk):
    committee = _committee(request, pk)
    _require_edit(request, committee)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_add(committee=committee, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The member is added."))
            return redirect(committee)
    return _form_page(request, form=form, title=_("Add a member"), back_url=committee.get_absolute_url(),
                      committee=committee)


def _membership(request, pk) -> Membership:
    membership = get_visible_or_404(
        Membership.objects.filter(committee__in=selectors.visible_committees(request.user)).select_related(
            "committee", "person"
        ),
        pk=pk,
    )
    _require_edit(request, membership.committee)
    return membership


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request, pk):
    membership = _membership(request, pk)
    committee = membership.committee
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_update(membership=membership, role=data["role"], college=data["college"],
                                       start_date=data["start_date"], end_date=data["end_date"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The membership is saved."))
            return redirect(committee)
    return _form_page(request, form=form, title=_("Edit the membership of %(person)s") % {"person": membership.person},
                      back_url=committee.get_absolute_url(), committee=committee)


@login_required
@require_POST
def membership_end(request, pk):
    membership = _membership(request, pk)
    try:
        services.membership_end(membership=membership)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The mandate of %(person)s ends today.") % {"person": membership.person})
    return redirect(membership.committee)
