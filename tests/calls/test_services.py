from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from actions.models import CollectiveAction, Participation
from calls import services
from calls.models import Application, ProjectTeamMember, Score, hash_token
from calls.selectors import selection_table
from core import french
from governance.models import Committee, Membership
from tests.calls.factories import CallFactory, complete_data, make_application

pytestmark = pytest.mark.django_db

TEAM = [
    {
        "full_name": "Paul Casanova",
        "function": "Cadre",
        "project_role": "Pilote",
        "email": "p@example.org",
        "phone": "",
    }
]


def _answers(call, value=True):
    return {str(c.pk): value for c in call.eligibility_criteria.all()}


def test_a_draft_is_created_with_a_private_link_whose_hash_only_is_stored(django_capture_on_commit_callbacks):
    call = CallFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application, token = services.application_start(
            call=call, data=complete_data(call), team=TEAM, answers=_answers(call)
        )
    assert application.status == Application.Status.DRAFT
    assert application.token_hash == hash_token(token) and token not in application.token_hash
    assert len(mail.outbox) == 1 and token in mail.outbox[0].body
    assert mail.outbox[0].to == ["contact0@example.org"]


def test_submission_inside_the_window_acknowledges_by_email(django_capture_on_commit_callbacks):
    call = CallFactory()
    application, _token = services.application_start(
        call=call, data=complete_data(call), team=TEAM, answers=_answers(call)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and application.submitted_at
    assert "Accusé de réception" in mail.outbox[-1].subject


@pytest.mark.parametrize(
    ("shift", "message"), [(timedelta(days=10), "closes"), (timedelta(days=-10), "opens")]
)
def test_submission_outside_the_window_is_refused_in_french(shift, message):
    call = CallFactory()
    application, _ = services.application_start(
        call=call, data=complete_data(call), team=TEAM, answers=_answers(call)
    )
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, now=timezone.now() + shift)
    text = " ".join(error.value.messages)
    assert (
        ("Les candidatures sont closes depuis le" in text) if message == "closes" else ("ouvrent le" in text)
    )
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_window_is_read_in_paris_time():
    call = CallFactory()
    application, _ = services.application_start(
        call=call, data=complete_data(call), team=TEAM, answers=_answers(call)
    )
    call.closes_at = timezone.now() - timedelta(seconds=1)
    call.save()
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application)
    local = timezone.localtime(call.closes_at)
    assert french.heure(local) in " ".join(error.value.messages)  # « 11 h 23 »


def test_an_incomplete_application_cannot_be_submitted_and_says_what_is_missing():
    call = CallFactory()
    data = complete_data(call, finess_site="", reasons="")
    application, _ = services.application_start(call=call, data=data, team=[], answers={})
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application)
    missing = error.value.message_dict
    assert {"finess_site", "reasons", "team"} <= set(missing)
    assert all(f"eligibility_{c.pk}" in missing for c in call.eligibility_criteria.all())


def test_a_submitted_application_cannot_be_changed_nor_submitted_twice():
    call = CallFactory()
    application = make_application(call)
    with pytest.raises(ValidationError):
        services.application_save_draft(
            application=application, data={"structure_name": "Autre"}, team=[], answers={}
        )
    with pytest.raises(ValidationError):
        services.application_submit(application=application)


