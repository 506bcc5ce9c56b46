"""Writes on member files: each function validates, saves in one transaction and
schedules its side effects (e-mails) after the commit."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core import locking
from core.conflicts import (
    CONFLICT,
    THEIRS,
    UNKNOWN,
    ConflictingField,
    EditConflict,
    authors_of,
    check_version,
    resolve,
)
from core.history import records_actor
from core.uploads import generated_name
from directory.models import Organisation
from reminders.services import email_queue

from .models import (
    UNREACHABLE_AFTER_ATTEMPTS,
    ActionPlanItem,
    Adherent,
    Complaint,
    ContactAttempt,
    HazardFamily,
    HealthUnit,
    IdentifiedHazard,
    MembershipApplication,
    PreventionVisit,
    StaffNote,
    StepInstance,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    TrajectoryStep,
    TrajectoryTemplate,
    WorkUnit,
    WorkUnitPhoto,
)


# --- Trajectories ----------------------------------------------------------------------
def default_template(service: Organisation, kind: str = TrajectoryTemplate.Kind.NEW_MEMBER) -> TrajectoryTemplate:
    """The service's own default template of that kind, else a shared one."""
    templates = list(
        TrajectoryTemplate.objects.filter(kind=kind, is_default=True).filter(
            Q(service=service) | Q(service__isnull=True)
        )
    )
    own = [t for t in templates if t.service_id == service.pk]
    template = (own or templates or [None])[0]
    if template is None:
        raise ValidationError(_("No default trajectory template is defined for this service."))
    return template


def step_delay(step: TrajectoryStep, unit: HealthUnit | None) -> int:
    """The prevention visit's delay is the UST's (at most 6 months); others use the template's."""
    if step.kind == TrajectoryStep.Kind.PREVENTION_VISIT and unit is not None:
        return unit.prevention_visit_delay_days
    return step.delay_days


def _due_dates(steps, *, start: date, unit, completed: dict | None = None) -> dict:
    """Due date of each step: from the start, or from the previous step's completion (else its due date)."""
    completed = completed or {}
    dues: dict = {}
    previous_reference = start
    for step in steps:
        base = start if step.reference == TrajectoryStep.Reference.START else previous_reference
        dues[step.pk] = base + timedelta(days=step_delay(step, unit))
        previous_reference = completed.get(step.pk) or dues[step.pk]
    return dues


@records_actor
def trajectory_start(
    *, adherent: Adherent, template: TrajectoryTemplate, start_on: date, by: User | None
) -> list[StepInstance]:
    """Create the member's steps of `template`, with their due dates, from `start_on`."""
    if template.service_id not in (None, adherent.service_id):
        raise ValidationError(_("This trajectory template belongs to another service."))
    if StepInstance.objects.filter(adherent=adherent, step__template=template, started_on=start_on).exists():
        raise ValidationError(_("This trajectory has already been started on that date."))
    steps = list(template.steps.order_by("order"))
    if not steps:
        raise ValidationError(_("This trajectory template has no step."))
    dues = _due_dates(steps, start=start_on, unit=adherent.unit)
    instances = [
        StepInstance(
            adherent=adherent, step=step, started_on=start_on, due_on=dues[step.pk], assignee=adherent.referent
        )
        for step in steps
    ]
    with transaction.atomic():
        return bulk_create_with_history(instances, StepInstance, default_user=_author(by))


def _author(by):
    return by if by is not None and by.is_authenticated else None


def _reschedule(adherent: Adherent, template_id: int, started_on: date, *, by) -> None:
    """After a completion, the open steps counted from a previous step move with it."""
    instances = list(
        StepInstance.objects.filter(adherent=adherent, step__template_id=template_id, started_on=started_on)
        .select_related("step")
        .order_by("step__order")
    )
    completed = {i.step_id: i.completed_on for i in instances if i.completed_on}
    dues = _due_dates([i.step for i in instances], start=started_on, unit=adherent.unit, completed=completed)
    changed = []
    for instance in instances:
        if not instance.completed_on and instance.due_on != dues[instance.step_id]:
            instance.due_on = dues[instance.step_id]
            changed.append(instance)
    if changed:
        bulk_update_with_history(changed, StepInstance, ["due_on"], default_user=_author(by))


