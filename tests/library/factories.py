"""Library test data: an action with a validated deliverable carrying a real PDF or DOCX."""

import zipfile
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone

from actions.models import ActionPhase, CollectiveAction, Deliverable, Programme, QvtTheme, TeamMember
from directory.models import Person

_counter = iter(range(1, 10**6))


def pdf_bytes(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<html><body><p>{text}</p></body></html>").write_pdf()


def docx_bytes(text: str) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.split("\n"))
            + "</w:body></w:document>",
        )
    return buffer.getvalue()


def make_programme(**fields) -> Programme:
    number = next(_counter)
    fields.setdefault("name", f"Programme {number}")
    fields.setdefault("code", f"prog-{number}")
    return Programme.objects.create(**fields)


def make_action(programme=None, *, team=(), **fields) -> CollectiveAction:
    number = next(_counter)
    action = CollectiveAction.objects.create(
        programme=programme or make_programme(),
        code=fields.pop("code", f"A{number}"),
        title=fields.pop("title", f"Action {number}"),
        **fields,
    )
    for user in team:
        TeamMember.objects.create(action=action, person=Person.objects.get(user=user))
    return action


def make_deliverable(
    action,
    *,
    title="Fiche de cadrage",
    description="",
    content: bytes | None = None,
    kind="pdf",
    status=Deliverable.Status.VALIDATED,
) -> Deliverable:
    phase, _created = ActionPhase.objects.get_or_create(action=action, number=4)
    deliverable = Deliverable.objects.create(
        action=action,
        phase=phase,
        title=title,
        description=description,
        status=status,
        validated_at=timezone.now() if status == Deliverable.Status.VALIDATED else None,
    )
    if content is not None:
        deliverable.file.save(f"livrable.{kind}", ContentFile(content), save=False)
        deliverable.file_kind = kind
        if status == Deliverable.Status.VALIDATED:
            deliverable.validated_file.name = deliverable.file.name
            deliverable.validated_file_kind = kind
        deliverable.save()
    return deliverable


def theme(code="sante-travail"):
    return QvtTheme.objects.filter(code=code).first() or QvtTheme.objects.first()
