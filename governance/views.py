"""Thin views: fetch through a scoped helper (404), check the write permission (403),
validate a form, call one service, redirect with a French message."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.access import visible_actions
from core.access import get_visible_or_404, require_perm
from reports.shortcuts import request_document_and_redirect

from . import selectors, services
from .access import editable_committees, scope_actions_for_creation, scope_programmes_for_creation
from .filters import CommitteeFilter, DecisionFilter, FollowUpFilter
from .forms import (
    AgendaItemForm,
    ApprovalForm,
    AttendanceForm,
    CancelForm,
    CommitteeForm,
    CompositionRuleForm,
    CorrectionForm,
    DecisionForm,
    FollowUpForm,
    FollowUpStatusForm,
    GuestForm,
    MeetingForm,
    MembershipForm,
    MinutesForm,
    SeriesForm,
)
from .ical import meeting_ics_bytes, meetings_ics_bytes
from .models import AgendaItem, CalendarToken, Committee, Decision, Meeting, Membership, Minutes


# --- Lookups ------------------------------------------------------------------------
def _committee(request, pk) -> Committee:
    return get_visible_or_404(
        selectors.committees_for_user(request.user).select_related("programme", "action__programme"), pk=pk
    )


def _meeting(request, pk) -> Meeting:
    return get_visible_or_404(
        selectors.meetings_for_user(request.user).select_related("committee__action__programme"), pk=pk
    )


def _can_edit(request, committee: Committee) -> bool:
    cache = request.__dict__.setdefault("_governance_edit", {})
    if committee.pk not in cache:
        cache[committee.pk] = request.user.has_perm("governance.change_committee", committee)
    return cache[committee.pk]


def _require_edit(request, committee: Committee) -> None:
    require_perm(request.user, "governance.change_committee", committee)


def _form_page(request, *, form, title: str, back_url: str, committee=None, meeting=None, intro: str = "",
               status: int = 200):
    return render(
        request, "governance/form_page.html",
        {"form": form, "title": title, "back_url": back_url, "committee": committee, "meeting": meeting,
         "intro": intro},
        status=status,
    )


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


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


# --- Meetings -----------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    committee = _committee(request, pk)
    _require_edit(request, committee)
    form = MeetingForm(request.POST or None, initial={
        "duration_minutes": committee.default_duration_minutes, "place": committee.default_place,
    })
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(committee=committee, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is planned and the members are invited: build its agenda."))
            return redirect(meeting)
    return _form_page(request, form=form, title=_("Plan a meeting"), back_url=committee.get_absolute_url(),
                      committee=committee)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_series(request, pk):
    committee = _committee(request, pk)
    _require_edit(request, committee)
    form = SeriesForm(request.POST or None, initial={
        "duration_minutes": committee.default_duration_minutes, "place": committee.default_place,
        "title_prefix": committee.get_kind_display() if committee.kind != Committee.Kind.COPIL else "COPIL",
    })
    if request.method == "POST" and form.is_valid():
        try:
            meetings = services.meeting_series_plan(committee=committee, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(count)s meetings are planned.") % {"count": len(meetings)})
            return redirect(committee)
    return _form_page(request, form=form, title=_("Plan a series of meetings"), back_url=committee.get_absolute_url(),
                      committee=committee)


@login_required
@require_GET
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    page = selectors.meeting_page(meeting)
    can_edit = _can_edit(request, meeting.committee)
    context = {
        "meeting": meeting, "committee": meeting.committee, "page": page, "can_edit": can_edit,
        "now": timezone.now(), "today": timezone.localdate(),
    }
    if can_edit:
        context["agenda_form"] = AgendaItemForm(committee=meeting.committee)
        context["decision_form"] = DecisionForm(meeting=meeting)
    return render(request, "governance/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = _meeting(request, pk)
    _require_edit(request, meeting.committee)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect(meeting)
    return _form_page(request, form=form, title=_("Edit the meeting"), back_url=meeting.get_absolute_url(),
                      committee=meeting.committee, meeting=meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk):
    meeting = _meeting(request, pk)
    _require_edit(request, meeting.committee)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is cancelled."))
            return redirect(meeting)
    return _form_page(request, form=form, title=_("Cancel the meeting"), back_url=meeting.get_absolute_url(),
                      committee=meeting.committee, meeting=meeting)


def _meeting_action(request, pk, call, success: str):
    meeting = _meeting(request, pk)
    _require_edit(request, meeting.committee)
    try:
        result = call(meeting)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, success if not callable(success) else success(result))
    return redirect(meeting)


@login_required
@require_POST
def meeting_held(request, pk):
    return _meeting_action(request, pk, lambda m: services.meeting_mark_held(meeting=m),
                           _("The meeting is recorded as held: record the attendance and the minutes."))


@login_required
@require_POST
def meeting_convene(request, pk):
    def message(result):
        text = _("The convocation is sent to %(count)s people, with the agenda and the calendar file.") % {
            "count": result.sent}
        if result.without_email:
            text += " " + _("Without an e-mail address: %(names)s.") % {"names": ", ".join(result.without_email)}
        return text

    return _meeting_action(request, pk, lambda m: services.meeting_convene(meeting=m, by=request.user), message)


@login_required
@require_POST
def attendance_invite(request, pk):
    return _meeting_action(
        request, pk, lambda m: services.attendance_invite_members(meeting=m),
        lambda count: _("%(count)s members invited.") % {"count": count},
    )


@login_required
@require_GET
def meeting_ics(request, pk):
    meeting = _meeting(request, pk)
    response = HttpResponse(meeting_ics_bytes(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reunion-{meeting.pk}.ics"'
    return response


@login_required
@require_POST
def meeting_pdf(request, pk, kind):
    meeting = _meeting(request, pk)
    if kind == "convocation":
        return request_document_and_redirect(request, kind="governance.convocation", target=meeting,
                                             title=_("Convocation — %(title)s") % {"title": meeting.title})
    if kind == "compte-rendu":
        if not meeting.minutes_versions.exists():
            messages.error(request, _("These minutes are not written yet."))
            return redirect(meeting)
        return request_document_and_redirect(request, kind="governance.minutes", target=meeting,
                                              title=_("Minutes — %(title)s") % {"title": meeting.title})
    raise Http404


@login_required
@require_POST
def committee_register_pdf(request, pk):
    committee = _committee(request, pk)
    return request_document_and_redirect(request, kind="governance.register", target=committee,
                                         title=_("Decision register — %(name)s") % {"name": committee.name})


# --- Agenda -------------------------------------------------------------------------
def _agenda_item(request, pk) -> AgendaItem:
    item = get_visible_or_404(
        AgendaItem.objects.filter(meeting__in=selectors.meetings_for_user(request.user)).select_related(
            "meeting", "meeting__committee"
        ),
        pk=pk,
    )
    _require_edit(request, item.meeting.committee)
    return item


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_add(request, pk):
    meeting = _meeting(request, pk)
    _require_edit(request, meeting.committee)
    form = AgendaItemForm(request.POST or None, committee=meeting.committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The item is added to the agenda."))
            return redirect(reverse("governance:meeting_detail", args=[meeting.pk]) + "#ordre-du-jour")
    return _form_page(request, form=form, title=_("Add an agenda item"), back_url=meeting.get_absolute_url(),
                      committee=meeting.committee, meeting=meeting)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk):
    item = _agenda_item(request, pk)
    meeting = item.meeting
    form = AgendaItemForm(request.POST or None, instance=item, committee=meeting.committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(item=item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The agenda item is saved."))
            return redirect(reverse("governance:meeting_detail", args=[meeting.pk]) + "#ordre-du-jour")
    return _form_page(request, form=form, title=_("Edit an agenda item"), back_url=meeting.get_absolute_url(),
                      committee=meeting.committee, meeting=meeting)


@login_required
@require_POST
def agenda_item_action(request, pk, op):
    item = _agenda_item(request, pk)
    meeting = item.meeting
    try:
        if op in ("up", "down"):
            services.agenda_item_move(item=item, direction=op)
        elif op == "delete":
            services.agenda_item_delete(item=item)
            messages.success(request, _("The item is removed from the agenda."))
        elif op == "carry":
            carried = services.agenda_item_carry(item=item)
            messages.success(request, _("The item is carried to %(meeting)s.") % {"meeting": carried.meeting.title})
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(reverse("governance:meeting_detail", args=[meeting.pk]) + "#ordre-du-jour")


# --- Attendance ---------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def attendance_edit(request, pk):
    meeting = _meeting(request, pk)
    _require_edit(request, meeting.committee)
    rows = list(meeting.attendances.select_related("person", "person__organisation"))
    form = AttendanceForm(request.POST or None, attendances=rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(meeting=meeting, statuses=form.statuses())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The attendance is saved."))
            return redirect(reverse("governance:meeting_detail", args=[meeting.pk]) + "#presences")
    return render(request, "governance/attendance_edit.html", {
        "meeting": meeting, "committee": meeting.committee, "form": form,
        "rows": [(row, form[f"status_{row.pk}"]) for row in rows],
    })


@login_required
@require_http_methods(["GET", "POST"])
def guest_add(request, pk):
    meeting = _meeting(request, pk)
    _require_edit(request, meeting.committee)
    form = GuestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_add_guest(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The guest is added."))
            return redirect(reverse("governance:meeting_detail", args=[meeting.pk]) + "#presences")
    return _form_page(request, form=form, title=_("Add a guest"), back_url=meeting.get_absolute_url(),
                      committee=meeting.committee, meeting=meeting)


# --- Minutes ------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk):
    meeting = _meeting(request, pk)
    _require_edit(request, meeting.committee)
    minutes = services.current_minutes(meeting)
    if minutes is not None and minutes.is_read_only:
        messages.error(request, _("These minutes are approved and read-only: start a correction to change them."))
        return redirect(meeting)
    agenda = list(meeting.agenda_items.order_by("order", "pk"))
    texts = {mi.agenda_item_id: mi.text for mi in minutes.items.all()} if minutes else {}
    form = MinutesForm(request.POST or None, agenda=agenda, texts=texts, summary=minutes.summary if minutes else "")
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(meeting=meeting, by=request.user, summary=form.cleaned_data["summary"],
                                  item_texts=form.item_texts())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect(reverse("governance:meeting_detail", args=[meeting.pk]) + "#compte-rendu")
    return _form_page(request, form=form, title=_("Minutes of %(title)s") % {"title": meeting.title},
                      back_url=meeting.get_absolute_url(), committee=meeting.committee, meeting=meeting)


def _minutes(request, pk) -> Minutes:
    return get_visible_or_404(
        Minutes.objects.filter(meeting__in=selectors.meetings_for_user(request.user)).select_related(
            "meeting", "meeting__committee", "approved_by", "approved_at_meeting"
        ),
        pk=pk,
    )


@login_required
@require_POST
def minutes_circulate(request, pk):
    minutes = _minutes(request, pk)
    _require_edit(request, minutes.meeting.committee)
    try:
        services.minutes_circulate(minutes=minutes)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The minutes are circulated to the committee."))
    return redirect(reverse("governance:meeting_detail", args=[minutes.meeting_id]) + "#compte-rendu")


@login_required
@require_http_methods(["GET", "POST"])
def minutes_approve(request, pk):
    minutes = _minutes(request, pk)
    meeting = minutes.meeting
    _require_edit(request, meeting.committee)
    later = meeting.committee.meetings.filter(starts_at__gt=meeting.starts_at, status=Meeting.Status.HELD)
    form = ApprovalForm(request.POST or None, later_meetings=later)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_approve(minutes=minutes, by=request.user, mode=form.cleaned_data["mode"],
                                     at_meeting=form.cleaned_data.get("at_meeting"))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The minutes are approved: they are now read-only."))
            return redirect(reverse("governance:meeting_detail", args=[meeting.pk]) + "#compte-rendu")
    return _form_page(request, form=form, title=_("Approve the minutes"), back_url=meeting.get_absolute_url(),
                      committee=meeting.committee, meeting=meeting)


@login_required
@require_http_methods(["GET", "POST"])
def minutes_correct(request, pk):
    minutes = _minutes(request, pk)
    meeting = minutes.meeting
    _require_edit(request, meeting.committee)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_correct(minutes=minutes, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("A new version of the minutes is open; the approved one is kept."))
            return redirect(reverse("governance:minutes_edit", args=[meeting.pk]))
    return _form_page(
        request, form=form, title=_("Correct the approved minutes"), back_url=meeting.get_absolute_url(),
        committee=meeting.committee, meeting=meeting,
        intro=_("The approved version stays as it is; the correction is a new version to approve again."),
    )


@login_required
@require_GET
def minutes_version(request, pk):
    minutes = _minutes(request, pk)
    items = list(minutes.items.select_related("agenda_item").order_by("agenda_item__order", "agenda_item__pk"))
    return render(request, "governance/minutes_version.html", {
        "minutes": minutes, "meeting": minutes.meeting, "committee": minutes.meeting.committee, "items": items,
    })


# --- Decisions and follow-up ---------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, pk):
    meeting = _meeting(request, pk)
    _require_edit(request, meeting.committee)
    form = DecisionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_record(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision is recorded: add its follow-up items."))
            return redirect(decision.get_absolute_url())
    return _form_page(request, form=form, title=_("Record a decision"), back_url=meeting.get_absolute_url(),
                      committee=meeting.committee, meeting=meeting)


def _decision(request, pk) -> Decision:
    decision = get_visible_or_404(
        Decision.objects.filter(meeting__in=selectors.meetings_for_user(request.user)).select_related(
            "meeting", "meeting__committee", "meeting__committee__action"
        ),
        pk=pk,
    )
    _require_edit(request, decision.meeting.committee)
    return decision


@login_required
@require_POST
def decision_delete(request, pk):
    decision = _decision(request, pk)
    try:
        services.decision_delete(decision=decision)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The decision is deleted."))
    return redirect(reverse("governance:meeting_detail", args=[decision.meeting_id]) + "#decisions")


def _followup_actions(request, committee: Committee):
    actions = visible_actions(request.user).select_related("programme").order_by("programme__name", "code")
    if committee.action_id:
        return actions.filter(programme_id=committee.action.programme_id)
    return actions.filter(programme_id=committee.programme_id)


@login_required
@require_http_methods(["GET", "POST"])
def followup_add(request, pk):
    decision = _decision(request, pk)
    committee = decision.meeting.committee
    form = FollowUpForm(request.POST or None, actions=_followup_actions(request, committee),
                        initial={"action": committee.action_id})
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("title", "owner", "due_date", "action", "phase", "deliverable", "notes")}
        try:
            services.followup_create(decision=decision, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The follow-up item is added."))
            return redirect(decision.get_absolute_url())
    return _form_page(request, form=form, title=_("Add a follow-up item"), back_url=decision.get_absolute_url(),
                      committee=committee, meeting=decision.meeting, intro=decision.text)


@login_required
@require_http_methods(["GET", "POST"])
def followup_edit(request, pk):
    item = get_visible_or_404(selectors.followups_for_user(request.user), pk=pk)
    committee = item.decision.meeting.committee
    if _can_edit(request, committee):
        form = FollowUpForm(request.POST or None, instance=item, actions=_followup_actions(request, committee))
    elif item.owner.user_id == request.user.pk:
        form = FollowUpStatusForm(request.POST or None, initial={"status": item.status, "done_on": item.done_on})
    else:
        if request.method == "POST":
            raise PermissionDenied
        form = None
    if request.method == "POST" and form is not None and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.followup_update(item=item, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The follow-up item is saved."))
            return redirect(request.POST.get("next") if url_is_local(request.POST.get("next")) else item.decision.get_absolute_url())
    return render(request, "governance/followup_edit.html", {
        "item": item, "form": form, "committee": committee, "meeting": item.decision.meeting,
        "next": request.GET.get("next", ""), "today": timezone.localdate(),
    })


def url_is_local(url: str | None) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    return bool(url) and url_has_allowed_host_and_scheme(url, allowed_hosts=None)


@login_required
@require_GET
def followup_board(request):
    committees = selectors.committees_for_user(request.user).order_by("name")
    filterset = FollowUpFilter(request.GET or None, queryset=selectors.followups_for_user(request.user),
                               user=request.user, committees=committees)
    items = filterset.qs.order_by("status", "due_date", "pk")
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    editable_ids = set(editable_committees(request.user).values_list("pk", flat=True))
    return render(request, "governance/followup_board.html", {
        "filter": filterset, "page_obj": page, "items": page.object_list, "today": timezone.localdate(),
        "editable_committee_ids": editable_ids,
    })


@login_required
@require_GET
def decision_register(request):
    committees = selectors.committees_for_user(request.user).order_by("name")
    filterset = DecisionFilter(request.GET or None, queryset=selectors.decisions_for_user(request.user),
                               committees=committees)
    page = Paginator(filterset.qs, 30).get_page(request.GET.get("page"))
    chosen = filterset.form.cleaned_data.get("committee") if filterset.form.is_valid() else None
    return render(request, "governance/decision_register.html", {
        "filter": filterset, "page_obj": page, "decisions": page.object_list, "committee": chosen,
        "today": timezone.localdate(),
    })


# --- Planning -----------------------------------------------------------------------
def _month_from(value: str | None) -> tuple[int, int]:
    today = timezone.localdate()
    if value:
        try:
            year, month = (int(part) for part in value.split("-"))
            if 2000 <= year <= 2100 and 1 <= month <= 12:
                return year, month
        except ValueError:
            pass
    return today.year, today.month


@login_required
@require_GET
def calendar_view(request):
    year, month = _month_from(request.GET.get("mois"))
    weeks, meetings = selectors.calendar_weeks(request.user, year, month)
    previous = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    token = CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).first()
    return render(request, "governance/calendar.html", {
        "weeks": weeks, "meetings": meetings, "month_label": f"{MONTHS[month]} {year}",
        "previous": previous.strftime("%Y-%m"), "following": following.strftime("%Y-%m"),
        "today": timezone.localdate(), "token": token,
        "feed_url": request.build_absolute_uri(token.get_feed_url()) if token else "",
        "weekdays": [WEEKDAYS_ABBR[i] for i in range(7)],
    })


@login_required
@require_POST
def calendar_token(request, op):
    if op == "create":
        services.calendar_token_get_or_create(user=request.user)
        messages.success(request, _("Your private calendar address is ready: copy it into your calendar."))
    elif op == "renew":
        services.calendar_token_revoke(user=request.user, renew=True)
        messages.success(request, _("A new address replaces the old one, which no longer works."))
    elif op == "revoke":
        services.calendar_token_revoke(user=request.user, renew=False)
        messages.success(request, _("Your calendar address is revoked."))
    else:
        raise Http404
    return redirect(reverse("governance:calendar") + "#abonnement")


@never_cache
@require_GET
def calendar_feed(request, token):
    """The private subscription feed: no session, the token in the URL is the key."""
    row = CalendarToken.objects.select_related("user").filter(token=token, revoked_at__isnull=True).first()
    if row is None or not row.user.is_active:
        raise Http404
    CalendarToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    body = meetings_ics_bytes(selectors.feed_meetings(row.user), name=_("Copilote — my meetings"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="copilote.ics"'
    return response


@login_required
@require_GET
def programme_plan(request, pk=None):
    programmes = list(selectors.plan_programmes(request.user))
    if pk is None:
        if not programmes:
            return render(request, "governance/plan.html", {"programmes": [], "programme": None})
        return redirect("governance:programme_plan", pk=programmes[0].pk)
    programme = get_visible_or_404(selectors.plan_programmes(request.user), pk=pk)
    default_year = programme.start_date.year if programme.start_date else timezone.localdate().year
    try:
        first_year = int(request.GET.get("debut", default_year))
        years = int(request.GET.get("annees", 4))
    except ValueError:
        first_year, years = default_year, 4
    first_year = min(max(first_year, 2000), 2100)
    years = min(max(years, 1), 4)
    months, rows = selectors.programme_plan(user=request.user, programme=programme, first_year=first_year, years=years)
    year_spans = [(first_year + i, 12) for i in range(years)]
    return render(request, "governance/plan.html", {
        "programmes": programmes, "programme": programme, "months": months, "rows": rows,
        "year_spans": year_spans, "first_year": first_year, "years": years, "year_choices": [1, 2, 3, 4],
        "month_initials": [str(MONTHS[m])[:1].upper() for m in range(1, 13)],
        "previous_year": first_year - 1, "next_year": first_year + 1,
        "now_month": (timezone.localdate().year, timezone.localdate().month),
    })

