"""Factories for RACI tests, with the smallest action and programme they need."""

import factory

from actions.models import TeamMember
from directory.models import Person
from raci.models import Activity, Assignment, Matrix, Role
from tests.factories import ActionFactory as ActionFactory  # shared (tests/factories/actions.py)
from tests.factories import ProgrammeFactory as ProgrammeFactory  # shared (tests/factories/actions.py)


class MatrixFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matrix

    title = factory.Sequence(lambda n: f"Matrice {n}")
    action = factory.SubFactory(ActionFactory)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    matrix = factory.SubFactory(MatrixFactory)
    name = factory.Sequence(lambda n: f"Rôle {n}")
    order = factory.Sequence(lambda n: n)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    matrix = factory.SubFactory(MatrixFactory)
    axis = "Axe 1"
    step = "Etape 1"
    name = factory.Sequence(lambda n: f"Activité {n}")
    order = factory.Sequence(lambda n: n)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    activity = factory.SubFactory(ActivityFactory)
    role = factory.SubFactory(RoleFactory)
    letters = "R"


def join_team(action, user, role=TeamMember.Role.PILOT):
    return TeamMember.objects.create(action=action, person=Person.objects.get(user=user), role=role)


def manage_programme(programme, user):
    programme.managers.add(Person.objects.get(user=user))


def small_matrix(*, action=None, programme=None, rows=2, roles=2, letters="R"):
    """A matrix of `rows` × `roles`, every cell of the first role holding `letters`."""
    matrix = MatrixFactory(
        action=action if action is not None else (None if programme else ActionFactory()), programme=programme
    )
    role_objs = [RoleFactory(matrix=matrix, name=f"Rôle {i + 1}", order=i) for i in range(roles)]
    for r in range(rows):
        activity = ActivityFactory(matrix=matrix, name=f"Activité {r + 1}", order=r)
        if letters:
            AssignmentFactory(activity=activity, role=role_objs[0], letters=letters)
    return matrix
