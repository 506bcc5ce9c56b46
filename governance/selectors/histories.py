"""Selectors of governance: histories."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.db.models import Model, QuerySet

from ..models import Decision, FollowUpItem, Minutes, MinutesItem
from ._common import _label

HISTORY_LIMIT = 200  # the newest rows of each history shown (and their previous one, to compare)


SUMMARY, ITEM = "resume", "point"  # the restorable texts of a version of the minutes (in the restore URL)


@dataclass
class HistoryEntry:
    """One row of a history page: one saved version of one object."""

    when: datetime
    who: object  # the User, or None
    what: str
    type: str  # "+" created, "~" changed, "-" deleted
    changes: list[str] = field(default_factory=list)  # the labels of the fields changed
    diffs: list[dict] = field(
        default_factory=list
    )  # per text field changed: {"label", "lines": [(op, text)]}
    reason: str = ""
    restore_url: str = ""


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The lines of `new` against `old`: ("-", removed line), ("+", added line), (" ", unchanged line kept for
    context next to a change; a long run of unchanged lines is cut to "…")."""
    import difflib

    before = old.replace("\r\n", "\n").split("\n") if old else []
    after = new.replace("\r\n", "\n").split("\n") if new else []
    lines: list[tuple[str, str]] = []
    for group in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_grouped_opcodes(1):
        if lines:
            lines.append((" ", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend((" ", line) for line in before[i1:i2])
                continue
            lines.extend(("-", line) for line in before[i1:i2] if tag in ("replace", "delete"))
            lines.extend(("+", line) for line in after[j1:j2] if tag in ("replace", "insert"))
    return lines


def _entries_of(
    rows: Iterable[Any],
    *,
    model: type[Model],
    what: str | Callable[[Any], str],
    text_fields: Collection[str],
    restorable: Callable[..., bool] | None = None,
    restore_url: Callable[[Any], str] | None = None,
) -> list[HistoryEntry]:
    """The entries of one object's history rows (oldest first, as read): each compared with the previous row
    in memory (no query per row), the text fields with their line diff."""
    entries = []
    previous = None
    for row in rows:
        changes: list[str] = []
        diffs: list[dict[str, Any]] = []
        if previous is not None and row.history_type != "-":
            delta = row.diff_against(previous, excluded_fields=["updated_at", "created_at"])
            for change in delta.changes:
                label = _label(model, change.field)
                changes.append(label)
                if change.field in text_fields:
                    diffs.append({"label": label, "lines": text_diff(change.old, change.new)})
        elif row.history_type == "+":
            for name in text_fields:
                if getattr(row, name, ""):
                    diffs.append({"label": _label(model, name), "lines": text_diff("", getattr(row, name))})
        if previous is not None or row.history_type != "~" or changes:
            entries.append(
                HistoryEntry(
                    when=row.history_date,
                    who=row.history_user,
                    what=what(row) if callable(what) else what,
                    type=row.history_type,
                    changes=changes,
                    diffs=diffs,
                    reason=row.history_change_reason or "",
                    restore_url=(
                        cast(Callable[[Any], str], restore_url)(row)  # given with `restorable`
                        if restorable is not None and restorable(row)
                        else ""
                    ),
                )
            )
        previous = row
    return entries


def _newest_rows(history_qs: QuerySet[Any]) -> list[Any]:
    """The newest rows of a history (with their author), oldest first; one more than shown, to compare."""
    rows = list(history_qs.select_related("history_user").order_by("-history_id")[: HISTORY_LIMIT + 1])
    rows.reverse()
    return rows


def minutes_history(minutes: Minutes, *, can_restore: bool) -> list[HistoryEntry]:
    """Every saved version of `minutes` and of its items' texts, newest first, with a line diff of the texts.

    A version whose text (not empty) differs from today's carries the URL restoring it when `can_restore` (the
    person may edit these minutes, still editable). A fixed number of queries, whatever the number of versions.
    """
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from core.conflicts import same

    from ..models import AgendaItem

    can_restore = can_restore and not minutes.is_read_only
    entries = _entries_of(
        _newest_rows(minutes.history.all()),
        model=Minutes,
        what=_("General summary"),
        text_fields=("summary", "correction_reason"),
        restorable=lambda row: (
            can_restore
            and row.history_type != "-"
            and bool(row.summary)
            and not same(row.summary, minutes.summary)
        ),
        restore_url=lambda row: reverse(
            "governance:minutes_restore", args=[minutes.pk, SUMMARY, row.history_id]
        ),
    )
    item_rows = _newest_rows(MinutesItem.history.filter(minutes_id=minutes.pk))
    current = dict(minutes.items.values_list("pk", "text"))
    agenda_ids = {row.agenda_item_id for row in item_rows}
    titles = dict(AgendaItem._base_manager.filter(pk__in=agenda_ids).values_list("pk", "title"))
    missing = agenda_ids - set(titles)
    if missing:  # items removed from the agenda since: their last known title
        for pk, title in (
            AgendaItem.history.filter(id__in=missing).order_by("id", "history_id").values_list("id", "title")
        ):
            titles[pk] = title
    by_item: dict[int, list] = defaultdict(list)
    for row in item_rows:
        by_item[row.id].append(row)
    for item_id, rows in by_item.items():
        entries += _entries_of(
            rows,
            model=MinutesItem,
            text_fields=("text",),
            what=lambda row: _("Item « %(title)s »") % {"title": titles.get(row.agenda_item_id, "?")},
            restorable=lambda row, item_id=item_id: (
                can_restore
                and row.history_type != "-"
                and bool(row.text)
                and item_id in current
                and not same(row.text, current[item_id])
            ),
            restore_url=lambda row: reverse(
                "governance:minutes_restore", args=[minutes.pk, ITEM, row.history_id]
            ),
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:HISTORY_LIMIT]


def decision_history(decision: Decision, *, can_restore: bool) -> list[HistoryEntry]:
    """Every saved version of `decision` and of its follow-up items, newest first (a fixed number of queries)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from core.conflicts import same

    entries = _entries_of(
        _newest_rows(decision.history.all()),
        model=Decision,
        what=_("Decision"),
        text_fields=("text",),
        restorable=lambda row: (
            can_restore and row.history_type != "-" and bool(row.text) and not same(row.text, decision.text)
        ),
        restore_url=lambda row: reverse("governance:decision_restore", args=[decision.pk, row.history_id]),
    )
    by_item: dict[int, list] = defaultdict(list)
    for row in _newest_rows(FollowUpItem.history.filter(decision_id=decision.pk)):
        by_item[row.id].append(row)
    for rows in by_item.values():
        entries += _entries_of(
            rows,
            model=FollowUpItem,
            text_fields=("title", "notes"),
            what=lambda row: _("Follow-up item « %(title)s »") % {"title": row.title},
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:HISTORY_LIMIT]


def text_differences(instance: Model, record: Any, fields: Iterable[str]) -> list[dict[str, Any]]:
    """The texts of `instance` that differ in its history row `record`: label, that version's, today's, diff."""
    from core.conflicts import same

    rows = []
    for name in fields:
        then, now = getattr(record, name) or "", getattr(instance, name) or ""
        if not same(then, now):
            rows.append(
                {
                    "name": name,
                    "label": _label(type(instance), name),
                    "then": then,
                    "now": now,
                    "lines": text_diff(now, then),
                }
            )
    return rows
