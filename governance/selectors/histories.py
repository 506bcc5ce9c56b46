"""Selectors of governance: histories."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from typing import Any

from django.db.models import Model, QuerySet

from core.history_presenter import IGNORED_FIELDS, HistoryEntry, history_entries, text_diff

from ..models import Decision, FollowUpItem, Minutes, MinutesItem
from ._common import _label

HISTORY_LIMIT = 200  # the newest rows of each history shown (and their previous one, to compare)


SUMMARY, ITEM = "resume", "point"  # the restorable texts of a version of the minutes (in the restore URL)


def _entries_of(
    rows: Iterable[Any],
    *,
    model: type[Model],
    what: str | Callable[[Any], str],
    text_fields: Collection[str],
    restorable: Callable[..., bool] | None = None,
    restore_url: Callable[[Any], str] | None = None,
) -> list[HistoryEntry]:
    """The entries of one object's history rows (`core.history_presenter`), the text fields with their line
    diff; a version offers its restore address when `restorable(row)`. Who wrote a version is its author,
    shown on its line: not listed again as a field changed."""
    return history_entries(
        rows,
        model=model,
        what=what,
        text_fields=text_fields,
        limit=HISTORY_LIMIT,
        excluded_fields=(*IGNORED_FIELDS, "written_by"),
        restore_url=(
            (lambda row: restore_url(row) if restorable(row) else "")
            if restorable is not None and restore_url is not None
            else None
        ),
    )


def _newest_rows(history_qs: QuerySet[Any]) -> list[Any]:
    """The newest rows of a history (with their author), oldest first; one more than shown, to compare."""
    rows = list(
        history_qs.select_related("history_user", "history_user__person").order_by("-history_id")[
            : HISTORY_LIMIT + 1
        ]
    )
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
