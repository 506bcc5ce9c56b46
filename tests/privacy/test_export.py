"""A person's file: every table naming them is in the ZIP, found from the models."""

import csv
import io
import json
import zipfile

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from privacy.models import PersonExport
from privacy.services.erasure import person_anonymise
from privacy.services.export import build_zip, person_export_build, person_export_request
from tests.factories import UserFactory

from .conftest import EMAIL, FULL_NAME

pytestmark = pytest.mark.django_db


def _tables_naming(person) -> set[str]:
    """Independently of privacy.discovery: every model with a link to the person or their account,
    or a character column holding their e-mail address."""
    found = set()
    for model in apps.get_models():
        query = models.Q()
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and (field.concrete or field.many_to_many):
                target = field.related_model._meta.label
                if target == "directory.Person":
                    query |= models.Q(**{field.name: person.pk})
                elif target == settings.AUTH_USER_MODEL:
                    query |= models.Q(**{field.name: person.user_id})
            elif isinstance(field, models.CharField | models.TextField) and not field.choices:
                query |= models.Q(**{f"{field.name}__icontains": EMAIL})
        if query and model._base_manager.filter(query).exists():
            found.add(model._meta.label)
    return found


def test_every_table_naming_the_person_is_in_the_zip(person_everywhere):
    content, tables, rows = build_zip(person_everywhere)
    with zipfile.ZipFile(io.BytesIO(content)) as zipped:
        names = set(zipped.namelist())
        data = json.loads(zipped.read("donnees.json"))
        expected = _tables_naming(person_everywhere)
        assert len(expected) > 15
        assert {f"tables/{label}.csv" for label in expected} <= names
        assert expected <= set(data)
        assert tables == len(data) and rows == sum(len(r) for r in data.values())
        person_rows = list(
            csv.reader(
                io.StringIO(zipped.read("tables/directory.Person.csv").decode("utf-8-sig")), delimiter=";"
            )
        )
        assert EMAIL in person_rows[1]
        users = data[settings.AUTH_USER_MODEL]
        assert "password" not in users[0]
        assert any(
            FULL_NAME in json.dumps(record, ensure_ascii=False) for record in data["governance.Decision"]
        )


def test_the_job_builds_once_and_the_administrator_downloads(
    person_everywhere, client_for, admin_user, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client = client_for(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:person_export", args=[person_everywhere.pk]))
    assert response.status_code == 302
    export = PersonExport.objects.get()
    assert export.status == PersonExport.Status.DONE and export.requested_by == admin_user
    assert person_export_build(export_id=export.pk) is None  # delivered twice: built once
    download = client.get(reverse("privacy:export_download", args=[export.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert "donnees-josiane-vercingetorix" in download["Content-Disposition"]
    page = client.get(reverse("privacy:person_detail", args=[person_everywhere.pk])).content.decode()
    assert reverse("privacy:export_download", args=[export.pk]) in page


def test_a_pending_file_cannot_be_downloaded_and_others_never_reach_it(
    person_everywhere, client_for, admin_user, pilot
):
    export = person_export_request(person=person_everywhere, by=admin_user)
    url = reverse("privacy:export_download", args=[export.pk])
    assert client_for(admin_user).get(url).status_code == 404
    person_export_build(export_id=export.pk)
    assert client_for(pilot).get(url).status_code == 404
    assert (
        client_for(pilot).post(reverse("privacy:person_export", args=[person_everywhere.pk])).status_code
        == 404
    )


def test_erasure_removes_their_prepared_files(person_everywhere):
    export = person_export_request(person=person_everywhere, by=None)
    person_export_build(export_id=export.pk)
    path = PersonExport.objects.get().file.path
    person_anonymise(person=person_everywhere, by=UserFactory(is_staff=True), reason="Demande")
    assert not PersonExport.objects.exists()
    import os

    assert not os.path.exists(path)


def test_many_to_many_history_tables_are_named_in_french():
    """« HistoricalIndicator_responsible » reads « Historique : indicateur — renseigné par », not its English name."""
    from django.utils import translation

    from privacy.discovery import scanned_models, table_name

    with translation.override("fr"):
        names = {model.__name__: table_name(model) for model in scanned_models()}
    linked = {name: label for name, label in names.items() if "_" in name}
    assert linked, "expected many-to-many history tables"
    for label in linked.values():
        assert label.startswith("Historique\u00a0: "), label
        assert "Relation" not in label and "historical" not in label.lower(), label
    assert names["HistoricalIndicator_responsible"] == "Historique\u00a0: indicateur — renseigné par"
