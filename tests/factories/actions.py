"""Programmes and actions for every app's tests: one factory each. An action is always created through
`actions.services.action_create`, as users create them (its 7 phases, each with its expected deliverable)."""

from datetime import date

import factory

from actions.models import CollectiveAction, Programme
from actions.services import action_create

from .accounts import OrganisationFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    code = factory.Sequence(lambda n: f"programme-{n}")
    kind = Programme.Kind.BRANCH
    territory = "Auvergne-Rhône-Alpes"
    porteur = factory.SubFactory(OrganisationFactory)
    start_date = date(2025, 1, 1)
    end_date = date(2028, 12, 31)


class ActionFactory(factory.django.DjangoModelFactory):
    """`ActionFactory(programme=…, status=…, by=user)`: through the service (`by`, when given, pilots it)."""

    class Meta:
        model = CollectiveAction

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"A{n:03d}")
    title = factory.Sequence(lambda n: f"Action collective {n}")

    @classmethod
    def _create(cls, model_class, *args, by=None, themes=(), **fields):
        return action_create(by=by, themes=themes, **fields)


def make_action(*, by, programme=None, **fields) -> CollectiveAction:
    """An action created through the service, piloted by `by`."""
    if programme is not None:
        fields["programme"] = programme
    return ActionFactory(by=by, **fields)
