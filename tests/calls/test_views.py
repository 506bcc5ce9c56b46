"""Per-view access with the personas, and what an anonymous visitor can and cannot reach."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from calls.models import Application, ComplementRequest, Score
from directory.models import Person
from tests.calls.factories import CallFactory, complete_data, make_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def call(pilot):
    call = CallFactory()
    call.programme.managers.add(Person.objects.get(user=pilot))
    return call


def _form_post(call, n=0, submit=False, **overrides):
    data = complete_data(call, n, **overrides)
    post = {k: v for k, v in data.items() if v is not None and k not in ("axis", "digital_tools")}
    for key in ("health_insurance_funded", "has_digital_tools", "esms_numerique", "sons"):
        post[key] = "oui" if data[key] else "non"
    post["axis"] = data["axis"].pk
    post["digital_tools"] = data["digital_tools"]
    for criterion in call.eligibility_criteria.all():
        post[f"eligibility_{criterion.pk}"] = "oui"
    post.update(
        {
            "equipe-TOTAL_FORMS": "2",
            "equipe-INITIAL_FORMS": "0",
            "equipe-0-full_name": "Paul Casanova",
            "equipe-0-function": "Cadre",
            "equipe-0-project_role": "Pilote",
            "equipe-0-email": "p@example.org",
        }
    )
    post["submit" if submit else "save"] = "1"
    return post


# --- Public pages -------------------------------------------------------------------
def test_anonymous_visitor_reads_the_published_call(client, call):
    response = client.get(reverse("calls:public_call", args=[call.slug]))
    assert response.status_code == 200
    content = response.content.decode()
    assert call.title in content and "Appartenir au secteur social" in content
    assert "Candidater" in content


def test_unpublished_call_is_hidden_from_the_public(client):
    call = CallFactory(is_published=False)
    assert client.get(reverse("calls:public_call", args=[call.slug])).status_code == 404
    assert client.get(reverse("calls:apply", args=[call.slug])).status_code == 404


def test_anonymous_visitor_reaches_no_staff_page(client, call):
    application = make_application(call)
    for url in [
        reverse("calls:call_list"),
        reverse("calls:call_detail", args=[call.pk]),
        reverse("calls:call_selection", args=[call.pk]),
        reverse("calls:application_detail", args=[application.pk]),
        reverse("calls:call_create"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/comptes/connexion/" in response["Location"], url


def test_a_structure_saves_a_draft_comes_back_and_submits(client, call, django_capture_on_commit_callbacks):
    response = client.post(reverse("calls:apply", args=[call.slug]), _form_post(call, reasons=""))
    assert response.status_code == 302
    link = response["Location"]
    assert link.startswith("/appels/candidature/")
    application = Application.objects.get()
    assert application.status == Application.Status.DRAFT
    page = client.get(link)
    assert page.status_code == 200 and page["X-Robots-Tag"].startswith("noindex")
    assert "EHPAD Les Oliviers 0" in page.content.decode()
    # Submitting without the reasons: refused, the form comes back with what was typed.
    refused = client.post(link, _form_post(call, submit=True, reasons=""))
    assert refused.status_code == 200
    assert "Ce champ est nécessaire pour déposer la candidature." in refused.content.decode()
    assert "EHPAD Les Oliviers 0" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link, _form_post(call, submit=True))
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert any("Accusé de réception" in m.subject for m in mail.outbox)
    # Submitted: the link shows it read-only and refuses changes.
    after = client.post(link, _form_post(call, structure_name="Changé"))
    assert after.status_code == 302
    application.refresh_from_db()
    assert application.structure_name == "EHPAD Les Oliviers 0"


def test_bad_identifiers_are_refused_in_french_with_what_was_typed(client, call):
    post = _form_post(call, siret="12345678901234", finess_legal="2C1234567")
    response = client.post(reverse("calls:apply", args=[call.slug]), post)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ce numéro SIRET n’est pas valide" in content or "Ce numéro SIRET n'est pas valide" in content
    assert "FINESS" in content and "2C1234567" in content
    assert not Application.objects.exists()


def test_submission_after_the_closing_is_refused(client, call):
    response = client.post(reverse("calls:apply", args=[call.slug]), _form_post(call))
    link = response["Location"]
    call.closes_at = timezone.now() - timedelta(minutes=1)
    call.save()
    refused = client.post(link, _form_post(call, submit=True))
    assert refused.status_code == 200
    assert "Les candidatures sont closes depuis le" in refused.content.decode()
    assert Application.objects.get().status == Application.Status.DRAFT


def test_the_honeypot_and_the_rate_limit_stop_robots(client, call):
    spam = client.post(
        reverse("calls:apply", args=[call.slug]), {**_form_post(call), "website": "http://spam"}
    )
    assert spam.status_code == 400 and not Application.objects.exists()
    cache.clear()
    url = reverse("calls:apply", args=[call.slug])
    for n in range(10):
        assert client.post(url, _form_post(call, n)).status_code == 302
    blocked = client.post(url, _form_post(call, 11))
    assert blocked.status_code == 429
    assert "Trop d’envois" in blocked.content.decode() or "Trop d'envois" in blocked.content.decode()
    assert Application.objects.count() == 10


def test_a_private_link_shows_only_its_own_application(client, call):
    link = client.post(reverse("calls:apply", args=[call.slug]), _form_post(call, 0))["Location"]
    make_application(call, 1, structure_name="Autre structure secrète")
    content = client.get(link).content.decode()
    assert "EHPAD Les Oliviers 0" in content and "Autre structure secrète" not in content
    bad = client.get(reverse("calls:application_edit", args=["inconnu"]))
    assert bad.status_code == 404 and "Ce lien n’est pas valide" in bad.content.decode()


def test_the_applicant_answers_a_complement_through_the_new_link(
    client, call, pilot, django_capture_on_commit_callbacks
):
    application = make_application(call)
    staff = _client(pilot)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("calls:application_complement", args=[application.pk]), {"question": "Combien de lits ?"}
        )
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/appels/candidature/" in line).strip()
    path = link.split("testserver")[-1].replace("http://127.0.0.1:8000", "")
    page = client.get(path)
    assert "Combien de lits ?" in page.content.decode()
    complement = ComplementRequest.objects.get()
    client.post(path, {f"c{complement.pk}-answer": "Quatre-vingts lits.", f"answer_{complement.pk}": "1"})
    complement.refresh_from_db()
    assert complement.answer == "Quatre-vingts lits."


# --- Staff pages ------------------------------------------------------------------------
def _client(user):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize(
    "persona",
    ["other_pilot", "consultant", "committee_member", "service_staff", "member_contact", "outsider"],
)
def test_people_outside_the_call_get_a_404(request, call, persona):
    user = request.getfixturevalue(persona)
    application = make_application(call)
    c = _client(user)
    listing = c.get(reverse("calls:call_list"))
    # A portal-only account (a member company's contact) does not even get the (empty) list.
    assert listing.status_code == (404 if persona == "member_contact" else 200)
    assert call.title not in listing.content.decode()
    assert "Nouvel appel" not in listing.content.decode()
    for url in [
        reverse("calls:call_detail", args=[call.pk]),
        reverse("calls:call_selection", args=[call.pk]),
        reverse("calls:application_detail", args=[application.pk]),
        reverse("calls:call_edit", args=[call.pk]),
    ]:
        assert c.get(url).status_code == 404, url
    assert (
        c.post(
            reverse("calls:application_eligibility", args=[application.pk]), {"eligible": "oui"}
        ).status_code
        == 404
    )


def test_the_programme_manager_runs_the_call(call, pilot):
    application = make_application(call)
    draft = make_application(call, 1, status=Application.Status.DRAFT, structure_name="Brouillon privé")
    c = _client(pilot)
    listing = c.get(reverse("calls:call_list"))
    assert listing.status_code == 200 and call.title in listing.content.decode()
    detail = c.get(reverse("calls:call_detail", args=[call.pk]))
    assert application.structure_name in detail.content.decode()
    assert "Brouillon privé" not in detail.content.decode()
    assert c.get(reverse("calls:application_detail", args=[draft.pk])).status_code == 404
    response = c.post(
        reverse("calls:application_eligibility", args=[application.pk]), {"eligible": "oui", "note": ""}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.eligibility == Application.Eligibility.ELIGIBLE
    criterion = call.priority_criteria.get(axis__isnull=True)
    c.post(reverse("calls:application_score", args=[application.pk]), {f"score_{criterion.pk}": "4"})
    assert Score.objects.get().value == 4


def test_a_selection_committee_member_scores_but_cannot_instruct(call, committee_member):
    from governance.models import Committee, Membership

    committee = Committee.objects.create(
        kind=Committee.Kind.SELECTION, name="Comité de sélection", programme=call.programme
    )
    Membership.objects.create(committee=committee, person=Person.objects.get(user=committee_member))
    call.selection_committee = committee
    call.save()
    application = make_application(call, eligibility=Application.Eligibility.ELIGIBLE)
    c = _client(committee_member)
    assert c.get(reverse("calls:call_list")).status_code == 200
    assert c.get(reverse("calls:application_detail", args=[application.pk])).status_code == 200
    criterion = call.priority_criteria.get(axis__isnull=True)
    c.post(reverse("calls:application_score", args=[application.pk]), {f"score_{criterion.pk}": "3"})
    assert Score.objects.get(scorer=committee_member).value == 3
    # Not a runner: cannot enter the committee's score, check eligibility, ask complements or select.
    c.post(
        reverse("calls:application_score", args=[application.pk]),
        {"as_committee": "on", f"score_{criterion.pk}": "5"},
    )
    assert not Score.objects.filter(scorer__isnull=True).exists()
    assert (
        c.post(
            reverse("calls:application_eligibility", args=[application.pk]), {"eligible": "non", "note": "x"}
        ).status_code
        == 403
    )
    assert (
        c.post(reverse("calls:application_complement", args=[application.pk]), {"question": "x"}).status_code
        == 403
    )
    assert c.post(reverse("calls:call_selection", args=[call.pk]), {}).status_code == 403
    assert c.get(reverse("calls:call_edit", args=[call.pk])).status_code == 403
    # A member whose mandate has ended no longer reads the applications.
    Membership.objects.filter(committee=committee).update(end_date=timezone.localdate() - timedelta(days=1))
    assert c.get(reverse("calls:application_detail", args=[application.pk])).status_code == 404


def test_create_a_call_with_its_criteria(pilot, call):
    c = _client(pilot)
    axis = call.axes.first()
    response = c.post(
        reverse("calls:call_create"),
        {
            "programme": call.programme.pk,
            "title": "Nouvel appel",
            "slug": "nouvel-appel",
            "text": "Texte",
            "axes": [axis.pk],
            "opens_at": "2026-06-01T00:00",
            "closes_at": "2026-06-30T23:59",
            "eligibilite-TOTAL_FORMS": "2",
            "eligibilite-INITIAL_FORMS": "0",
            "eligibilite-0-text": "Secteur médico-social",
            "eligibilite-1-text": "",
            "priorite-TOTAL_FORMS": "1",
            "priorite-INITIAL_FORMS": "0",
            "priorite-0-text": "Qualité de la candidature",
            "priorite-0-weight": "1,5",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from calls.models import Call

    new = Call.objects.get(slug="nouvel-appel")
    assert list(new.eligibility_criteria.values_list("text", flat=True)) == ["Secteur médico-social"]
    assert str(new.priority_criteria.get().weight) == "1.5"
    assert timezone.localtime(new.opens_at).hour == 0  # read as Paris time
    bad = c.post(
        reverse("calls:call_create"),
        {
            "programme": call.programme.pk,
            "title": "X",
            "slug": "x",
            "opens_at": "2026-06-30T00:00",
            "closes_at": "2026-06-01T00:00",
            "eligibilite-TOTAL_FORMS": "0",
            "eligibilite-INITIAL_FORMS": "0",
            "priorite-TOTAL_FORMS": "0",
            "priorite-INITIAL_FORMS": "0",
        },
    )
    assert bad.status_code == 200 and "La clôture doit venir après l’ouverture" in bad.content.decode()


def test_people_who_manage_no_programme_cannot_create_a_call(other_pilot):
    assert _client(other_pilot).get(reverse("calls:call_create")).status_code == 404


def test_the_selection_page_decides_and_shows_the_limits(call, pilot):
    call.max_organisations = 1
    call.save()
    first = make_application(call, 0, eligibility=Application.Eligibility.ELIGIBLE)
    second = make_application(call, 1, eligibility=Application.Eligibility.ELIGIBLE)
    call.closes_at = timezone.now() - timedelta(hours=1)
    call.opens_at = timezone.now() - timedelta(days=20)
    call.save()
    c = _client(pilot)
    page = c.get(reverse("calls:call_selection", args=[call.pk]))
    assert page.status_code == 200
    refused = c.post(
        reverse("calls:call_selection", args=[call.pk]),
        {
            f"selected_{first.pk}": "on",
            f"reason_{first.pk}": "Bien",
            f"selected_{second.pk}": "on",
            f"reason_{second.pk}": "Bien aussi",
        },
    )
    assert refused.status_code == 400
    assert (
        "Au plus 1 organismes gestionnaires" in refused.content.decode()
        or "Au plus 1 organisme" in refused.content.decode()
    )
    choices = {
        f"selected_{first.pk}": "on",
        f"reason_{first.pk}": "Bien",
        f"reason_{second.pk}": "Un seul OG possible",
    }
    shown = c.post(reverse("calls:call_selection", args=[call.pk]), choices)
    assert shown.status_code == 200 and "Confirmer la sélection" in shown.content.decode()
    ok = c.post(reverse("calls:call_selection", args=[call.pk]), {**choices, "confirm": "1"})
    assert ok.status_code == 302
    first.refresh_from_db()
    assert first.status == Application.Status.SELECTED


def test_pdf_requests_are_reserved_to_the_call_reviewers(call, pilot, outsider):
    application = make_application(call)
    assert _client(outsider).post(reverse("calls:application_pdf", args=[application.pk])).status_code == 404
    assert _client(outsider).post(reverse("calls:call_selection_pdf", args=[call.pk])).status_code == 404
    response = _client(pilot).post(reverse("calls:application_pdf", args=[application.pk]))
    assert response.status_code == 302 and "/documents/" in response["Location"]


@pytest.mark.parametrize("size", [2, 8])
def test_call_detail_queries_do_not_grow_with_applications(call, pilot, size, django_assert_max_num_queries):
    for n in range(size):
        make_application(call, n, eligibility=Application.Eligibility.ELIGIBLE)
    c = _client(pilot)
    with django_assert_max_num_queries(16):
        assert c.get(reverse("calls:call_detail", args=[call.pk])).status_code == 200
    with django_assert_max_num_queries(16):
        assert c.get(reverse("calls:call_selection", args=[call.pk])).status_code == 200
