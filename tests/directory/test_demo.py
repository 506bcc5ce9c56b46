"""The demo loader: the organisations and people of the seeds, six accounts, idempotent, never in production."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from core.validators import validate_siret
from directory.models import College, Organisation, Person


def counts():
    """The rows of every table (history included), but the sessions and the admin's log."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in ("sessions", "admin")
    }


@pytest.mark.django_db
@pytest.mark.timeout(600)  # the whole demo twice, on cores shared with the other tests
def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=None)
    first = counts()
    assert first["directory.Person"] and first["governance.Meeting"] and first["adherents.Adherent"]
    call_command("load_demo")
    assert counts() == first, "a second run adds nothing, not even a history row"


@pytest.mark.django_db
def test_load_demo_refuses_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo")
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_the_demo_directory_holds_the_seeds_organisations_and_people():
    call_command("load_demo")
    acronyms = set(Organisation.objects.values_list("acronym", flat=True))
    # Seeds 001 to 004.
    for acronym in [
        "ARACT Corse",
        "ARS Corse",
        "DREETS ARA",
        "AMNYOS",
        "U2P",
        "ADESATT",
        "Solutions Productives",
        "Pact",
        "AST",
        "GRADeS Corse",
        "CFDT",
        "MEDEF",
        "Carsat",
    ]:
        assert acronym in acronyms, acronym
    named = {(p.first_name, p.last_name): p for p in Person.objects.select_related("organisation")}
    assert named[("Grégoire", "Leclerc")].organisation.acronym == "AMNYOS"
    assert named[("Alexandra", "Jay")].organisation.acronym == "U2P"
    assert named[("Sophie", "Chermat")].college == College.STATE
    assert named[("Audrey", "Darrigrand Fradelle")].organisation.acronym == "Solutions Productives"
    # The colleges of the CROCT are all represented, and AST has a real team.
    assert set(Person.objects.exclude(college="").values_list("college", flat=True)) == set(College.values)
    assert Person.objects.filter(organisation__acronym="AST").count() >= 5
    assert Person.objects.filter(organisation__acronym="ARACT Corse").count() >= 3
    # Most people have no account: that is normal in an annuaire.
    assert (
        Person.objects.filter(user__isnull=True).count() > Person.objects.filter(user__isnull=False).count()
    )
    for organisation in Organisation.objects.exclude(siret=""):
        validate_siret(organisation.siret)


@pytest.mark.django_db
def test_the_six_demo_accounts_have_their_role_and_a_french_name():
    call_command("load_demo")
    expected = {
        "admin": None,
        "pilote": Person.Role.PILOT,
        "consultant": Person.Role.CONSULTANT,
        "croct": Person.Role.COMMITTEE_MEMBER,
        "service": Person.Role.SERVICE_STAFF,
        "adherent": Person.Role.MEMBER_CONTACT,
    }
    for username, role in expected.items():
        user = get_user_model().objects.get(username=username)
        assert user.get_full_name()
        assert user.check_password("copilote-demo")
        if role:
            assert user.person.role == role
    assert get_user_model().objects.get(username="admin").is_superuser
