"""Directory test data: a few real-looking organisations, and a way to grow the directory."""

import pytest

from directory.models import College, Organisation, Person
from tests.factories import OrganisationFactory, PersonFactory

K = Organisation.Kind

EDITORS = ["pilot", "consultant", "service_staff", "admin_user"]
READ_ONLY = ["committee_member"]
READERS = EDITORS + READ_ONLY
HIDDEN_FROM = ["member_contact", "outsider"]


@pytest.fixture
def cfdt(db):
    organisation = OrganisationFactory(
        name="CFDT Auvergne-Rhône-Alpes",
        acronym="CFDT",
        kind=K.UNION,
        territory="Auvergne-Rhône-Alpes",
        sector="Organisation syndicale",
        city="Lyon",
    )
    PersonFactory(
        first_name="Martine",
        last_name="Perrin",
        organisation=organisation,
        college=College.EMPLOYEES,
        function="Membre du CROCT",
    )
    return organisation


@pytest.fixture
def aract_corse(db):
    organisation = OrganisationFactory(
        name="ARACT Corse",
        acronym="ARACT Corse",
        kind=K.ARACT,
        territory="Corse",
        city="Ajaccio",
        sector="Amélioration des conditions de travail",
        headcount=8,
    )
    PersonFactory(
        first_name="Laura",
        last_name="Santoni",
        organisation=organisation,
        college=College.PREVENTION,
        function="Chargée de mission",
    )
    return organisation


@pytest.fixture
def bakery(db):
    return OrganisationFactory(
        name="Boulangerie Dupont",
        kind=K.COMPANY,
        siret="73282932000074",
        territory="Pas-de-Calais",
        city="Béthune",
        postal_code="62400",
        headcount=7,
    )


@pytest.fixture
def grow_directory(db):
    """grow_directory(n) → n more organisations of various kinds, each with two people."""

    kinds = [K.COMPANY, K.UNION, K.ARACT, K.SSTI, K.FUNDER]

    def grow(count: int) -> list[Organisation]:
        organisations = []
        for index in range(count):
            organisation = OrganisationFactory(
                kind=kinds[index % len(kinds)],
                territory=f"Territoire {index % 4}",
                sector=f"Secteur {index % 3}",
            )
            PersonFactory.create_batch(
                2, organisation=organisation, college=College.EMPLOYERS, role=Person.Role.OTHER
            )
            organisations.append(organisation)
        return organisations

    return grow
