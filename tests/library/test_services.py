from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from actions.models import Deliverable
from library import services
from library.models import ProgrammeFollow, Publication, PublicationHit
from reminders.models import Notification
from tests.library.factories import docx_bytes, make_deliverable, pdf_bytes, theme

pytestmark = pytest.mark.django_db


def test_publishing_a_deliverable_indexes_the_text_of_its_file(action, pilot):
    deliverable = make_deliverable(
        action, content=pdf_bytes("Lors du COPIL 1, une fiche de cadrage est établie.")
    )
    publication = services.publication_publish(
        source_key="actions.deliverable",
        obj=deliverable,
        by=pilot,
        audience=Publication.Audience.PARTNERS,
        themes=[theme()],
    )
    assert "fiche de cadrage" in publication.body_text
    assert publication.has_file and publication.file_kind == "pdf"
    assert publication.programme == action.programme and publication.doc_type == "livrable"
    deliverable.refresh_from_db()
    assert deliverable.published_at == publication.published_at


def test_a_docx_deliverable_is_indexed_too(action, pilot):
    deliverable = make_deliverable(
        action, content=docx_bytes("Grille de recensement des temps d’échange"), kind="docx"
    )
    publication = services.publication_publish(
        source_key="actions.deliverable", obj=deliverable, by=pilot, audience=Publication.Audience.USERS
    )
    assert "recensement" in publication.body_text and publication.file_kind == "docx"


def test_only_the_action_team_publishes_and_only_validated_deliverables(action, pilot, other_pilot):
    deliverable = make_deliverable(action)
    with pytest.raises(PermissionDenied):
        services.publication_publish(
            source_key="actions.deliverable",
            obj=deliverable,
            by=other_pilot,
            audience=Publication.Audience.PUBLIC,
        )
    draft = make_deliverable(action, title="Brouillon", status=Deliverable.Status.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        services.publication_publish(
            source_key="actions.deliverable", obj=draft, by=pilot, audience=Publication.Audience.PUBLIC
        )
    with pytest.raises(ValidationError):
        services.publication_publish(
            source_key="actions.deliverable", obj=deliverable, by=pilot, audience="nobody"
        )


def test_the_fiche_action_is_publishable_with_its_fields(action, pilot):
    action.needs = "Besoin de structurer la conduite de projet numérique"
    action.save()
    publication = services.publication_publish(
        source_key="actions.fiche", obj=action, by=pilot, audience=Publication.Audience.PUBLIC
    )
    assert "conduite de projet" in publication.body_text
    assert publication.title.startswith("Fiche-action")


def test_followers_who_may_read_are_alerted_once(
    action, pilot, consultant, outsider, committee_member, django_capture_on_commit_callbacks
):
    deliverable = make_deliverable(action)
    ProgrammeFollow.objects.create(
        user=consultant, programme=action.programme
    )  # follows, cannot read partners' items
    ProgrammeFollow.objects.create(user=pilot, programme=action.programme)  # the publisher: not alerted
    action.followers.add(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        services.publication_publish(
            source_key="actions.deliverable",
            obj=deliverable,
            by=pilot,
            audience=Publication.Audience.PARTNERS,
        )
    assert not Notification.objects.exists()  # nobody else may read a partners-only item
    with django_capture_on_commit_callbacks(execute=True):
        publication = services.publication_publish(
            source_key="actions.deliverable", obj=deliverable, by=pilot, audience=Publication.Audience.USERS
        )
    assert not Notification.objects.exists()  # an update is not a new publication
    services.publication_withdraw(publication=publication, by=pilot)
    with django_capture_on_commit_callbacks(execute=True):
        services.publication_publish(
            source_key="actions.deliverable", obj=deliverable, by=pilot, audience=Publication.Audience.USERS
        )
    alerted = set(Notification.objects.values_list("user__username", flat=True))
    assert alerted == {consultant.username, outsider.username}
    assert any("Nouvelle publication" in m.subject for m in mail.outbox)


def test_withdrawing_clears_the_deliverable_and_is_reserved_to_its_team(action, pilot, other_pilot):
    deliverable = make_deliverable(action)
    publication = services.publication_publish(
        source_key="actions.deliverable", obj=deliverable, by=pilot, audience=Publication.Audience.USERS
    )
    with pytest.raises(PermissionDenied):
        services.publication_withdraw(publication=publication, by=other_pilot)
    services.publication_withdraw(publication=publication, by=pilot)
    deliverable.refresh_from_db()
    assert deliverable.published_at is None and not Publication.objects.get().is_published


def test_reach_is_counted(action, pilot):
    from library.selectors import programme_reach

    publication = services.publication_publish(
        source_key="actions.fiche", obj=action, by=pilot, audience=Publication.Audience.USERS
    )
    services.publication_record(publication=publication, download=False)
    services.publication_record(publication=publication, download=True)
    services.publication_record(publication=publication, download=True)
    assert programme_reach(action.programme) == {"publications": 1, "views": 1, "downloads": 2}
    PublicationHit.objects.filter(kind="telechargement").update(at=timezone.now() - timedelta(days=40))
    today = timezone.localdate()
    assert programme_reach(action.programme, start=today - timedelta(days=7), end=today) == {
        "publications": 1,
        "views": 1,
        "downloads": 0,
    }
    assert programme_reach(action.programme, end=today - timedelta(days=30))["publications"] == 0
