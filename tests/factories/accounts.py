"""Accounts and the directory: users, organisations, people."""

import factory
from django.contrib.auth import get_user_model

from directory.models import Organisation, Person

PASSWORD = "mot-de-passe-de-test"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.COMPANY
    territory = "Auvergne-Rhône-Alpes"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    role = Person.Role.OTHER


def make_account(
    username: str, role: str, *, organisation=None, is_staff=False, is_superuser=False, **person
):
    """A user with its Person, as the demo accounts are."""
    user = UserFactory(username=username, is_staff=is_staff, is_superuser=is_superuser)
    PersonFactory(
        user=user,
        role=role,
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        organisation=organisation or OrganisationFactory(),
        **person,
    )
    return user
