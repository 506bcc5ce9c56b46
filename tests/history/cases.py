"""One case per service that changes data: it builds what the service needs (without an actor),
calls the service with `by=actor` and returns the objects the service changed — a model instance,
or `(Model, pk)` for a row the service deleted. `test_actor_everywhere` checks that the newest
history row of each names the actor.

A service that changes nothing historised is listed, with its reason, in `READ_ONLY` (it only
reads or computes) or in `TECHNICAL` (it writes only rows that are not history-worthy: the outbox,
notices, generated documents, counters, the search index, tokens).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import OrganisationFactory, PersonFactory, UserFactory

CASES: dict = {}


def case(name):
    def register(function):
        assert name not in CASES, name
        CASES[name] = function
        return function

    return register


# --- Read-only helpers and technical writes ------------------------------------------------
READ_ONLY = {
    # actions: planning and the reasons a move is refused, computed from the action.
    "actions.services.actions.planned_phase_dates": "computes the default phase dates",
    "actions.services.phases.forward_blocker": "says why the action cannot move on",
    "actions.services.phases.back_blocker": "says why the previous phase cannot be reopened",
    "actions.services.phases.reopen_blocker": "says why the action cannot be reopened",
    # adherents
    "adherents.services._common.default_template": "finds the service's default trajectory",
    "adherents.services._common.step_delay": "computes a step's delay",
    # evaluation
    "evaluation.services.measurements.duplicate_message": "builds a message",
    "evaluation.services._common.history_start": "computes where a computed history starts",
    # library
    "library.services.search_vector_expression": "builds a database expression",
    "library.services.diffusion_recipients": "lists who is alerted",
    # raci
    "raci.services.matrices.annexe2_data": "reads the shipped spreadsheet",
    "raci.services.matrices.activity_from_row": "builds an unsaved activity from a row",
    # reminders
    "reminders.services.notices.absolute_url": "builds a URL",
    "reminders.services.notices.deliveries_of": "reads preferences",
    "reminders.services.notices.delivery_of": "reads a preference",
    "reminders.services.notices.notice_body": "writes an e-mail's text",
    # reports
    "reports.services.build_document_context": "builds a template context",
    "reports.services.build_html": "renders HTML",
    "reports.services.render_document_pdf": "renders a PDF in memory",
    # calls
    "calls.services._common.absolute": "builds a URL",
    # privacy
    "privacy.services.retention.months_before": "computes a date",
    "privacy.services.retention.retention_periods": "reads the retention periods",
    "privacy.services.erasure.legal_hold": "says why a person cannot be anonymised",
    "privacy.services.export.build_zip": "builds a ZIP in memory",
    # edit conflicts: version checks and reads, the writes are the calling service's
    "governance.services.minutes.minutes_item_versions": "reads the minutes items' versions",
    # api
    "api.services.token_for_key": "finds the token of a key",
    "api.services.line_error": "describes a refused line of a batch",
    "evaluation.services.measurements.measurement_check": "checks a period and a value",
    "calls.services._common.private_link": "builds a URL",
    "calls.services.applications.application_missing": "lists what an application lacks",
    "calls.services._common.selection_errors": "checks a selection",
    "calls.services.selection.selection_plan": "computes what a selection would do",
    "calls.services.selection.selection_version": "reads the selection's version",
    "calls.services.selection.decision_subject": "builds an e-mail subject",
    # governance
    "governance.services.minutes.current_minutes": "finds the current version",
    "governance.services.circulation.minutes_recipients": "lists the recipients",
    "governance.services.decisions.decisions_closed_reason": "says why decisions may no longer change",
    "governance.services.agenda.next_meeting": "finds the next meeting",
    "governance.services.meetings.meeting_quorum": "computes the quorum",
    "governance.services.committees.composition_check": "checks a composition",
}

TECHNICAL = {
    # The outbox, notices and reminders sent: delivery records, not history-worthy data.
    "reminders.services.notices.notify": "notices and outbox",
    "reminders.services.outbox.email_queue": "outbox",
    "reminders.services.outbox.outgoing_email_send": "outbox delivery",
    "reminders.services.outbox.outgoing_emails_retry": "outbox delivery",
    "reminders.services.outbox.outgoing_email_resend": "outbox delivery",
    "reminders.services.scan.reminders_scan": "reminders sent (and the outbox)",
    "reminders.services.digest.notices_digest_send": "notices and outbox",
    "adherents.services.applications.application_acknowledgement_queue": "outbox",
    # Generated documents: a job record (who asked is stored on it as `requested_by`).
    "reports.services.document_request": "document job",
    "reports.services.document_retry": "document job",
    # Retention: bulk deletions and anonymisations past their period; each pass is logged (RetentionRun.by).
    "privacy.services.retention.retention_apply": "retention pass, logged with its actor",
    "privacy.services.export.person_export_request": "file job (who asked is stored on it as `requested_by`)",
    "privacy.services.export.own_export_request": "file job (who asked is stored on it as `requested_by`)",
    "privacy.services.export.person_export_build": "file job",
    "reports.services.document_render": "document job",
    "reports.services.requeue_stuck_documents": "document job",
    # Library: the search index, the reach counters, the alert to followers.
    "library.services.publication_index": "search index (excluded from the history)",
    "library.services.publication_record": "counters (excluded from the history)",
    "library.services.publication_diffuse": "notices",
    # Following an action is a subscription to its notices, like the notices themselves.
    "actions.services.deliverables.action_follow": "followers (a subscription)",
    # Calendar links: secret tokens.
    "governance.services.calendar.calendar_token_get_or_create": "calendar token",
    "governance.services.calendar.calendar_token_revoke": "calendar token",
    # A survey answer is recorded once and never changed; the response keeps who recorded it.
    "adherents.services.surveys.survey_response_record": "survey responses (write-once, `recorded_by`)",
    # Calls: the applicant's side, by an anonymous visitor with a private link (no account to name).
    "calls.services.applications.application_start": "anonymous applicant",
    "calls.services.applications.application_save_draft": "anonymous applicant",
    "calls.services.applications.application_submit": "anonymous applicant",
    "calls.services.applications.complement_answer": "anonymous applicant",
}


def _pdf(name="livrable.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )


# --- actions -----------------------------------------------------------------------------
def _programme():
    from tests.actions.factories import ProgrammeFactory

    return ProgrammeFactory()


def _action(**fields):
    from tests.actions.factories import make_action

    return make_action(by=UserFactory(), **fields)


def _validated_current(action, by_setup=None):
    from actions import services

    setup = by_setup or UserFactory()
    deliverable = action.deliverables.get(phase__number=action.current_phase_number, is_phase_default=True)
    services.deliverable_upload(deliverable=deliverable, upload=_pdf(), by=setup)
    services.deliverable_validate(deliverable=deliverable, by=setup)
    return deliverable


@case("actions.services.programmes.programme_create")
def _(actor):
    from actions import services

    return [services.programme_create(by=actor, name="Programme", code="prog-walk")]


@case("actions.services.programmes.programme_update")
def _(actor):
    from actions import services

    return [services.programme_update(programme=_programme(), by=actor, name="Renommé")]


@case("actions.services.programmes.programme_axis_save")
def _(actor):
    from actions import services
    from actions.models import ProgrammeAxis

    return [
        services.programme_axis_save(
            axis=ProgrammeAxis(programme=_programme(), number=1, title="Axe"), by=actor
        )
    ]


@case("actions.services.programmes.programme_axis_delete")
def _(actor):
    from actions import services
    from actions.models import CollectiveAction, ProgrammeAxis

    action = _action()
    axis = ProgrammeAxis.objects.create(programme=action.programme, number=1, title="Prévenir")
    CollectiveAction.objects.filter(pk=action.pk).update(axis=axis)
    pk = axis.pk
    services.programme_axis_delete(axis=axis, by=actor)
    return [(ProgrammeAxis, pk), (CollectiveAction, action.pk)]


@case("actions.services.programmes.programme_step_save")
def _(actor):
    from actions import services
    from actions.models import ProgrammeStep

    return [
        services.programme_step_save(
            step=ProgrammeStep(programme=_programme(), number=1, title="Cadrage"), by=actor
        )
    ]


@case("actions.services.programmes.programme_step_delete")
def _(actor):
    from actions import services
    from actions.models import ProgrammeStep

    step = ProgrammeStep.objects.create(programme=_programme(), number=1, title="Cadrage")
    pk = step.pk
    services.programme_step_delete(step=step, by=actor)
    return [(ProgrammeStep, pk)]


@case("actions.services.actions.action_create")
def _(actor):
    from actions import services

    action = services.action_create(by=actor, programme=_programme(), code="W1", title="Marche")
    return [action, *action.phases.all(), *action.deliverables.all()]


@case("actions.services.actions.action_fiche_save")
def _(actor):
    from actions import services
    from actions.models import SuccessCondition

    action = _action()
    condition = SuccessCondition(action=action, title="Condition")
    services.action_fiche_save(
        action=action,
        by=actor,
        title="Nouveau titre",
        conditions=services.LineChanges(saved=[condition]),
    )
    return [action, condition]


@case("actions.services.actions.action_update")
def _(actor):
    from actions import services

    return [services.action_update(action=_action(), by=actor, title="Nouveau titre")]


@case("actions.services.phases.phase_advance")
def _(actor):
    from actions import services

    action = _action()
    _validated_current(action)
    following = services.phase_advance(action=action, by=actor)
    return [following, action.phases.get(number=1), action]


@case("actions.services.phases.phase_reopen")
def _(actor):
    from actions import services

    action = _action()
    _validated_current(action)
    services.phase_advance(action=action, by=UserFactory())
    reopened = services.phase_reopen(action=action, by=actor, reason="Retour")
    return [reopened, action.phases.get(number=2), action]


def _at_last_phase():
    from actions import services
    from actions.phases import PHASE_COUNT

    action = _action()
    setup = UserFactory()
    while action.current_phase_number < PHASE_COUNT:
        services.phase_advance(action=action, by=setup, override_reason="Marche")
        action.refresh_from_db()
    return action


@case("actions.services.closing.action_close")
def _(actor):
    from actions import services

    action = _at_last_phase()
    closed = services.action_close(action=action, by=actor, override_reason="Fin")
    return [closed, action.phases.get(number=action.current_phase_number)]


@case("actions.services.closing.action_reopen")
def _(actor):
    from actions import services

    action = _at_last_phase()
    services.action_close(action=action, by=UserFactory(), override_reason="Fin")
    reopened = services.action_reopen(action=action, by=actor, reason="Suite")
    return [reopened, action.phases.get(number=action.current_phase_number)]


@case("actions.services.phases.phase_update")
def _(actor):
    from actions import services

    phase = _action().phases.get(number=2)
    return [services.phase_update(phase=phase, by=actor, planned_start=date(2026, 1, 5))]


@case("actions.services.deliverables.deliverable_create")
def _(actor):
    from actions import services

    action = _action()
    return [
        services.deliverable_create(action=action, phase=action.phases.get(number=1), by=actor, title="Note")
    ]


@case("actions.services.deliverables.deliverable_update")
def _(actor):
    from actions import services

    return [services.deliverable_update(deliverable=_action().deliverables.first(), by=actor, title="Autre")]


@case("actions.services.deliverables.deliverable_upload")
def _(actor):
    from actions import services

    return [services.deliverable_upload(deliverable=_action().deliverables.first(), upload=_pdf(), by=actor)]


@case("actions.services.deliverables.deliverable_set_status")
def _(actor):
    from actions import services
    from actions.models import Deliverable

    deliverable = _action().deliverables.first()
    return [
        services.deliverable_set_status(
            deliverable=deliverable, status=Deliverable.Status.IN_PROGRESS, by=actor
        )
    ]


@case("actions.services.deliverables.deliverable_validate")
def _(actor):
    from actions import services

    deliverable = _action().deliverables.get(phase__number=1)
    services.deliverable_upload(deliverable=deliverable, upload=_pdf(), by=UserFactory())
    return [services.deliverable_validate(deliverable=deliverable, by=actor)]


@case("actions.services.deliverables.deliverable_publish")
def _(actor):
    from actions import services

    deliverable = _validated_current(_action())
    return [services.deliverable_publish(deliverable=deliverable, by=actor)]


@case("actions.services.deliverables.success_condition_save")
def _(actor):
    from actions import services
    from actions.models import SuccessCondition

    condition = SuccessCondition(action=_action(), title="Adhésion", text="Les entreprises adhèrent.")
    return [services.success_condition_save(condition=condition, by=actor)]


@case("actions.services.deliverables.success_condition_delete")
def _(actor):
    from actions import services
    from actions.models import SuccessCondition

    condition = SuccessCondition.objects.create(action=_action(), title="Adhésion")
    pk = condition.pk
    services.success_condition_delete(condition=condition, by=actor)
    return [(SuccessCondition, pk)]


@case("actions.services.deliverables.success_conditions_renumber")
def _(actor):
    from actions import services
    from actions.models import SuccessCondition

    action = _action()
    first = SuccessCondition.objects.create(action=action, order=3, title="A")
    second = SuccessCondition.objects.create(action=action, order=7, title="B")
    services.success_conditions_renumber(action=action, by=actor)
    return [first, second]


@case("actions.services.participations.participation_save")
def _(actor):
    from actions import services
    from actions.models import Participation

    participation = Participation(action=_action(), organisation=OrganisationFactory())
    return [services.participation_save(participation=participation, by=actor)]


@case("actions.services.participations.participation_import")
def _(actor):
    from actions import services

    action = _action()
    upload = SimpleUploadedFile(
        "e.csv", "Entreprise;Statut\nRecyclerie du Forez;Ciblée\n".encode(), content_type="text/csv"
    )
    services.participation_import(action=action, upload=upload, by=actor)
    participation = action.participations.get()
    return [participation, participation.organisation]


# --- adherents ---------------------------------------------------------------------------
def _member(**fields):
    from adherents.models import TrajectoryStep, TrajectoryTemplate
    from adherents.trajectories import ensure_default_templates
    from tests.adherents.factories import AdherentFactory, HealthUnitFactory

    ensure_default_templates(TrajectoryTemplate, TrajectoryStep)
    unit = HealthUnitFactory()
    return AdherentFactory(service=unit.service, unit=unit, sector=unit.sector, **fields)


def _started_member():
    from adherents import services

    member = _member()
    services.trajectory_start(
        adherent=member,
        template=services.default_template(member.service),
        start_on=timezone.localdate() - timedelta(days=20),
        by=UserFactory(),
    )
    return member


@case("adherents.services._common.trajectory_start")
def _(actor):
    from adherents import services

    member = _member()
    return services.trajectory_start(
        adherent=member,
        template=services.default_template(member.service),
        start_on=timezone.localdate(),
        by=actor,
    )


@case("adherents.services._common.step_complete")
def _(actor):
    from adherents import services

    member = _started_member()
    step = member.steps.order_by("due_on", "pk").first()
    return [services.step_complete(instance=step, by=actor)]


@case("adherents.services.members.step_reopen")
def _(actor):
    from adherents import services

    member = _started_member()
    step = member.steps.order_by("due_on", "pk").first()
    services.step_complete(instance=step, by=UserFactory())
    return [services.step_reopen(instance=step, by=actor)]


@case("adherents.services.members.contact_log")
def _(actor):
    from adherents import services
    from adherents.models import ContactAttempt

    member = _started_member()
    attempt = services.contact_log(
        adherent=member,
        by=actor,
        channel=ContactAttempt.Channel.PHONE,
        outcome=ContactAttempt.Outcome.MESSAGE_LEFT,
    )
    return [attempt]


@case("adherents.services.members.adherent_update")
def _(actor):
    from adherents import services

    return [services.adherent_update(adherent=_member(), by=actor, data={"headcount": 12})]


@case("adherents.services.members.portal_contacts_update")
def _(actor):
    from adherents import services

    return [
        services.portal_contacts_update(adherent=_member(), by=actor, data={"admin_contact_name": "Léa Roux"})
    ]


@case("adherents.services.members.staff_note_add")
def _(actor):
    from adherents import services

    return [services.staff_note_add(adherent=_member(), by=actor, body="Note")]


@case("adherents.services.visits.visit_save")
def _(actor):
    from adherents import services
    from adherents.models import PreventionVisit

    visit = PreventionVisit(
        adherent=_started_member(),
        status=PreventionVisit.Status.PLANNED,
        planned_on=timezone.localdate() + timedelta(days=5),
    )
    return [services.visit_save(visit=visit, by=actor)]


@case("adherents.services.visits.work_unit_save")
def _(actor):
    from adherents import services
    from adherents.models import HazardFamily, WorkUnit
    from tests.adherents.factories import PreventionVisitFactory

    unit = WorkUnit(visit=PreventionVisitFactory(adherent=_member()), name="Atelier")
    saved = services.work_unit_save(
        unit=unit, by=actor, hazards=[{"family": HazardFamily.values[0], "situation": "Bruit"}]
    )
    return [saved, *saved.hazards.all()]


@case("adherents.services.visits.restitution_mark_sent")
def _(actor):
    from adherents import services
    from tests.adherents.factories import PreventionVisitFactory, WorkUnitFactory

    visit = PreventionVisitFactory(adherent=_member())
    WorkUnitFactory(visit=visit)
    return [services.restitution_mark_sent(visit=visit, by=actor)]


@case("adherents.services.visits.restitution_issue")
def _(actor):
    from adherents import services
    from tests.adherents.factories import PreventionVisitFactory

    visit = PreventionVisitFactory(adherent=_member())
    services.restitution_issue(visit=visit, by=actor)
    return [visit]


@case("adherents.services.visits.action_item_save")
def _(actor):
    from adherents import services
    from adherents.models import ActionPlanItem

    item = ActionPlanItem(adherent=_member(), title="Capoter la machine", who="Chef d'atelier")
    return [services.action_item_save(item=item, by=actor)]


@case("adherents.services.complaints.complaint_save")
def _(actor):
    from adherents import services
    from tests.adherents.factories import ComplaintFactory

    complaint = ComplaintFactory.build(
        service=OrganisationFactory(kind="ssti"), received_on=timezone.localdate()
    )
    return [services.complaint_save(complaint=complaint, by=actor)]


@case("adherents.services.applications.application_submit")
def _(actor):
    from adherents import services
    from tests.adherents.factories import ApplicationFactory, ServiceFactory

    template = ApplicationFactory.build()
    fields = (
        "applicant",
        "company_name",
        "siret",
        "address",
        "postal_code",
        "city",
        "activity_description",
        "headcount",
        "sig_count",
        "sir_count",
        "sir_risks",
        "contact_name",
        "contact_email",
        "contact_phone",
    )
    data = {name: getattr(template, name) for name in fields}
    return [services.application_submit(data=data, service=ServiceFactory(), by=actor)]


@case("adherents.services.applications.application_validate")
def _(actor):
    from adherents import services
    from adherents.models import TrajectoryStep, TrajectoryTemplate
    from adherents.trajectories import ensure_default_templates
    from tests.adherents.factories import ApplicationFactory

    ensure_default_templates(TrajectoryTemplate, TrajectoryStep)
    application = ApplicationFactory()
    adherent = services.application_validate(application=application, by=actor)
    application.refresh_from_db()
    return [adherent, application, *adherent.steps.all()]


@case("adherents.services.applications.application_reject")
def _(actor):
    from adherents import services
    from tests.adherents.factories import ApplicationFactory

    return [services.application_reject(application=ApplicationFactory(), by=actor, reason="Hors secteur")]


# --- directory ---------------------------------------------------------------------------
@case("directory.services.organisation_save")
def _(actor):
    from directory import services
    from directory.models import Organisation

    return [
        services.organisation_save(
            organisation=Organisation(name="Atelier", kind=Organisation.Kind.COMPANY), by=actor
        )
    ]


@case("directory.services.organisation_delete")
def _(actor):
    from directory import services
    from directory.models import Organisation

    organisation = Organisation.objects.create(name="Atelier fermé", kind=Organisation.Kind.COMPANY)
    person, pk = PersonFactory(organisation=organisation), organisation.pk
    services.organisation_delete(organisation=organisation, by=actor)
    person.refresh_from_db()
    assert person.organisation is None
    return [(Organisation, pk), person]


@case("directory.services.person_save")
def _(actor):
    from directory import services

    person = PersonFactory()
    person.phone = "0102030405"
    return [services.person_save(person=person, by=actor)]


# --- evaluation --------------------------------------------------------------------------
def _indicator(**fields):
    from tests.evaluation.factories import IndicatorFactory

    return IndicatorFactory(**fields)


def _computed_indicator():
    from tests.evaluation.factories import IndicatorFactory, ParticipationFactory

    participation = ParticipationFactory(engaged_on=date(2025, 6, 10))
    return IndicatorFactory(
        action=participation.action,
        computation="companies_engaged",
        unit="nombre",
        baseline_date=date(2025, 6, 1),
    )


@case("evaluation.services.indicators.indicator_create")
def _(actor):
    from evaluation import services
    from tests.evaluation.factories import ActionFactory

    indicator = services.indicator_create(
        scope=ActionFactory(),
        by=actor,
        name="Entreprises",
        unit="nombre",
        periodicity="mensuelle",
        target=Decimal("10"),
        target_date=date(2026, 12, 1),
        target_steps={date(2026, 6, 1): Decimal("5")},
    )
    return [indicator, *indicator.target_steps.all()]


@case("evaluation.services.indicators.indicator_update")
def _(actor):
    from evaluation import services

    return [services.indicator_update(indicator=_indicator(), by=actor, name="Renommé")]


@case("evaluation.services.indicators.target_steps_set")
def _(actor):
    from evaluation import services
    from evaluation.models import TargetStep

    indicator = _indicator()
    old = TargetStep.objects.create(indicator=indicator, period=date(2025, 3, 1), value=Decimal("3"))
    services.target_steps_set(indicator=indicator, steps={date(2025, 6, 1): Decimal("8")}, by=actor)
    return [(TargetStep, old.pk), *indicator.target_steps.all()]


@case("evaluation.services.measurements.measurement_record")
def _(actor):
    from evaluation import services

    return [
        services.measurement_record(
            indicator=_indicator(), period=date(2025, 6, 1), value=Decimal("4"), by=actor
        )
    ]


@case("evaluation.services.measurements.measurements_record_many")
def _(actor):
    from evaluation import services

    indicator = _indicator()
    rows = [
        {"indicator": indicator, "period": date(2025, month, 1), "value": Decimal(month)} for month in (4, 5)
    ]
    return services.measurements_record_many(rows=rows, by=actor)


@case("evaluation.services.measurements.measurement_update")
def _(actor):
    from evaluation import services
    from tests.evaluation.factories import MeasurementFactory

    return [services.measurement_update(measurement=MeasurementFactory(), value=Decimal("12"), by=actor)]


@case("evaluation.services.measurements.measurements_enter_month")
def _(actor):
    from evaluation import services

    indicator = _indicator()
    services.measurements_enter_month(
        rows=[{"indicator": indicator, "period": date(2025, 6, 1), "value": Decimal("3")}], by=actor
    )
    return list(indicator.measurements.all())


@case("evaluation.services._common.indicator_compute")
def _(actor):
    from evaluation import services

    return [services.indicator_compute(indicator=_computed_indicator(), period=date(2025, 6, 1), by=actor)]


@case("evaluation.services._common.indicator_compute_now")
def _(actor):
    from evaluation import services

    return services.indicator_compute_now(indicator=_computed_indicator(), today=date(2025, 6, 20), by=actor)


@case("evaluation.services._common.indicator_backfill")
def _(actor):
    from evaluation import services

    indicator = _computed_indicator()
    services.indicator_backfill(indicator=indicator, today=date(2025, 7, 20), by=actor)
    return list(indicator.measurements.all())


@case("evaluation.services.computed.compute_all_indicators")
def _(actor):
    from evaluation import services

    indicator = _computed_indicator()
    services.compute_all_indicators(today=date(2025, 7, 20), by=actor)
    return list(indicator.measurements.all())


@case("evaluation.services.computed.computed_refresh")
def _(actor):
    from evaluation import services

    indicator = _computed_indicator()
    services.computed_refresh(today=date(2025, 6, 20), by=actor)
    return list(indicator.measurements.all())


@case("evaluation.services.closing.indicators_freeze")
def _(actor):
    from evaluation import services

    indicator = _indicator()
    services.indicators_freeze(action=indicator.action, on=date(2025, 6, 20), by=actor)
    indicator.refresh_from_db()
    return [indicator]


@case("evaluation.services.closing.indicators_thaw")
def _(actor):
    from evaluation import services

    indicator = _indicator()
    services.indicators_freeze(action=indicator.action, on=date(2025, 6, 20), by=UserFactory())
    services.indicators_thaw(action=indicator.action, by=actor)
    indicator.refresh_from_db()
    return [indicator]


@case("evaluation.services.approach.approach_entry_add")
def _(actor):
    from evaluation import services
    from evaluation.models import ApproachEntry
    from tests.evaluation.factories import ActionFactory

    return [
        services.approach_entry_add(
            action=ActionFactory(), by=actor, kind=ApproachEntry.Kind.values[0], text="Fait"
        )
    ]


@case("evaluation.services.approach.assessment_update")
def _(actor):
    from evaluation import services
    from tests.evaluation.factories import ActionFactory

    return [services.assessment_update(action=ActionFactory(), by=actor)]


# --- library -----------------------------------------------------------------------------
def _published(actor):
    from library import services
    from library.models import Publication
    from tests.library.factories import make_action, make_deliverable

    action = make_action()
    return services.publication_publish(
        source_key="actions.deliverable",
        obj=make_deliverable(action),
        by=actor,
        audience=Publication.Audience.USERS,
    )


@case("library.services.publication_publish")
def _(actor):
    return [_published(actor)]


@case("library.services.publication_withdraw")
def _(actor):
    from library import services

    publication = _published(UserFactory(is_superuser=True))
    return [services.publication_withdraw(publication=publication, by=actor)]


@case("library.services.programme_follow")
def _(actor):
    from library import services
    from library.models import ProgrammeFollow

    programme = _programme()
    services.programme_follow(by=actor, programme=programme, follow=True)
    followed = ProgrammeFollow.objects.get(user=actor, programme=programme)
    services.programme_follow(by=actor, programme=programme, follow=False)
    return [(ProgrammeFollow, followed.pk)]


@case("library.services.digest_set")
def _(actor):
    from library import services

    return [services.digest_set(user=UserFactory(), weekly=False, by=actor)]


@case("library.services.digest_unsubscribe_links_revoke")
def _(actor):
    from library import services
    from library.models import DigestPreference

    preference = DigestPreference.objects.create(user=UserFactory())
    services.digest_unsubscribe_links_revoke(
        preferences=DigestPreference.objects.filter(pk=preference.pk), by=actor
    )
    return [preference]


# --- raci --------------------------------------------------------------------------------
def _matrix(**kwargs):
    from tests.raci.factories import small_matrix

    return small_matrix(**kwargs)


@case("raci.services.matrices.matrix_create")
def _(actor):
    from raci import services
    from tests.raci.factories import ActionFactory

    return [services.matrix_create(title="Matrice", by=actor, action=ActionFactory())]


@case("raci.services.matrices.matrix_update")
def _(actor):
    from raci import services

    return [services.matrix_update(matrix=_matrix(), title="Autre", description="", by=actor)]


@case("raci.services.matrices.matrix_delete")
def _(actor):
    from raci import services
    from raci.models import Matrix

    matrix = _matrix()
    pk = matrix.pk
    services.matrix_delete(matrix=matrix, by=actor)
    return [(Matrix, pk)]


@case("raci.services.matrices.matrix_create_from_data")
def _(actor):
    from raci import services
    from raci.selectors import matrix_data
    from tests.raci.factories import ActionFactory

    matrix = services.matrix_create_from_data(
        data=matrix_data(_matrix()), title="Copie", by=actor, action=ActionFactory()
    )
    return [matrix, *matrix.roles.all(), *matrix.activities.all()]


@case("raci.services.matrices.matrix_clone")
def _(actor):
    from raci import services
    from tests.raci.factories import ActionFactory

    matrix = services.matrix_clone(source=_matrix(), by=actor, action=ActionFactory())
    return [matrix, *matrix.roles.all()]


@case("raci.services.matrices.matrix_validate")
def _(actor):
    from raci import services

    return [services.matrix_validate(matrix=_matrix(), by=actor)]


@case("raci.services.matrices.matrix_reopen")
def _(actor):
    from raci import services

    matrix = _matrix()
    services.matrix_validate(matrix=matrix, by=UserFactory())
    return [services.matrix_reopen(matrix=matrix, by=actor)]


@case("raci.services.cells.cell_set")
def _(actor):
    from raci import services
    from raci.models import Assignment

    matrix = _matrix()
    activity, role = matrix.activities.first(), matrix.roles.order_by("order").last()
    services.cell_set(activity=activity, role=role, letters="A", by=actor)
    return [Assignment.objects.get(activity=activity, role=role)]


@case("raci.services.cells.cell_toggle")
def _(actor):
    from raci import services
    from raci.models import Assignment

    matrix = _matrix()
    activity, role = matrix.activities.first(), matrix.roles.order_by("order").last()
    services.cell_toggle(activity=activity, role=role, letter="C", by=actor)
    return [Assignment.objects.get(activity=activity, role=role)]


@case("raci.services.rows.activity_save")
def _(actor):
    from raci import services
    from raci.models import Activity

    matrix = _matrix()
    return [
        services.activity_save(
            activity=Activity(matrix=matrix, name="Nouvelle", axis="Axe", step="Étape"), by=actor
        )
    ]


@case("raci.services.rows.activity_delete")
def _(actor):
    from raci import services
    from raci.models import Activity

    activity = _matrix().activities.first()
    pk = activity.pk
    services.activity_delete(activity=activity, by=actor)
    return [(Activity, pk)]


@case("raci.services.rows.activity_move")
def _(actor):
    from raci import services

    activity = _matrix().activities.order_by("order").first()
    services.activity_move(activity=activity, direction=1, by=actor)
    return [activity]


@case("raci.services.rows.role_save")
def _(actor):
    from raci import services
    from raci.models import Role

    return [services.role_save(role=Role(matrix=_matrix(), name="Nouveau rôle"), by=actor)]


@case("raci.services.rows.role_delete")
def _(actor):
    from raci import services
    from raci.models import Role

    role = _matrix().roles.order_by("order").last()
    pk = role.pk
    services.role_delete(role=role, by=actor)
    return [(Role, pk)]


@case("raci.services.rows.role_move")
def _(actor):
    from raci import services

    role = _matrix().roles.order_by("order").first()
    services.role_move(role=role, direction=1, by=actor)
    return [role]


@case("raci.services.matrices.templates_install")
def _(actor):
    from raci import services

    return services.templates_install(by=actor)


# --- reminders ---------------------------------------------------------------------------
@case("reminders.services.notices.notification_preference_set")
def _(actor):
    from reminders import services
    from reminders.models import NotificationPreference

    return [
        services.notification_preference_set(
            user=actor, delivery=NotificationPreference.Delivery.values[-1], by=actor
        )
    ]


# --- governance --------------------------------------------------------------------------
def _committee():
    from tests.governance.factories import CommitteeFactory

    return CommitteeFactory()


def _meeting(*, past=False, **fields):
    from tests.governance.factories import MeetingFactory

    if past:
        fields.setdefault("starts_at", timezone.now() - timedelta(days=3))
    return MeetingFactory(**fields)


def _held_meeting():
    from governance import services

    meeting = _meeting(past=True)
    services.meeting_mark_held(meeting=meeting, by=UserFactory(), without_quorum_note="Réunion de travail")
    meeting.refresh_from_db()
    return meeting


def _written_minutes():
    from governance import services
    from tests.governance.factories import AgendaItemFactory, MembershipFactory

    meeting = _held_meeting()
    MembershipFactory(committee=meeting.committee)
    item = AgendaItemFactory(meeting=meeting)
    return services.minutes_save(
        meeting=meeting,
        by=UserFactory(),
        summary="Synthèse",
        item_texts={item.pk: "Le diagnostic est validé."},
    )


@case("governance.services.committees.committee_create")
def _(actor):
    from governance import services
    from governance.models import Committee

    return [
        services.committee_create(kind=Committee.Kind.COPIL, name="COPIL", by=actor, programme=_programme())
    ]


@case("governance.services.committees.committee_update")
def _(actor):
    from governance import services

    return [services.committee_update(committee=_committee(), by=actor, mandate="Piloter")]


@case("governance.services.committees.composition_rule_set")
def _(actor):
    from governance import services

    return [
        services.composition_rule_set(committee=_committee(), by=actor, colleges={"salaries": 2}, roles={})
    ]


@case("governance.services.committees.committee_quorum_set")
def _(actor):
    from governance import services
    from governance.models import QuorumRule

    return [services.committee_quorum_set(committee=_committee(), by=actor, rule=QuorumRule.SHARE, share=50)]


@case("governance.services.committees.committee_rules_set")
def _(actor):
    from governance import services
    from governance.models import QuorumRule

    return [
        services.committee_rules_set(
            committee=_committee(),
            by=actor,
            colleges={"salaries": 2},
            roles={},
            quorum={"rule": QuorumRule.SHARE, "share": 50},
        )
    ]


@case("governance.services.committees.membership_add")
def _(actor):
    from governance import services
    from governance.models import Membership

    return [
        services.membership_add(
            committee=_committee(),
            person=PersonFactory(),
            role=Membership.Role.MEMBER,
            college="salaries",
            by=actor,
        )
    ]


@case("governance.services.committees.membership_update")
def _(actor):
    from governance import services
    from governance.models import Membership
    from tests.governance.factories import MembershipFactory

    membership = MembershipFactory()
    return [
        services.membership_update(
            membership=membership,
            by=actor,
            role=Membership.Role.CHAIR,
            college="salaries",
            start_date=None,
            end_date=None,
        )
    ]


@case("governance.services.committees.membership_end")
def _(actor):
    from governance import services
    from tests.governance.factories import MembershipFactory

    membership = MembershipFactory(start_date=timezone.localdate() - timedelta(days=30))
    return [services.membership_end(membership=membership, by=actor)]


@case("governance.services.meetings.meeting_create")
def _(actor):
    from governance import services

    return [
        services.meeting_create(
            committee=_committee(), starts_at=timezone.now() + timedelta(days=9), by=actor
        )
    ]


@case("governance.services.meetings.meeting_series_plan")
def _(actor):
    from governance import services

    now = timezone.now()
    return services.meeting_series_plan(
        committee=_committee(), by=actor, dates=[now + timedelta(days=30), now + timedelta(days=60)]
    )


@case("governance.services.meetings.meeting_update")
def _(actor):
    from governance import services

    return [services.meeting_update(meeting=_meeting(), by=actor, place="Salle 2")]


@case("governance.services.meetings.meeting_cancel")
def _(actor):
    from governance import services

    return [services.meeting_cancel(meeting=_meeting(), by=actor, reason="Grève")]


@case("governance.services.meetings.meeting_mark_held")
def _(actor):
    from governance import services

    return [
        services.meeting_mark_held(
            meeting=_meeting(past=True), by=actor, without_quorum_note="Réunion de travail"
        )
    ]


@case("governance.services.meetings.meeting_convene")
def _(actor):
    from governance import services
    from tests.governance.factories import AgendaItemFactory, MembershipFactory

    meeting = _meeting()
    MembershipFactory(committee=meeting.committee)
    AgendaItemFactory(meeting=meeting)
    services.attendance_invite_members(meeting=meeting, by=UserFactory())
    services.meeting_convene(meeting=meeting, by=actor)
    meeting.refresh_from_db()
    return [meeting]


@case("governance.services.agenda.agenda_item_add")
def _(actor):
    from governance import services

    return [services.agenda_item_add(meeting=_meeting(), title="Point", duration_minutes=20, by=actor)]


@case("governance.services.agenda.agenda_item_update")
def _(actor):
    from governance import services
    from tests.governance.factories import AgendaItemFactory

    return [services.agenda_item_update(item=AgendaItemFactory(), by=actor, title="Autre point")]


@case("governance.services.agenda.agenda_item_delete")
def _(actor):
    from governance import services
    from governance.models import AgendaItem
    from tests.governance.factories import AgendaItemFactory

    item = AgendaItemFactory()
    pk = item.pk
    services.agenda_item_delete(item=item, by=actor)
    return [(AgendaItem, pk)]


@case("governance.services.agenda.agenda_item_move")
def _(actor):
    from governance import services
    from tests.governance.factories import AgendaItemFactory

    meeting = _meeting()
    first = AgendaItemFactory(meeting=meeting, order=1)
    second = AgendaItemFactory(meeting=meeting, order=2)
    moved = services.agenda_item_move(item=second, direction="up", by=actor)
    first.refresh_from_db()
    return [moved, first]


@case("governance.services.agenda.agenda_item_carry")
def _(actor):
    from governance import services
    from tests.governance.factories import AgendaItemFactory

    meeting = _meeting(past=True)
    _meeting(committee=meeting.committee)  # the next meeting
    item = AgendaItemFactory(meeting=meeting)
    carried = services.agenda_item_carry(item=item, by=actor)
    return [carried]


@case("governance.services.attendance.attendance_invite_members")
def _(actor):
    from governance import services
    from tests.governance.factories import MembershipFactory

    meeting = _meeting()
    MembershipFactory(committee=meeting.committee)
    services.attendance_invite_members(meeting=meeting, by=actor)
    return list(meeting.attendances.all())


@case("governance.services.attendance.attendance_record")
def _(actor):
    from governance import services
    from governance.models import Attendance
    from tests.governance.factories import AttendanceFactory

    attendance = AttendanceFactory()
    services.attendance_record(
        meeting=attendance.meeting, statuses={attendance.pk: Attendance.Status.PRESENT}, by=actor
    )
    attendance.refresh_from_db()
    return [attendance]


@case("governance.services.attendance.attendance_all_present")
def _(actor):
    from governance import services
    from tests.governance.factories import AttendanceFactory

    attendance = AttendanceFactory()
    services.attendance_all_present(meeting=attendance.meeting, by=actor)
    attendance.refresh_from_db()
    return [attendance]


@case("governance.services.attendance.attendance_add_guest")
def _(actor):
    from governance import services

    return [
        services.attendance_add_guest(
            meeting=_meeting(), by=actor, guest_name="Invitée", guest_organisation="ARS"
        )
    ]


@case("governance.services.minutes.minutes_save")
def _(actor):
    from governance import services
    from tests.governance.factories import AgendaItemFactory

    meeting = _held_meeting()
    item = AgendaItemFactory(meeting=meeting)
    minutes = services.minutes_save(
        meeting=meeting, by=actor, summary="Synthèse", item_texts={item.pk: "Validé."}
    )
    return [minutes, *minutes.items.all()]


@case("governance.services.circulation.minutes_circulate")
def _(actor):
    from governance import services

    minutes = _written_minutes()
    circulation = services.minutes_circulate(minutes=minutes, by=actor)
    minutes.refresh_from_db()
    return [minutes, circulation]


@case("governance.services.circulation.minutes_circulation_record")
def _(actor):
    from django.utils import timezone

    from governance import services

    minutes = _written_minutes()
    recipients = services.minutes_recipients(minutes)
    return [
        services.minutes_circulation_record(
            minutes=minutes, by=actor, at=timezone.now(), file_name="cr.pdf", recipients=recipients
        )
    ]


@case("governance.services.minutes.minutes_approve")
def _(actor):
    from governance import services
    from governance.models import Minutes

    return [services.minutes_approve(minutes=_written_minutes(), by=actor, mode=Minutes.ApprovalMode.CHAIR)]


@case("governance.services.minutes.minutes_correct")
def _(actor):
    from governance import services
    from governance.models import Minutes

    minutes = _written_minutes()
    services.minutes_approve(minutes=minutes, by=UserFactory(), mode=Minutes.ApprovalMode.CHAIR)
    new = services.minutes_correct(minutes=minutes, by=actor, reason="Coquille")
    return [new, *new.items.all()]


@case("governance.services.decisions.decision_record")
def _(actor):
    from governance import services

    return [services.decision_record(meeting=_held_meeting(), text="Le plan est adopté.", by=actor)]


@case("governance.services.decisions.decision_delete")
def _(actor):
    from governance import services
    from governance.models import Decision
    from tests.governance.factories import DecisionFactory

    decision = DecisionFactory()
    pk = decision.pk
    services.decision_delete(decision=decision, by=actor)
    return [(Decision, pk)]


@case("governance.services.minutes.minutes_text_restore")
def _(actor):
    from governance import services

    minutes = _written_minutes()
    first_summary = minutes.history.latest()
    item = minutes.items.get()
    first_text = item.history.latest()
    services.minutes_save(
        meeting=minutes.meeting,
        by=UserFactory(),
        summary="Synthèse revue",
        item_texts={item.agenda_item_id: "Texte revu"},
    )
    services.minutes_text_restore(
        minutes=minutes, part="resume", record_id=first_summary.history_id, by=actor
    )
    services.minutes_text_restore(minutes=minutes, part="point", record_id=first_text.history_id, by=actor)
    minutes.refresh_from_db()
    item.refresh_from_db()
    return [minutes, item]


@case("governance.services.decisions.decision_text_restore")
def _(actor):
    from governance import services

    decision = services.decision_record(meeting=_held_meeting(), text="Premier texte", by=UserFactory())
    first = decision.history.latest()
    decision.text = "Second texte"
    decision.save()
    services.decision_text_restore(decision=decision, record_id=first.history_id, by=actor)
    return [decision]


@case("governance.services.decisions.followup_create")
def _(actor):
    from governance import services
    from tests.governance.factories import DecisionFactory

    return [
        services.followup_create(
            decision=DecisionFactory(),
            title="Relancer",
            owner=PersonFactory(),
            due_date=timezone.localdate() + timedelta(days=10),
            by=actor,
        )
    ]


@case("governance.services.decisions.followup_update")
def _(actor):
    from governance import services
    from governance.models import FollowUpItem
    from tests.governance.factories import FollowUpFactory

    item = FollowUpFactory()
    return [
        services.followup_update(
            item=item, status=FollowUpItem.Status.values[-1], by=actor, done_on=timezone.localdate()
        )
    ]


# --- calls -------------------------------------------------------------------------------
def _call(**fields):
    from tests.calls.factories import CallFactory

    return CallFactory(**fields)


def _closed_call():
    return _call(opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(days=1))


@case("calls.services.calls.call_save")
def _(actor):
    from calls import services

    call = _call()
    call.title = "Appel renommé"
    return [
        services.call_save(
            call=call, by=actor, axes=list(call.axes.all()), eligibility=["Critère"], priorities=[]
        )
    ]


@case("calls.services.calls.call_publish")
def _(actor):
    from calls import services

    return [services.call_publish(call=_call(), publish=False, by=actor)]


@case("calls.services.instruction.application_check_eligibility")
def _(actor):
    from calls import services
    from tests.calls.factories import make_application

    application = make_application(_call())
    return [services.application_check_eligibility(application=application, eligible=True, note="", by=actor)]


@case("calls.services.instruction.complement_request")
def _(actor):
    from calls import services
    from tests.calls.factories import make_application

    application = make_application(_call())
    services.complement_request(application=application, question="Quel effectif ?", by=actor)
    application.refresh_from_db()
    return [application]


@case("calls.services.instruction.score_set")
def _(actor):
    from calls import services
    from calls.models import Application
    from tests.calls.factories import make_application

    call = _call()
    application = make_application(call, eligibility=Application.Eligibility.ELIGIBLE)
    criterion = next(c for c in call.priority_criteria.all() if c.applies_to(application))
    return [services.score_set(application=application, criterion=criterion, scorer=actor, value=3, by=actor)]


@case("calls.services.instruction.scores_set")
def _(actor):
    from calls import services
    from calls.models import Application
    from tests.calls.factories import make_application

    call = _call()
    application = make_application(call, eligibility=Application.Eligibility.ELIGIBLE)
    criterion = next(c for c in call.priority_criteria.all() if c.applies_to(application))
    return services.scores_set(
        application=application, scorer=actor, scores=[services.ScoreInput(criterion, 3)], by=actor
    )


@case("calls.services.selection.call_select")
def _(actor):
    from calls import services
    from calls.models import Application
    from tests.calls.factories import make_application

    call = _closed_call()
    application = make_application(call, eligibility=Application.Eligibility.ELIGIBLE)
    services.call_select(call=call, decisions={application.pk: (True, "Projet solide")}, by=actor)
    call.refresh_from_db()
    application.refresh_from_db()
    return [call, application]


@case("calls.services.selection.call_selection_reopen")
def _(actor):
    from calls import services
    from calls.models import Application
    from tests.calls.factories import make_application

    call = _closed_call()
    application = make_application(call, eligibility=Application.Eligibility.ELIGIBLE)
    services.call_select(
        call=call, decisions={application.pk: (True, "Projet solide")}, by=UserFactory(is_superuser=True)
    )
    return [services.call_selection_reopen(call=call, by=actor, reason="Erreur de saisie")]


@case("actions.services.actions.action_text_restore")
def _(actor):
    from actions import services

    action = _action()
    services.action_update(action=action, by=None, needs="Premier texte")
    first = action.history.latest()
    services.action_update(action=action, by=None, needs="Second texte")
    services.action_text_restore(action=action, record_id=first.history_id, by=actor)
    return [action]


@case("api.services.token_create")
def _(actor):
    from api import services

    token, _key = services.token_create(owner=UserFactory(), name="BI", scope="read", by=actor)
    return [token]


@case("api.services.token_revoke")
def _(actor):
    from api import services

    token, _key = services.token_create(owner=UserFactory(), name="BI", scope="read", by=None)
    return [services.token_revoke(token=token, by=actor)]


@case("api.services.measurements_batch_write")
def _(actor):
    from api import services

    indicator = _indicator()
    services.measurements_batch_write(
        lines=[
            (
                0,
                {
                    "indicator": indicator.pk,
                    "period": date(2025, 6, 1),
                    "value": Decimal("3"),
                    "source": "API",
                },
            )
        ],
        by=actor,
    )
    return list(indicator.measurements.all())


@case("privacy.services.erasure.person_anonymise")
def _(actor):
    from privacy.services.erasure import person_anonymise

    person = PersonFactory()
    erasure = person_anonymise(person=person, by=actor, reason="Demande écrite de la personne")
    return [person, erasure]
