import factory

from actions.models import CollectiveAction, Programme
from actions.services import action_create
from tests.factories import OrganisationFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    code = factory.Sequence(lambda n: f"programme-{n}")
    kind = Programme.Kind.BRANCH
    territory = "Auvergne-Rhône-Alpes"
    porteur = factory.SubFactory(OrganisationFactory)


_counter = iter(range(1, 10**6))


def make_action(*, by, programme=None, **fields) -> CollectiveAction:
    """An action created through the service, as users create them (7 phases, 7 deliverables)."""
    number = next(_counter)
    fields.setdefault("code", f"A{number:03d}")
    fields.setdefault("title", f"Action collective {number}")
    return action_create(by=by, programme=programme or ProgrammeFactory(), **fields)
