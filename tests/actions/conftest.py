import io

import pytest

from actions import access
from directory.access import person_of
from tests.actions.factories import ProgrammeFactory, make_action

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="pre-projet.pdf", data=PDF_BYTES):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def programme(pilot):
    programme = ProgrammeFactory(code="branche-test", name="Programme de branche test")
    programme.managers.add(person_of(pilot))
    return programme


@pytest.fixture
def action(pilot, programme):
    return make_action(by=pilot, programme=programme, code="01", title="Être guidés dans une démarche QVT")


@pytest.fixture
def committee_reads_programme(committee_member):
    """Stand-in for governance: the committee member reads the programmes they are registered on."""
    readers: dict[int, set[int]] = {}

    def scope(user):
        from django.db.models import Q

        ids = readers.get(user.pk, set()) if user.is_authenticated else set()
        return Q(pk__in=ids), Q(programme_id__in=ids)

    access.register_reader_scope(scope)

    def grant(programme, user=committee_member):
        readers.setdefault(user.pk, set()).add(programme.pk)

    yield grant
    access._reader_scopes.remove(scope)


@pytest.fixture
def xlsx_bytes():
    def make(rows):
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    return make
