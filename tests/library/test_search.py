"""The French full-text search (PostgreSQL) and its plain fallback."""

import pytest
from django.db import connection

from library import access, selectors, services
from library.models import Publication
from tests.library.factories import make_action, make_deliverable, make_programme, pdf_bytes

pytestmark = pytest.mark.django_db

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="French full-text search: PostgreSQL"
)


def _publish(obj, by, audience=Publication.Audience.USERS, source="actions.deliverable", **kwargs):
    return services.publication_publish(source_key=source, obj=obj, by=by, audience=audience, **kwargs)


@needs_postgres
def test_stemming_finds_cadrer_when_searching_cadrage_and_highlights_it(action, pilot, outsider):
    _publish(
        make_deliverable(
            action,
            title="Compte rendu",
            content=pdf_bytes(
                "Le comité de pilotage a validé la fiche de cadrage. Il faudra cadrer les groupes de travail."
            ),
        ),
        pilot,
    )
    _publish(make_deliverable(action, title="Diagnostic", description="Analyse de l'activité"), pilot)
    results, facets = selectors.search(outsider, selectors.SearchFilters(q="cadrage"))
    results = selectors.with_passages(list(results), "cadrage")
    assert [p.title for p in results] == ["Compte rendu"]
    assert "<mark>cadrage</mark>" in results[0].highlighted
    assert facets["programme"][0]["n"] == 1


@needs_postgres
def test_accents_and_plurals_of_french_words(action, pilot, outsider):
    _publish(
        make_deliverable(
            action, title="Évaluation des espaces de discussion", description="Les évaluations embarquées"
        ),
        pilot,
    )
    results, _ = selectors.search(outsider, selectors.SearchFilters(q="évaluation"))
    assert len(list(results)) == 1
    results, _ = selectors.search(outsider, selectors.SearchFilters(q="espace"))
    assert len(list(results)) == 1


@needs_postgres
def test_accents_are_ignored(action, pilot, outsider):
    from library.search_config import UNACCENT, search_config

    _publish(
        make_deliverable(action, title="Évaluation embarquée", description="Réunion inter-structures"), pilot
    )
    assert search_config() == UNACCENT
    results, _ = selectors.search(outsider, selectors.SearchFilters(q="evaluation reunion"))
    results = selectors.with_passages(list(results), "evaluation reunion")
    assert [p.title for p in results] == ["Évaluation embarquée"]
    assert "<mark>Réunion</mark>" in results[0].highlighted


@needs_postgres
def test_title_matches_rank_first(action, pilot, outsider):
    _publish(make_deliverable(action, title="Guide", description="Un mot sur le numérique."), pilot)
    _publish(make_deliverable(action, title="Numérique et travail", description="Guide"), pilot)
    results, _ = selectors.search(outsider, selectors.SearchFilters(q="numérique"))
    assert next(p.title for p in results) == "Numérique et travail"


def test_html_in_documents_is_escaped_in_the_passage():
    html = selectors.highlight(f"<script>alert(1)</script> {selectors.START}cadrage{selectors.STOP}")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<mark>cadrage</mark>" in html


def test_plain_fallback_headline_marks_the_terms():
    raw = selectors._python_headline("Un long texte. " * 20 + "La fiche de Cadrage est prête.", ["cadrage"])
    assert f"{selectors.START}Cadrage{selectors.STOP}" in raw and raw.startswith("…")


def test_what_each_reader_may_find(action, pilot, other_pilot, outsider):
    other_programme = make_programme()
    hidden_action = make_action(other_programme, team=[other_pilot])
    _publish(make_deliverable(action, title="Pour tous"), pilot, Publication.Audience.USERS)
    _publish(make_deliverable(action, title="Pour les partenaires"), pilot, Publication.Audience.PARTNERS)
    _publish(
        make_deliverable(hidden_action, title="Partenaires d'un autre programme"),
        other_pilot,
        Publication.Audience.PARTNERS,
    )
    withdrawn = _publish(make_deliverable(action, title="Retiré"), pilot, Publication.Audience.USERS)
    services.publication_withdraw(publication=withdrawn, by=pilot)
    titles = lambda user: set(access.publications_visible_to(user).values_list("title", flat=True))  # noqa: E731
    assert titles(pilot) == {"Pour tous", "Pour les partenaires"}
    assert titles(outsider) == {"Pour tous"}
    assert titles(other_pilot) == {"Pour tous", "Partenaires d'un autre programme"}


def test_facets_filter_the_results(action, pilot, outsider):
    from tests.library.factories import theme

    _publish(
        make_deliverable(action, title="Outil TPE"),
        pilot,
        company_size=Publication.CompanySize.TPE,
        themes=[theme()],
        sector="Médico-social",
    )
    _publish(make_deliverable(action, title="Outil PME"), pilot, company_size=Publication.CompanySize.PME)
    results, _facets = selectors.search(outsider, selectors.SearchFilters(size="tpe"))
    assert [p.title for p in results] == ["Outil TPE"]
    results, _ = selectors.search(
        outsider, selectors.SearchFilters(theme=theme().code, sector="Médico-social")
    )
    assert [p.title for p in results] == ["Outil TPE"]
    _, all_facets = selectors.search(outsider, selectors.SearchFilters())
    assert {f["company_size"]: f["n"] for f in all_facets["size"]} == {"tpe": 1, "pme": 1}


def test_all_users_audience_is_for_internal_accounts_not_member_contacts(
    action, pilot, member_contact, outsider
):
    """« Tous les utilisateurs » is every internal account; a member company's contact (portal) gets
    only what an anonymous visitor gets: the public publications of an open showcase."""
    _publish(make_deliverable(action, title="Pour tous"), pilot, Publication.Audience.USERS)
    public = _publish(make_deliverable(action, title="Publique"), pilot, Publication.Audience.PUBLIC)
    titles = lambda user: set(access.publications_visible_to(user).values_list("title", flat=True))  # noqa: E731
    assert "Pour tous" in titles(outsider)
    assert "Pour tous" not in titles(member_contact)
    action.programme.showcase_enabled = True
    action.programme.save(update_fields=["showcase_enabled"])
    assert titles(member_contact) == {public.title}
