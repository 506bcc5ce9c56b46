"""The member-file pages whose reads are logged (`privacy.reads`): the file (with its staff notes), its
visits, their photos, and the download of a visit's documents (restitution, synthesis), whoever downloads
them. The portal's pages are not logged: a contact reads their own company's file there."""

from __future__ import annotations

from typing import Any

from privacy.models import ReadKind
from privacy.reads import ReadSubject, register
from reports.models import Document

from .models import Adherent, PreventionVisit, WorkUnitPhoto

_FIELDS = ("pk", "service_id", "organisation__name")


def _subject(row: tuple | None) -> ReadSubject | None:
    return ReadSubject(member_file_id=row[0], service_id=row[1], label=row[2]) if row else None


def member_file(kwargs: dict[str, Any]) -> ReadSubject | None:
    return _subject(Adherent.objects.filter(pk=kwargs["pk"]).values_list(*_FIELDS).first())


def visit_member_file(kwargs: dict[str, Any]) -> ReadSubject | None:
    fields = [f"adherent__{name}" if name != "pk" else "adherent_id" for name in _FIELDS]
    return _subject(PreventionVisit.objects.filter(pk=kwargs["pk"]).values_list(*fields).first())


def photo_member_file(kwargs: dict[str, Any]) -> ReadSubject | None:
    prefix = "work_unit__visit__adherent"
    fields = [f"{prefix}_id"] + [f"{prefix}__{name}" for name in _FIELDS[1:]]
    return _subject(WorkUnitPhoto.objects.filter(pk=kwargs["pk"]).values_list(*fields).first())


VISIT_DOCUMENTS = ("adherents.restitution", "adherents.synthesis")


def document_member_file(kwargs: dict[str, Any]) -> ReadSubject | None:
    """A downloaded document of a visit (None: a document of something else, not a member file's)."""
    target = (
        Document.objects.filter(pk=kwargs["pk"], kind__in=VISIT_DOCUMENTS)
        .values_list("target_id", flat=True)
        .first()
    )
    return visit_member_file({"pk": int(target)}) if target else None


register("adherents:adherent_detail", ReadKind.MEMBER_FILE, member_file)
register("adherents:adherent_edit", ReadKind.MEMBER_FILE, member_file)
register("adherents:visit_detail", ReadKind.VISIT, visit_member_file)
register("adherents:visit_edit", ReadKind.VISIT, visit_member_file)
register("reports:document_download", ReadKind.VISIT_DOCUMENT, document_member_file)
register("adherents:visit_photo", ReadKind.VISIT_PHOTO, photo_member_file)
