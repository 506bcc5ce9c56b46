"""The demo tells one story: each person holds the same role wherever they appear, the workshops name their
animators and keep their own agendas, the figures shown in two places agree, and no text a user reads carries an
internal reference (« seed 002 », a code of the loader). That a second load adds nothing: tests/directory/test_demo.py."""

import io
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models
from django.db.models import Count
from django.urls import reverse

from actions.demo_data import ACIA_TEAMS
from actions.models import Programme, TeamMember
from adherents.models import Adherent, HealthUnit, Survey, SurveyResponse
from calls.models import Application
from directory.models import Organisation, Person
from governance.demo import WORKSHOPS
from governance.models import Committee, Meeting, Membership
from tests.html import squeeze

pytestmark = pytest.mark.django_db

INTERNAL = re.compile(r"\bseeds?\b|\(seed|\bTODO\b|\bXXX\b|lorem ipsum|ACIA-S\d", re.I)


def _internal_references():
    """(model, pk, field, text) of every demo text that names a seed or an internal marker."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label in (
            "auth",
            "contenttypes",
            "sessions",
            "admin",
        ) or model.__name__.startswith("Historical"):
            continue
        fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))
        ]
        if not fields:
            continue
        for row in model.objects.values("pk", *fields):
            for field in fields:
                if row[field] and INTERNAL.search(str(row[field])):
                    found.append((model.__name__, row["pk"], field, str(row[field])[:80]))
    return found


def _acia_story():
    programme = Programme.objects.get(code="acia-corse")
    actions = list(programme.actions.order_by("code"))
    assert len(actions) == len(ACIA_TEAMS)
    for action, team in zip(actions, ACIA_TEAMS, strict=True):
        pilot = action.team.get(role=TeamMember.Role.PILOT).person
        copil = Committee.objects.get(action=action, kind=Committee.Kind.COPIL)
        # The COPIL's project pilot is the action's pilot; the COPIL is the project team, the ARACT animates it.
        assert copil.memberships.get(role=Membership.Role.PILOT).person == pilot
        members = {m.person.full_name for m in copil.memberships.exclude(person__user__username="consultant")}
        assert members == {f"{first} {last}" for _slot, first, last, _job, _role in team}
        assert copil.memberships.get(person__user__username="consultant").role == Membership.Role.FACILITATOR
        assert action.porteur.acronym not in ("", None) and action.code not in copil.name
        # The structure's application to the call names the same team and the same pilot as its contact.
        application = Application.objects.get(organisation=action.porteur)
        assert application.contact_name == pilot.full_name
        assert application.copil == copil
        pilots = [m.full_name for m in application.team.all() if m.project_role == "Pilote de projet"]
        assert pilots == [pilot.full_name]
        assert {m.full_name for m in application.team.all()} == members
        # Each pilot meets the other structures' pilots in the temps collectifs, as a member.
        collective = Committee.objects.get(programme=programme, kind=Committee.Kind.COLLECTIVE)
        assert collective.memberships.filter(person=pilot, role=Membership.Role.MEMBER).exists()
    # The ARS and the GRADeS are the same people on the selection and on the follow-up committees.
    selection = Committee.objects.get(programme=programme, kind=Committee.Kind.SELECTION)
    follow_up = Committee.objects.get(programme=programme, kind=Committee.Kind.FOLLOW_UP)
    outside = {
        m.person_id
        for m in follow_up.memberships.filter(person__organisation__acronym__in=["ARS Corse", "GRADeS Corse"])
    }
    assert len(outside) == 2
    assert outside <= set(selection.memberships.values_list("person_id", flat=True))


def _workshops_story():
    gpro = Committee.objects.get(kind=Committee.Kind.GPRO)
    workshops = list(gpro.meetings.filter(title__startswith="Atelier").order_by("starts_at"))
    assert [m.title for m in workshops] == [w["title"] for w in WORKSHOPS]
    agendas = [tuple(i.description for i in m.agenda_items.order_by("order", "pk")) for m in workshops]
    assert len(set(agendas)) == len(agendas), "each workshop has its own agenda"
    for meeting, workshop in zip(workshops, WORKSHOPS, strict=True):
        items = list(meeting.agenda_items.order_by("order", "pk"))
        assert [i.title for i in items] == [title for title, _minutes, _text in workshop["agenda"]]
        # The animators animate the day: no half-day is given to one of them as its « presenter ».
        assert all(item.presenter_id is None for item in items)
        summary = meeting.minutes_versions.order_by("-version").first().summary
        for first, last in workshop["animators"]:
            animator = Person.objects.get(first_name=first, last_name=last)
            assert animator in meeting.animators.all()  # named as the meeting's animators
            assert f"{first} {last}" in summary
            assert meeting.attendances.filter(person=animator).exists()
        assert meeting.animators.count() == len(workshop["animators"])
        if not workshop["animators"]:
            assert "animé par" not in summary
    # The seed's animators, by name: Sophie Chermat and Jean-Pierre Laurenson animate the governance workshop.
    governance = workshops[1].minutes_versions.order_by("-version").first().summary
    assert governance.startswith(
        "Atelier animé par Sophie Chermat (DREETS ARA) et Jean-Pierre Laurenson (vice-président du GPRO)."
    )


def _people_story():
    # One person, one row: nobody is duplicated under the same name by two loaders.
    assert (
        not Person.objects.values("first_name", "last_name").annotate(n=Count("pk")).filter(n__gt=1).exists()
    )
    assert (
        not Organisation.objects.exclude(acronym="")
        .values("acronym")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .exists()
    )
    # The PRST 4 fiches are piloted by someone of their porteur.
    for action in Programme.objects.get(code="prst4-ara").actions.all():
        pilot = action.team.get(role=TeamMember.Role.PILOT).person
        assert pilot.organisation == action.porteur, action.code
    # The AST's occupational physician of Béthune is the directory's one.
    physician = Person.objects.get(
        organisation__acronym="AST", function__startswith="Médecin du travail, UST de Béthune"
    )
    assert HealthUnit.objects.get(name="UST Béthune Nord").physician == f"Dr {physician.full_name}"


def _figures_story(client_for):
    survey = Survey.objects.get(mode=Survey.Mode.PHONE)
    responses = SurveyResponse.objects.filter(survey=survey)
    assert (
        responses.count(),
        responses.filter(reached=True).count(),
        responses.filter(reached=False).count(),
    ) == (114, 85, 29)
    # Still unreachable today: some of the 29 of the survey, never a member who answered it.
    still = set(Adherent.objects.filter(unreachable=True).values_list("pk", flat=True))
    assert 0 < len(still) < 29
    assert still <= set(responses.filter(reached=False).values_list("adherent_id", flat=True))
    # Each page says which moment its figure is about.
    staff = get_user_model().objects.get(username="service")
    client = client_for(staff)
    listing = squeeze(client.get(reverse("adherents:adherent_list")).content.decode())
    assert re.search(rf">{len(still)}</div><div[^>]*>injoignables à ce jour<", listing)
    results = client.get(reverse("adherents:survey_results", args=[survey.pk])).content.decode()
    assert "injoignables lors de l’enquête" in results
    assert "à la date de l’enquête" in results


@pytest.mark.timeout(600)  # the whole demo, on cores shared with the other tests
def test_the_demo_tells_one_story(client_for):
    call_command("load_demo", stdout=io.StringIO())
    _acia_story()
    _workshops_story()
    _people_story()
    _figures_story(client_for)
    assert _internal_references() == []
    assert (
        Meeting.objects.filter(committee__kind=Committee.Kind.GPRO, title__startswith="Atelier").count() == 3
    )