@records_actor
def step_complete(*, instance: StepInstance, by, completed_on: date | None = None, comment: str = "") -> StepInstance:
    completed_on = completed_on or timezone.localdate()
    if instance.completed_on:
        raise ValidationError(_("This step is already done."))
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("A step cannot be completed in the future.")})
    if completed_on < instance.started_on:
        raise ValidationError({"completed_on": _("A step cannot be completed before its trajectory started.")})
    with transaction.atomic():
        instance.completed_on = completed_on
        instance.completed_by = by
        if comment:
            instance.comment = comment
        instance.save(update_fields=["completed_on", "completed_by", "comment"])
        _reschedule(instance.adherent, instance.step.template_id, instance.started_on, by=by)
    return instance


@records_actor
def step_reopen(*, instance: StepInstance, by) -> StepInstance:
    with transaction.atomic():
        instance.completed_on = None
        instance.completed_by = None
        instance.save(update_fields=["completed_on", "completed_by"])
        _reschedule(instance.adherent, instance.step.template_id, instance.started_on, by=by)
    return instance


def _open_step_of_kind(adherent: Adherent, kind: str) -> StepInstance | None:
    return (
        StepInstance.objects.filter(adherent=adherent, step__kind=kind, completed_on__isnull=True)
        .select_related("step", "adherent")
        .order_by("due_on")
        .first()
    )


# --- Contact log -------------------------------------------------------------------
@records_actor
def contact_log(
    *,
    adherent: Adherent,
    by,
    channel: str,
    outcome: str,
    happened_at=None,
    person_reached: str = "",
    summary: str = "",
    step: StepInstance | None = None,
) -> ContactAttempt:
    """Record a contact; a success marks the member reached (and the welcome call done),
    repeated failures flag the member unreachable."""
    happened_at = happened_at or timezone.now()
    if happened_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"happened_at": _("A contact cannot be logged in the future.")})
    if step is not None and step.adherent_id != adherent.pk:
        raise ValidationError({"step": _("This step belongs to another member.")})
    with transaction.atomic():
        attempt = ContactAttempt.objects.create(
            adherent=adherent,
            by=by,
            channel=channel,
            outcome=outcome,
            happened_at=happened_at,
            person_reached=person_reached,
            summary=summary,
            step=step,
        )
        fields = []
        if outcome == ContactAttempt.Outcome.REACHED:
            if adherent.first_reached_at is None or happened_at < adherent.first_reached_at:
                adherent.first_reached_at = happened_at
                fields.append("first_reached_at")
            if adherent.unreachable:
                adherent.unreachable = False
                fields.append("unreachable")
            welcome = step if step is not None and step.step.kind == TrajectoryStep.Kind.WELCOME_CALL else None
            welcome = welcome or _open_step_of_kind(adherent, TrajectoryStep.Kind.WELCOME_CALL)
            if welcome is not None and not welcome.completed_on and channel in (
                ContactAttempt.Channel.PHONE,
                ContactAttempt.Channel.VIDEO,
                ContactAttempt.Channel.MEETING,
            ):
                step_complete(instance=welcome, by=by, completed_on=timezone.localtime(happened_at).date())
        elif outcome in (ContactAttempt.Outcome.UNREACHABLE, ContactAttempt.Outcome.MESSAGE_LEFT):
            recent = list(adherent.contacts.order_by("-happened_at", "-pk").values_list("outcome", flat=True)[
                :UNREACHABLE_AFTER_ATTEMPTS
            ])
            failures = [
                o for o in recent if o in (ContactAttempt.Outcome.UNREACHABLE, ContactAttempt.Outcome.MESSAGE_LEFT)
            ]
            if len(failures) >= UNREACHABLE_AFTER_ATTEMPTS and not adherent.unreachable:
                adherent.unreachable = True
                fields.append("unreachable")
        if fields:
            Adherent.objects.filter(pk=adherent.pk).update(**{f: getattr(adherent, f) for f in fields})
    return attempt


# --- Member file -------------------------------------------------------------------
@records_actor
def adherent_update(*, adherent: Adherent, by, data: dict, expected_version: int | None = None) -> Adherent:
    """Save the member file (history keeps who changed what). Made on a stale version (`expected_version`,
    see core.conflicts), it keeps what others changed on fields left alone and raises `EditConflict` where
    both changed the same field."""
    with transaction.atomic():
        for name, value in data.items():
            setattr(adherent, name, value)
        check_version(adherent, expected_version)
        if adherent.unit_id and adherent.unit.service_id != adherent.service_id:
            raise ValidationError({"unit": _("This UST belongs to another service.")})
        if adherent.sector_id and adherent.sector.service_id != adherent.service_id:
            raise ValidationError({"sector": _("This sector belongs to another service.")})
        adherent._history_user = by
        adherent.save()
    return adherent


