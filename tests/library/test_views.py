"""Per-view access with the personas; the public showcase and documents for anonymous visitors."""

import pytest
from django.test import Client
from django.urls import reverse

from library import services
from library.digest import unsubscribe_token
from library.models import DigestPreference, Publication
from tests.library.factories import make_action, make_deliverable, make_programme, pdf_bytes

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _publish(obj, by, audience, source="actions.deliverable"):
    return services.publication_publish(source_key=source, obj=obj, by=by, audience=audience)


@pytest.fixture
def published(action, pilot):
    return {
        "public": _publish(
            make_deliverable(action, title="Guide public", content=pdf_bytes("Guide de cadrage")),
            pilot,
            Publication.Audience.PUBLIC,
        ),
        "users": _publish(
            make_deliverable(action, title="Note pour tous"), pilot, Publication.Audience.USERS
        ),
        "partners": _publish(
            make_deliverable(action, title="Compte rendu interne", content=pdf_bytes("Interne")),
            pilot,
            Publication.Audience.PARTNERS,
        ),
    }


def test_anonymous_visitor_is_sent_to_login_for_the_search_and_publishing(client, published, action):
    for url in [
        reverse("library:search"),
        reverse("library:manage"),
        reverse("library:preferences"),
        reverse("library:publish", args=["actions.deliverable", 1]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/comptes/connexion/" in response["Location"]


def test_showcase_shows_the_public_only(client, published, action, programme):
    make_action(programme, title="Action sans résumé public")
    response = client.get(reverse("library:showcase", args=[programme.code]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Guide public" in content and "virage numérique" in content
    assert "Note pour tous" not in content and "Compte rendu interne" not in content
    assert "Action sans résumé public" not in content


def test_showcase_switched_off_is_a_404(client, published, programme):
    programme.showcase_enabled = False
    programme.save()
    assert client.get(reverse("library:showcase", args=[programme.code])).status_code == 404
    assert client.get(reverse("library:publication_detail", args=[published["public"].pk])).status_code == 404


def test_anonymous_visitor_reads_and_downloads_public_documents_only(client, published):
    public, partners = published["public"], published["partners"]
    assert client.get(reverse("library:publication_detail", args=[public.pk])).status_code == 200
    response = client.get(reverse("library:download", args=[public.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert 'attachment; filename="guide-public.pdf"' in response["Content-Disposition"]
    for pub in (published["users"], partners):
        assert client.get(reverse("library:publication_detail", args=[pub.pk])).status_code == 404
        assert client.get(reverse("library:download", args=[pub.pk])).status_code == 404
    public.refresh_from_db()
    assert (public.view_count, public.download_count) == (1, 1)


@pytest.mark.parametrize("persona", ["outsider", "committee_member", "service_staff"])
def test_signed_in_readers_find_all_users_items_but_not_partners_ones(request, published, persona):
    c = _client(request.getfixturevalue(persona))
    content = c.get(reverse("library:search")).content.decode()
    assert "Note pour tous" in content and "Guide public" in content and "Compte rendu interne" not in content
    assert c.get(reverse("library:publication_detail", args=[published["partners"].pk])).status_code == 404
    assert c.get(reverse("library:download", args=[published["partners"].pk])).status_code == 404
    assert c.get(reverse("library:manage")).status_code == 404
    # They read it, they may not withdraw it: 403; what they cannot read stays a 404.
    assert c.post(reverse("library:withdraw", args=[published["users"].pk])).status_code == 403
    assert c.post(reverse("library:withdraw", args=[published["partners"].pk])).status_code == 404
    assert published["users"].__class__.objects.get(pk=published["users"].pk).is_published


def test_a_member_contact_gets_no_internal_publication(member_contact, published):
    """« Tous les utilisateurs » is not the portal accounts of member companies."""
    c = _client(member_contact)
    assert "Note pour tous" not in c.get(reverse("library:search")).content.decode()
    for key in ("users", "partners"):
        assert c.get(reverse("library:publication_detail", args=[published[key].pk])).status_code == 404
        assert c.get(reverse("library:download", args=[published[key].pk])).status_code == 404
        assert c.post(reverse("library:withdraw", args=[published[key].pk])).status_code == 404


def test_the_team_publishes_sees_the_reach_and_withdraws(published, action, pilot):
    c = _client(pilot)
    deliverable = make_deliverable(action, title="Cahier des charges")
    url = reverse("library:publish", args=["actions.deliverable", deliverable.pk])
    assert c.get(url).status_code == 200
    bad = c.post(url, {"audience": "nimporte", "doc_type": "livrable", "company_size": "toutes"})
    assert bad.status_code == 400 and "Sélectionnez un choix valide" in bad.content.decode()
    response = c.post(
        url,
        {
            "audience": "utilisateurs",
            "doc_type": "outil",
            "company_size": "pme",
            "summary": "Le cahier des charges de l’espace de discussion.",
        },
    )
    assert response.status_code == 302
    publication = Publication.objects.get(object_id=deliverable.pk, source="actions.deliverable")
    assert publication.doc_type == "outil" and publication.company_size == "pme"
    manage = c.get(reverse("library:manage")).content.decode()
    assert "Cahier des charges" in manage and "Consultations" in manage
    detail = c.get(publication.get_absolute_url())
    assert 'data-testid="reach"' in detail.content.decode()
    publication.refresh_from_db()
    assert publication.view_count == 0  # the team's own visits are not counted
    assert c.post(reverse("library:withdraw", args=[publication.pk])).status_code == 302
    publication.refresh_from_db()
    assert not publication.is_published


def test_another_pilot_cannot_publish_this_action(action, other_pilot):
    deliverable = make_deliverable(action)
    c = _client(other_pilot)
    assert c.get(reverse("library:publish", args=["actions.deliverable", deliverable.pk])).status_code == 404
    assert c.get(reverse("library:publish", args=["inconnu", deliverable.pk])).status_code == 404


def test_preferences_follow_programmes_and_switch_the_digest(pilot, programme, action):
    c = _client(pilot)
    other = make_programme()
    response = c.post(reverse("library:preferences"), {"follow": [str(programme.pk), str(other.pk)]})
    assert response.status_code == 302
    # Only programmes the user can see may be followed.
    assert list(pilot.followed_programmes.values_list("programme_id", flat=True)) == [programme.pk]
    assert DigestPreference.objects.get(user=pilot).weekly_digest is False


def test_one_click_unsubscribe(client, outsider):
    token = unsubscribe_token(outsider)
    url = reverse("library:unsubscribe", args=[token])
    assert client.get(url).status_code == 200
    assert DigestPreference.objects.get(user=outsider).weekly_digest is True  # a GET changes nothing
    assert client.post(url).status_code == 200  # RFC 8058: the mail client POSTs, no CSRF token
    assert DigestPreference.objects.get(user=outsider).weekly_digest is False
    assert client.get(reverse("library:unsubscribe", args=[token + "x"])).status_code == 404


@pytest.mark.parametrize("size", [3, 12])
def test_search_page_queries_do_not_grow(action, pilot, size, django_assert_max_num_queries):
    for n in range(size):
        _publish(make_deliverable(action, title=f"Livrable {n}"), pilot, Publication.Audience.USERS)
    c = _client(pilot)
    with django_assert_max_num_queries(22):
        assert c.get(reverse("library:search"), {"q": "Livrable"}).status_code == 200


@pytest.mark.parametrize(
    "persona,sees_link", [("pilot", True), ("outsider", False), ("service_staff", False)]
)
def test_the_link_to_the_source_shows_only_to_those_who_may_open_it(
    request, published, action, persona, sees_link
):
    """« Voir dans son action » leads to the deliverable's page: never a link that would answer 404."""
    c = _client(request.getfixturevalue(persona))
    deliverable_page = published["users"].target.get_absolute_url()
    response = c.get(reverse("library:publication_detail", args=[published["users"].pk]))
    assert response.status_code == 200
    assert (deliverable_page in response.content.decode()) is sees_link
    assert (c.get(deliverable_page).status_code == 200) is sees_link
