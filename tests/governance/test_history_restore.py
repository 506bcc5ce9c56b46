"""A way back for minutes and decisions: their history pages (who changed what, when, with a diff of the
texts) and the restore of an earlier text, itself a new version with its author. Deletions that clear
references record it on each object touched."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.conflicts import version_of
from directory.models import Person
from governance import services
from governance.models import AgendaItem, Decision, FollowUpItem, Meeting, Membership, Minutes, MinutesItem
from tests.factories import make_account

from .factories import AgendaItemFactory, FollowUpFactory, MeetingFactory, add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(committee):
    """A second pilot of the committee, who may edit it too."""
    user = make_account("copilote_hist", Person.Role.PILOT)
    add_member(committee, user, Membership.Role.PILOT, college="employeurs")
    return user


@pytest.fixture
def held(committee, pilot):
    meeting = MeetingFactory(
        committee=committee, number=5, title="COPIL 5", starts_at=timezone.now() - timedelta(days=2)
    )
    services.meeting_mark_held(meeting=meeting, by=pilot, without_quorum_note="Réunion de travail")
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def item(held):
    return AgendaItemFactory(meeting=held, title="Budget", order=1)


@pytest.fixture
def minutes(held, item, pilot, colleague):
    """Written by the pilot, then rewritten by the colleague."""
    services.minutes_save(
        meeting=held,
        by=pilot,
        summary="Première synthèse\nLigne gardée",
        item_texts={item.pk: "Premier texte du point"},
    )
    services.minutes_save(
        meeting=held,
        by=colleague,
        summary="Synthèse revue\nLigne gardée",
        item_texts={item.pk: "Texte revu du point"},
    )
    return services.current_minutes(held)


def _first(history):
    return history.order_by("history_id").first()


def _first_summary(minutes):
    """The version of the minutes with the pilot's first summary (the row creating them has none yet)."""
    return minutes.history.filter(summary__startswith="Première").order_by("history_id").first()


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _restore_url(minutes, part, record):
    return reverse("governance:minutes_restore", args=[minutes.pk, part, record.history_id])


# --- The minutes' history ---------------------------------------------------------------------
def test_the_minutes_history_names_who_changed_what_with_a_diff(client_for, pilot, colleague, minutes):
    response = client_for(pilot).get(reverse("governance:minutes_history", args=[minutes.pk]))
    assert response.status_code == 200
    page = _text(response)
    assert colleague.get_full_name() in page and pilot.get_full_name() in page
    assert "Item « Budget »" in page or "Point «\u00a0Budget\u00a0»" in page
    # The diff of the colleague's version: the line removed and the line added, the kept one as context.
    assert "<del" in response.content.decode() and "<ins" in response.content.decode()
    assert "Première synthèse" in page and "Synthèse revue" in page
    summary_url = _restore_url(minutes, "resume", _first_summary(minutes))
    item_url = _restore_url(minutes, "point", _first(minutes.items.get().history))
    assert summary_url in page and item_url in page


def test_the_meeting_page_links_to_the_minutes_history(client_for, committee_member, held, minutes):
    response = client_for(committee_member).get(reverse("governance:meeting_detail", args=[held.pk]))
    assert reverse("governance:minutes_history", args=[minutes.pk]) in response.content.decode()


def test_a_reader_sees_the_history_without_a_way_to_restore(client_for, committee_member, minutes):
    client = client_for(committee_member)
    response = client.get(reverse("governance:minutes_history", args=[minutes.pk]))
    assert response.status_code == 200
    assert "restaurer" not in response.content.decode()
    url = _restore_url(minutes, "resume", _first_summary(minutes))
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": version_of(minutes)}).status_code == 403
    minutes.refresh_from_db()
    assert minutes.summary.startswith("Synthèse revue")


def test_outsiders_get_404(client_for, other_pilot, minutes):
    client = client_for(other_pilot)
    assert client.get(reverse("governance:minutes_history", args=[minutes.pk])).status_code == 404
    assert client.post(_restore_url(minutes, "resume", _first_summary(minutes)), {}).status_code == 404


