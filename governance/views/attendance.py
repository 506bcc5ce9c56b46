"""A meeting's attendance: who came, excused or represented, and guests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.access import object_for
from core.form_errors import error_text
from core.idempotency import creation_response

from .. import services
from ..forms import AttendanceForm, GuestForm
from ..models import Attendance, Meeting
from ._common import MEETING_RELATED, _meeting_form_page


def _attendance_rows(meeting: Meeting) -> list[Attendance]:
    return list(
        meeting.attendances.select_related("person", "person__organisation", "represented_by__person")
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_edit(request, pk):
    """The whole list on one screen: a status per line, the proxy of a represented member, « Tous présents »
    (done in the page by the script; without it, the button posts and the server records it), the quorum."""
    meeting = object_for(request.user, Meeting, pk=pk, may="change", select_related=MEETING_RELATED)
    page_url = reverse("governance:attendance_edit", args=[meeting.pk])
    if request.method == "POST" and "all_present" in request.POST:
        try:
            services.attendance_all_present(meeting=meeting, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Everybody is recorded as present: set the exceptions, then save."))
        return redirect(page_url)
    rows = _attendance_rows(meeting)
    form = AttendanceForm(request.POST or None, attendances=rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting, statuses=form.statuses(), proxies=form.proxies(), by=request.user
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):  # keyed by line: shown next to its proxy
                for key, errors in error.message_dict.items():
                    form.add_error(f"proxy_{key}" if f"proxy_{key}" in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The attendance is saved."))
            return redirect(reverse("governance:meeting_detail", args=[meeting.pk]) + "#presences")
    return render(
        request,
        "governance/attendance_edit.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "form": form,
            "groups": form.groups(),
            "quorum": services.quorum_of(meeting.committee, rows),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def guest_add(request, pk):
    meeting = object_for(request.user, Meeting, pk=pk, may="change", select_related=MEETING_RELATED)
    form = GuestForm(request.POST or None)
    response = creation_response(
        request,
        form,
        lambda: services.attendance_add_guest(meeting=meeting, by=request.user, **form.cleaned_data),
        message=_("The guest is added."),
        url=lambda guest: reverse("governance:meeting_detail", args=[guest.meeting_id]) + "#presences",
    )
    return response or _meeting_form_page(
        request,
        meeting,
        form=form,
        title=_("Add a guest"),
    )
