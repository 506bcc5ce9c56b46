"""Factories for calls: a programme with two axes, an open call with criteria, applications."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from actions.models import Programme, ProgrammeAxis
from calls.models import Application, Call, EligibilityCriterion, PriorityCriterion, ProjectTeamMember
from tests.factories import ProgrammeFactory as SharedProgrammeFactory


def siret(n: int) -> str:
    """A valid SIRET (Luhn key) for each n."""
    from core.validators import luhn_is_valid

    stem = f"7328293{n:06d}"
    return next(stem + key for key in "0123456789" if luhn_is_valid(stem + key))


def finess(prefix: str) -> str:
    """Complete an 8-character FINESS with its Luhn key."""
    from core.validators import luhn_is_valid

    digits = prefix.replace("2A", "20").replace("2B", "20")
    for key in "0123456789":
        if luhn_is_valid(digits + key):
            return prefix + key
    raise AssertionError(prefix)


class ProgrammeFactory(SharedProgrammeFactory):
    """A programme run by calls for projects (one per code)."""

    class Meta:
        django_get_or_create = ("code",)

    kind = Programme.Kind.CALL


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeAxis

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Axe {n}")


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Appel {n}")
    slug = factory.Sequence(lambda n: f"appel-{n}")
    text = "Texte de l'appel."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=5))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=5))
    is_published = True
    contact_email = "appel@example.org"

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if not create:
            return
        axis1 = AxisFactory(programme=self.programme, number=1, title="Outiller la conduite de projet")
        axis2 = AxisFactory(programme=self.programme, number=2, title="Construire des usages partagés")
        self.axes.set([axis1, axis2])
        EligibilityCriterion.objects.create(
            call=self, order=0, text="Appartenir au secteur social et médico-social"
        )
        EligibilityCriterion.objects.create(call=self, order=1, text="Engagement de la direction et des IRP")
        PriorityCriterion.objects.create(
            call=self, order=0, text="Projet de DUI", axis=axis1, weight=Decimal("2")
        )
        PriorityCriterion.objects.create(call=self, order=1, text="Déjà un DUI", axis=axis2)
        PriorityCriterion.objects.create(call=self, order=2, text="Équipe projet formalisée")


def complete_data(call, n=0, **overrides) -> dict:
    data = {
        "structure_name": f"EHPAD Les Oliviers {n}",
        "managing_organisation": f"Association gestionnaire {n}",
        "category": "EHPAD",
        "sector": "PA",
        "capacity": 80,
        "health_insurance_funded": True,
        "siret": siret(n),
        "finess_legal": finess(f"2A00{n:04d}"),
        "finess_site": finess(f"2A10{n:04d}"),
        "director_name": "Marie Santoni",
        "contact_name": "Paul Casanova",
        "contact_email": f"contact{n}@example.org",
        "axis": call.axes.order_by("number").first(),
        "reasons": "Déployer le DUI avec les équipes.",
        "has_digital_tools": True,
        "digital_tools": ["dui"],
        "esms_numerique": False,
        "sons": True,
    }
    data.update(overrides)
    return data


def make_application(
    call,
    n=0,
    *,
    status=Application.Status.SUBMITTED,
    eligibility=Application.Eligibility.PENDING,
    **overrides,
):
    application = Application(call=call, status=status, eligibility=eligibility)
    application.new_token()
    for key, value in complete_data(call, n, **overrides).items():
        setattr(application, key, value)
    application.eligibility_answers = {str(c.pk): True for c in call.eligibility_criteria.all()}
    if status != Application.Status.DRAFT:
        application.submitted_at = timezone.now()
    application.save()
    ProjectTeamMember.objects.create(
        application=application,
        full_name="Paul Casanova",
        function="Cadre de santé",
        project_role="Pilote de projet",
        email="paul@example.org",
    )
    return application
