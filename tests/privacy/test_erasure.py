"""Erasure: the person's identity disappears from every text column; counts and decisions stay."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from adherents.models import Adherent
from directory.models import Person
from governance.models import Attendance, Decision, Membership
from governance.selectors import governance_figures
from privacy.discovery import holdings, scanned_models, text_columns
from privacy.models import PersonErasure
from privacy.services.erasure import legal_hold, person_anonymise
from tests.adherents.factories import AdherentFactory
from tests.factories import PersonFactory, UserFactory
from tests.governance.factories import MembershipFactory

from .conftest import EMAIL, FULL_NAME

pytestmark = pytest.mark.django_db


def _rows_holding(*texts: str) -> dict[str, int]:
    """Every text column of every table of the database, searched for `texts` (case-insensitive)."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
                if column.type_code in _text_types(cursor)
            ]
            for column in columns:
                for text in texts:
                    cursor.execute(
                        f'SELECT COUNT(*) FROM "{table}" WHERE UPPER("{column}"::text) LIKE UPPER(%s)',
                        [f"%{text}%"],
                    )
                    if count := cursor.fetchone()[0]:
                        found[f"{table}.{column}"] = found.get(f"{table}.{column}", 0) + count
    return found


def _text_types(cursor) -> set:
    cursor.execute("SELECT oid FROM pg_type WHERE typname IN ('text', 'varchar', 'bpchar', 'jsonb', 'json')")
    return {row[0] for row in cursor.fetchall()}


def _row_counts() -> dict[str, int]:
    return {
        m._meta.label: m._base_manager.count() for m in scanned_models() if not hasattr(m, "history_object")
    }


def test_the_person_is_named_nowhere_afterwards_and_every_count_stays(person_everywhere):
    person = person_everywhere
    admin = UserFactory(is_staff=True)
    committee_id = Membership.objects.get(person=person).committee_id
    assert _rows_holding(FULL_NAME, EMAIL)  # the search finds them before
    figures = governance_figures(committee=Membership.objects.get(person=person).committee)
    counts = _row_counts()

    erasure = person_anonymise(person=person, by=admin, reason=f"Demande de {FULL_NAME} du 2 décembre")

    assert _rows_holding(FULL_NAME, EMAIL, "Vercingétorix", "06 12 34 56 78", "jvercingetorix") == {}
    after = _row_counts()
    assert after.pop("privacy.PersonErasure") == counts.pop("privacy.PersonErasure") + 1
    assert after == counts
    assert governance_figures(committee=Membership.objects.get(person=person).committee) == figures
    person.refresh_from_db()
    assert person.full_name == erasure.pseudonym == f"Personne anonymisée n°\u00a0{erasure.pk}"
    assert Attendance.objects.filter(person=person, status=Attendance.Status.PRESENT).count() == 1
    assert Membership.objects.get(person=person).committee_id == committee_id
    assert (
        Decision.objects.get(meeting__committee_id=committee_id).text
        == f"{erasure.pseudonym} présentera le bilan."
    )
    assert not person.user.is_active and not person.user.has_usable_password()
    assert erasure.by == admin and erasure.rows
    assert person.history.latest().history_user == admin


def test_history_rows_show_the_pseudonym_as_author(person_everywhere):
    person = person_everywhere
    from adherents.models import StaffNote

    note_history = StaffNote.history.get()
    erasure = person_anonymise(person=person, by=UserFactory(is_staff=True), reason="Demande écrite")
    note_history.refresh_from_db()
    assert note_history.history_user == person.user
    assert str(note_history.history_user.get_full_name()) == erasure.pseudonym


def test_a_current_committee_member_is_refused_and_nothing_changes(db):
    person = PersonFactory(first_name="Aline", last_name="Quorum")
    MembershipFactory(person=person, start_date=timezone.localdate() - timedelta(days=10))
    with pytest.raises(ValidationError) as refused:
        person_anonymise(person=person, by=UserFactory(is_staff=True), reason="Demande")
    assert "membre en cours de mandat" in refused.value.messages[0]
    person.refresh_from_db()
    assert person.full_name == "Aline Quorum" and not PersonErasure.objects.exists()


