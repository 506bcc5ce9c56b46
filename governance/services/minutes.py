"""Services of governance: minutes."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.conflicts import (
    ConflictingField,
    EditConflict,
    authors_of,
    check_text,
    check_version,
    version_of,
    versions_of,
)
from core.history import records_actor, restore_fields
from core.locking import locked

from ..access import can_approve_minutes_directly
from ..models import (
    AgendaItem,
    Meeting,
    Minutes,
    MinutesItem,
)


def current_minutes(meeting: Meeting) -> Minutes | None:
    return meeting.minutes_versions.order_by("-version").first()


def _locked_minutes(minutes: Minutes) -> Minutes:
    """The minutes' meeting, then the minutes, locked and read afresh (always in this order). Versions are
    numbered under the meeting's lock: two saves or a doubled click wait for each other, and the second
    sees what the first did."""
    locked(minutes.meeting)
    return locked(minutes)


@records_actor
def minutes_save(
    *,
    meeting: Meeting,
    by: User,
    summary: str,
    item_texts: dict[int, str],
    expected_version: int | None = None,
    expected_item_versions: dict[int, int] | None = None,
) -> Minutes:
    """Write the minutes (the current draft or circulated version), item by item.

    `expected_version` (the minutes') and `expected_item_versions` (per agenda item id: the version of its
    text the page was opened on, 0 when it had none) refuse a save that would overwrite what somebody else
    wrote meanwhile (`EditConflict`, nothing written); texts only they changed are kept.
    """
    with transaction.atomic():
        locked(meeting)
        if meeting.status != Meeting.Status.HELD:
            raise ValidationError(_("Minutes are written once the meeting is recorded as held."))
        minutes = current_minutes(meeting)
        if minutes is not None and minutes.is_read_only:
            raise ValidationError(
                _("These minutes are approved and read-only: start a correction to change them.")
            )
        summary, item_texts = _minutes_checked(
            meeting, minutes, summary, item_texts, expected_version, expected_item_versions
        )
        if minutes is None:
            minutes = Minutes.objects.create(meeting=meeting, version=1, written_by=by)
        minutes.summary = summary
        minutes.written_by = by
        minutes.save(update_fields=["summary", "written_by", "updated_at"])
        agenda_ids = set(meeting.agenda_items.values_list("pk", flat=True))
        existing = {mi.agenda_item_id: mi for mi in minutes.items.all()}
        for agenda_id, text in item_texts.items():
            if agenda_id not in agenda_ids:
                continue
            row = existing.get(agenda_id)
            if row is None:
                MinutesItem.objects.create(minutes=minutes, agenda_item_id=agenda_id, text=text)
            elif row.text != text:
                row.text = text
                row.save(update_fields=["text"])
        # An item with minutes written was dealt with.
        written = [aid for aid, text in item_texts.items() if text.strip() and aid in agenda_ids]
        AgendaItem.objects.filter(pk__in=written, status=AgendaItem.Status.OPEN).update(
            status=AgendaItem.Status.DONE
        )
    return minutes


def _minutes_checked(
    meeting: Meeting,
    minutes: Minutes | None,
    summary: str,
    item_texts: dict[int, str],
    expected_version: int | None,
    expected_item_versions: dict[int, int] | None,
) -> tuple[str, dict[int, str]]:
    """The summary and item texts to write, once checked against what others saved since the page was opened."""
    if expected_version is None and expected_item_versions is None:
        return summary, item_texts
    conflicting: list[ConflictingField] = []
    rows = []
    summary, row = check_text(minutes, "summary", summary, expected_version)
    if row is not None:
        assert minutes is not None  # check_text finds no conflict without a row
        conflicting.append(
            ConflictingField(
                name="summary",
                label=str(_("General summary")),
                theirs=minutes.summary,
                theirs_display=minutes.summary or str(_("(empty)")),
            )
        )
        rows.append(row)
    existing = (
        {mi.agenda_item_id: mi for mi in minutes.items.select_related("agenda_item")} if minutes else {}
    )
    checked = {}
    for agenda_id, text in item_texts.items():
        item = existing.get(agenda_id)
        expected = (expected_item_versions or {}).get(agenda_id)
        if item is None or expected is None:
            checked[agenda_id] = text
            continue
        checked[agenda_id], row = check_text(item, "text", text, expected)
        if row is not None:
            conflicting.append(
                ConflictingField(
                    name=f"item_{agenda_id}",
                    label=item.agenda_item.title,
                    theirs=item.text,
                    theirs_display=item.text or str(_("(empty)")),
                )
            )
            rows.append(row)
    if not conflicting:
        return summary, checked
    rows.sort(key=lambda r: r.history_date)
    assert minutes is not None  # a conflict is on the summary or an item of existing minutes
    conflict = EditConflict(
        instance=minutes,
        version=version_of(minutes) if minutes else 0,
        fields=conflicting,
        authors=authors_of(rows),
        when=rows[-1].history_date,
    )
    setattr(conflict, "item_versions", minutes_item_versions(minutes))  # noqa: B010 — read by the minutes form
    raise conflict


def minutes_item_versions(minutes: Minutes | None) -> dict[int, int]:
    """Per agenda item id, the version of its text in `minutes` (the hidden fields of the minutes form)."""
    if minutes is None:
        return {}
    items = dict(minutes.items.values_list("pk", "agenda_item_id"))
    return {items[pk]: version for pk, version in versions_of(MinutesItem, items).items()}


def _has_content(minutes: Minutes) -> bool:
    return bool(minutes.summary.strip() or minutes.items.exclude(text="").exists())


@records_actor
def minutes_approve(*, minutes: Minutes, by: User, mode: str, at_meeting: Meeting | None = None) -> Minutes:
    """Approve by the chair, or record their approval at a later meeting of the committee."""
    with transaction.atomic():
        minutes = _locked_minutes(minutes)
        if minutes.status == Minutes.Status.APPROVED:
            raise ValidationError(_("These minutes are already approved."))
        if not _has_content(minutes):
            raise ValidationError(_("These minutes are empty: write them before approving them."))
        if mode == Minutes.ApprovalMode.MEETING:
            if at_meeting is None:
                raise ValidationError(_("Choose the meeting at which the minutes were approved."))
            if (
                at_meeting.committee_id != minutes.meeting.committee_id
                or at_meeting.starts_at <= minutes.meeting.starts_at
            ):
                raise ValidationError(
                    _("The approving meeting must be a later meeting of the same committee.")
                )
            if at_meeting.status != Meeting.Status.HELD:
                raise ValidationError(_("The approving meeting must have been held."))
        elif mode == Minutes.ApprovalMode.CHAIR:
            at_meeting = None
            if not can_approve_minutes_directly(by, minutes.meeting.committee):
                raise ValidationError(
                    _(
                        "Only the chair approves the minutes directly; otherwise record the meeting that approved them."
                    )
                )
        else:
            raise ValidationError(_("Unknown approval mode."))
        minutes.status = Minutes.Status.APPROVED
        minutes.approved_at = timezone.now()
        minutes.approved_by = by
        minutes.approval_mode = mode
        minutes.approved_at_meeting = at_meeting
        minutes.save()
    return minutes


@records_actor
def minutes_correct(*, minutes: Minutes, by: User, reason: str) -> Minutes:
    """Reopen approved minutes: a new draft version, with the reason written; the approved one stays as it was
    (the reference until the new version is approved in turn)."""
    if not reason.strip():
        raise ValidationError(_("Say why the minutes are corrected."))
    with transaction.atomic():
        minutes = _locked_minutes(minutes)  # the meeting locked too: versions are numbered under it
        if minutes.status != Minutes.Status.APPROVED:
            raise ValidationError(_("Only approved minutes need a correction: edit the draft directly."))
        current = current_minutes(minutes.meeting)
        assert current is not None  # `minutes` is one of the meeting's versions
        if current.pk != minutes.pk:
            raise ValidationError(_("A correction of these minutes is already in progress."))
        new = Minutes(
            meeting=minutes.meeting,
            version=minutes.version + 1,
            summary=minutes.summary,
            correction_reason=reason.strip(),
            written_by=by,
        )
        setattr(new, "_change_reason", reason.strip()[:100])  # noqa: B010
        new.save()
        # Saved one by one (one per agenda item) so that each item's history starts with its author.
        for item in minutes.items.all():
            MinutesItem.objects.create(minutes=new, agenda_item_id=item.agenda_item_id, text=item.text)
    return new


MINUTES_SUMMARY, MINUTES_ITEM = "resume", "point"  # the restorable texts of minutes (same as in selectors)


@records_actor
def minutes_text_restore(
    *, minutes: Minutes, part: str, record_id: int, by: User, expected_version: int | None = None
) -> list[str]:
    """Bring back one text of `minutes` as it was in a history row: the general summary (`part` « resume », a row
    of the minutes' history) or the text of one item (« point », a row of the history of one of its items).

    The restore is a new version of that text, by `by`. Approved minutes are read-only: nothing is restored.
    `expected_version` is the version of that text the person compared with: if somebody changed it since,
    `EditConflict` (nothing restored). Returns the fields that changed (empty: the text was already that one).
    """
    with transaction.atomic():
        minutes = _locked_minutes(minutes)
        if minutes.is_read_only:
            raise ValidationError(
                _(
                    "These minutes are approved and read-only: nothing can be restored in them "
                    "(start a correction to change them)."
                ),
                code="read_only",
            )
        if part == MINUTES_SUMMARY:
            record = minutes.history.filter(history_id=record_id).exclude(history_type="-").first()
            target: Minutes | MinutesItem | None = minutes
            fields = ("summary",)
        elif part == MINUTES_ITEM:
            record = (
                MinutesItem.history.filter(minutes_id=minutes.pk, history_id=record_id)
                .exclude(history_type="-")
                .first()
            )
            target = (
                MinutesItem.objects.filter(minutes=minutes, pk=record.id).first()
                if record is not None
                else None
            )
            fields = ("text",)
            if record is not None and target is None:
                raise ValidationError(
                    _("This item was removed from the agenda: its text cannot be restored."), code="missing"
                )
        else:
            record = None
        if record is None:
            raise ValidationError(_("This version of the minutes does not exist."), code="missing")
        assert target is not None  # an item's row without its item was refused above
        changed = restore_fields(target, record=record, fields=fields, by=by)
        check_version(target, expected_version)
        if changed:
            target.full_clean()
            target.save()
    return changed
