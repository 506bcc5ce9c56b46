"""The Django admin of the directory: lists, search, filters and the history of each record."""

import pytest
from django.urls import reverse

from directory.models import Organisation


@pytest.fixture
def admin_client_(client_for, admin_user):
    return client_for(admin_user)


def test_the_organisation_changelist_searches_and_filters(admin_client_, cfdt, aract_corse, bakery):
    url = reverse("admin:directory_organisation_changelist")
    html = admin_client_.get(url).content.decode()
    assert "CFDT Auvergne-Rhône-Alpes" in html and "Boulangerie Dupont" in html
    assert "Organisation syndicale ou patronale" in html
    html = admin_client_.get(url, {"q": "73282932000074"}).content.decode()
    assert "Boulangerie Dupont" in html and "CFDT Auvergne" not in html
    html = admin_client_.get(url, {"kind__exact": "aract"}).content.decode()
    assert "ARACT Corse" in html and "Boulangerie Dupont" not in html


def test_the_person_changelist_searches_by_organisation(admin_client_, cfdt, aract_corse):
    html = admin_client_.get(reverse("admin:directory_person_changelist"), {"q": "CFDT"}).content.decode()
    assert "Perrin" in html and "Santoni" not in html


def test_an_admin_edit_is_recorded_and_shown_in_the_admin_history(
    admin_client_, admin_user, client_for, pilot, cfdt
):
    # A change made in the app…
    data = {"name": "CFDT AURA", "kind": "syndicat", "acronym": "CFDT", "territory": "Auvergne-Rhône-Alpes"}
    assert (
        client_for(pilot).post(reverse("directory:organisation_update", args=[cfdt.pk]), data).status_code
        == 302
    )
    # …and one made in the admin.
    change_url = reverse("admin:directory_organisation_change", args=[cfdt.pk])
    form = admin_client_.get(change_url).context["adminform"].form
    payload = {
        name: ("" if value is None else value) for name, value in form.initial.items() if name != "logo"
    }
    payload.update(
        name="CFDT Auvergne-Rhône-Alpes",
        headcount="30",
        **{
            "people-TOTAL_FORMS": "1",
            "people-INITIAL_FORMS": "1",
            "people-MIN_NUM_FORMS": "0",
            "people-MAX_NUM_FORMS": "1000",
            "people-0-id": cfdt.people.get().pk,
            "people-0-organisation": cfdt.pk,
            "people-0-first_name": "Martine",
            "people-0-last_name": "Perrin",
            "people-0-role": "autre",
            "people-0-college": "salaries",
        },
    )
    response = admin_client_.post(change_url, payload)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    records = list(cfdt.history.order_by("history_date"))
    assert [record.history_user for record in records] == [None, pilot, admin_user]

    history_page = admin_client_.get(reverse("admin:directory_organisation_history", args=[cfdt.pk]))
    html = history_page.content.decode()
    assert history_page.status_code == 200
    assert pilot.username in html and admin_user.username in html
    # The app's page shows both, with the names people know.
    html = client_for(pilot).get(cfdt.get_absolute_url()).content.decode()
    assert f"par {pilot.person.full_name}" in html and f"par {admin_user.person.full_name}" in html


def test_a_person_history_page_in_the_admin(admin_client_, cfdt):
    person = cfdt.people.get()
    response = admin_client_.get(reverse("admin:directory_person_history", args=[person.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["pilot", "committee_member", "member_contact"])
def test_only_staff_reach_the_admin(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("admin:directory_organisation_changelist")
    )
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_admin_history_of_a_deleted_organisation_is_kept(admin_client_, bakery):
    pk = bakery.pk
    response = admin_client_.post(reverse("admin:directory_organisation_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=pk).exists()
    assert Organisation.history.filter(id=pk, history_type="-").exists()
