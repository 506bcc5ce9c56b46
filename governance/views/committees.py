"""Committees and their members: list, creation, page with the composition, rule, mandates."""

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

from core.access import object_for, require
from core.form_errors import error_text
from core.idempotency import creation_response, edit_response

from .. import access, selectors, services
from ..filters import CommitteeFilter
from ..forms import CommitteeForm, CompositionRuleForm, MembershipForm
from ..models import Committee, Membership
from ..quorum import quorum_rule_text
from ._common import COMMITTEE_RELATED, _can_edit, _form_page


# --- Committees ---------------------------------------------------------------------
@login_required
@require_GET
def committee_list(request):
    committees = selectors.committees_for_user(request.user)
    filterset = CommitteeFilter(request.GET or None, queryset=committees)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/committee_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "committees": page.object_list,
            "can_create": access.can_add_committee(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_create(request):
    require(access.can_add_committee(request.user))
    form = CommitteeForm(
        request.POST or None,
        programmes=access.programmes_open_to_new_committees_by(request.user),
        actions=access.actions_open_to_new_committees_by(request.user).select_related("programme"),
    )

    def create() -> Committee:
        scope_kind, scope = form.cleaned_data["scope"]
        data = {
            k: form.cleaned_data[k]
            for k in ("kind", "name", "mandate", "default_duration_minutes", "default_place")
        }
        return services.committee_create(**data, **{scope_kind: scope}, by=request.user)

    response = creation_response(
        request, form, create, message=_("The committee is created: add its members.")
    )
    return response or _form_page(
        request, form=form, title=_("New committee"), back_url=reverse("governance:committee_list")
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_edit(request, pk):
    committee = object_for(request.user, Committee, pk=pk, may="change", select_related=COMMITTEE_RELATED)
    form = CommitteeForm(request.POST or None, instance=committee, programmes=[], actions=[])
    fields = ("kind", "name", "mandate", "default_duration_minutes", "default_place")
    response = edit_response(
        request,
        form,
        lambda: services.committee_update(
            committee=committee,
            by=request.user,
            expected_version=form.expected_version,
            **{k: form.cleaned_data[k] for k in fields},
        ),
        message=_("The committee is saved."),
        to=committee,
    )
    return response or _form_page(
        request,
        form=form,
        title=_("Edit the committee"),
        back_url=committee.get_absolute_url(),
        committee=committee,
    )


@login_required
@require_GET
def committee_detail(request, pk):
    committee = object_for(request.user, Committee, pk=pk, select_related=COMMITTEE_RELATED)
    memberships = selectors.committee_memberships(committee)
    meetings = selectors.committee_meetings(committee)
    now = timezone.now()
    return render(
        request,
        "governance/committee_detail.html",
        {
            "committee": committee,
            "groups": selectors.composition_by_college(memberships),
            "memberships": memberships,
            "checks": services.composition_check(committee, memberships),
            "quorum_rule": quorum_rule_text(committee),
            "upcoming": [m for m in meetings if m.starts_at >= now],
            "past": [m for m in meetings if m.starts_at < now][::-1],
            "can_edit": _can_edit(request, committee),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def composition_rule_edit(request, pk):
    committee = object_for(request.user, Committee, pk=pk, may="change", select_related=COMMITTEE_RELATED)
    form = CompositionRuleForm(request.POST or None, committee=committee)
    response = edit_response(
        request,
        form,
        lambda: services.committee_rules_set(
            committee=committee,
            by=request.user,
            colleges=form.colleges(),
            roles=form.roles(),
            quorum=form.quorum(),
        ),
        message=_("The composition rule and the quorum are saved."),
        to=committee,
    )
    return response or _form_page(
        request,
        form=form,
        title=_("Composition and quorum"),
        back_url=committee.get_absolute_url(),
        committee=committee,
        intro=_(
            "Expected number of active members per college and per role; leave empty when there is no "
            "requirement. Then the quorum: the members present or represented needed for the meeting to "
            "deliberate (guests never count)."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request, pk):
    committee = object_for(request.user, Committee, pk=pk, may="change", select_related=COMMITTEE_RELATED)
    form = MembershipForm(request.POST or None)
    response = creation_response(
        request,
        form,
        lambda: services.membership_add(committee=committee, by=request.user, **form.cleaned_data),
        message=_("The member is added."),
        url=lambda membership: membership.committee.get_absolute_url(),
    )
    return response or _form_page(
        request,
        form=form,
        title=_("Add a member"),
        back_url=committee.get_absolute_url(),
        committee=committee,
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request, pk):
    membership = object_for(
        request.user, Membership, pk=pk, may="change", select_related=("committee", "person")
    )
    committee = membership.committee
    form = MembershipForm(request.POST or None, instance=membership)
    fields = ("role", "college", "start_date", "end_date")
    response = edit_response(
        request,
        form,
        lambda: services.membership_update(
            membership=membership,
            by=request.user,
            expected_version=form.expected_version,
            **{k: form.cleaned_data[k] for k in fields},
        ),
        message=_("The membership is saved."),
        to=committee,
    )
    return response or _form_page(
        request,
        form=form,
        title=_("Edit the membership of %(person)s") % {"person": membership.person},
        back_url=committee.get_absolute_url(),
        committee=committee,
    )


@login_required
@require_POST
def membership_end(request, pk):
    membership = object_for(
        request.user, Membership, pk=pk, may="change", select_related=("committee", "person")
    )
    try:
        services.membership_end(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The mandate of %(person)s ends today.") % {"person": membership.person})
    return redirect(membership.committee)