# --- Restoring the minutes' texts ------------------------------------------------------------
def test_restoring_the_summary_is_a_new_version_by_its_author(client_for, pilot, minutes):
    client = client_for(pilot)
    url = _restore_url(minutes, "resume", _first_summary(minutes))
    page = client.get(url)
    assert page.status_code == 200
    assert "Première synthèse" in _text(page) and "Synthèse revue" in _text(page)
    before = minutes.history.count()
    response = client.post(url, {"version": page.context["form"]["version"].value()})
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:minutes_history", args=[minutes.pk])
    minutes.refresh_from_db()
    assert minutes.summary == "Première synthèse\nLigne gardée"
    assert minutes.history.count() == before + 1
    latest = minutes.history.latest()
    assert latest.history_user == pilot
    assert latest.history_change_reason.startswith("Restauration de la version du")
    assert minutes.items.get().text == "Texte revu du point"  # only the summary comes back


def test_restoring_an_item_text_brings_back_that_text_only(client_for, pilot, minutes):
    row = minutes.items.get()
    url = _restore_url(minutes, "point", _first(row.history))
    client = client_for(pilot)
    version = client.get(url).context["form"]["version"].value()
    assert client.post(url, {"version": version}).status_code == 302
    row.refresh_from_db()
    minutes.refresh_from_db()
    assert row.text == "Premier texte du point"
    assert row.history.latest().history_user == pilot
    assert minutes.summary.startswith("Synthèse revue")
    # The restored version no longer differs from today: no link to restore it again.
    history = client.get(reverse("governance:minutes_history", args=[minutes.pk])).content.decode()
    assert url not in history


def test_a_stale_restore_is_a_conflict_naming_the_other_person(
    client_for, pilot, colleague, minutes, held, item
):
    client = client_for(pilot)
    url = _restore_url(minutes, "resume", _first_summary(minutes))
    version = client.get(url).context["form"]["version"].value()
    services.minutes_save(meeting=held, by=colleague, summary="Troisième synthèse", item_texts={})
    response = client.post(url, {"version": version})
    assert response.status_code == 200
    page = _text(response)
    assert colleague.get_full_name() in page
    assert "Troisième synthèse" in page  # today's text, shown again beside that version
    minutes.refresh_from_db()
    assert minutes.summary == "Troisième synthèse"
    # Confirming again, having seen today's text, restores.
    again = client.post(url, {"version": response.context["form"]["version"].value()})
    assert again.status_code == 302
    minutes.refresh_from_db()
    assert minutes.summary == "Première synthèse\nLigne gardée"


def test_approved_minutes_are_not_restored(client_for, pilot, minutes):
    services.minutes_approve(minutes=minutes, by=pilot, mode=Minutes.ApprovalMode.CHAIR)
    client = client_for(pilot)
    history = client.get(reverse("governance:minutes_history", args=[minutes.pk]))
    assert "restaurer" not in history.content.decode()
    url = _restore_url(minutes, "resume", _first_summary(minutes))
    response = client.post(url, {"version": version_of(minutes)}, follow=True)
    assert "approuvé" in _text(response)
    minutes.refresh_from_db()
    assert minutes.summary.startswith("Synthèse revue")


