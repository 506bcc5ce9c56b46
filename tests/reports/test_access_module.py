"""`reports.access`: a document is read by its requester while they still see its target, and
by administrators; its technical error by who reads documents in the Django admin."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from core import access as core_access
from reports import access
from reports.models import Document
from reports.services import document_request
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(sample_kind, pilot):
    return document_request(kind=sample_kind.key, target=OrganisationFactory(), requested_by=pilot)


def test_the_document_policy_lives_in_reports_access():
    policy = core_access.policy_for(Document)
    assert policy.visible is access.documents_visible_to
    assert policy.verbs == {"retry": access.can_retry_document}


def test_reports_stays_infrastructure():
    """reports/access.py imports no domain app (the directory included)."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(access.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
    }
    imported |= {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert imported <= {"__future__", "django", "core"}, imported


def test_who_reads_and_retries(document, sample_kind, pilot, other_pilot, admin_user):
    assert access.can_read_document(pilot, document) and access.can_retry_document(pilot, document)
    assert not access.can_read_document(other_pilot, document)
    assert not access.can_retry_document(other_pilot, document)
    assert access.can_read_document(admin_user, document) and access.can_retry_document(admin_user, document)
    anonymous = AnonymousUser()
    assert not access.can_read_document(anonymous, document)
    assert not access.documents_visible_to(anonymous).exists()
    with pytest.raises(Http404):
        core_access.object_for(other_pilot, Document, pk=document.pk)
    # The requester who no longer sees the target still owns the row, but may not read it.
    sample_kind.denied.add(pilot.username)
    assert core_access.object_for(pilot, Document, pk=document.pk) == document
    assert not access.can_read_document(pilot, document)
    assert access.can_read_document(admin_user, document)


def test_the_list_is_ones_own_even_for_an_administrator(document, admin_user, sample_kind, pilot):
    assert list(access.documents_requested_by(pilot)) == [document]
    assert not access.documents_requested_by(admin_user).exists()
    assert list(access.documents_visible_to(admin_user)) == [document]


def test_asking_needs_to_see_the_target(sample_kind, outsider, pilot):
    organisation = OrganisationFactory()
    assert access.can_request_document(pilot, sample_kind.key, organisation)
    assert not access.can_request_document(outsider, sample_kind.key, organisation)
    with pytest.raises(PermissionDenied):
        document_request(kind=sample_kind.key, target=organisation, requested_by=outsider)


def test_the_technical_error_is_shown_to_who_reads_documents_in_the_admin(
    document, pilot, admin_user, client_for
):
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.FAILED, error="RuntimeError: boom\nTraceback détaillé"
    )
    url = reverse("reports:document_detail", args=[document.pk])
    assert access.can_read_errors(admin_user) and not access.can_read_errors(pilot)
    assert "Traceback détaillé" not in client_for(pilot).get(url).content.decode()
    assert "Traceback détaillé" in client_for(admin_user).get(url).content.decode()
    pilot.user_permissions.add(
        Permission.objects.get(codename="view_document", content_type__app_label="reports")
    )
    pilot = type(pilot).objects.get(pk=pilot.pk)  # permissions are cached on the user object
    assert access.can_read_errors(pilot)
    assert "Traceback détaillé" in client_for(pilot).get(url).content.decode()
