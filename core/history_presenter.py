"""One way to show a history: who changed what and when, field by field, from django-simple-history's rows.

Every history page builds its lines here. The rows are read once (with their authors); what each row
changed comes from `diff_against` the row before it of the same object, computed in memory; the names
of related objects and the labels of choices are resolved in one query per related model. So a history
page costs the same number of queries after 1 edit or 30.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

HISTORY_LIMIT = 30
IGNORED_FIELDS = ("created_at", "updated_at")


@dataclass
class Change:
    field: str
    label: str  # the field's name as a heading: « Thèmes QVT »
    old: str
    new: str
    name: str = ""  # the field's name within a sentence: « thèmes QVT »


@dataclass
class HistoryEntry:
    when: datetime
    who: Any  # the user, or None when Copilote itself made the change
    author: str
    type: str  # "+" created, "~" changed, "-" deleted
    action: str
    what: str = ""
    changes: list[Change] = field(default_factory=list)
    reason: str = ""
    restore_url: str = ""
    record: Any = None
    diffs: list[dict] = field(default_factory=list)  # per text field: {"label", "lines": [(op, line)]}

    @property
    def is_creation(self) -> bool:
        return self.type == "+"

    @property
    def is_deletion(self) -> bool:
        return self.type == "-"

    @property
    def fields_changed(self) -> str:
        """The names of the fields changed, in a sentence: « titre, thèmes QVT »."""
        return ", ".join(change.name or change.label for change in self.changes)


def newest_rows(history: QuerySet, *, limit: int = HISTORY_LIMIT) -> list:
    """The `limit` newest rows of a history with their authors, and one older row to compare the oldest with."""
    return list(
        history.select_related("history_user", "history_user__person").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )


def author_name(user: Any) -> str:
    if user is None:
        return _("Copilote (automatic)")
    person = getattr(user, "person", None)
    return person.full_name if person else (user.get_full_name() or user.get_username())


def _actions() -> dict[str, str]:
    return {
        "+": pgettext("history action", "Created"),
        "~": pgettext("history action", "Changed"),
        "-": pgettext("history action", "Deleted"),
    }


def field_changes(
    rows: Iterable[Any], *, model: type[models.Model], excluded_fields: Iterable[str] = IGNORED_FIELDS
) -> dict[int, list[tuple[str, Any, Any]]]:
    """What each history row changed, `(field, old, new)`, by `history_id`: each row compared in memory with the row
    before it of the same object among `rows` (a creation, or a row whose earlier one is not among them: nothing)."""
    excluded = list(excluded_fields)
    by_object: dict[Any, list] = {}
    for row in rows:
        by_object.setdefault(getattr(row, model._meta.pk.attname), []).append(row)
    raw: dict[int, list[tuple[str, Any, Any]]] = {}
    for object_rows in by_object.values():
        object_rows.sort(key=lambda row: (row.history_date, row.history_id))
        for previous, row in zip([None, *object_rows], object_rows, strict=False):
            raw[row.history_id] = (
                [
                    (c.field, c.old, c.new)
                    for c in row.diff_against(previous, excluded_fields=excluded).changes
                ]
                if previous is not None and row.history_type == "~"
                else []
            )
    return raw


def history_entries(
    rows: Iterable,
    *,
    model: type[models.Model],
    what: str | Callable[[Any], str] = "",
    limit: int = HISTORY_LIMIT,
    excluded_fields: Iterable[str] = IGNORED_FIELDS,
    restore_url: Callable[[Any], str] | None = None,
    text_fields: Collection[str] = (),
) -> list[HistoryEntry]:
    """The lines of a history page, newest first, from history rows of `model` (one object or several).

    `rows` come from `newest_rows` (or any list of rows with their authors). A row whose older row of the
    same object is not among them (a creation, or older than the page) lists no field. `what` names the
    object of each line (a text, or a function of the row); `restore_url`, when given, gives the address
    restoring a row's version ("" when it cannot be restored). The `text_fields` changed also get their
    line diff (`text_diff`); a creation shows their first text.
    """
    rows = list(rows)
    raw = field_changes(rows, model=model, excluded_fields=excluded_fields)
    related_ids: dict[str, set] = {}
    for changes in raw.values():
        for name, old, new in changes:
            model_field = _field(model, name)
            if model_field is not None and model_field.is_relation and not model_field.many_to_many:
                related_ids.setdefault(name, set()).update(v for v in (old, new) if v)
    names = {
        name: {
            obj.pk: str(obj)
            for obj in cast(
                type[models.Model], model._meta.get_field(name).related_model
            )._base_manager.filter(pk__in=ids)
        }
        for name, ids in related_ids.items()
    }
    actions = _actions()
    newest = sorted(rows, key=lambda row: (row.history_date, row.history_id), reverse=True)[:limit]
    return [
        HistoryEntry(
            when=row.history_date,
            who=row.history_user,
            author=author_name(row.history_user),
            type=row.history_type,
            action=actions.get(row.history_type, "?"),
            what=what(row) if callable(what) else str(what),
            changes=[
                Change(
                    field=name,
                    label=_label(model, name),
                    name=_name(model, name),
                    old=_display(model, names, name, old),
                    new=_display(model, names, name, new),
                )
                for name, old, new in raw.get(row.history_id, [])
            ],
            reason=row.history_change_reason or "",
            restore_url=restore_url(row) if restore_url is not None else "",
            record=row,
            diffs=_text_diffs(model, row, raw.get(row.history_id, []), text_fields),
        )
        for row in newest
    ]


def _text_diffs(
    model: type[models.Model], row: Any, changes: list[tuple[str, Any, Any]], text_fields: Collection[str]
) -> list[dict]:
    if row.history_type == "+":
        changes = [(name, "", getattr(row, name, "")) for name in text_fields if getattr(row, name, "")]
    return [
        {"label": _label(model, name), "lines": text_diff(old or "", new or "")}
        for name, old, new in changes
        if name in text_fields
    ]


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The lines of `new` against `old`: ("-", removed line), ("+", added line), (" ", unchanged line kept for
    context next to a change; a long run of unchanged lines is cut to "…")."""
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


def _field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field since removed, still in old history rows
        return None
    return found if isinstance(found, models.Field) else None


def _name(model: type[models.Model], name: str) -> str:
    model_field = _field(model, name)
    return str(model_field.verbose_name) if model_field is not None else name


def _label(model: type[models.Model], name: str) -> str:
    return capfirst(_name(model, name))


def _display(model: type[models.Model], names: dict[str, dict], name: str, value: Any) -> str:
    if value in (None, ""):
        return "—"
    model_field = _field(model, name)
    if model_field is None:
        return str(value)
    if model_field.is_relation and not model_field.many_to_many:
        return names.get(name, {}).get(value, "—")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)
