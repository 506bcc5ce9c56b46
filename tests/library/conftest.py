import pytest

from tests.library.factories import make_action, make_programme


@pytest.fixture
def programme(db):
    return make_programme(
        name="ACIA Corse",
        code="acia-test",
        showcase_enabled=True,
        description="Actions collectives innovantes et apprenantes.",
    )


@pytest.fixture
def action(programme, pilot):
    return make_action(
        programme,
        team=[pilot],
        title="ACIA Corse 2023",
        public_summary="Accompagner quatre organismes gestionnaires dans le virage numérique.",
    )
