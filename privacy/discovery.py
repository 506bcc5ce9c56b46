"""Where a person is named, found from the models themselves (no list of tables to keep up to date).

A row names a person when it links to their directory record or to their user account (a foreign key
or a many-to-many link, history rows included), or when one of its text columns holds their full name,
their e-mail address or their phone number. Used by the person's page (what is held), the erasure
(what to rewrite) and the person's file (what to export).
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q

PERSON_MODEL = "directory.Person"
# Tables that hold no one's data in text (permissions, content types) or only opaque data (sessions).
SKIPPED = {"contenttypes.ContentType", "auth.Permission", "sessions.Session"}


def scanned_models() -> list[type[models.Model]]:
    return sorted((m for m in apps.get_models() if m._meta.label not in SKIPPED), key=lambda m: m._meta.label)


def text_columns(model) -> list[models.Field]:
    """Columns holding free text: character and text fields that are not codes (choices, keys, unique)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and not field.primary_key
        and not field.unique
        and not field.is_relation
    ]


def identity_needles(person) -> list[str]:
    """The strings that identify `person` in free text: full name both ways, e-mail addresses, phone."""
    needles = {
        f"{person.first_name} {person.last_name}".strip(),
        f"{person.last_name} {person.first_name}".strip(),
    }
    user = person.user
    if user is not None:
        needles |= {f"{user.first_name} {user.last_name}".strip(), user.email}
    needles |= {person.email}
    if len("".join(ch for ch in person.phone if ch.isdigit())) >= 6:
        needles.add(person.phone.strip())
    # A lone first or last name would also match other people: only full names count.
    return sorted(n for n in needles if n and (" " in n or "@" in n or any(ch.isdigit() for ch in n)))


def _is(model, label: str) -> bool:
    return model is not None and model._meta.label == label


def naming_query(model, person, needles: list[str]) -> Q | None:
    """The rows of `model` that name `person`, as one condition (None: the table cannot name anybody)."""
    user_id = person.user_id
    history_of = getattr(model, "instance_type", None) if hasattr(model, "history_object") else None
    query = Q()
    if _is(model, PERSON_MODEL) or _is(history_of, PERSON_MODEL):
        query |= Q(**{model._meta.get_field("id").attname: person.pk})
    if user_id is not None and (
        _is(model, settings.AUTH_USER_MODEL) or _is(history_of, settings.AUTH_USER_MODEL)
    ):
        query |= Q(**{model._meta.get_field("id").attname: user_id})
    for field in model._meta.get_fields():
        if not field.is_relation or field.auto_created or not (field.concrete or field.many_to_many):
            continue
        if _is(field.related_model, PERSON_MODEL):
            query |= Q(**{field.name: person.pk})
        elif user_id is not None and _is(field.related_model, settings.AUTH_USER_MODEL):
            query |= Q(**{field.name: user_id})
    for field in text_columns(model):
        for needle in needles:
            query |= Q(**{f"{field.name}__icontains": needle})
    return query if query else None


def rows_naming(person, *, in_text: bool = True) -> dict[type[models.Model], models.QuerySet]:
    """For each table with rows naming `person`, those rows (querysets; not evaluated).

    Without `in_text`, only the rows linked to their record or account: what the person asks for
    themselves (« My personal data »); mentions of their name in others' texts (minutes, staff notes)
    are the controller's to review and answer, on the administrators' page."""
    needles = identity_needles(person) if in_text else []
    found = {}
    for model in scanned_models():
        if (query := naming_query(model, person, needles)) is not None:
            found[model] = model._base_manager.filter(query).distinct()
    return found


def holdings(person, *, in_text: bool = True) -> list[tuple[type[models.Model], int]]:
    """How many rows of each table name `person` (tables with none left out)."""
    counted = ((model, rows.count()) for model, rows in rows_naming(person, in_text=in_text).items())
    return [(model, count) for model, count in counted if count]


def table_name(model) -> str:
    """What a person reads for a table: its name, or « Historique : <its name> » for history tables."""
    from django.utils.translation import gettext as _

    base = getattr(model, "instance_type", None)
    link = next((f for f in model._meta.concrete_fields if f.name == "history" and f.is_relation), None)
    if base is None and link is not None:
        base = getattr(link.related_model, "instance_type", None)
    if base is None:
        return _plain_name(model)
    return _("History: %(name)s") % {"name": _plain_name(base)}


def _plain_name(model) -> str:
    """A model's label; for a many-to-many link table (« Indicator_responsible »), its owner's and field's labels."""
    from django.utils.translation import gettext as _

    owner = model._meta.auto_created
    if not owner:
        return str(model._meta.verbose_name)
    field = next(f for f in owner._meta.many_to_many if f.remote_field.through is model)
    return _("%(model)s — %(field)s") % {"model": owner._meta.verbose_name, "field": field.verbose_name}
