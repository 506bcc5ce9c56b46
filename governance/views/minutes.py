"""Minutes (versioned), decisions, follow-up items, the follow-up board and the decision register."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.access import actions_visible_to
from core import french
from core.access import get_visible_or_404, object_for, require
from core.conflicts import EditConflict
from core.form_errors import error_text
from core.idempotency import create_once, replay_of

from .. import access, selectors, services
from ..documents import minutes_file_name
from ..filters import DecisionFilter, FollowUpFilter
from ..forms import (
    ApprovalForm,
    CorrectionForm,
    DecisionForm,
    FollowUpForm,
    FollowUpStatusForm,
    MinutesForm,
    TextRestoreForm,
)
from ..models import Committee, Decision, FollowUpItem, Meeting, Minutes, MinutesItem
from ._common import MEETING_RELATED, _can_edit, _form_page

MINUTES_RELATED = ("meeting__committee", "approved_by", "approved_at_meeting")
DECISION_RELATED = ("meeting__committee__action",)


# --- Minutes ------------------------------------------------------------------------
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
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(
                meeting=meeting,
                by=request.user,
                summary=form.cleaned_data["summary"],
                item_texts=form.item_texts(),
                expected_version=form.expected_version,
                expected_item_versions=form.item_versions(),
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect(reverse("governance:meeting_detail", args=[meeting.pk]) + "#compte-rendu")
    return _form_page(
        request,
        form=form,
        title=_("Minutes of %(title)s") % {"title": meeting.title},
        back_url=meeting.get_absolute_url(),
        committee=meeting.committee,
        meeting=meeting,
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


# --- Histories and restores ------------------------------------------------------------
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
        try:
            changed = services.minutes_text_restore(
                minutes=minutes,
                part=part,
                record_id=record.history_id,
                by=request.user,
                expected_version=form.expected_version,
            )
        except EditConflict as conflict:
            form = _moved_on(form, conflict)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.success(
                    request, _("The text of this version is restored: it is a new version of the minutes.")
                )
            else:
                messages.info(
                    request, _("The minutes already have the text of this version: nothing changed.")
                )
            return redirect(history_url)
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
        try:
            changed = services.decision_text_restore(
                decision=decision,
                record_id=record.history_id,
                by=request.user,
                expected_version=form.expected_version,
            )
        except EditConflict as conflict:
            form = _moved_on(form, conflict)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.success(
                    request, _("The text of this version is restored: it is a new version of the decision.")
                )
            else:
                messages.info(
                    request, _("The decision already has the text of this version: nothing changed.")
                )
            return redirect(history_url)
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


# --- Decisions and follow-up ---------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, pk):
    meeting = object_for(request.user, Meeting, pk=pk, may="change", select_related=MEETING_RELATED)
    form = DecisionForm(request.POST or None, meeting=meeting)
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid():
        try:
            decision, replay = create_once(
                request,
                form,
                lambda: services.decision_record(meeting=meeting, by=request.user, **form.cleaned_data),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if replay:
                return replay
            messages.success(request, _("The decision is recorded: add its follow-up items."))
            return redirect(decision.get_absolute_url())
    return _form_page(
        request,
        form=form,
        title=_("Record a decision"),
        back_url=meeting.get_absolute_url(),
        committee=meeting.committee,
        meeting=meeting,
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
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid():
        data = {
            k: form.cleaned_data[k]
            for k in ("title", "owner", "due_date", "action", "phase", "deliverable", "notes")
        }
        try:
            _item, replay = create_once(
                request,
                form,
                lambda: services.followup_create(decision=decision, by=request.user, **data),
                url=lambda item: item.decision.get_absolute_url(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if replay:
                return replay
            messages.success(request, _("The follow-up item is added."))
            return redirect(decision.get_absolute_url())
    return _form_page(
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
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.followup_update(
                item=item, by=request.user, expected_version=form.expected_version, **form.cleaned_data
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The follow-up item is saved."))
            return redirect(
                request.POST.get("next")
                if url_is_local(request.POST.get("next"))
                else item.decision.get_absolute_url()
            )
    return render(
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
