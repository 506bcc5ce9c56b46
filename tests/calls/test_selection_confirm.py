"""The selection of a call: confirmed before it decides, reopened with a reason, corrected
without telling twice the applicants whose result stays the same (issue 15)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import CollectiveAction, Participation
from calls import services
from calls.models import Application, Call
from directory.models import Organisation, Person
from governance.models import Committee, Membership
from reminders.models import OutgoingEmail
from tests.calls.factories import CallFactory, make_application
from tests.html import squeeze

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(pilot):
    """A closed call run by the pilot, linked to a collective action, with three eligible applications."""
    call = CallFactory(max_organisations=4, min_health_insurance=1)
    call.programme.managers.add(Person.objects.get(user=pilot))
    call.action = CollectiveAction.objects.create(programme=call.programme, code="ACIA", title="ACIA Corse")
    call.opens_at = timezone.now() - timedelta(days=30)
    call.closes_at = timezone.now() - timedelta(hours=1)
    call.save()
    for n in range(3):
        make_application(call, n, eligibility=Application.Eligibility.ELIGIBLE)
    return call


def _apps(call):
    return list(call.applications.order_by("pk"))


def _choices(call, selected, reasons=None):
    post = {}
    for application in _apps(call):
        if application.pk in selected:
            post[f"selected_{application.pk}"] = "on"
        post[f"reason_{application.pk}"] = (reasons or {}).get(application.pk, f"Motif pour {application}")
    return post


def _url(call, name="calls:call_selection"):
    return reverse(name, args=[call.pk])


def _mails_to(address):
    return list(OutgoingEmail.objects.filter(to=address).order_by("pk"))


def _decide(client, call, selected, reasons=None):
    choices = _choices(call, selected, reasons)
    shown = client.post(_url(call), choices)
    assert shown.status_code == 200
    version = shown.context["plan"].version
    return client.post(_url(call), {**choices, "confirm": "1", "version": str(version)})


def test_the_first_post_shows_what_will_happen_and_decides_nothing(call, pilot, client_for):
    first, _second, third = _apps(call)
    response = client_for(pilot).post(_url(call), _choices(call, {first.pk}))
    assert response.status_code == 200
    panel = response.content.decode()
    assert 'data-testid="selection-confirmation"' in panel
    assert "Confirmer la sélection" in panel and "Revenir au choix" in panel
    assert first.contact_email in panel and third.contact_email in panel
    assert "1 organisation ajoutée à l’annuaire" in panel
    assert "1 comité de pilotage (COPIL)" in panel
    assert "ACIA Corse" in panel
    call.refresh_from_db()
    assert call.decided_at is None
    assert not OutgoingEmail.objects.exists()
    assert set(call.applications.values_list("status", flat=True)) == {Application.Status.SUBMITTED}
    assert not Organisation.objects.filter(siret=first.siret).exists()


def test_back_to_the_choices_keeps_them(call, pilot, client_for):
    first, second, _third = _apps(call)
    choices = _choices(call, {second.pk}, {second.pk: "Équipe solide et projet mûr"})
    response = client_for(pilot).post(_url(call), {**choices, "back": "1"})
    assert response.status_code == 200
    content = squeeze(response.content.decode())
    assert 'data-testid="selection-confirmation"' not in content
    assert "Équipe solide et projet mûr" in content
    assert (
        f'name="selected_{second.pk}" id="id_selected_{second.pk}" class="form-check-input" checked'
        in content
    )
    assert f'name="selected_{first.pk}" id="id_selected_{first.pk}" class="form-check-input">' in content
    call.refresh_from_db()
    assert call.decided_at is None and not OutgoingEmail.objects.exists()


def test_confirming_decides_and_tells_every_applicant_once(call, pilot, client_for):
    first, second, third = _apps(call)
    c = client_for(pilot)
    response = _decide(c, call, {first.pk})
    assert response.status_code == 302
    call.refresh_from_db()
    first.refresh_from_db()
    assert call.decided_at and first.status == Application.Status.SELECTED
    assert Participation.objects.get(action=call.action).organisation == first.organisation
    assert [m.subject for m in _mails_to(first.contact_email)] == [
        f"Votre candidature à «\u00a0{call.title}\u00a0» est retenue"
    ]
    assert len(_mails_to(third.contact_email)) == 1
    # The same confirmation posted again (a double click, a tab left open): nothing changes.
    again = c.post(_url(call), {**_choices(call, {first.pk, second.pk}), "confirm": "1"}, follow=True)
    assert again.status_code == 200
    assert "déjà arrêtée" in again.content.decode() and "aucun e-mail" in again.content.decode()
    assert OutgoingEmail.objects.count() == 3
    second.refresh_from_db()
    assert second.status == Application.Status.NOT_SELECTED
    assert Committee.objects.filter(kind=Committee.Kind.COPIL).count() == 1


def test_a_stale_confirmation_changes_nothing(call, pilot, client_for):
    first = _apps(call)[0]
    c = client_for(pilot)
    choices = _choices(call, {first.pk})
    version = c.post(_url(call), choices).context["plan"].version
    call.title = "Appel renommé entre-temps"
    call.save()
    response = c.post(_url(call), {**choices, "confirm": "1", "version": str(version)}, follow=True)
    assert response.status_code == 200
    assert "L’appel a changé depuis" in response.content.decode()
    call.refresh_from_db()
    assert call.decided_at is None and not OutgoingEmail.objects.exists()


def test_reopening_needs_the_right_and_a_written_reason(call, pilot, committee_member, outsider, client_for):
    committee = Committee.objects.create(
        kind=Committee.Kind.SELECTION, name="Comité de sélection", programme=call.programme
    )
    Membership.objects.create(committee=committee, person=Person.objects.get(user=committee_member))
    call.selection_committee = committee
    call.save()
    assert _decide(client_for(pilot), call, {_apps(call)[0].pk}).status_code == 302
    url = _url(call, "calls:call_selection_reopen")
    reason = {"reason": "Le comité a noté une erreur sur la FINESS."}
    assert client_for(None).get(url).status_code == 302
    assert client_for(None).post(url, reason).status_code == 302
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(outsider).post(url, reason).status_code == 404
    assert client_for(committee_member).get(url).status_code == 403
    assert client_for(committee_member).post(url, reason).status_code == 403
    detail = client_for(committee_member).get(call.get_absolute_url()).content.decode()
    assert "Rouvrir la sélection" not in detail
    assert "Rouvrir la sélection" in client_for(pilot).get(call.get_absolute_url()).content.decode()
    c = client_for(pilot)
    page = c.get(url)
    assert page.status_code == 200 and 'data-testid="reopen-confirmation"' in page.content.decode()
    refused = c.post(url, {"reason": "   "})
    assert refused.status_code == 400 and "Ce champ est obligatoire" in refused.content.decode()
    call.refresh_from_db()
    assert call.decided_at is not None
    assert c.post(url, reason).status_code == 302
    call.refresh_from_db()
    assert call.decided_at is None
    record = call.history.order_by("-history_id").first()
    assert record.history_user == pilot
    assert record.history_change_reason == reason["reason"]
    assert record.decided_at is None
    detail = c.get(call.get_absolute_url()).content.decode()
    assert "Sélection rouverte le" in detail and reason["reason"] in detail
    # Reopening again what is not decided: refused in French, nothing changes.
    again = c.post(url, reason)
    assert again.status_code == 400 and "n’est pas arrêtée" in again.content.decode()


def test_the_service_refuses_an_empty_reason(call, pilot):
    from django.core.exceptions import ValidationError

    services.call_select(
        call=call, decisions={a.pk: (a.pk == _apps(call)[0].pk, "Motif") for a in _apps(call)}, by=pilot
    )
    with pytest.raises(ValidationError) as error:
        services.call_selection_reopen(call=call, by=pilot, reason=" ")
    assert "motif" in error.value.message_dict["reason"][0]


def test_a_corrected_selection_tells_only_the_changed_applicants(call, pilot, client_for):
    first, second, third = _apps(call)
    c = client_for(pilot)
    assert _decide(c, call, {first.pk, second.pk}).status_code == 302
    first.refresh_from_db()
    organisation, copil = first.organisation, first.copil
    counts = (Organisation.objects.count(), Participation.objects.count(), Committee.objects.count())
    told = {a.contact_email: len(_mails_to(a.contact_email)) for a in (first, second, third)}
    assert told == {first.contact_email: 1, second.contact_email: 1, third.contact_email: 1}

    services.call_selection_reopen(call=call, by=pilot, reason="Erreur de saisie : la 1re n’est pas retenue.")
    form = squeeze(c.get(_url(call)).content.decode())
    # The form opens with the decisions taken.
    assert (
        f'name="selected_{second.pk}" id="id_selected_{second.pk}" class="form-check-input" checked' in form
    )
    assert f"Motif pour {second}" in form

    reasons = {first.pk: "Projet reporté par la direction"}
    shown = c.post(_url(call), _choices(call, {second.pk, third.pk}, reasons))
    plan = shown.context["plan"]
    assert {line.application.pk for line in plan.mailed} == {first.pk, third.pk}
    assert [line.application.pk for line in plan.withdrawals] == [first.pk]
    assert "Aucun e-mail au candidat dont le résultat ne change pas." in shown.content.decode()
    assert _decide(c, call, {second.pk, third.pk}, reasons).status_code == 302

    first.refresh_from_db()
    third.refresh_from_db()
    assert first.status == Application.Status.NOT_SELECTED and third.status == Application.Status.SELECTED
    assert len(_mails_to(second.contact_email)) == 1
    corrected = _mails_to(first.contact_email)[-1]
    assert "décision corrigée" in corrected.subject and "n’est pas retenue" in corrected.subject
    assert "Ce message corrige la décision" in corrected.body and "Projet reporté" in corrected.body
    assert "décision corrigée" in _mails_to(third.contact_email)[-1].subject
    withdrawn = Participation.objects.get(organisation=organisation)
    assert withdrawn.status == Participation.Status.WITHDRAWN
    assert withdrawn.withdrawal_reason == "Projet reporté par la direction"
    assert withdrawn.history.first().history_user == pilot
    # The third structure joined; nothing of the first two was made again.
    assert Organisation.objects.count() == counts[0] + 1
    assert Participation.objects.count() == counts[1] + 1
    assert Committee.objects.count() == counts[2] + 1
    assert first.organisation == organisation and first.copil == copil

    # Selected again after a second reopening: its participation comes back, still one of each.
    services.call_selection_reopen(call=call, by=pilot, reason="Le projet est finalement maintenu.")
    services.call_select(
        call=Call.objects.get(pk=call.pk),
        by=pilot,
        decisions={
            first.pk: (True, "Maintenu"),
            second.pk: (True, "Oui"),
            third.pk: (False, "Place insuffisante"),
        },
    )
    withdrawn.refresh_from_db()
    assert withdrawn.status == Participation.Status.SELECTED and withdrawn.withdrawal_reason == ""
    assert Participation.objects.count() == counts[1] + 1
    assert Committee.objects.count() == counts[2] + 1
    assert len(_mails_to(second.contact_email)) == 1
