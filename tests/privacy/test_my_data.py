"""« My personal data »: each user sees what is linked to them, downloads it, and sees their consents."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from library.models import DigestPreference
from privacy.models import PersonExport
from privacy.services.export import person_export_build
from reminders.services import notification_preference_set

from .conftest import EMAIL

pytestmark = pytest.mark.django_db


def test_the_page_lists_what_is_linked_to_them_not_mentions_in_others_texts(client_for, person_everywhere):
    page = client_for(person_everywhere.user).get(reverse("privacy:my_data"))
    assert page.status_code == 200
    labels = {label for _name, label, _count in page.context["holdings"]}
    assert {"directory.Person", "governance.Attendance", "governance.Membership"} <= labels
    # Rows naming her in their text only (written by others): the controller's file, not this page.
    assert {"governance.Decision", "adherents.StaffNote"} <= labels  # she wrote them
    assert (
        not {"adherents.MembershipApplication", "calls.ProjectTeamMember", "reminders.OutgoingEmail"} & labels
    )
    assert "Préparer mon fichier" in page.content.decode()


def test_asking_twice_prepares_one_file_and_the_file_holds_their_linked_rows(
    client_for, person_everywhere, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("privacy.services.export._send", lambda export_id: None)
    client = client_for(person_everywhere.user)
    for _ in range(2):
        assert client.post(reverse("privacy:my_data_export")).status_code == 302
    export = PersonExport.objects.get()
    assert export.requested_by == person_everywhere.user and not export.in_text
    person_export_build(export_id=export.pk)
    download = client.get(reverse("privacy:export_download", args=[export.pk]))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    data = json.loads(zipfile.ZipFile(io.BytesIO(content)).read("donnees.json"))
    assert data["directory.Person"][0]["email"] == EMAIL
    assert "governance.Attendance" in data
    assert "adherents.MembershipApplication" not in data


def test_nobody_downloads_another_person_s_file(client_for, person_everywhere, pilot, monkeypatch):
    monkeypatch.setattr("privacy.services.export._send", lambda export_id: None)
    client_for(person_everywhere.user).post(reverse("privacy:my_data_export"))
    export = PersonExport.objects.get()
    person_export_build(export_id=export.pk)
    assert client_for(pilot).get(reverse("privacy:export_download", args=[export.pk])).status_code == 404


def test_an_administrator_s_file_of_them_is_not_theirs_to_download(
    client_for, person_everywhere, admin_user, monkeypatch
):
    monkeypatch.setattr("privacy.services.export._send", lambda export_id: None)
    client_for(admin_user).post(reverse("privacy:person_export", args=[person_everywhere.pk]))
    export = PersonExport.objects.get()
    assert export.in_text
    person_export_build(export_id=export.pk)
    own = client_for(person_everywhere.user)
    assert own.get(reverse("privacy:export_download", args=[export.pk])).status_code == 404
    assert list(own.get(reverse("privacy:my_data")).context["exports"]) == []  # not listed on her page either


def test_consents_as_their_preference_pages_set_them(client_for, pilot, member_contact):
    notification_preference_set(user=pilot, delivery="in_app", by=pilot)
    DigestPreference.objects.create(user=pilot, weekly_digest=False)
    page = client_for(pilot).get(reverse("privacy:my_data"))
    consents = page.context["consents"]
    assert consents.weekly_digest is False
    assert consents.notices == "Dans l’application seulement, sans e-mail"
    portal = client_for(member_contact).get(reverse("privacy:my_data"))
    assert portal.status_code == 200
    assert portal.context["consents"].weekly_digest is None  # no digest for portal accounts


def test_an_account_without_a_directory_record_sees_its_account_only(client_for, django_user_model):
    user = django_user_model.objects.create_user("sans_fiche", password="x")
    client = client_for(user)
    page = client.get(reverse("privacy:my_data"))
    assert page.status_code == 200 and page.context["person"] is None
    assert client.post(reverse("privacy:my_data_export")).status_code == 404