@records_actor
def portal_contacts_update(*, adherent: Adherent, by, data: dict, expected_version: int | None = None) -> Adherent:
    """The member updates its contacts and opening hours, and nothing else (a stale version: see
    core.conflicts, `EditConflict` where the service's staff changed the same contact meanwhile)."""
    allowed = {k: v for k, v in data.items() if k in Adherent.PORTAL_EDITABLE_FIELDS}
    with transaction.atomic():
        for name, value in allowed.items():
            setattr(adherent, name, value)
        check_version(adherent, expected_version)
        adherent._history_user = by
        adherent._change_reason = _("Updated by the member on the portal")
        adherent.save()
    return adherent


@records_actor
def staff_note_add(*, adherent: Adherent, by: User, body: str) -> StaffNote:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("The note is empty.")})
    return StaffNote.objects.create(adherent=adherent, author=by, body=body)


# --- Prevention visit --------------------------------------------------------------
@records_actor
def visit_save(*, visit: PreventionVisit, by, expected_version: int | None = None) -> PreventionVisit:
    """Save a visit; once done, it completes the trajectory's prevention-visit step. An edit made on a
    stale version (`expected_version`, see core.conflicts) raises `EditConflict` where both changed a field."""
    with transaction.atomic():
        check_version(visit, expected_version)
        if visit.status == PreventionVisit.Status.DONE and not visit.done_on:
            raise ValidationError({"done_on": _("Give the date the visit took place.")})
        if visit.done_on and visit.done_on > timezone.localdate():
            raise ValidationError({"done_on": _("A visit cannot have taken place in the future.")})
        if visit.done_on and visit.status == PreventionVisit.Status.PLANNED:
            visit.status = PreventionVisit.Status.DONE
        if visit.step_id is None:
            visit.step = _open_step_of_kind(visit.adherent, TrajectoryStep.Kind.PREVENTION_VISIT)
        visit._history_user = by
        visit.save()
        if visit.status == PreventionVisit.Status.DONE and visit.step and not visit.step.completed_on:
            step_complete(instance=visit.step, by=by, completed_on=max(visit.done_on, visit.step.started_on))
    return visit


@records_actor
def work_unit_save(
    *, unit: WorkUnit, by: User, hazards: list[dict], photo: dict | None = None, expected_version: int | None = None
) -> WorkUnit:
    """Save a work unit with its hazards (family, situation, priority) from the checklist,
    and a photo (already checked: PNG or JPEG) stored under a generated name. An edit made on a stale
    version (`expected_version`, see core.conflicts) raises `EditConflict` where both changed a field."""
    families = [h["family"] for h in hazards]
    if len(families) != len(set(families)):
        raise ValidationError(_("A hazard is ticked twice for this work unit."))
    with transaction.atomic():
        hazards = _hazards_checked(unit, hazards, expected_version)
        if unit.pk is None and not unit.order:
            locking.locked(unit.visit)  # units are numbered per visit, one creation after the other
            unit.order = (unit.visit.work_units.aggregate(m=Max("order"))["m"] or 0) + 1
        unit.save()
        unit.hazards.all().delete()
        bulk_create_with_history(
            [
                IdentifiedHazard(
                    work_unit=unit, family=h["family"], situation=h.get("situation", ""),
                    is_priority=h.get("is_priority", False),
                )
                for h in hazards
            ],
            IdentifiedHazard,
            default_user=_author(by),
        )
        if photo:
            stored = WorkUnitPhoto(work_unit=unit, caption=photo["caption"], positive=photo["positive"])
            stored.image.save(
                generated_name("adherents/photos", photo["upload"].name, photo["kind"]).split("/")[-1],
                photo["upload"],
                save=False,
            )
            stored.save()
    return unit


def _hazard_key(hazard) -> tuple:
    if isinstance(hazard, dict):
        return hazard["family"], hazard.get("situation", ""), bool(hazard.get("is_priority"))
    return hazard.family, hazard.situation, hazard.is_priority


