"""« Mon tableau de bord »: each person sees what is late and due for them, with a bounded number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import ActionPhase, Deliverable
from adherents.models import StaffRole, StepInstance, TrajectoryStep, TrajectoryTemplate
from governance.models import Meeting
from reminders.models import Notification
from tests.actions.factories import make_action
from tests.adherents.factories import AdherentFactory
from tests.governance.factories import (
    CommitteeFactory,
    DecisionFactory,
    FollowUpFactory,
    MeetingFactory,
    add_member,
)

pytestmark = pytest.mark.django_db

HOME = reverse("core:home")


def _sections(response):
    return {shown.section.key: shown for shown in response.context["sections"]}


def _labels(shown):
    return [line.label for line in shown.lines]


def _late_deliverable(action, days=12, title="Compte rendu"):
    deliverable = Deliverable.objects.filter(action=action).order_by("pk").first()
    deliverable.title = title
    deliverable.due_date = timezone.localdate() - timedelta(days=days)
    deliverable.save()
    return deliverable


def _more_deliverables(action, count, days=3):
    phase = ActionPhase.objects.filter(action=action).order_by("number").first()
    due = timezone.localdate() - timedelta(days=days)
    Deliverable.objects.bulk_create(
        [Deliverable(action=action, phase=phase, title=f"Livrable {i}", due_date=due) for i in range(count)]
    )


def test_pilot_sees_the_late_deliverable_of_their_action_and_not_another_pilot(
    pilot, other_pilot, client_for
):
    action = make_action(by=pilot, title="Des clusters pour la QVT")
    _late_deliverable(action)
    mine = _sections(client_for(pilot).get(HOME))["actions"]
    assert any("Compte rendu" in label and action.code in label for label in _labels(mine))
    assert mine.lines[0].late
    make_action(by=other_pilot)
    theirs = _sections(client_for(other_pilot).get(HOME))["actions"]
    assert not any("Compte rendu" in label for label in _labels(theirs))


def test_late_lines_come_first_and_the_label_is_french(pilot, client_for):
    action = make_action(by=pilot)
    soon = Deliverable.objects.filter(action=action).order_by("pk")[1]
    soon.due_date = timezone.localdate() + timedelta(days=3)
    soon.save()
    _late_deliverable(action, days=12)
    response = client_for(pilot).get(HOME)
    lines = _sections(response)["actions"].lines
    assert [line.late for line in lines] == [True, False]
    assert "en retard de 12\u00a0jours" in lines[0].label or "en retard de 12 jours" in lines[0].label
    assert "Compte rendu" in response.content.decode()


def test_empty_states_say_what_is_fine(pilot, client_for):
    make_action(by=pilot)
    response = client_for(pilot).get(HOME)
    sections = _sections(response)
    assert sections["actions"].lines == []
    assert sections["reminders"].lines == []
    assert str(sections["actions"].section.empty) in response.content.decode()


def test_sections_only_for_whom_they_apply(pilot, service_staff, client_for):
    make_action(by=pilot)
    assert "adherents" not in _sections(client_for(pilot).get(HOME))
    staff = _sections(client_for(service_staff).get(HOME))
    assert "adherents" in staff
    assert "actions" not in staff


def test_follow_up_owner_and_committee_member_see_their_items(committee_member, other_pilot, client_for):
    committee = CommitteeFactory()
    add_member(committee, committee_member)
    add_member(committee, other_pilot)
    FollowUpFactory(
        decision=DecisionFactory(
            meeting=MeetingFactory(
                committee=committee, status=Meeting.Status.HELD, starts_at=timezone.now() - timedelta(days=30)
            )
        ),
        owner=committee_member.person,
        title="Envoyer le bilan",
        due_date=timezone.localdate() - timedelta(days=2),
    )
    meeting = MeetingFactory(
        committee=committee, title="Séance de printemps", starts_at=timezone.now() + timedelta(days=5)
    )
    mine = _sections(client_for(committee_member).get(HOME))["governance"]
    assert any("Envoyer le bilan" in label for label in _labels(mine))
    assert any(line.url == reverse("governance:meeting_detail", args=[meeting.pk]) for line in mine.lines)
    theirs = _sections(client_for(other_pilot).get(HOME))["governance"]
    assert not any("Envoyer le bilan" in label for label in _labels(theirs))
    assert any("Séance de printemps" in label for label in _labels(theirs))


def test_unread_notices_are_grouped_by_object(pilot, client_for):
    for _ in range(3):
        Notification.objects.create(user=pilot, title="Livrable en retard", url="/actions/1/")
    Notification.objects.create(user=pilot, title="Autre avis", url="/actions/2/")
    Notification.objects.create(user=pilot, title="Déjà lu", url="/actions/3/", read_at=timezone.now())
    lines = _sections(client_for(pilot).get(HOME))["reminders"].lines
    assert len(lines) == 2
    assert all(line.url == reverse("reminders:notification_list") for line in lines)
    assert not any("Déjà lu" in line.label for line in lines)
    assert any("Livrable en retard" in line.label and "3" in line.label for line in lines)


def test_more_than_the_limit_shows_and_n_others(pilot, client_for):
    action = make_action(by=pilot)
    _more_deliverables(action, 12)
    shown = _sections(client_for(pilot).get(HOME))["actions"]
    assert len(shown.lines) == 8
    assert shown.more == 4


def test_every_link_resolves(pilot, committee_member, client_for):
    action = make_action(by=pilot)
    _late_deliverable(action)
    phase = ActionPhase.objects.get(action=action, number=1)
    phase.planned_end = timezone.localdate() - timedelta(days=3)
    phase.save()
    committee = CommitteeFactory(action=action)
    add_member(committee, pilot)
    MeetingFactory(committee=committee, starts_at=timezone.now() + timedelta(days=3))
    Notification.objects.create(user=pilot, title="Avis", url="/")
    client = client_for(pilot)
    sections = client.get(HOME).context["sections"]
    urls = {line.url for shown in sections for line in shown.lines}
    assert len(urls) >= 4
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_member_contact_still_goes_to_the_portal(member_contact, client_for):
    response = client_for(member_contact).get(HOME)
    assert response.status_code == 302
    assert response.url == reverse("adherents:portal_home")


def _pilot_data(pilot, size):
    action = make_action(by=pilot)
    _more_deliverables(action, size)
    committee = CommitteeFactory(action=action)
    add_member(committee, pilot)
    decision = DecisionFactory(
        meeting=MeetingFactory(
            committee=committee, status=Meeting.Status.HELD, starts_at=timezone.now() - timedelta(days=20)
        )
    )
    for i in range(size):
        FollowUpFactory(
            decision=decision, owner=pilot.person, due_date=timezone.localdate() - timedelta(days=1)
        )
        MeetingFactory(committee=committee, starts_at=timezone.now() + timedelta(days=1 + i % 10))
        Notification.objects.create(user=pilot, title=f"Avis {i}", url=f"/objet/{i}/")


@pytest.mark.parametrize("size", [1, 20])
def test_pilot_query_count_does_not_grow_with_data(pilot, client_for, django_assert_max_num_queries, size):
    _pilot_data(pilot, size)
    client = client_for(pilot)
    with django_assert_max_num_queries(40):
        response = client.get(HOME)
    assert response.status_code == 200
    assert _sections(response)["actions"].lines


def _service_data(service_staff, size):
    service = service_staff.person.organisation
    template = TrajectoryTemplate.objects.create(name="Parcours", service=service)
    step = TrajectoryStep.objects.create(
        template=template,
        order=1,
        phase=TrajectoryStep.Phase.values[0],
        name="Appel d'accueil",
        responsible=StaffRole.values[0],
        reference=TrajectoryStep.Reference.START,
        delay_days=0,
    )
    today = timezone.localdate()
    for i in range(size):
        adherent = AdherentFactory(service=service)
        StepInstance.objects.create(
            adherent=adherent,
            step=step,
            started_on=today - timedelta(days=30),
            due_on=today - timedelta(days=1 + i),
        )
        StepInstance.objects.create(
            adherent=adherent,
            step=step,
            started_on=today - timedelta(days=3),
            due_on=today + timedelta(days=2),
        )


@pytest.mark.parametrize("size", [1, 20])
def test_service_staff_query_count_does_not_grow_with_data(
    service_staff, client_for, django_assert_max_num_queries, size
):
    _service_data(service_staff, size)
    client = client_for(service_staff)
    with django_assert_max_num_queries(30):
        response = client.get(HOME)
    shown = _sections(response)["adherents"]
    lines = shown.lines
    # One line per member, the most overdue first, each leading to the member's file; the total
    # counts members, as the member list's figures do.
    assert len(lines) == min(size, 8) and shown.more == max(size - 8, 0)
    assert lines[0].late and f"en retard de {size} jour" in lines[0].label
    assert "(et 1 autre étape)" in lines[0].label
    assert shown.more_url == reverse("adherents:adherent_list") + "?situation=late"
    assert client.get(lines[0].url).status_code == 200


def test_service_staff_does_not_see_another_service(service_staff, client_for):
    from tests.adherents.factories import ServiceFactory

    other = ServiceFactory()
    template = TrajectoryTemplate.objects.create(name="Autre", service=other)
    step = TrajectoryStep.objects.create(
        template=template,
        order=1,
        phase=TrajectoryStep.Phase.values[0],
        name="Appel",
        responsible=StaffRole.values[0],
        reference=TrajectoryStep.Reference.START,
        delay_days=0,
    )
    StepInstance.objects.create(
        adherent=AdherentFactory(service=other),
        step=step,
        started_on=timezone.localdate() - timedelta(days=9),
        due_on=timezone.localdate() - timedelta(days=3),
    )
    assert _sections(client_for(service_staff).get(HOME))["adherents"].lines == []
