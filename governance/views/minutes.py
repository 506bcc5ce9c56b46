"""Views of governance: minutes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from core.access import object_for
from core.form_errors import error_text
from core.idempotency import edit_response

from .. import access, services
from ..documents import minutes_file_name
from ..forms import ApprovalForm, CorrectionForm, MinutesForm
from ..models import Meeting, Minutes
from ._common import MEETING_RELATED, _meeting_form_page

MINUTES_RELATED = ("meeting__committee", "approved_by", "approved_at_meeting")


DECISION_RELATED = ("meeting__committee__action",)


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk):
    meeting = object_for(request.user, Meeting, pk=pk, may="change", select_related=MEETING_RELATED)
    minutes = services.current_minutes(meeting)
    if minutes is not None and minutes.is_read_only:
        messages.error(
            request, _("These minutes are approved and read-only: start a correction to change them.")
        )
        return redirect(meeting)
    agenda = list(meeting.agenda_items.order_by("order", "pk"))
    texts = {mi.agenda_item_id: mi.text for mi in minutes.items.all()} if minutes else {}
    form = MinutesForm(
        request.POST or None,
        agenda=agenda,
        texts=texts,
        summary=minutes.summary if minutes else "",
        versioned=minutes,
        item_versions=services.minutes_item_versions(minutes),
    )
    response = edit_response(
        request,
        form,
        lambda: services.minutes_save(
            meeting=meeting,
            by=request.user,
            summary=form.cleaned_data["summary"],
            item_texts=form.item_texts(),
            expected_version=form.expected_version,
            expected_item_versions=form.item_versions(),
        ),
        message=_("The minutes are saved."),
        to=reverse("governance:meeting_detail", args=[meeting.pk]) + "#compte-rendu",
    )
    return response or _meeting_form_page(
        request,
        meeting,
        form=form,
        title=_("Minutes of %(title)s") % {"title": meeting.title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_circulate(request, pk):
    """GET: who will receive the minutes, and how; POST: send them (once)."""
    minutes = object_for(request.user, Minutes, pk=pk, may="change", select_related=MINUTES_RELATED)
    meeting = minutes.meeting
    back = reverse("governance:meeting_detail", args=[meeting.pk]) + "#compte-rendu"
    if request.method == "POST":
        try:
            circulation = services.minutes_circulate(minutes=minutes, by=request.user)
        except services.AlreadyCirculated as error:
            messages.info(request, error_text(error))
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            count = circulation.recipients.count()
            messages.success(
                request,
                ngettext(
                    "The minutes are circulated to %(count)s member of the committee.",
                    "The minutes are circulated to %(count)s members of the committee.",
                    count,
                )
                % {"count": count},
            )
        return redirect(back)
    if minutes.status != Minutes.Status.DRAFT:
        return redirect(back)
    recipients = services.minutes_recipients(minutes)
    return render(
        request,
        "governance/minutes_circulate.html",
        {
            "minutes": minutes,
            "meeting": meeting,
            "committee": meeting.committee,
            "recipients": recipients,
            "with_email": sum(1 for r in recipients if r.email),
            "back_url": back,
            "unreachable": [r for r in recipients if not r.email and r.user is None],
            "file_name": minutes_file_name(meeting),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_approve(request, pk):
    minutes = object_for(request.user, Minutes, pk=pk, may="change", select_related=MINUTES_RELATED)
    meeting = minutes.meeting
    later = meeting.committee.meetings.filter(starts_at__gt=meeting.starts_at, status=Meeting.Status.HELD)
    form = ApprovalForm(
        request.POST or None,
        later_meetings=later,
        chair_may_approve=access.can_approve_minutes_directly(request.user, meeting.committee),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_approve(
                minutes=minutes,
                by=request.user,
                mode=form.cleaned_data["mode"],
                at_meeting=form.cleaned_data.get("at_meeting"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The minutes are approved: they are now read-only."))
            return redirect(reverse("governance:meeting_detail", args=[meeting.pk]) + "#compte-rendu")
    return render(
        request,
        "governance/minutes_confirm.html",
        {
            "form": form,
            "title": _("Approve the minutes"),
            "minutes": minutes,
            "meeting": meeting,
            "committee": meeting.committee,
            "back_url": meeting.get_absolute_url() + "#compte-rendu",
            "consequences": [
                _("Version %(version)s becomes the reference version of the minutes of this meeting.")
                % {"version": minutes.version},
                _(
                    "Its text, its decisions and the agenda of the meeting are locked: nobody can change them any more."
                ),
                _(
                    "If an error is found later, the minutes can be reopened with a written reason: a new version is "
                    "then written and approved in turn, and this one stays as it is."
                ),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_correct(request, pk):
    """« Rouvrir le compte rendu »: the way back from an approval, with a written reason kept in the history."""
    minutes = object_for(request.user, Minutes, pk=pk, may="change", select_related=MINUTES_RELATED)
    meeting = minutes.meeting
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_correct(minutes=minutes, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The minutes are reopened: a new version is open; the approved one is kept.")
            )
            return redirect(reverse("governance:minutes_edit", args=[meeting.pk]))
    return render(
        request,
        "governance/minutes_confirm.html",
        {
            "form": form,
            "title": _("Reopen the minutes"),
            "minutes": minutes,
            "meeting": meeting,
            "committee": meeting.committee,
            "back_url": meeting.get_absolute_url() + "#compte-rendu",
            "consequences": [
                _(
                    "Version %(version)s stays as it was approved, and remains the reference until the new version is "
                    "approved."
                )
                % {"version": minutes.version},
                _(
                    "A version %(version)s opens as a draft, with the same text, to be corrected, circulated and "
                    "approved again."
                )
                % {"version": minutes.version + 1},
                _("Your reason is shown with the new version and kept in the history."),
            ],
        },
    )


@login_required
@require_GET
def minutes_version(request, pk):
    minutes = object_for(request.user, Minutes, pk=pk, select_related=MINUTES_RELATED)
    items = list(
        minutes.items.select_related("agenda_item").order_by("agenda_item__order", "agenda_item__pk")
    )
    return render(
        request,
        "governance/minutes_version.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "committee": minutes.meeting.committee,
            "items": items,
        },
    )