def _hazards_display(keys) -> str:
    if not keys:
        return _("(none)")
    labels = dict(HazardFamily.choices)
    parts = []
    for family, situation, priority in sorted(keys):
        text = str(labels.get(family, family))
        if situation:
            text += f" ({situation})"
        if priority:
            text += " — " + _("priority")
        parts.append(text)
    return "\u202f; ".join(parts)


def _hazards_checked(unit: WorkUnit, hazards: list[dict], expected_version: int | None) -> list[dict]:
    """The unit's fields and its checklist, saved from a page opened on `expected_version` (core.conflicts).

    The checklist is one list: the hazards as they were when the page was opened (read from their
    history) are compared with those stored now and those posted. Only the other person changed it:
    theirs are kept; both changed it differently: `EditConflict`, with the unit's conflicting fields.
    Returns the hazards to save.
    """
    conflict = None
    try:
        check_version(unit, expected_version)
    except EditConflict as raised:
        conflict = raised
    if expected_version is None or unit.pk is None:
        return hazards
    rows = unit.history.model.objects.filter(id=unit.pk)
    first_later = rows.filter(history_id__gt=expected_version).order_by("history_id").first()
    if first_later is None:
        return hazards  # nobody saved the unit since the page was opened
    mine = {_hazard_key(h) for h in hazards}
    stored = {_hazard_key(h) for h in IdentifiedHazard.objects.filter(work_unit_id=unit.pk)}
    base = rows.filter(history_id=expected_version).first()
    seen = UNKNOWN
    if base is not None:
        # Each save rewrites the checklist right after the unit's row: as of the next save of the unit,
        # the hazards are still those of the version the page was opened on.
        seen = {_hazard_key(h) for h in IdentifiedHazard.history.as_of(first_later.history_date).filter(
            work_unit_id=unit.pk)}
    outcome = resolve(mine, seen, stored)
    if outcome == THEIRS:
        hazards = [{"family": f, "situation": s, "is_priority": p} for f, s, p in sorted(stored)]
    elif outcome == CONFLICT:
        field = ConflictingField(name="hazards", label=str(_("hazards of the checklist")), theirs=sorted(stored),
                                 theirs_display=_hazards_display(stored))
        if conflict is not None:
            conflict.fields.append(field)
        else:
            later = list(rows.filter(history_id__gt=expected_version).select_related("history_user")
                         .order_by("history_id"))
            conflict = EditConflict(instance=unit, version=later[-1].history_id, fields=[field],
                                    authors=authors_of(later), when=later[-1].history_date)
    if conflict is not None:
        if outcome == THEIRS:  # the page given back shows their checklist: saving again keeps it
            kept = {h["family"]: h for h in hazards}
            for family, _label in HazardFamily.choices:
                conflict.merged[f"hz_{family}"] = family in kept
                conflict.merged[f"sit_{family}"] = kept[family]["situation"] if family in kept else ""
                conflict.merged[f"prio_{family}"] = bool(family in kept and kept[family]["is_priority"])
        raise conflict
    return hazards


@records_actor
def restitution_mark_sent(*, visit: PreventionVisit, by, sent_on: date | None = None) -> PreventionVisit:
    if visit.status != PreventionVisit.Status.DONE:
        raise ValidationError(_("The restitution is sent after the visit has taken place."))
    if not visit.work_units.exists():
        raise ValidationError(_("Record at least one work unit before sending the restitution."))
    visit.restitution_sent_on = sent_on or timezone.localdate()
    fields = ["restitution_sent_on", "updated_at"]
    if visit.restitution_issued_on is None:
        # A letter sent without having been produced before is dated the day it was sent.
        visit.restitution_issued_on = visit.restitution_sent_on
        fields.append("restitution_issued_on")
    visit._history_user = by
    visit.save(update_fields=fields)
    return visit


@records_actor
def restitution_issue(*, visit: PreventionVisit, by) -> date:
    """The date of the restitution letter: stored the first time the letter is produced, then kept.

    Producing the letter again gives the same date; a new visit is a new letter with its own date.
    """
    if visit.restitution_issued_on is not None:
        return visit.restitution_issued_on
    with transaction.atomic():
        locked = PreventionVisit.objects.select_for_update().get(pk=visit.pk)
        if locked.restitution_issued_on is None:
            locked.restitution_issued_on = timezone.localdate()
            locked._history_user = by
            locked.save(update_fields=["restitution_issued_on", "updated_at"])
    visit.restitution_issued_on = locked.restitution_issued_on
    return visit.restitution_issued_on


