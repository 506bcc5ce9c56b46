"""Who read what: the member-file pages served are logged; the log is read by administrators and by a
service's data referent (their own service only); it is deleted past its retention period."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import checks
from django.urls import reverse
from django.utils import timezone

from core.history import system_actor
from privacy import reads
from privacy.models import ReadKind, ReadLogEntry
from privacy.services.retention import retention_apply
from tests.adherents.factories import AdherentFactory, PreventionVisitFactory, ServiceFactory
from tests.factories import OrganisationFactory, make_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_file(service_organisation):
    return AdherentFactory(
        service=service_organisation, organisation=OrganisationFactory(name="Menuiserie Lenoir")
    )


@pytest.fixture
def referent(service_staff):
    service_staff.user_permissions.add(
        Permission.objects.get(content_type__app_label="privacy", codename="view_readlogentry")
    )
    return service_staff


def test_a_member_file_read_is_logged_with_its_reader_and_service(client_for, service_staff, member_file):
    response = client_for(service_staff).get(reverse("adherents:adherent_detail", args=[member_file.pk]))
    assert response.status_code == 200
    entry = ReadLogEntry.objects.get()
    assert entry.reader == service_staff
    assert entry.kind == ReadKind.MEMBER_FILE
    assert entry.member_file_id == member_file.pk
    assert entry.service_id == member_file.service_id
    assert entry.subject == "Menuiserie Lenoir"
    assert entry.path == reverse("adherents:adherent_detail", args=[member_file.pk])


def test_a_visit_read_names_its_member_file(client_for, service_staff, member_file):
    visit = PreventionVisitFactory(adherent=member_file)
    client_for(service_staff).get(reverse("adherents:visit_detail", args=[visit.pk]))
    entry = ReadLogEntry.objects.get()
    assert (entry.kind, entry.member_file_id, entry.subject) == (
        ReadKind.VISIT,
        member_file.pk,
        "Menuiserie Lenoir",
    )


def test_a_visit_document_downloaded_is_a_read_and_another_document_is_not(
    client_for, service_staff, member_file
):
    from django.core.files.base import ContentFile

    from reports.models import Document

    visit = PreventionVisitFactory(adherent=member_file)
    documents = []
    for kind, target in (("adherents.restitution", visit), ("directory.export", None)):
        document = Document(kind=kind, title="Doc", requested_by=service_staff)
        if target is not None:
            document.target = target
        document.status = Document.Status.DONE
        document.file.save("doc.pdf", ContentFile(b"%PDF-1.4"), save=False)
        document.save()
        documents.append(document)
    client = client_for(service_staff)
    for document in documents:
        assert client.get(reverse("reports:document_download", args=[document.pk])).status_code == 200
    entry = ReadLogEntry.objects.get()
    assert (entry.kind, entry.member_file_id) == (ReadKind.VISIT_DOCUMENT, member_file.pk)


def test_a_page_s_reads_are_declared_once():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        reads.register("adherents:adherent_detail", ReadKind.MEMBER_FILE, dict)


def test_a_refused_read_a_post_and_an_anonymous_visit_are_not_reads(
    client_for, service_staff, pilot, member_file
):
    url = reverse("adherents:adherent_detail", args=[member_file.pk])
    assert client_for(pilot).get(url).status_code == 404  # not theirs: nothing was shown
    assert client_for(None).get(url).status_code == 302  # the login page
    client_for(service_staff).post(reverse("adherents:adherent_detail", args=[member_file.pk]))
    assert not ReadLogEntry.objects.exists()


def test_the_list_of_member_files_is_not_a_read_of_each_file(client_for, service_staff, member_file):
    assert client_for(service_staff).get(reverse("adherents:adherent_list")).status_code == 200
    assert not ReadLogEntry.objects.exists()


def test_every_logged_read_is_a_url_of_the_site_and_the_check_says_so_otherwise(monkeypatch):
    assert reads.logged_reads_exist(None) == []
    monkeypatch.setitem(
        reads._reads, "adherents:nowhere", reads.LoggedRead("adherents:nowhere", "visit", dict)
    )
    errors = reads.logged_reads_exist(None)
    assert [error.id for error in errors] == ["copilote.E003"]
    assert isinstance(errors[0], checks.Error)


def test_the_member_file_pages_are_logged():
    assert {
        "adherents:adherent_detail",
        "adherents:adherent_edit",
        "adherents:visit_detail",
        "adherents:visit_edit",
        "reports:document_download",
        "adherents:visit_photo",
    } <= set(reads.logged_reads())


# --- The log's page ------------------------------------------------------------------
def _entry(member_file, reader, **fields):
    return ReadLogEntry.objects.create(
        reader=reader,
        kind=fields.pop("kind", ReadKind.MEMBER_FILE),
        service=member_file.service,
        member_file_id=member_file.pk,
        subject=member_file.organisation.name,
        path="/adherents/",
        **fields,
    )


def test_the_member_file_links_to_its_reads_for_those_who_may_read_them(client_for, referent, member_file):
    page = client_for(referent).get(reverse("adherents:adherent_detail", args=[member_file.pk]))
    link = f"{reverse('privacy:read_log')}?company={member_file.pk}"
    assert link in page.content.decode()
    listed = client_for(referent).get(link)
    assert [entry.member_file_id for entry in listed.context["entries"]] == [member_file.pk]


def test_staff_without_the_permission_are_not_shown_the_link(client_for, service_staff, member_file):
    page = client_for(service_staff).get(reverse("adherents:adherent_detail", args=[member_file.pk]))
    assert 'data-testid="reads-link"' not in page.content.decode()


def test_a_referent_reads_their_service_s_log_only(client_for, referent, service_staff, member_file):
    elsewhere = AdherentFactory(
        service=ServiceFactory(), organisation=OrganisationFactory(name="Garage Ailleurs")
    )
    _entry(member_file, service_staff)
    _entry(elsewhere, service_staff)
    page = client_for(referent).get(reverse("privacy:read_log"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Menuiserie Lenoir" in text and "Garage Ailleurs" not in text
    assert 'name="service"' not in text  # one service: nothing to choose


def test_the_referent_is_shown_the_log_in_the_navigation_and_other_staff_are_not(referent, pilot):
    from core import navigation

    def shown(user):
        return [area["key"] for area in navigation.areas_for(user)["more"]]

    assert "privacy" in shown(referent)
    assert "privacy" not in shown(pilot)


def test_staff_without_the_permission_and_others_do_not_learn_the_log_exists(
    client_for, service_staff, pilot
):
    for user in (service_staff, pilot):
        assert client_for(user).get(reverse("privacy:read_log")).status_code == 404


def test_the_administrator_filters_by_company_reader_kind_and_period(
    client_for, admin_user, service_staff, member_file
):
    other_file = AdherentFactory(
        service=member_file.service, organisation=OrganisationFactory(name="Garage Martin")
    )
    other_reader = make_account("lecteur_x", "service", organisation=member_file.service)
    other_reader.last_name = "Quenardel"
    other_reader.save(update_fields=["last_name"])
    _entry(member_file, service_staff)
    _entry(other_file, other_reader, kind=ReadKind.VISIT)
    old = _entry(other_file, other_reader)
    ReadLogEntry.objects.filter(pk=old.pk).update(read_at=timezone.now() - timedelta(days=40))
    client = client_for(admin_user)

    def rows(**params):
        page = client.get(reverse("privacy:read_log"), params)
        assert page.status_code == 200
        return list(page.context["entries"])

    assert len(rows()) == 3
    assert {e.subject for e in rows(company="lenoir")} == {"Menuiserie Lenoir"}
    assert {e.member_file_id for e in rows(company=str(other_file.pk))} == {other_file.pk}
    assert {e.reader for e in rows(reader="quenardel")} == {other_reader}
    assert [e.kind for e in rows(kind=ReadKind.VISIT)] == [ReadKind.VISIT]
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert len(rows(since=since)) == 2
    assert len(rows(since="pas une date")) == 3  # a wrong date is ignored with its message, not a 500


def test_the_log_page_s_queries_do_not_grow_with_its_rows(
    client_for, admin_user, service_staff, member_file, django_assert_max_num_queries
):
    client = client_for(admin_user)
    client.get(reverse("privacy:read_log"))  # warm the session
    for size in (3, 40):
        for _ in range(size):
            _entry(member_file, service_staff)
        with django_assert_max_num_queries(9):
            assert client.get(reverse("privacy:read_log")).status_code == 200


def test_the_log_is_deleted_past_its_period(service_staff, member_file):
    old, recent = _entry(member_file, service_staff), _entry(member_file, service_staff)
    ReadLogEntry.objects.filter(pk=old.pk).update(read_at=timezone.now() - timedelta(days=400))
    dry = {r.kind: r.count for r in retention_apply(by=system_actor(), dry_run=True)}
    assert dry["read_log"] == 1
    retention_apply(by=system_actor())
    assert list(ReadLogEntry.objects.values_list("pk", flat=True)) == [recent.pk]