def test_an_active_member_company_contact_is_held(db):
    adherent = AdherentFactory()
    person = PersonFactory(role=Person.Role.MEMBER_CONTACT, organisation=adherent.organisation)
    assert legal_hold(person)
    other = PersonFactory(email=adherent.admin_contact_email)
    assert legal_hold(other)
    Adherent.objects.filter(pk=adherent.pk).update(left_on=timezone.localdate())
    assert legal_hold(person) is None and legal_hold(other) is None


def test_a_reason_is_required_and_twice_is_refused(person_everywhere):
    admin = UserFactory(is_staff=True)
    with pytest.raises(ValidationError):
        person_anonymise(person=person_everywhere, by=admin, reason="  ")
    person_anonymise(person=person_everywhere, by=admin, reason="Demande")
    with pytest.raises(ValidationError):
        person_anonymise(person=person_everywhere, by=admin, reason="Demande")
    assert PersonErasure.objects.count() == 1


def test_holdings_list_the_tables_naming_the_person(person_everywhere):
    tables = {model._meta.label for model, _count in holdings(person_everywhere)}
    assert {
        "directory.Person",
        "auth.User",
        "governance.Attendance",
        "governance.Membership",
        "governance.MinutesRecipient",
        "governance.Decision",
        "adherents.StaffNote",
        "adherents.ContactAttempt",
        "adherents.MembershipApplication",
        "calls.Application",
        "calls.ProjectTeamMember",
        "reminders.OutgoingEmail",
        "reminders.Notification",
    } <= tables


def test_text_columns_leave_out_codes():
    names = {f.name for f in text_columns(Person)}
    assert {"first_name", "last_name", "email", "phone"} <= names
    assert "role" not in names


# --- The pages ---------------------------------------------------------------------------------


def test_search_finds_by_name_or_email_and_says_when_nobody_matches(
    client_for, admin_user, person_everywhere
):
    client = client_for(admin_user)
    url = reverse("privacy:person_search")
    assert FULL_NAME in client.get(url, {"q": "vercingétorix josiane"}).content.decode()
    assert FULL_NAME in client.get(url, {"q": EMAIL.upper()}).content.decode()
    page = client.get(url, {"q": "Personne Inconnue"}).content.decode()
    assert "Personne Inconnue" in page and FULL_NAME not in page
    assert "Aucune personne ne correspond" in page


def test_detail_shows_counts_and_anonymise_posts_then_redirects(client_for, admin_user, person_everywhere):
    client = client_for(admin_user)
    detail = reverse("privacy:person_detail", args=[person_everywhere.pk])
    page = client.get(detail).content.decode()
    assert (
        "governance.Attendance" in page
        and reverse("privacy:person_anonymise", args=[person_everywhere.pk]) in page
    )

    url = reverse("privacy:person_anonymise", args=[person_everywhere.pk])
    refused = client.post(url, {"reason": "Demande"})  # not confirmed
    assert refused.status_code == 200 and not PersonErasure.objects.exists()
    response = client.post(url, {"reason": "Demande du 2 déc.", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == detail
    assert PersonErasure.objects.get().by == admin_user
    assert FULL_NAME not in client.get(detail).content.decode()


def test_the_page_shows_a_legal_hold_instead_of_the_form(client_for, admin_user, db):
    person = PersonFactory()
    MembershipFactory(person=person)
    page = client_for(admin_user).get(reverse("privacy:person_detail", args=[person.pk])).content.decode()
    assert reverse("privacy:person_anonymise", args=[person.pk]) not in page


@pytest.mark.parametrize("persona", ["pilot", "consultant", "committee_member", "service_staff", "outsider"])
def test_nobody_but_administrators_reaches_the_pages(client_for, request, persona, person_everywhere):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("privacy:person_search")).status_code == 404
    assert client.get(reverse("privacy:person_detail", args=[person_everywhere.pk])).status_code == 404
    response = client.post(
        reverse("privacy:person_anonymise", args=[person_everywhere.pk]), {"reason": "x", "confirm": "on"}
    )
    assert response.status_code == 404 and not PersonErasure.objects.exists()


def test_anonymous_is_sent_to_login(client, person_everywhere):
    response = client.get(reverse("privacy:person_detail", args=[person_everywhere.pk]))
    assert response.status_code == 302 and "/comptes/" in response["Location"]