@records_actor
def action_item_save(*, item: ActionPlanItem, by: User, expected_version: int | None = None) -> ActionPlanItem:
    """Save an item of the action plan (an edit made on a stale version: see core.conflicts)."""
    with transaction.atomic():
        check_version(item, expected_version)
        if item.visit_id and item.visit.adherent_id != item.adherent_id:
            raise ValidationError({"visit": _("This visit belongs to another member.")})
        item.save()
        plan_step = _open_step_of_kind(item.adherent, TrajectoryStep.Kind.ACTION_PLAN)
        if plan_step is not None and item.status == ActionPlanItem.Status.DONE:
            step_complete(instance=plan_step, by=by, completed_on=max(timezone.localdate(), plan_step.started_on))
    return item


# --- Surveys -----------------------------------------------------------------------
@records_actor
def survey_response_record(
    *, survey: Survey, adherent: Adherent, by, reached: bool, answers: dict, respondent: str = "", answered_on=None
) -> SurveyResponse:
    """Record one member's answers. `answers` maps a question to a choice, a list of choices,
    a rating or a text (as the survey form gives them)."""
    if adherent.service_id != survey.service_id:
        raise ValidationError(_("This member does not belong to the survey's service."))
    if not survey.is_open:
        raise ValidationError(_("This survey is closed."))
    if SurveyResponse.objects.filter(survey=survey, adherent=adherent).exists():
        raise ValidationError(_("This member has already answered the survey."))
    rows = []
    if reached:
        for question, value in answers.items():
            rows.extend(_answer_rows(question, value))
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey,
                adherent=adherent,
                reached=reached,
                respondent=respondent,
                recorded_by=by,
                answered_on=answered_on or timezone.localdate(),
            )
            for row in rows:
                row.response = response
            SurveyAnswer.objects.bulk_create(rows)
    except IntegrityError as exc:  # two people recording the same member's answers at the same moment
        raise ValidationError(_("This member has already answered the survey.")) from exc
    return response


def _answer_rows(question: SurveyQuestion, value) -> list[SurveyAnswer]:
    if value in (None, "", []):
        return []
    kind = question.kind
    if kind == SurveyQuestion.Kind.SINGLE:
        return [SurveyAnswer(question=question, choice=value)]
    if kind == SurveyQuestion.Kind.MULTIPLE:
        return [SurveyAnswer(question=question, choice=c) for c in value]
    if kind == SurveyQuestion.Kind.RATING:
        return [SurveyAnswer(question=question, rating=int(value))]
    return [SurveyAnswer(question=question, text=str(value).strip())]


# --- Complaints --------------------------------------------------------------------
@records_actor
def complaint_save(*, complaint: Complaint, by, expected_version: int | None = None) -> Complaint:
    """Save a complaint; its status follows what was filled in (analysed, closed). An edit made on a stale
    version (`expected_version`, see core.conflicts) raises `EditConflict` where both changed a field."""
    with transaction.atomic():
        check_version(complaint, expected_version)
        return _complaint_saved(complaint, by)


def _complaint_saved(complaint: Complaint, by) -> Complaint:
    if complaint.adherent_id and complaint.adherent.service_id != complaint.service_id:
        raise ValidationError({"adherent": _("This member belongs to another service.")})
    if complaint.closed_on:
        if complaint.closed_on < complaint.received_on:
            raise ValidationError({"closed_on": _("A complaint cannot be closed before it was received.")})
        if not complaint.cause or not complaint.corrective_action.strip():
            raise ValidationError(
                {"closed_on": _("Give the cause and the corrective action before closing the complaint.")}
            )
        complaint.status = Complaint.Status.CLOSED
    elif complaint.cause:
        complaint.status = Complaint.Status.ANALYSED
    else:
        complaint.status = Complaint.Status.RECEIVED
    if complaint.handled_by_id is None:
        complaint.handled_by = by
    complaint._history_user = by
    complaint.save()
    return complaint


# --- Online membership -------------------------------------------------------------
@records_actor
def application_submit(*, data: dict, service: Organisation, by: User | None = None) -> MembershipApplication:
    """A membership asked online: `by` is None for an anonymous visitor (the usual case)."""
    application = MembershipApplication(service=service, **data)
    application.full_clean()
    with transaction.atomic():
        application.save()
        application_acknowledgement_queue(application=application)
    return application