def test_an_unpublished_or_closed_call_accepts_no_new_draft():
    call = CallFactory(is_published=False)
    with pytest.raises(ValidationError):
        services.application_start(call=call, data=complete_data(call), team=TEAM, answers={})
    closed = CallFactory(
        opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.application_start(call=closed, data=complete_data(closed), team=TEAM, answers={})


def test_eligibility_cannot_be_granted_against_the_applicants_own_answers(admin_user):
    call = CallFactory()
    application = make_application(call)
    criterion = call.eligibility_criteria.first()
    application.eligibility_answers[str(criterion.pk)] = False
    application.save()
    with pytest.raises(ValidationError) as error:
        services.application_check_eligibility(application=application, eligible=True, note="", by=admin_user)
    assert criterion.text in error.value.messages[0]
    with pytest.raises(ValidationError):
        services.application_check_eligibility(
            application=application, eligible=False, note="  ", by=admin_user
        )
    services.application_check_eligibility(
        application=application, eligible=False, note="Hors secteur", by=admin_user
    )
    assert application.status == Application.Status.INELIGIBLE


def test_a_complement_renews_the_link_and_the_answer_reopens_the_application(
    admin_user, django_capture_on_commit_callbacks
):
    call = CallFactory()
    application = make_application(call)
    old_hash = application.token_hash
    with django_capture_on_commit_callbacks(execute=True):
        complement, token = services.complement_request(
            application=application, question="Combien de salariés ?", by=admin_user
        )
    assert application.token_hash == hash_token(token) != old_hash
    assert token in mail.outbox[-1].body and "Combien de salariés ?" in mail.outbox[-1].body
    assert application.status == Application.Status.COMPLEMENT
    with pytest.raises(ValidationError):
        services.complement_answer(complement=complement, answer="  ")
    services.complement_answer(complement=complement, answer="Quatre-vingts.")
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    with pytest.raises(ValidationError):
        services.complement_answer(complement=complement, answer="Encore")


def test_scores_member_mean_and_committee_override_give_a_weighted_total(admin_user, pilot, consultant):
    call = CallFactory()
    application = make_application(call, eligibility=Application.Eligibility.ELIGIBLE)
    dui, _already, team = call.priority_criteria.order_by("order")
    services.score_set(application=application, criterion=dui, scorer=pilot, value=4, by=pilot)
    services.score_set(application=application, criterion=dui, scorer=consultant, value=5, by=consultant)
    services.score_set(application=application, criterion=team, scorer=pilot, value=2, by=pilot)
    row = selection_table(call)[0]
    # dui: mean 4.5 (weight 2); team: 2 (weight 1) → (9 + 2) / 3
    assert str(row.total) == "3.67"
    services.score_set(application=application, criterion=team, scorer=None, value=5, by=admin_user)
    assert str(selection_table(call)[0].total) == "4.67"
    # The axis 2 criterion does not apply to an axis 1 application.
    with pytest.raises(ValidationError):
        services.score_set(application=application, criterion=_already, scorer=pilot, value=3, by=pilot)
    services.score_set(application=application, criterion=team, scorer=None, value=None, by=admin_user)
    assert not Score.objects.filter(scorer__isnull=True).exists()


def test_the_scores_of_a_form_are_all_saved_or_none_when_one_is_refused(pilot):
    call = CallFactory()
    application = make_application(call, eligibility=Application.Eligibility.ELIGIBLE)
    dui, other_axis, team = call.priority_criteria.order_by("order")
    services.scores_set(
        application=application,
        scorer=pilot,
        scores=[services.ScoreInput(dui, 4, " Clair "), services.ScoreInput(team, None)],
        by=pilot,
    )
    score = Score.objects.get(application=application, scorer=pilot)
    assert (score.criterion, score.value, score.comment) == (dui, 4, "Clair")
    assert score.history.first().history_user == pilot

    # The axis 2 criterion does not apply to an axis 1 application: the team's score is not kept either.
    with pytest.raises(ValidationError):
        services.scores_set(
            application=application,
            scorer=pilot,
            scores=[services.ScoreInput(team, 3), services.ScoreInput(other_axis, 3)],
            by=pilot,
        )
    assert list(Score.objects.filter(application=application).values_list("criterion", flat=True)) == [dui.pk]


def test_an_application_not_found_eligible_cannot_be_scored(pilot):
    call = CallFactory()
    application = make_application(call)
    with pytest.raises(ValidationError):
        services.score_set(
            application=application, criterion=call.priority_criteria.last(), scorer=pilot, value=3, by=pilot
        )


def _closed_call(**kwargs):
    call = CallFactory(**kwargs)
    call.closes_at = timezone.now() - timedelta(hours=1)
    call.opens_at = timezone.now() - timedelta(days=30)
    call.save()
    return call


def test_selection_checks_every_limit_of_the_call(admin_user):
    call = _closed_call(max_selected=3, max_organisations=2, max_per_organisation=1, min_health_insurance=1)
    apps = [
        make_application(call, n, eligibility=Application.Eligibility.ELIGIBLE, health_insurance_funded=False)
        for n in range(4)
    ]
    # Two establishments of the same managing organisation.
    apps[1].finess_legal = apps[0].finess_legal
    apps[1].save()
    decisions = {a.pk: (True, "Bon dossier") for a in apps}
    with pytest.raises(ValidationError) as error:
        services.call_select(call=call, decisions=decisions, by=admin_user)
    text = " ".join(error.value.messages)
    assert "Au plus 3 candidatures" in text
    assert "Au plus 2 organismes gestionnaires" in text
    assert "Au plus 1 établissement" in text
    assert "assurance maladie" in text
    assert not Application.objects.filter(status=Application.Status.SELECTED).exists()


def test_selection_requires_a_reason_for_each_and_a_closed_window(admin_user):
    open_call = CallFactory()
    app = make_application(open_call, eligibility=Application.Eligibility.ELIGIBLE)
    with pytest.raises(ValidationError):
        services.call_select(call=open_call, decisions={app.pk: (True, "ok")}, by=admin_user)
    call = _closed_call()
    app = make_application(call, eligibility=Application.Eligibility.ELIGIBLE)
    with pytest.raises(ValidationError) as error:
        services.call_select(call=call, decisions={app.pk: (True, " ")}, by=admin_user)
    assert "motif" in error.value.messages[0]


def test_selection_waits_for_every_eligibility_check(admin_user):
    call = _closed_call()
    chosen = make_application(call, 0, eligibility=Application.Eligibility.ELIGIBLE)
    make_application(call, 1)
    with pytest.raises(ValidationError) as error:
        services.call_select(call=call, decisions={chosen.pk: (True, "ok")}, by=admin_user)
    assert "éligibilité" in error.value.messages[0]


def test_selection_notifies_everyone_and_makes_the_selected_participants(
    admin_user, django_capture_on_commit_callbacks
):
    call = _closed_call(max_organisations=4, min_health_insurance=1)
    action = CollectiveAction.objects.create(programme=call.programme, code="ACIA", title="ACIA Corse")
    call.action = action
    call.save()
    selected = make_application(call, 0, eligibility=Application.Eligibility.ELIGIBLE)
    ProjectTeamMember.objects.create(
        application=selected,
        full_name="Julie Orsini",
        function="IDEC",
        project_role="Référente métier",
        email="julie@example.org",
    )
    other = make_application(
        call, 1, eligibility=Application.Eligibility.ELIGIBLE, health_insurance_funded=False
    )
    refused = make_application(
        call,
        2,
        status=Application.Status.INELIGIBLE,
        eligibility=Application.Eligibility.INELIGIBLE,
        eligibility_note="Secteur sanitaire",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.call_select(
            call=call,
            decisions={
                selected.pk: (True, "Projet DUI solide"),
                other.pk: (False, "Secteur déjà représenté"),
            },
            by=admin_user,
        )
    selected.refresh_from_db()
    other.refresh_from_db()
    assert selected.status == Application.Status.SELECTED and other.status == Application.Status.NOT_SELECTED
    assert selected.organisation.siret == selected.siret
    assert Participation.objects.get(action=action).organisation == selected.organisation
    copil = selected.copil
    assert copil.kind == Committee.Kind.COPIL and copil.action == action
    members = {m.person.full_name: m.role for m in copil.memberships.select_related("person")}
    assert members == {"Paul Casanova": Membership.Role.PILOT, "Julie Orsini": Membership.Role.MEMBER}
    assert other.copil is None
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert (
        "Projet DUI solide" in bodies[selected.contact_email] and "retenue" in bodies[selected.contact_email]
    )
    assert "Secteur déjà représenté" in bodies[other.contact_email]
    assert "Secteur sanitaire" in bodies[refused.contact_email]
    refused.refresh_from_db()
    assert refused.status == Application.Status.INELIGIBLE and refused.decided_at
    call.refresh_from_db()
    assert call.decided_at
    with pytest.raises(ValidationError):
        services.call_select(call=call, decisions={}, by=admin_user)


def test_criteria_are_frozen_once_applications_are_submitted(admin_user):
    call = CallFactory()
    make_application(call)
    with pytest.raises(ValidationError):
        services.call_save(
            call=call, by=admin_user, axes=list(call.axes.all()), eligibility=["Nouveau"], priorities=[]
        )
