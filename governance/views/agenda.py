"""A meeting's agenda: items added, edited, moved, removed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import object_for
from core.form_errors import error_text
from core.idempotency import creation_response, edit_response

from .. import services
from ..forms import AgendaItemForm
from ..models import AgendaItem, Meeting
from ._common import MEETING_RELATED, _meeting_form_page


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_add(request, pk):
    meeting = object_for(request.user, Meeting, pk=pk, may="change", select_related=MEETING_RELATED)
    form = AgendaItemForm(request.POST or None, committee=meeting.committee)
    response = creation_response(
        request,
        form,
        lambda: services.agenda_item_add(meeting=meeting, by=request.user, **form.cleaned_data),
        message=_("The item is added to the agenda."),
        url=lambda item: reverse("governance:meeting_detail", args=[item.meeting_id]) + "#ordre-du-jour",
    )
    return response or _meeting_form_page(
        request,
        meeting,
        form=form,
        title=_("Add an agenda item"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk):
    item = object_for(request.user, AgendaItem, pk=pk, may="change", select_related=("meeting__committee",))
    meeting = item.meeting
    form = AgendaItemForm(request.POST or None, instance=item, committee=meeting.committee)
    response = edit_response(
        request,
        form,
        lambda: services.agenda_item_update(
            item=item, by=request.user, expected_version=form.expected_version, **form.cleaned_data
        ),
        message=_("The agenda item is saved."),
        to=reverse("governance:meeting_detail", args=[meeting.pk]) + "#ordre-du-jour",
    )
    return response or _meeting_form_page(request, meeting, form=form, title=_("Edit an agenda item"))


@login_required
@require_POST
def agenda_item_action(request, pk, op):
    item = object_for(request.user, AgendaItem, pk=pk, may="change", select_related=("meeting__committee",))
    meeting = item.meeting
    try:
        if op in ("up", "down"):
            services.agenda_item_move(item=item, direction=op, by=request.user)
        elif op == "delete":
            services.agenda_item_delete(item=item, by=request.user)
            messages.success(request, _("The item is removed from the agenda."))
        elif op == "carry":
            carried = services.agenda_item_carry(item=item, by=request.user)
            messages.success(
                request, _("The item is carried to %(meeting)s.") % {"meeting": carried.meeting.title}
            )
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect(reverse("governance:meeting_detail", args=[meeting.pk]) + "#ordre-du-jour")