def application_acknowledgement_queue(*, application: MembershipApplication) -> None:
    """E-mail the acknowledgement to the contact (and to the accounting firm that applied), through the outbox."""
    recipients = [application.contact_email]
    if application.accounting_firm_email:
        recipients.append(application.accounting_firm_email)
    email_queue(
        to=recipients,
        subject=_("Your membership application to %(service)s has been received") % {"service": application.service},
        body=render_to_string("adherents/email/application_acknowledgement.txt", {"application": application}),
    )


def _next_membership_number(service: Organisation, year: int) -> str:
    prefix = f"{year}-"
    numbers = Adherent.objects.filter(service=service, membership_number__startswith=prefix).values_list(
        "membership_number", flat=True
    )
    highest = max((int(n[len(prefix):]) for n in numbers if n[len(prefix):].isdigit()), default=0)
    return f"{prefix}{highest + 1:04d}"


@records_actor
def application_validate(
    *, application: MembershipApplication, by, sector=None, unit=None, referent=None, validated_on: date | None = None
) -> Adherent:
    """Validate an application: the company, its member file and its trajectory are created."""
    if application.status != MembershipApplication.Status.SUBMITTED:
        raise ValidationError(_("This application has already been reviewed."))
    service = application.service
    if unit is not None and unit.service_id != service.pk:
        raise ValidationError({"unit": _("This UST belongs to another service.")})
    if sector is not None and sector.service_id != service.pk:
        raise ValidationError({"sector": _("This sector belongs to another service.")})
    validated_on = validated_on or timezone.localdate()
    template = default_template(service)
    with transaction.atomic():
        locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status != MembershipApplication.Status.SUBMITTED:
            raise ValidationError(_("This application has already been reviewed."))
        organisation = Organisation.objects.filter(siret=application.siret, kind=Organisation.Kind.COMPANY).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=application.company_name,
                kind=Organisation.Kind.COMPANY,
                siret=application.siret,
                headcount=application.headcount,
                address=application.address,
                postal_code=application.postal_code,
                city=application.city,
                email=application.contact_email,
                phone=application.contact_phone,
            )
        locking.locked(service)  # membership numbers are allocated per service, one validation after the other
        if Adherent.objects.filter(service=service, organisation=organisation, left_on__isnull=True).exists():
            raise ValidationError(_("This company is already a member of the service."))
        adherent = Adherent(
            service=service,
            organisation=organisation,
            membership_number=_next_membership_number(service, validated_on.year),
            applied_on=timezone.localtime(application.submitted_at).date(),
            validated_on=validated_on,
            sector=sector or (unit.sector if unit else None),
            unit=unit,
            referent=referent or by,
            headcount=application.headcount,
            sig_count=application.sig_count,
            sir_count=application.sir_count,
            accounting_firm=application.applicant == MembershipApplication.Applicant.ACCOUNTING_FIRM,
            accounting_firm_name=application.accounting_firm_name,
            admin_contact_name=application.contact_name,
            admin_contact_email=application.contact_email,
            admin_contact_phone=application.contact_phone,
            sign_name=application.sign_name,
            activity_description=application.activity_description,
            opening_hours=application.opening_hours,
        )
        adherent._history_user = by
        adherent.save()
        steps = trajectory_start(adherent=adherent, template=template, start_on=validated_on, by=by)
        # Validating the application is the first step (the membership file is administered).
        first = min(steps, key=lambda s: s.step.order)
        if first.step.reference == TrajectoryStep.Reference.START and first.step.delay_days == 0:
            step_complete(instance=first, by=by, completed_on=validated_on)
        locked.status = MembershipApplication.Status.VALIDATED
        locked.reviewed_by = by
        locked.reviewed_at = timezone.now()
        locked.adherent = adherent
        locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "adherent"])
    application.refresh_from_db()
    return adherent


@records_actor
def application_reject(*, application: MembershipApplication, by, reason: str) -> MembershipApplication:
    if application.status != MembershipApplication.Status.SUBMITTED:
        raise ValidationError(_("This application has already been reviewed."))
    if not reason.strip():
        raise ValidationError({"rejection_reason": _("Say why the application is rejected.")})
    application.status = MembershipApplication.Status.REJECTED
    application.rejection_reason = reason.strip()
    application.reviewed_by = by
    application.reviewed_at = timezone.now()
    application.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"])
    return application
