"""Edit conflicts in governance: a committee, a meeting or an agenda item saved on a stale page is never
overwritten silently (core.conflicts): the second person sees who changed what, keeps their entries, and
saving again deliberately keeps theirs. Fields the other person left alone are merged."""

import html

import pytest
from django.urls import reverse

from core.conflicts import version_of
from directory.models import Person
from governance import services
from governance.models import AgendaItem, Committee, Meeting, Membership
from tests.factories import make_account
from tests.governance.factories import AgendaItemFactory, add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(committee):
    """A second pilot of the committee, who may edit it too."""
    user = make_account("copilote_test", Person.Role.PILOT)
    add_member(committee, user, Membership.Role.PILOT, college="employeurs")
    return user


def _page_data(client, url) -> dict:
    """What the edit page would post back untouched: its form's values, as the browser sends them."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    assert 'type="hidden" name="version"' in response.content.decode()
    data = {}
    for bound in form:
        value = bound.value()
        if bound.field.disabled:
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif value is None:
            data[bound.html_name] = ""
        else:
            data[bound.html_name] = bound.field.widget.format_value(value) or ""
    return data


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _stale_post_then_save_again(client, url, data, *, field, mine, theirs, other):
    data[field] = mine
    response = client.post(url, data)
    assert response.status_code == 200
    page = _text(response)
    assert other.get_full_name() in page
    assert "pendant que vous la modifiiez" in page or "while you were editing" in page
    assert theirs in page  # their value beside the field
    form = response.context["form"]
    assert form[field].value() == mine  # my entry kept
    # Saving again keeps mine: the form moved on to the version now stored.
    again = dict(data, version=form.data["version"])
    response = client.post(url, again)
    assert response.status_code == 302, _text(response)


def test_meeting_stale_save_shows_the_conflict_then_saving_again_keeps_mine(
    client_for, pilot, colleague, meeting
):
    client = client_for(pilot)
    url = reverse("governance:meeting_edit", args=[meeting.pk])
    data = _page_data(client, url)
    services.meeting_update(meeting=Meeting.objects.get(pk=meeting.pk), place="Salle Rhône", by=colleague)
    _stale_post_then_save_again(
        client, url, data, field="place", mine="Salle Loire", theirs="Salle Rhône", other=colleague
    )
    meeting.refresh_from_db()
    assert meeting.place == "Salle Loire"


def test_meeting_stale_post_changes_nothing_in_the_database(client_for, pilot, colleague, meeting):
    client = client_for(pilot)
    url = reverse("governance:meeting_edit", args=[meeting.pk])
    data = _page_data(client, url)
    services.meeting_update(meeting=Meeting.objects.get(pk=meeting.pk), place="Salle Rhône", by=colleague)
    stored = version_of(meeting)
    response = client.post(url, dict(data, place="Salle Loire", title="Autre titre"))
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert (meeting.place, meeting.title) == ("Salle Rhône", "COPIL 1")
    assert version_of(meeting) == stored


def test_meeting_changes_on_other_fields_are_merged(client_for, pilot, colleague, meeting):
    client = client_for(pilot)
    url = reverse("governance:meeting_edit", args=[meeting.pk])
    data = _page_data(client, url)
    services.meeting_update(meeting=Meeting.objects.get(pk=meeting.pk), place="Salle Rhône", by=colleague)
    response = client.post(url, dict(data, title="COPIL de printemps"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.place) == ("COPIL de printemps", "Salle Rhône")
    assert meeting.history.first().history_user == pilot


def test_meeting_forged_version_is_a_form_error(client_for, pilot, meeting):
    client = client_for(pilot)
    url = reverse("governance:meeting_edit", args=[meeting.pk])
    data = _page_data(client, url)
    response = client.post(url, dict(data, version="abc", place="Salle Loire"))
    assert response.status_code == 200
    assert response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.place != "Salle Loire"


def test_committee_stale_save_shows_the_conflict_then_saving_again_keeps_mine(
    client_for, pilot, colleague, committee
):
    client = client_for(pilot)
    url = reverse("governance:committee_edit", args=[committee.pk])
    data = _page_data(client, url)
    services.committee_update(
        committee=Committee.objects.get(pk=committee.pk), name="COPIL Rhône", by=colleague
    )
    _stale_post_then_save_again(
        client, url, data, field="name", mine="COPIL Loire", theirs="COPIL Rhône", other=colleague
    )
    committee.refresh_from_db()
    assert committee.name == "COPIL Loire"


def test_agenda_item_stale_save_shows_the_conflict_then_saving_again_keeps_mine(
    client_for, pilot, colleague, meeting
):
    item = AgendaItemFactory(meeting=meeting, title="Budget")
    client = client_for(pilot)
    url = reverse("governance:agenda_item_edit", args=[item.pk])
    data = _page_data(client, url)
    services.agenda_item_update(item=AgendaItem.objects.get(pk=item.pk), title="Budget 2027", by=colleague)
    _stale_post_then_save_again(
        client, url, data, field="title", mine="Budget révisé", theirs="Budget 2027", other=colleague
    )
    item.refresh_from_db()
    assert item.title == "Budget révisé"


def test_services_without_a_version_check_nothing(pilot, colleague, meeting):
    """Scripts and tasks call the services without a version: they save as before."""
    services.meeting_update(meeting=Meeting.objects.get(pk=meeting.pk), place="A", by=colleague)
    services.meeting_update(meeting=Meeting.objects.get(pk=meeting.pk), place="B", by=pilot)
    meeting.refresh_from_db()
    assert meeting.place == "B"


# --- Minutes: the summary and each item's text carry their own version ------------------------------
@pytest.fixture
def held(meeting):
    meeting.status = Meeting.Status.HELD
    meeting.save()
    first = AgendaItemFactory(meeting=meeting, title="Budget", order=1)
    second = AgendaItemFactory(meeting=meeting, title="Calendrier", order=2)
    return meeting, first, second


def _minutes_text(meeting, agenda_item) -> str:
    return services.current_minutes(meeting).items.get(agenda_item=agenda_item).text


def test_minutes_item_written_by_both_shows_the_conflict_then_saving_again_keeps_mine(
    client_for, pilot, colleague, held
):
    meeting, first, _second = held
    services.minutes_save(meeting=meeting, by=pilot, summary="Relevé", item_texts={first.pk: "Texte initial"})
    client = client_for(pilot)
    url = reverse("governance:minutes_edit", args=[meeting.pk])
    data = _page_data(client, url)
    services.minutes_save(
        meeting=Meeting.objects.get(pk=meeting.pk),
        by=colleague,
        summary="Relevé",
        item_texts={first.pk: "Texte de la collègue"},
    )
    stored = version_of(services.current_minutes(meeting))
    data[f"item_{first.pk}"] = "Mon texte"
    response = client.post(url, data)
    assert response.status_code == 200
    page = _text(response)
    assert colleague.get_full_name() in page
    assert "Texte de la collègue" in page
    assert response.context["form"][f"item_{first.pk}"].value() == "Mon texte"
    assert _minutes_text(meeting, first) == "Texte de la collègue"  # nothing written
    assert version_of(services.current_minutes(meeting)) == stored
    again = dict(
        data,
        **{
            name: response.context["form"].data[name]
            for name in response.context["form"].data
            if name.startswith("version")
        },
    )
    assert client.post(url, again).status_code == 302
    assert _minutes_text(meeting, first) == "Mon texte"
    assert (
        services.current_minutes(meeting).items.get(agenda_item=first).history.first().history_user == pilot
    )


def test_minutes_items_changed_by_each_are_both_kept(client_for, pilot, colleague, held):
    meeting, first, second = held
    services.minutes_save(
        meeting=meeting, by=pilot, summary="Relevé", item_texts={first.pk: "Premier", second.pk: "Second"}
    )
    client = client_for(pilot)
    url = reverse("governance:minutes_edit", args=[meeting.pk])
    data = _page_data(client, url)
    services.minutes_save(
        meeting=Meeting.objects.get(pk=meeting.pk),
        by=colleague,
        summary="Relevé complété",
        item_texts={first.pk: "Premier, complété", second.pk: "Second"},
    )
    response = client.post(url, dict(data, **{f"item_{second.pk}": "Second, par moi"}))
    assert response.status_code == 302
    minutes = services.current_minutes(meeting)
    assert minutes.summary == "Relevé complété"
    assert _minutes_text(meeting, first) == "Premier, complété"
    assert _minutes_text(meeting, second) == "Second, par moi"


def test_minutes_first_written_by_someone_else_meanwhile_are_kept(client_for, pilot, colleague, held):
    meeting, first, second = held
    client = client_for(pilot)
    url = reverse("governance:minutes_edit", args=[meeting.pk])
    data = _page_data(client, url)  # no minutes yet
    services.minutes_save(
        meeting=Meeting.objects.get(pk=meeting.pk),
        by=colleague,
        summary="Relevé",
        item_texts={first.pk: "Texte de la collègue"},
    )
    response = client.post(url, dict(data, **{f"item_{second.pk}": "Mon texte"}))
    assert response.status_code == 302
    assert _minutes_text(meeting, first) == "Texte de la collègue"
    assert _minutes_text(meeting, second) == "Mon texte"
    assert services.current_minutes(meeting).summary == "Relevé"


def test_minutes_forged_versions_are_form_errors(client_for, pilot, held):
    meeting, first, _second = held
    client = client_for(pilot)
    url = reverse("governance:minutes_edit", args=[meeting.pk])
    data = _page_data(client, url)
    response = client.post(
        url, dict(data, version="abc", **{f"version_item_{first.pk}": "-1", f"item_{first.pk}": "Texte"})
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert services.current_minutes(meeting) is None


def test_membership_stale_save_shows_the_conflict_then_saving_again_keeps_mine(
    client_for, pilot, colleague, committee, committee_member
):
    membership = committee.memberships.get(person__user=committee_member)
    client = client_for(pilot)
    url = reverse("governance:membership_edit", args=[membership.pk])
    data = _page_data(client, url)
    fresh = Membership.objects.get(pk=membership.pk)
    services.membership_update(
        membership=fresh,
        by=colleague,
        role=fresh.role,
        college="employeurs",
        start_date=fresh.start_date,
        end_date=fresh.end_date,
    )
    other_college = next(
        value
        for value, _label in Membership._meta.get_field("college").choices
        if value not in ("", "employeurs", "salaries")
    )
    data["college"] = other_college
    response = client.post(url, data)
    assert response.status_code == 200
    assert colleague.get_full_name() in _text(response)
    membership.refresh_from_db()
    assert membership.college == "employeurs"
    again = dict(data, version=response.context["form"].data["version"])
    assert client.post(url, again).status_code == 302
    membership.refresh_from_db()
    assert membership.college == other_college


def test_followup_stale_save_shows_the_conflict_then_saving_again_keeps_mine(
    client_for, pilot, colleague, meeting
):
    from governance.models import FollowUpItem
    from tests.governance.factories import DecisionFactory, FollowUpFactory

    item = FollowUpFactory(decision=DecisionFactory(meeting=meeting), title="Relancer la DREETS")
    client = client_for(pilot)
    url = reverse("governance:followup_edit", args=[item.pk])
    data = _page_data(client, url)
    fresh = FollowUpItem.objects.get(pk=item.pk)
    services.followup_update(item=fresh, by=colleague, status=fresh.status, title="Relancer la DREETS (2)")
    response = client.post(url, dict(data, title="Relancer la DREETS et la CARSAT"))
    assert response.status_code == 200
    assert "Relancer la DREETS (2)" in _text(response)
    item.refresh_from_db()
    assert item.title == "Relancer la DREETS (2)"
    again = dict(
        data, title="Relancer la DREETS et la CARSAT", version=response.context["form"].data["version"]
    )
    assert client.post(url, again).status_code == 302
    item.refresh_from_db()
    assert item.title == "Relancer la DREETS et la CARSAT"
