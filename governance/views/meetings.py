"""Meetings: planning one or a series, the meeting page, status changes, convocation, .ics and PDFs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import object_for
from core.form_errors import error_text
from core.idempotency import creation_response, edit_response
from reports.shortcuts import request_document_and_redirect

from .. import selectors, services
from ..forms import AgendaItemForm, CancelForm, DecisionForm, HeldForm, MeetingForm, SeriesForm
from ..ical import meeting_ics_bytes
from ..models import Attendance, Committee, Meeting
from ._common import COMMITTEE_RELATED, MEETING_RELATED, _can_edit, _form_page, _meeting_form_page


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    committee = object_for(request.user, Committee, pk=pk, may="change", select_related=COMMITTEE_RELATED)
    form = MeetingForm(
        request.POST or None,
        committee=committee,
        initial={
            "duration_minutes": committee.default_duration_minutes,
            "place": committee.default_place,
        },
    )
    response = creation_response(
        request,
        form,
        lambda: services.meeting_create(committee=committee, by=request.user, **form.cleaned_data),
        message=_("The meeting is planned and the members are invited: build its agenda."),
    )
    return response or _form_page(
        request,
        form=form,
        title=_("Plan a meeting"),
        back_url=committee.get_absolute_url(),
        committee=committee,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_series(request, pk):
    committee = object_for(request.user, Committee, pk=pk, may="change", select_related=COMMITTEE_RELATED)
    form = SeriesForm(
        request.POST or None,
        initial={
            "duration_minutes": committee.default_duration_minutes,
            "place": committee.default_place,
            "title_prefix": committee.get_kind_display()
            if committee.kind != Committee.Kind.COPIL
            else "COPIL",
        },
    )
    response = creation_response(
        request,
        form,
        lambda: services.meeting_series_plan(committee=committee, by=request.user, **form.cleaned_data),
        message=lambda meetings: _("%(count)s meetings are planned.") % {"count": len(meetings)},
        url=lambda _meetings: committee.get_absolute_url(),
        label=lambda _meetings: committee.name,
    )
    return response or _form_page(
        request,
        form=form,
        title=_("Plan a series of meetings"),
        back_url=committee.get_absolute_url(),
        committee=committee,
    )


@login_required
@require_GET
def meeting_detail(request, pk):
    meeting = object_for(request.user, Meeting, pk=pk, select_related=MEETING_RELATED)
    page = selectors.meeting_page(meeting)
    can_edit = _can_edit(request, meeting.committee)
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "page": page,
        "can_edit": can_edit,
        "now": timezone.now(),
        "today": timezone.localdate(),
    }
    if can_edit:
        context["agenda_form"] = AgendaItemForm(committee=meeting.committee)
        context["decision_form"] = DecisionForm(meeting=meeting)
    return render(request, "governance/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = object_for(request.user, Meeting, pk=pk, may="change", select_related=MEETING_RELATED)
    form = MeetingForm(request.POST or None, instance=meeting, committee=meeting.committee)
    response = edit_response(
        request,
        form,
        lambda: services.meeting_update(
            meeting=meeting, by=request.user, expected_version=form.expected_version, **form.cleaned_data
        ),
        message=_("The meeting is saved."),
        to=meeting,
    )
    return response or _meeting_form_page(
        request,
        meeting,
        form=form,
        title=_("Edit the meeting"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk):
    meeting = object_for(request.user, Meeting, pk=pk, may="change", select_related=MEETING_RELATED)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(meeting=meeting, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is cancelled."))
            return redirect(meeting)
    return _meeting_form_page(
        request,
        meeting,
        form=form,
        title=_("Cancel the meeting"),
    )


def _meeting_action(request, pk, call, success: str):
    meeting = object_for(request.user, Meeting, pk=pk, may="change", select_related=MEETING_RELATED)
    try:
        result = call(meeting)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success if not callable(success) else success(result))
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_held(request, pk):
    """GET: what recording the meeting as held means, with its quorum; POST: record it."""
    meeting = object_for(request.user, Meeting, pk=pk, may="change", select_related=MEETING_RELATED)
    form = HeldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_mark_held(
                meeting=meeting, by=request.user, without_quorum_note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is recorded as held: write the minutes."))
            return redirect(meeting)
    attendances = list(meeting.attendances.select_related("person", "represented_by__person"))
    return render(
        request,
        "governance/meeting_held.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "form": form,
            "quorum": services.quorum_of(meeting.committee, attendances),
            "not_recorded": [
                a for a in attendances if a.status == Attendance.Status.INVITED and not a.is_guest
            ],
        },
    )


@login_required
@require_POST
def meeting_convene(request, pk):
    def message(result):
        text = _("The convocation is sent to %(count)s people, with the agenda and the calendar file.") % {
            "count": result.sent
        }
        if result.without_email:
            text += " " + _("Without an e-mail address: %(names)s.") % {
                "names": ", ".join(result.without_email)
            }
        return text

    return _meeting_action(
        request, pk, lambda m: services.meeting_convene(meeting=m, by=request.user), message
    )


@login_required
@require_POST
def attendance_invite(request, pk):
    return _meeting_action(
        request,
        pk,
        lambda m: services.attendance_invite_members(meeting=m, by=request.user),
        lambda count: _("%(count)s members invited.") % {"count": count},
    )


@login_required
@require_GET
def meeting_ics(request, pk):
    meeting = object_for(request.user, Meeting, pk=pk, select_related=MEETING_RELATED)
    response = HttpResponse(meeting_ics_bytes(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reunion-{meeting.pk}.ics"'
    return response


@login_required
@require_POST
def meeting_pdf(request, pk, kind):
    meeting = object_for(request.user, Meeting, pk=pk, select_related=MEETING_RELATED)
    if kind == "convocation":
        return request_document_and_redirect(
            request,
            kind="governance.convocation",
            target=meeting,
            title=_("Convocation — %(title)s") % {"title": meeting.title},
        )
    if kind == "presences":
        return request_document_and_redirect(
            request,
            kind="governance.attendance",
            target=meeting,
            title=_("Attendance sheet — %(title)s") % {"title": meeting.title},
        )
    if kind == "compte-rendu":
        if not meeting.minutes_versions.exists():
            messages.error(request, _("These minutes are not written yet."))
            return redirect(meeting)
        return request_document_and_redirect(
            request,
            kind="governance.minutes",
            target=meeting,
            title=_("Minutes — %(title)s") % {"title": meeting.title},
        )
    raise Http404


@login_required
@require_POST
def committee_register_pdf(request, pk):
    committee = object_for(request.user, Committee, pk=pk, select_related=COMMITTEE_RELATED)
    return request_document_and_redirect(
        request,
        kind="governance.register",
        target=committee,
        title=_("Decision register — %(name)s") % {"name": committee.name},
    )
