"""A person's file on request: one ZIP of every row naming them (JSON + one CSV per table) and their files.

The tables come from the models (`privacy.discovery.rows_naming`): a new table linking to a person or a
user, or holding names in text, is exported without anyone listing it. Built by a Celery job; the row
moves queued → running → done / failed (claimed with a conditional UPDATE, so a job delivered twice
builds once).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from core.history import records_actor
from core.tabular import escape_cell
from core.types import Actor
from privacy.discovery import rows_naming
from privacy.models import PersonExport

if TYPE_CHECKING:
    from directory.models import Person

SKIPPED_COLUMNS = {"password", "token_hash", "unsubscribe_nonce", "session_key", "key_hash", "session_data"}


def _send(export_id: int) -> None:
    from privacy.tasks import build_person_export

    build_person_export.delay(export_id)


@records_actor
def person_export_request(*, person: Person, by: Actor, in_text: bool = True) -> PersonExport:
    """Ask for `person`'s file; the job starts once the request is committed.

    Without `in_text` (a person asking for their own data), the rows linked to them only
    (`privacy.discovery.rows_naming`)."""
    export = PersonExport.objects.create(person=person, requested_by=by, in_text=in_text)
    transaction.on_commit(lambda: _send(export.pk), robust=True)
    return export


@records_actor
def own_export_request(*, person: Person, by: Actor) -> tuple[PersonExport, bool]:
    """A person asks for their own file (rows linked to them): (the export, whether it is a new one).

    While one of theirs is being prepared, asking again (a doubled click, a second tab) starts nothing."""
    with transaction.atomic():
        pending = (
            PersonExport.objects.select_for_update()
            .filter(
                person=person,
                requested_by=by,
                status__in=(PersonExport.Status.QUEUED, PersonExport.Status.RUNNING),
            )
            .first()
        )
        if pending is not None:
            return pending, False
        return person_export_request(person=person, by=by, in_text=False), True


def _columns(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED_COLUMNS]


def _value(row: models.Model, field: models.Field) -> Any:
    value = getattr(row, field.attname)
    if isinstance(field, models.FileField):
        return value.name if value else ""
    return value


def _table_files(
    model: type[models.Model], rows: list[models.Model]
) -> tuple[list[dict[str, Any]], bytes, list[Any]]:
    columns = _columns(model)
    records, files = [], []
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([field.attname for field in columns])
    for row in rows:
        record = {field.attname: _value(row, field) for field in columns}
        records.append(record)
        writer.writerow([escape_cell("" if value is None else str(value)) for value in record.values()])
        files += [
            getattr(row, f.attname)
            for f in columns
            if isinstance(f, models.FileField) and getattr(row, f.attname)
        ]
    return records, buffer.getvalue().encode("utf-8-sig"), files


def build_zip(person: Person, *, in_text: bool = True) -> tuple[bytes, int, int]:
    """The ZIP of everything naming `person`: (bytes, tables, rows)."""
    data, tables, total = {}, 0, 0
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for model, queryset in rows_naming(person, in_text=in_text).items():
            rows = list(queryset.order_by("pk"))
            if not rows:
                continue
            label = model._meta.label
            records, table_csv, files = _table_files(model, rows)
            data[label] = records
            zipped.writestr(f"tables/{label}.csv", table_csv)
            for file in files:
                try:
                    with file.open("rb") as handle:
                        zipped.writestr(f"documents/{label}/{file.name}", handle.read())
                except (FileNotFoundError, OSError):
                    continue  # a file gone from storage: its name stays in the table
            tables += 1
            total += len(rows)
        zipped.writestr("donnees.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1))
    return archive.getvalue(), tables, total


def person_export_build(*, export_id: int) -> PersonExport | None:
    """Build the file of a queued export (run by the job); a job delivered twice builds once."""
    claimed = PersonExport.objects.filter(pk=export_id, status=PersonExport.Status.QUEUED).update(
        status=PersonExport.Status.RUNNING
    )
    if not claimed:
        return None
    export = PersonExport.objects.select_related("person").get(pk=export_id)
    try:
        content, tables, rows = build_zip(export.person, in_text=export.in_text)
    except Exception as error:  # kept for the administrator; the job itself does not retry
        PersonExport.objects.filter(pk=export_id).update(
            status=PersonExport.Status.FAILED, error=repr(error), finished_at=timezone.now()
        )
        raise
    name = (
        f"donnees-{slugify(export.person.full_name) or export.person.pk}-{timezone.localdate():%Y-%m-%d}.zip"
    )
    export.file.save(name, ContentFile(content), save=False)
    export.tables, export.rows = tables, rows
    export.status, export.finished_at = PersonExport.Status.DONE, timezone.now()
    export.save(update_fields=["file", "tables", "rows", "status", "finished_at"])
    return export
