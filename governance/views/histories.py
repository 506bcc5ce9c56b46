"""Views of governance: histories."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core import french
from core.access import get_visible_or_404, object_for
from core.conflicts import EditConflict

from .. import access, selectors, services
from ..forms import TextRestoreForm
from ..models import Decision, Minutes, MinutesItem
from .minutes import DECISION_RELATED, MINUTES_RELATED


@login_required
@require_GET
def minutes_history(request, pk):
    """Who changed what in this version of the minutes, and when: the summary and each item's text, with a diff."""
    minutes = object_for(request.user, Minutes, pk=pk, select_related=MINUTES_RELATED)
    meeting = minutes.meeting
    can_restore = access.can_edit_minutes(request.user, minutes)
    return render(
        request,
        "governance/history.html",
        {
            "title": _("History of the minutes (version %(version)s)") % {"version": minutes.version},
            "entries": selectors.minutes_history(minutes, can_restore=can_restore),
            "note": _("These minutes are approved and read-only: their texts can no longer be restored.")
            if minutes.is_read_only and can_restore
            else "",
            "meeting": meeting,
            "committee": meeting.committee,
            "back_url": reverse("governance:meeting_detail", args=[meeting.pk]) + "#compte-rendu",
            "back_label": _("Back to the meeting"),
        },
    )


def _minutes_record(minutes: Minutes, part: str, history_id: int):
    """The history row to restore (of the minutes, or of one of its items) and the object it is a version of."""
    if part == selectors.SUMMARY:
        record = get_visible_or_404(
            minutes.history.exclude(history_type="-").select_related("history_user"), history_id=history_id
        )
        return record, minutes, ("summary",), _("General summary")
    if part == selectors.ITEM:
        record = get_visible_or_404(
            MinutesItem.history.filter(minutes_id=minutes.pk)
            .exclude(history_type="-")
            .select_related("history_user"),
            history_id=history_id,
        )
        item = MinutesItem.objects.filter(minutes=minutes, pk=record.id).select_related("agenda_item").first()
        if item is None:  # removed from the agenda since: nothing to restore it into
            raise Http404
        return record, item, ("text",), _("Item « %(title)s »") % {"title": item.agenda_item.title}
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def minutes_restore(request, pk, part, history_id):
    """Bring back one text of the minutes as it was: that version beside today's, then a confirmation."""
    minutes = object_for(request.user, Minutes, pk=pk, may="change", select_related=MINUTES_RELATED)
    meeting = minutes.meeting
    history_url = reverse("governance:minutes_history", args=[minutes.pk])
    if minutes.is_read_only:
        messages.error(
            request,
            _(
                "These minutes are approved and read-only: nothing can be restored in them (start "
                "a correction to change them)."
            ),
        )
        return redirect(history_url)
    record, target, fields, what = _minutes_record(minutes, part, history_id)
    form = TextRestoreForm(request.POST if request.method == "POST" else None, versioned=target)
    if request.method == "POST" and form.is_valid():
        response, form = _restored(
            request,
            form,
            lambda: services.minutes_text_restore(
                minutes=minutes,
                part=part,
                record_id=record.history_id,
                by=request.user,
                expected_version=form.expected_version,
            ),
            done=_("The text of this version is restored: it is a new version of the minutes."),
            unchanged=_("The minutes already have the text of this version: nothing changed."),
            history_url=history_url,
        )
        if response is not None:
            return response
        # Refused: the texts as they are stored now (the service may have put the old one on the objects).
        minutes = object_for(request.user, Minutes, pk=pk, may="change", select_related=MINUTES_RELATED)
        record, target, fields, what = _minutes_record(minutes, part, history_id)
    return render(
        request,
        "governance/restore.html",
        {
            "title": _("Restore an earlier version of the minutes"),
            "what": what,
            "record": record,
            "form": form,
            "differences": selectors.text_differences(target, record, fields),
            "meeting": meeting,
            "committee": meeting.committee,
            "history_url": history_url,
        },
    )


def _moved_on(form, conflict: EditConflict):
    """The confirmation again after a conflict: the message, and the version now stored (to confirm anew)."""
    data = form.data.copy()
    data["version"] = str(conflict.version)
    moved = TextRestoreForm(data, versioned=conflict.instance)
    moved.is_valid()
    moved.add_error(
        None,
        ValidationError(
            _("%(who)s changed this text on %(when)s: look at the texts again before restoring this version.")
            % {"who": conflict.who, "when": french.jour_heure(conflict.when)},
            code="edit_conflict",
        ),
    )
    return moved


def _restored(request, form, restore, *, done: str, unchanged: str, history_url: str):
    """Run a text restore confirmed by `form`: (the redirect to the history once done, or None; the form to
    show again — moved on to the version now stored when somebody else changed the text meanwhile)."""
    try:
        changed = restore()
    except EditConflict as conflict:
        return None, _moved_on(form, conflict)
    except ValidationError as error:
        form.add_error(None, error)
        return None, form
    if changed:
        messages.success(request, done)
    else:
        messages.info(request, unchanged)
    return redirect(history_url), form


@login_required
@require_GET
def decision_history(request, pk):
    """Who changed what in a decision and its follow-up items, and when, with a diff of the texts."""
    decision = object_for(request.user, Decision, pk=pk, select_related=DECISION_RELATED)
    meeting = decision.meeting
    return render(
        request,
        "governance/history.html",
        {
            "title": _("History of the decision"),
            "intro": decision.text,
            "entries": selectors.decision_history(
                decision,
                can_restore=access.can_edit_decision(request.user, decision)
                and not services.decisions_closed_reason(meeting),
            ),
            "meeting": meeting,
            "committee": meeting.committee,
            "back_url": decision.get_absolute_url(),
            "back_label": _("Back to the meeting"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_restore(request, pk, history_id):
    """Bring back the text of a decision as it was: that version beside today's, then a confirmation."""
    decision = object_for(request.user, Decision, pk=pk, may="change", select_related=DECISION_RELATED)
    meeting = decision.meeting
    history_url = reverse("governance:decision_history", args=[decision.pk])
    record = get_visible_or_404(
        decision.history.exclude(history_type="-").select_related("history_user"), history_id=history_id
    )
    form = TextRestoreForm(request.POST if request.method == "POST" else None, versioned=decision)
    if request.method == "POST" and form.is_valid():
        response, form = _restored(
            request,
            form,
            lambda: services.decision_text_restore(
                decision=decision,
                record_id=record.history_id,
                by=request.user,
                expected_version=form.expected_version,
            ),
            done=_("The text of this version is restored: it is a new version of the decision."),
            unchanged=_("The decision already has the text of this version: nothing changed."),
            history_url=history_url,
        )
        if response is not None:
            return response
        decision = object_for(request.user, Decision, pk=pk, may="change", select_related=DECISION_RELATED)
    return render(
        request,
        "governance/restore.html",
        {
            "title": _("Restore an earlier version of the decision"),
            "what": _("Decision"),
            "record": record,
            "form": form,
            "differences": selectors.text_differences(decision, record, ("text",)),
            "closed": services.decisions_closed_reason(meeting) if request.method == "GET" else "",
            "meeting": meeting,
            "committee": meeting.committee,
            "history_url": history_url,
        },
    )