def test_forged_ids_are_404_never_500(client_for, pilot, minutes, held, committee):
    client = client_for(pilot)
    other_meeting = MeetingFactory(
        committee=committee, number=6, starts_at=timezone.now() - timedelta(days=1)
    )
    other = Minutes.objects.create(meeting=other_meeting, summary="Autre compte rendu")
    item_record = _first(minutes.items.get().history)
    summary_record = _first(minutes.history)
    for url in (
        reverse("governance:minutes_restore", args=[minutes.pk, "resume", _first(other.history).history_id]),
        reverse("governance:minutes_restore", args=[minutes.pk, "resume", item_record.history_id + 10_000]),
        reverse("governance:minutes_restore", args=[minutes.pk, "point", summary_record.history_id + 10_000]),
        reverse("governance:minutes_restore", args=[minutes.pk, "autre", summary_record.history_id]),
        reverse("governance:minutes_restore", args=[other.pk, "point", item_record.history_id]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


def test_a_forged_version_is_a_form_error(client_for, pilot, minutes):
    url = _restore_url(minutes, "resume", _first_summary(minutes))
    response = client_for(pilot).post(url, {"version": "abc"})
    assert response.status_code == 200
    assert response.context["form"].errors
    minutes.refresh_from_db()
    assert minutes.summary.startswith("Synthèse revue")


def test_an_item_removed_from_the_agenda_cannot_be_restored(client_for, pilot, committee):
    meeting = MeetingFactory(committee=committee, number=7, starts_at=timezone.now() - timedelta(days=1))
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    removed = AgendaItemFactory(meeting=meeting, title="Retiré")
    services.minutes_save(meeting=meeting, by=pilot, summary="S", item_texts={removed.pk: "Texte"})
    minutes = services.current_minutes(meeting)
    record = _first(minutes.items.get().history)
    AgendaItem.objects.filter(pk=removed.pk).delete()
    client = client_for(pilot)
    assert client.get(reverse("governance:minutes_history", args=[minutes.pk])).status_code == 200
    assert client.get(_restore_url(minutes, "point", record)).status_code == 404


# --- Decisions ---------------------------------------------------------------------------------
@pytest.fixture
def decision(held, pilot, colleague):
    decision = services.decision_record(meeting=held, text="Premier texte de la décision", by=pilot)
    decision.text = "Texte corrigé de la décision"
    decision._history_user = colleague
    decision.save()
    return decision


def test_the_decision_history_shows_its_texts_and_follow_up_items(
    client_for, pilot, colleague, decision, held
):
    FollowUpFactory(decision=decision, title="Relancer le financeur", owner=pilot.person)
    response = client_for(pilot).get(reverse("governance:decision_history", args=[decision.pk]))
    assert response.status_code == 200
    page = _text(response)
    assert colleague.get_full_name() in page
    assert "Premier texte de la décision" in page and "Texte corrigé de la décision" in page
    assert "Relancer le financeur" in page
    restore = reverse("governance:decision_restore", args=[decision.pk, _first(decision.history).history_id])
    assert restore in page
    meeting_page = (
        client_for(pilot).get(reverse("governance:meeting_detail", args=[held.pk])).content.decode()
    )
    assert reverse("governance:decision_history", args=[decision.pk]) in meeting_page


def test_restoring_a_decision_is_a_new_version_by_its_author(client_for, pilot, decision):
    client = client_for(pilot)
    url = reverse("governance:decision_restore", args=[decision.pk, _first(decision.history).history_id])
    version = client.get(url).context["form"]["version"].value()
    assert client.post(url, {"version": version}).status_code == 302
    decision.refresh_from_db()
    assert decision.text == "Premier texte de la décision"
    assert decision.history.latest().history_user == pilot


def test_a_stale_decision_restore_is_a_conflict(client_for, pilot, colleague, decision):
    client = client_for(pilot)
    url = reverse("governance:decision_restore", args=[decision.pk, _first(decision.history).history_id])
    version = client.get(url).context["form"]["version"].value()
    decision.text = "Texte encore changé"
    decision._history_user = colleague
    decision.save()
    response = client.post(url, {"version": version})
    assert response.status_code == 200
    assert colleague.get_full_name() in _text(response)
    decision.refresh_from_db()
    assert decision.text == "Texte encore changé"


def test_decisions_of_approved_minutes_are_not_restored(client_for, pilot, decision, held, item):
    services.minutes_save(meeting=held, by=pilot, summary="S", item_texts={item.pk: "T"})
    services.minutes_approve(
        minutes=services.current_minutes(held), by=pilot, mode=Minutes.ApprovalMode.CHAIR
    )
    client = client_for(pilot)
    history = client.get(reverse("governance:decision_history", args=[decision.pk])).content.decode()
    assert "restaurer" not in history
    url = reverse("governance:decision_restore", args=[decision.pk, _first(decision.history).history_id])
    page = client.get(url)
    assert "approuvé" in _text(page) and 'name="version"' not in page.content.decode()
    response = client.post(url, {"version": version_of(decision)})
    assert response.status_code == 200
    assert "approuvé" in _text(response)
    decision.refresh_from_db()
    assert decision.text == "Texte corrigé de la décision"


def test_decision_forged_ids_are_404(client_for, pilot, committee_member, decision, held):
    other = services.decision_record(meeting=held, text="Autre décision", by=pilot)
    client = client_for(pilot)
    url = reverse("governance:decision_restore", args=[decision.pk, _first(other.history).history_id])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    reader = client_for(committee_member)
    assert reader.get(reverse("governance:decision_history", args=[decision.pk])).status_code == 200
    mine = reverse("governance:decision_restore", args=[decision.pk, _first(decision.history).history_id])
    assert reader.get(mine).status_code == 403
    assert reader.post(mine, {}).status_code == 403


# --- Query counts: flat whatever the number of versions -----------------------------------------
def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_minutes_history_query_count_is_flat(
    client_for, pilot, colleague, held, django_assert_max_num_queries
):
    items = [AgendaItemFactory(meeting=held, order=i) for i in range(3)]
    client = client_for(pilot)
    url = None
    counts = []
    done = 0
    for edits in (1, 30):
        for n in range(done, edits):
            services.minutes_save(
                meeting=held,
                by=[pilot, colleague][n % 2],
                summary=f"Synthèse {n}\nsuite",
                item_texts={i.pk: f"Texte {n} du point {i.pk}" for i in items},
            )
        done = edits
        url = reverse("governance:minutes_history", args=[services.current_minutes(held).pk])
        counts.append(_count(client, url))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(counts[0]):
        client.get(url)


def test_the_decision_history_query_count_is_flat(
    client_for, pilot, colleague, held, django_assert_max_num_queries
):
    decision = services.decision_record(meeting=held, text="Décision", by=pilot)
    followup = FollowUpFactory(decision=decision, owner=pilot.person)
    client = client_for(pilot)
    url = reverse("governance:decision_history", args=[decision.pk])
    counts = []
    done = 0
    for edits in (1, 30):
        for n in range(done, edits):
            decision.text = f"Décision {n}"
            decision._history_user = [pilot, colleague][n % 2]
            decision.save()
            followup.notes = f"Note {n}"
            followup.save()
        done = edits
        counts.append(_count(client, url))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(counts[0]):
        client.get(url)


# --- Deletions that clear references: recorded on each object touched --------------------------
def test_removing_an_agenda_item_records_it_on_the_items_carried_from_it(pilot, committee):
    meeting = MeetingFactory(committee=committee, number=8)
    item = AgendaItemFactory(meeting=meeting, title="Point d’origine")
    carried = AgendaItemFactory(meeting=MeetingFactory(committee=committee, number=9), carried_from=item)
    services.agenda_item_delete(item=item, by=pilot)
    carried.refresh_from_db()
    assert carried.carried_from_id is None
    latest = carried.history.latest()
    assert latest.history_user == pilot
    assert latest.carried_from_id is None
    assert "Point d’origine" in latest.history_change_reason


def test_removing_an_agenda_item_records_the_deletion_of_its_minutes_texts(pilot, committee):
    meeting = MeetingFactory(committee=committee, number=10)
    item = AgendaItemFactory(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    services.minutes_save(meeting=meeting, by=pilot, summary="S", item_texts={item.pk: "Texte écrit"})
    row = services.current_minutes(meeting).items.get()
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PLANNED)  # the agenda opens again
    services.agenda_item_delete(item=AgendaItem.objects.get(pk=item.pk), by=pilot)
    assert not MinutesItem.objects.filter(pk=row.pk).exists()
    deleted = MinutesItem.history.filter(id=row.pk).latest()
    assert deleted.history_type == "-"
    assert deleted.history_user == pilot
    assert deleted.text == "Texte écrit"


def test_deleting_a_decision_records_the_deletion_of_its_follow_up_items(pilot, held):
    decision = services.decision_record(meeting=held, text="À supprimer", by=pilot)
    followup = FollowUpFactory(decision=decision, owner=pilot.person, title="Suite")
    decision_pk = decision.pk  # delete() forgets the instance's pk
    services.decision_delete(decision=decision, by=pilot)
    assert not Decision.objects.filter(pk=decision_pk).exists()
    assert not FollowUpItem.objects.filter(pk=followup.pk).exists()
    for history in (Decision.history.filter(id=decision_pk), FollowUpItem.history.filter(id=followup.pk)):
        latest = history.latest()
        assert latest.history_type == "-"
        assert latest.history_user == pilot
