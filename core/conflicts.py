"""Edit conflicts: a save made on a stale version is never applied silently.

A form that edits a shared object carries the version it was opened on: the id of the object's last
history row (`VersionedFormMixin` adds the hidden field `version`). The service that saves the object
calls `check_version(instance, expected_version)` inside its transaction, before saving:

- nobody saved the object since the form was opened: nothing to do;
- somebody did, on fields this person did not touch: their values are kept (merged into `instance`);
- somebody did, on a field this person changed too, to another value: `EditConflict` is raised and
  nothing is written. It names who changed what and when.

The view gives the form back with `form.show_conflict(conflict)`: a French message at the top, beside
each field the value now stored (tied to the field, so the error summary links to it), the person's own
values kept in the fields, and the form's version moved on — saving again then deliberately keeps them.

    # service
    @records_actor
    def thing_update(*, thing, by, expected_version=None):
        with transaction.atomic():
            check_version(thing, expected_version)
            thing.full_clean()
            thing.save()

    # view
    try:
        services.thing_update(thing=form.save(commit=False), by=request.user,
                              expected_version=form.expected_version)
    except EditConflict as conflict:
        form.show_conflict(conflict)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .french import jour_heure
from .types import Actor

FIELD = "version"

if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


def history_model(model: type[models.Model] | models.Model) -> Any:
    """The model of the history rows of `model` (django-simple-history's `HistoricalX`)."""
    return getattr(model, "history").model  # noqa: B009 — added by simple-history, unknown to the type checker


def version_of(instance: models.Model) -> int:
    """The id of `instance`'s last history row (0 when it has none, or is not saved yet)."""
    if instance.pk is None:
        return 0
    return (
        history_model(instance)
        ._default_manager.filter(**{_history_key(instance): instance.pk})
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
        or 0
    )


def _history_key(instance: models.Model) -> str:
    return instance._meta.pk.attname


def person_name(user: Actor) -> str:
    if user is None:
        return _("someone")
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class ConflictingField:
    name: str  # the model field's name (a form field of the same name shows it)
    label: str  # its verbose name, for users
    theirs: Any  # the value stored now
    theirs_display: str  # the same, as users read it


class EditConflict(ValidationError):
    """Somebody saved the object since the form was opened and changed what this person changed too."""

    def __init__(
        self,
        *,
        instance: models.Model,
        version: int,
        fields: list[ConflictingField],
        authors: list[str],
        when: datetime,
        merged: dict[str, Any] | None = None,
    ) -> None:
        self.instance = instance
        self.version = version  # the version now stored: the form moves on to it
        self.fields = fields
        # Fields only the other person changed: the form shows their value, so a second save keeps it.
        self.merged = merged or {}
        self.authors = authors
        self.when = when
        super().__init__(self.summary, code="edit_conflict")

    @property
    def who(self) -> str:
        return " et ".join(self.authors) or _("someone")

    @property
    def summary(self) -> str:
        names = ", ".join(f.label for f in self.fields)
        return ngettext(
            "%(who)s saved this page on %(when)s while you were editing it and changed %(fields)s. Nothing was "
            "saved: your entries are kept below, with the value now stored beside the field. Save again to keep yours.",
            "%(who)s saved this page on %(when)s while you were editing it and changed %(fields)s. Nothing was "
            "saved: your entries are kept below, with the values now stored beside each field. Save again to keep yours.",
            len(self.fields),
        ) % {"who": self.who, "when": jour_heure(self.when), "fields": names}

    def __str__(self) -> str:
        return self.summary


def same(a: Any, b: Any) -> bool:
    """Equal as people read them: a browser sends a text's line breaks as CR LF, stored texts may have LF."""
    if isinstance(a, str) and isinstance(b, str):
        return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")
    return a == b


def _tracked_fields(instance: models.Model) -> list[models.Field]:
    """The fields both the model and its history hold, that a person can change."""
    history_fields = {f.attname for f in history_model(instance)._meta.concrete_fields}
    tracked = []
    for model_field in instance._meta.concrete_fields:
        if model_field.primary_key or model_field.attname not in history_fields:
            continue
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            continue
        tracked.append(model_field)
    return tracked


def _display(model_field: models.Field, value: Any) -> str:
    if value in (None, ""):
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation and model_field.related_model is not None:
        related = cast(type[models.Model], model_field.related_model)._base_manager.filter(pk=value).first()
        return str(related) if related is not None else _("(deleted)")
    if isinstance(value, list | tuple):
        return "\n".join(_display_item(item) for item in value)
    if hasattr(value, "year"):
        return jour_heure(value)
    return str(value)


def _display_item(item: Any) -> str:
    if isinstance(item, dict):
        return " — ".join(str(v) for v in item.values() if v not in (None, ""))
    return str(item)


UNKNOWN = object()  # the value a person saw, when its version is not in the history


MINE, THEIRS, CONFLICT = "mine", "theirs", "conflict"


def resolve(mine: Any, seen: Any, stored: Any) -> str:
    """The three-way rule for one field: whose value to write.

    Nobody else changed it (`stored` is what the person `seen`), or both agree → MINE; only the other
    person changed it → THEIRS, kept; both changed it to different values → CONFLICT.
    """
    if (seen is not UNKNOWN and same(stored, seen)) or same(mine, stored):
        return MINE
    if seen is not UNKNOWN and same(mine, seen):
        return THEIRS
    return CONFLICT


def authors_of(rows: Iterable[Any]) -> list[str]:
    """The names of the history rows' authors, each once, in the rows' order."""
    authors: list[str] = []
    for row in rows:
        name = person_name(row.history_user)
        if name not in authors:
            authors.append(name)
    return authors


def check_version(instance: models.Model, expected_version: int | None) -> None:
    """Refuse a save made on a stale version that would overwrite somebody else's change.

    Call it inside the service's transaction, before saving. It locks the row (without reloading
    `instance`, which holds the values the person typed), merges into `instance` the values somebody
    else changed meanwhile on fields this person left as they were, and raises `EditConflict` when both
    changed a field to different values. `expected_version=None` (a form without the field: an old page,
    a script, a task) checks nothing.
    """
    if expected_version is None or instance.pk is None:
        return
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError(
            "check_version() must run inside the save's transaction."
        )
    type(instance)._base_manager.select_for_update().filter(pk=instance.pk).values_list(
        "pk", flat=True
    ).first()
    rows = history_model(instance)._default_manager.filter(**{_history_key(instance): instance.pk})
    later = list(
        rows.filter(history_id__gt=expected_version).select_related("history_user").order_by("history_id")
    )
    if not later:
        return
    latest = later[-1]
    base = rows.filter(history_id=expected_version).first()
    conflicting, merged = [], {}
    for model_field in _tracked_fields(instance):
        attname = model_field.attname
        stored = getattr(latest, attname)
        mine = getattr(instance, attname)
        outcome = resolve(mine, getattr(base, attname) if base is not None else UNKNOWN, stored)
        if outcome == CONFLICT:
            conflicting.append(
                ConflictingField(
                    name=model_field.name,
                    label=str(model_field.verbose_name),
                    theirs=stored,
                    theirs_display=_display(model_field, stored),
                )
            )
        elif outcome == THEIRS:
            setattr(instance, attname, stored)  # only the other person changed it: keep their value
            merged[model_field.name] = stored
    if not conflicting:
        return
    authors = authors_of(later)
    raise EditConflict(
        instance=instance,
        version=latest.history_id,
        fields=conflicting,
        authors=authors,
        when=latest.history_date,
        merged=merged,
    )


def checked_values(
    instance: models.Model, values: dict[str, Any], expected_version: int | None
) -> dict[str, Any]:
    """`check_version` for a service that locks its row with `core.locking.locked()` (which reloads it).

    Call it inside the transaction, before `locked(instance)`: it puts `values` on the object, checks
    them and returns the values to set once the row is locked and reloaded (other people's changes on
    fields this person left alone merged in).
    """
    if expected_version is None:
        return values
    for name, value in values.items():
        setattr(instance, name, value)
    check_version(instance, expected_version)
    return {name: getattr(instance, name) for name in values}


def check_text(
    instance: models.Model | None, attname: str, mine: str, expected_version: int | None
) -> tuple[str, Any]:
    """One text field of a row locked and read afresh, saved from a page opened on `expected_version`.

    Returns `(value_to_write, row)`: `row` is None when there is no conflict, else the history row of the
    latest change (who and when). Version 0 means the page was opened before the row existed (an empty text).
    """
    if expected_version is None or instance is None or instance.pk is None:
        return mine, None
    rows = history_model(instance)._default_manager.filter(**{_history_key(instance): instance.pk})
    latest = rows.select_related("history_user").order_by("-history_id").first()
    if latest is None or latest.history_id <= expected_version:
        return mine, None
    base = rows.filter(history_id=expected_version).first() if expected_version else None
    stored = getattr(instance, attname)
    outcome = resolve(mine, getattr(base, attname) if base is not None else "", stored)
    return (stored if outcome == THEIRS else mine), (latest if outcome == CONFLICT else None)


def versions_of(model: type[models.Model], ids: Iterable[int]) -> dict[int, int]:
    """The version (last history id) of each row of `model` in `ids`, in one query (0 for a row without history)."""
    key = model._meta.pk.attname
    found = dict(
        history_model(model)
        ._default_manager.filter(**{f"{key}__in": list(ids)})
        .values_list(key)
        .annotate(last=Max("history_id"))
    )
    return {pk: found.get(pk, 0) for pk in ids}


class VersionedFormMixin(_FormBase):
    """The version a form was opened on, carried in a hidden field (put it before `core.forms.ModelForm`).

    For a `ModelForm` the version is its instance's; another form passes `versioned=<the object>`.
    After validation, `form.expected_version` is the version to hand to the service (None when the
    post carried none); it is not in `cleaned_data`.
    """

    def __init__(self, *args: Any, versioned: models.Model | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = versioned if versioned is not None else getattr(self, "instance", None)
        self.fields[FIELD] = forms.IntegerField(
            widget=forms.HiddenInput,
            required=False,
            min_value=0,
            max_value=2**63 - 1,
            initial=version_of(target) if target is not None and target.pk else 0,
        )
        helper = getattr(self, "helper", None)
        if helper is not None:
            helper.render_hidden_fields = True
        self.conflict: EditConflict | None = None

    @property
    def expected_version(self) -> int | None:
        return getattr(self, "_expected_version", None)

    def full_clean(self) -> None:
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            # The version goes to the service as `expected_version`, never as one of the object's fields.
            self._expected_version = self.cleaned_data.pop(FIELD, None)

    @property
    def changed_data(self) -> list[str]:
        return [name for name in super().changed_data if name != FIELD]

    def show_conflict(self, conflict: EditConflict) -> None:
        """Give the form back: the message on top, the stored value beside each field, the version moved on."""
        self.conflict = conflict
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict: the form is bound
        data[self.add_prefix(FIELD)] = str(conflict.version)
        for name, value in conflict.merged.items():
            if name in self.fields:
                _put(data, self.add_prefix(name), value)
        self.data = data
        others = []
        for item in conflict.fields:
            text = _("Value saved by %(who)s: « %(value)s »") % {
                "who": conflict.who,
                "value": item.theirs_display,
            }
            if item.name in self.fields and not isinstance(self.fields[item.name].widget, forms.HiddenInput):
                self.add_error(item.name, ValidationError(text, code="edit_conflict"))
            else:
                others.append(f"{item.label}\u00a0: {text}")
        self.add_error(None, ValidationError(conflict.summary, code="edit_conflict"))
        for text in others:
            self.add_error(None, ValidationError(text, code="edit_conflict"))


def _put(data: Any, key: str, value: Any) -> None:
    """Write a stored value into posted data as a browser would send it."""
    if isinstance(value, bool):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
        return
    if value is None:
        data[key] = ""
    elif hasattr(value, "isoformat"):
        data[key] = value.isoformat()
    else:
        data[key] = str(value)
