"""Writes on calls and applications: each function validates, saves in one transaction,
and sends its e-mails once the transaction is committed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from actions.models import Participation
from core import french
from core.conflicts import ConflictingField, EditConflict, authors_of, check_version, version_of
from core.history import records_actor
from directory.models import Organisation, Person
from governance.models import Committee, Membership
from governance.services import committee_create, membership_add
from reminders.services import email_queue

from .models import (
    Application,
    Call,
    ComplementRequest,
    EligibilityCriterion,
    PriorityCriterion,
    ProjectTeamMember,
    Score,
)
from .selectors import TEAM_FIELDS, criteria_key, team_key

# What a complete application must give (Annexe 1); the rest is optional.
REQUIRED_FIELDS = [
    "structure_name", "category", "sector", "capacity", "siret", "finess_legal", "finess_site",
    "director_name", "contact_name", "contact_email", "axis", "reasons", "has_digital_tools",
    "health_insurance_funded", "esms_numerique", "sons",
]
APPLICATION_FIELDS = [
    *REQUIRED_FIELDS, "managing_organisation", "contact_phone", "digital_tools", "mss_solution", "other_tools",
    "digital_history", "it_roles",
]


def absolute(path: str) -> str:
    from reminders.services import absolute_url

    return absolute_url(path)


def private_link(token: str) -> str:
    return absolute(reverse("calls:application_edit", args=[token]))


def _mail(*, to: str, subject: str, template: str, context: dict) -> None:
    if not to:
        return
    email_queue(to=[to], subject=subject, body=render_to_string(template, context))


def _local(dt) -> str:
    return french.jour_heure(dt)


# --- Calls ---------------------------------------------------------------------------
@dataclass
class PriorityInput:
    text: str
    weight: Decimal
    axis: object = None


def _list_conflict(
    instance, *, expected_version: int, found: EditConflict | None, name: str, label: str, stored: str
) -> EditConflict:
    """`found` (the conflict on the object's own fields, if any) with one more field: a list of the
    object replaced as a whole (the criteria of a call, the team of an application), changed by both."""
    fields = [*(found.fields if found else []), ConflictingField(name=name, label=label, theirs=stored,
                                                                 theirs_display=stored or _("(empty)"))]
    if found is not None:
        return EditConflict(instance=instance, version=found.version, fields=fields, authors=found.authors,
                            when=found.when, merged=found.merged)
    later = list(instance.history.filter(history_id__gt=expected_version).select_related("history_user")
                 .order_by("history_id"))
    return EditConflict(
        instance=instance, version=later[-1].history_id if later else version_of(instance), fields=fields,
        authors=authors_of(later), when=later[-1].history_date if later else timezone.now(),
    )


def _theirs(stored: list[str], mine: list[str]) -> str:
    """The items of a list stored now that this person's list has not (all of them when none)."""
    theirs = [item for item in stored if item not in mine] or stored
    return " ; ".join(theirs)


def _criteria_lines(eligibility: list[str], priorities: list[tuple]) -> list[str]:
    weighted = [_("%(criterion)s (weight %(weight)s)") % {"criterion": text, "weight": french.nombre(weight, 1)}
                for text, weight, _axis in priorities]
    return [*eligibility, *weighted]


@records_actor
def call_save(
    *, call: Call, by, axes, eligibility: list[str], priorities: list[PriorityInput],
    expected_version: int | None = None, criteria_seen: str | None = None,
) -> Call:
    """Create or update a call with its axes and criteria (criteria are replaced in order).

    Criteria cannot change once an application is submitted: answers and scores refer to them.
    An update made on a stale version (`expected_version`, `core.conflicts`) keeps other people's
    changes on what this person left alone and raises `EditConflict` where both changed the same
    field; the criteria, replaced as a whole, are compared by their key when the form was opened
    (`criteria_seen`, see `selectors.criteria_version`).
    """
    call.full_clean(exclude=["axes"])
    bad_axes = [axis for axis in axes if axis.programme_id != call.programme_id]
    if bad_axes:
        raise ValidationError({"axes": _("Choose axes of the call's own programme.")})
    committee = call.selection_committee
    if committee is not None and (
        committee.kind != Committee.Kind.SELECTION or committee.scope_programme_id != call.programme_id
    ):
        raise ValidationError({"selection_committee": _("Choose a selection committee of the call's programme.")})
    with transaction.atomic():
        is_new = call.pk is None
        current_eligibility, current_priorities = [], []
        if not is_new:
            current_eligibility = list(call.eligibility_criteria.values_list("text", flat=True))
            current_priorities = [(p.text, p.weight, p.axis_id) for p in call.priority_criteria.all()]
        wanted_priorities = [(p.text, Decimal(p.weight), p.axis.pk if p.axis else None) for p in priorities]
        keep_theirs = False
        if not is_new and expected_version is not None:
            found = None
            try:
                check_version(call, expected_version)
            except EditConflict as conflict:
                found = conflict
            stored_key = criteria_key(current_eligibility, current_priorities)
            wanted_key = criteria_key(eligibility, wanted_priorities)
            if criteria_seen is not None and stored_key != criteria_seen and wanted_key != stored_key:
                if wanted_key == criteria_seen:
                    keep_theirs = True  # only the other person changed the criteria: theirs are kept
                else:
                    found = _list_conflict(
                        call, expected_version=expected_version, found=found, name="criteria",
                        label=_("criteria"), stored=_theirs(_criteria_lines(current_eligibility, current_priorities),
                                                     _criteria_lines(eligibility, wanted_priorities)),
                    )
            if found is not None:
                if keep_theirs:
                    found.merged["criteria"] = True
                raise found
        if is_new:
            call.created_by = by
        call.save()
        call.axes.set(axes)
        submitted = call.applications.exclude(status=Application.Status.DRAFT).exists()
        if keep_theirs or (current_eligibility == eligibility and current_priorities == wanted_priorities):
            return call
        if submitted:
            raise ValidationError(
                _("The criteria cannot be changed any more: applications have already been submitted.")
            )
        # Replaced in order, each deletion and creation in the criteria's history with its author.
        call.eligibility_criteria.all().delete()  # one history row per deleted criterion (post_delete)
        call.priority_criteria.all().delete()
        bulk_create_with_history(
            [EligibilityCriterion(call=call, order=i, text=text) for i, text in enumerate(eligibility)],
            EligibilityCriterion, default_user=_author(by),
        )
        bulk_create_with_history(
            [PriorityCriterion(call=call, order=i, text=p.text, weight=p.weight, axis=p.axis)
             for i, p in enumerate(priorities)],
            PriorityCriterion, default_user=_author(by),
        )
    return call


@records_actor
def call_publish(*, call: Call, publish: bool, by) -> Call:
    if publish and not call.eligibility_criteria.exists():
        raise ValidationError(_("Give at least one eligibility criterion before publishing the call."))
    if publish and not call.axes.exists():
        raise ValidationError(_("Choose at least one axis before publishing the call."))
    call.is_published = publish
    call.save(update_fields=["is_published"])
    return call


# --- Applications, on the applicant's side ----------------------------------------------
def _set_application(application: Application, *, data: dict, answers: dict) -> None:
    for name in APPLICATION_FIELDS:
        if name in data:
            value = data[name]
            if name == "digital_tools":
                value = list(value or [])
            setattr(application, name, "" if value is None and name not in _NULLABLE else value)
    application.eligibility_answers = {str(k): bool(v) for k, v in answers.items() if v is not None}


def _save_application(application: Application, *, team: list[dict] | None) -> None:
    """Save the application and, unless `team` is None (kept as stored) or the same as stored, replace its
    project team (each deletion and creation in the team's history)."""
    application.full_clean(exclude=["token_hash"])
    application.save()
    if team is None:
        return
    stored = list(application.team.order_by("order", "pk"))
    if team_key([{name: getattr(member, name) for name in TEAM_FIELDS} for member in stored]) == team_key(team):
        return
    application.team.all().delete()  # one history row per member (post_delete); the prefetched team is dropped
    bulk_create_with_history(
        [ProjectTeamMember(application=application, order=i, **row) for i, row in enumerate(team)],
        ProjectTeamMember,
    )


def _write_application(application: Application, *, data: dict, team: list[dict], answers: dict) -> None:
    _set_application(application, data=data, answers=answers)
    _save_application(application, team=team)


_NULLABLE = {"capacity", "axis", "has_digital_tools", "health_insurance_funded", "esms_numerique", "sons"}


def application_start(*, call: Call, data: dict, team: list[dict], answers: dict) -> tuple[Application, str]:
    """Create a draft and e-mail its private link; return the application and the token."""
    if not call.is_published or call.window_status() == "closed":
        raise ValidationError(_("This call is not accepting applications."))
    application = Application(call=call)
    token = application.new_token()
    with transaction.atomic():
        _write_application(application, data=data, team=team, answers=answers)
        _mail(
            to=application.contact_email,
            subject=_("Your application to “%(call)s”: your private link") % {"call": call.title},
            template="calls/email/draft_link.txt",
            context={"application": application, "call": call, "link": private_link(token)},
        )
    return application, token


def _team_lines(rows: list[dict]) -> list[str]:
    return [" — ".join(str(row.get(name) or "") for name in TEAM_FIELDS if row.get(name)) for row in rows]


def application_save_draft(
    *, application: Application, data: dict, team: list[dict], answers: dict,
    expected_version: int | None = None, team_seen: str | None = None,
) -> Application:
    """Save a draft. Two people sharing the private link: a save made on a stale version
    (`expected_version`, `core.conflicts`) keeps the other's changes on what this one left alone and
    raises `EditConflict` where both changed the same field; the team, replaced as a whole, is compared
    by its key when the form was opened (`team_seen`, see `selectors.team_version`)."""
    if not application.is_editable_by_applicant:
        raise ValidationError(_("This application has been submitted: it can no longer be changed."))
    with transaction.atomic():
        _set_application(application, data=data, answers=answers)
        if expected_version is not None:
            found = None
            try:
                check_version(application, expected_version)
            except EditConflict as conflict:
                found = conflict
            stored = list(application.team.order_by("order", "pk").values(*TEAM_FIELDS))
            stored_key, wanted_key = team_key(stored), team_key(team)
            keep_theirs = False
            if team_seen is not None and stored_key != team_seen and wanted_key != stored_key:
                if wanted_key == team_seen:
                    keep_theirs = True  # only the other person changed the team: theirs is kept
                else:
                    found = _list_conflict(application, expected_version=expected_version, found=found,
                                           name="team", label=_("project team"),
                                           stored=_theirs(_team_lines(stored), _team_lines(team)))
            if found is not None:
                if keep_theirs:
                    found.merged["team"] = True
                raise found
            if keep_theirs:
                team = None
        _save_application(application, team=team)
    return application


def application_missing(application: Application) -> dict[str, str]:
    """What still prevents submitting, field by field (French messages)."""
    missing: dict[str, str] = {}
    for name in REQUIRED_FIELDS:
        value = getattr(application, name if name != "axis" else "axis_id")
        if value is None or value == "":
            missing[name] = _("This field is required to submit the application.")
    if application.axis_id and not application.call.axes.filter(pk=application.axis_id).exists():
        missing["axis"] = _("Choose one of the axes of the call.")
    if application.has_digital_tools and not application.digital_tools:
        missing["digital_tools"] = _("Tick the tools in use.")
    if "mss" in application.digital_tools and not application.mss_solution:
        missing["mss_solution"] = _("Give the MSS solution in use.")
    if "autres" in application.digital_tools and not application.other_tools:
        missing["other_tools"] = _("Say which other tools are in use.")
    for criterion in application.call.eligibility_criteria.all():
        if str(criterion.pk) not in application.eligibility_answers:
            missing[f"eligibility_{criterion.pk}"] = _("Answer yes or no.")
    if not application.team.exists():
        missing["team"] = _("Give at least one member of the project team.")
    return missing


def application_submit(*, application: Application, now=None) -> Application:
    now = now or timezone.now()
    call = application.call
    if not application.is_editable_by_applicant:
        raise ValidationError(_("This application has already been submitted."))
    if not call.is_published:
        raise ValidationError(_("This call is not accepting applications."))
    status = call.window_status(now)
    if status == "upcoming":
        raise ValidationError(
            _("Applications open on %(date)s: your draft is saved, come back then to submit it.")
            % {"date": _local(call.opens_at)}
        )
    if status == "closed":
        raise ValidationError(
            _("Applications closed on %(date)s: it is no longer possible to submit.") % {"date": _local(call.closes_at)}
        )
    missing = application_missing(application)
    if missing:
        raise ValidationError(missing)
    with transaction.atomic():
        updated = Application.objects.filter(pk=application.pk, status=Application.Status.DRAFT).update(
            status=Application.Status.SUBMITTED, submitted_at=now
        )
        if not updated:
            raise ValidationError(_("This application has already been submitted."))
        application.refresh_from_db()
        _mail(
            to=application.contact_email,
            subject=_("Acknowledgement: your application to “%(call)s” has been received") % {"call": call.title},
            template="calls/email/acknowledgement.txt",
            context={"application": application, "call": call, "submitted": _local(now)},
        )
    return application


def complement_answer(*, complement: ComplementRequest, answer: str) -> ComplementRequest:
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write your answer.")})
    if complement.is_answered:
        raise ValidationError(_("This question has already been answered."))
    with transaction.atomic():
        complement.answer = answer
        complement.answered_at = timezone.now()
        complement.save(update_fields=["answer", "answered_at"])
        application = complement.application
        if not application.complements.filter(answered_at__isnull=True).exists():
            application.status = Application.Status.SUBMITTED
            application.save(update_fields=["status", "updated_at"])
    return complement


# --- Instruction, on the staff's side -------------------------------------------------
def _require_instructable(application: Application) -> None:
    if application.status in (Application.Status.DRAFT, Application.Status.SELECTED, Application.Status.NOT_SELECTED):
        raise ValidationError(_("This application cannot be instructed in its current state."))


@records_actor
def application_check_eligibility(*, application: Application, eligible: bool, note: str, by) -> Application:
    _require_instructable(application)
    if eligible:
        refused = [
            c.text for c in application.call.eligibility_criteria.all()
            if application.eligibility_answers.get(str(c.pk)) is not True
        ]
        if refused:
            raise ValidationError(
                _("The applicant did not meet every eligibility criterion: %(criteria)s.")
                % {"criteria": "; ".join(refused)}
            )
    elif not note.strip():
        raise ValidationError({"note": _("Say why the application is not eligible.")})
    with transaction.atomic():
        application.eligibility = Application.Eligibility.ELIGIBLE if eligible else Application.Eligibility.INELIGIBLE
        application.eligibility_note = note.strip()
        if not eligible:
            application.status = Application.Status.INELIGIBLE
        elif application.status == Application.Status.INELIGIBLE:
            application.status = Application.Status.SUBMITTED
        application.save(update_fields=["eligibility", "eligibility_note", "status", "updated_at"])
    return application


@records_actor
def complement_request(*, application: Application, question: str, by) -> tuple[ComplementRequest, str]:
    """Ask the applicant a question; the e-mail carries a renewed private link (the old one stops working)."""
    _require_instructable(application)
    question = (question or "").strip()
    if not question:
        raise ValidationError({"question": _("Write the question to the applicant.")})
    with transaction.atomic():
        complement = ComplementRequest.objects.create(application=application, question=question, requested_by=by)
        token = application.new_token()
        application.status = Application.Status.COMPLEMENT
        application.save(update_fields=["token_hash", "status", "updated_at"])
        _mail(
            to=application.contact_email,
            subject=_("Your application to “%(call)s”: a complement is requested") % {"call": application.call.title},
            template="calls/email/complement.txt",
            context={"application": application, "complement": complement, "link": private_link(token)},
        )
    return complement, token


@records_actor
def score_set(*, application: Application, criterion: PriorityCriterion, scorer, value: int | None,
              comment: str = "", by) -> Score | None:
    """Record (or clear, with None) a member's score, or the committee's when `scorer` is None."""
    if criterion.call_id != application.call_id or not criterion.applies_to(application):
        raise ValidationError(_("This criterion does not apply to this application."))
    if application.eligibility != Application.Eligibility.ELIGIBLE:
        raise ValidationError(_("Only eligible applications are scored."))
    if application.call.decided_at:
        raise ValidationError(_("The selection has been decided: the scores are final."))
    lookup = {"application": application, "criterion": criterion, "scorer": scorer}
    if value is None:
        Score.objects.filter(**lookup).delete()
        return None
    score, _created = Score.objects.update_or_create(
        **lookup, defaults={"value": value, "comment": comment.strip(), "entered_by": by}
    )
    return score


def selection_errors(call: Call, selected: list[Application]) -> list[str]:
    """The limits of the call a set of selected applications would break (French messages)."""
    errors = []
    if call.max_selected is not None and len(selected) > call.max_selected:
        errors.append(
            _("At most %(max)s applications may be selected (%(count)s chosen).")
            % {"max": call.max_selected, "count": len(selected)}
        )
    per_organisation = Counter(a.organisation_key for a in selected)
    if call.max_organisations is not None and len(per_organisation) > call.max_organisations:
        errors.append(
            _("At most %(max)s managing organisations may be selected (%(count)s chosen).")
            % {"max": call.max_organisations, "count": len(per_organisation)}
        )
    if call.max_per_organisation is not None:
        by_key = {a.organisation_key: a for a in selected}
        for key, count in per_organisation.items():
            if count > call.max_per_organisation:
                sample = by_key[key]
                errors.append(
                    _("At most %(max)s establishments per managing organisation: %(name)s has %(count)s.")
                    % {"max": call.max_per_organisation, "count": count,
                       "name": sample.managing_organisation or sample.finess_legal}
                )
    if call.min_health_insurance:
        funded = sum(1 for a in selected if a.health_insurance_funded)
        if funded < call.min_health_insurance:
            errors.append(
                _("At least %(min)s selected structure(s) must be under health-insurance funding (%(count)s chosen).")
                % {"min": call.min_health_insurance, "count": funded}
            )
    return errors


def _organisation_for(application: Application) -> Organisation:
    organisation = None
    if application.siret:
        organisation = Organisation.objects.filter(siret=application.siret).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=application.structure_name, kind=Organisation.Kind.COMPANY, siret=application.siret,
            headcount=None, sector=application.get_sector_display(), email=application.contact_email,
            phone=application.contact_phone,
        )
    return organisation


def _copil_for(application: Application, organisation: Organisation, *, by):
    """The structure's steering committee (COPIL), made of its project team (seed 002)."""
    call = application.call
    scope = {"action": call.action} if call.action_id else {"programme": call.programme}
    committee = committee_create(
        kind=Committee.Kind.COPIL, name=_("COPIL — %(structure)s") % {"structure": application.structure_name},
        mandate=_("Project team of the structure, selected by the call “%(call)s”.") % {"call": call.title},
        default_place=organisation.name, by=by, **scope,
    )
    for member in application.team.all():
        person = None
        if member.email:
            person = Person.objects.filter(email__iexact=member.email, organisation=organisation).first()
        if person is None:
            first, _sep, last = member.full_name.strip().partition(" ")
            person = Person.objects.create(
                first_name=first, last_name=last or first, organisation=organisation, function=member.function,
                email=member.email, phone=member.phone,
            )
        if not Membership.objects.filter(committee=committee, person=person).exists():
            role = Membership.Role.PILOT if "pilote" in member.project_role.lower() else Membership.Role.MEMBER
            membership_add(committee=committee, person=person, role=role, by=by)
    return committee


# --- Selection: one check, a confirmation, a decision, a way back ------------------------
class SelectionAlreadyDecided(ValidationError):
    """A doubled or stale confirmation: the selection is decided already, nothing was changed."""


class SelectionChanged(ValidationError):
    """The call changed (decided, reopened, edited) since the confirmation was shown: nothing was changed."""


@dataclass
class SelectionLine:
    """One eligible application and what the selection does to it."""

    application: Application
    selected: bool
    reason: str
    #: The result the applicant was told before (a reopened selection), None if never told.
    previous: bool | None = None
    creates_organisation: bool = False
    creates_participation: bool = False
    reinstates_participation: bool = False
    creates_copil: bool = False
    withdraws_participation: bool = False

    @property
    def changed(self) -> bool:
        return self.previous is None or self.previous != self.selected

    @property
    def is_correction(self) -> bool:
        return self.previous is not None and self.previous != self.selected


@dataclass
class SelectionPlan:
    """What deciding the selection will do: checked once, shown to confirm, then carried out."""

    call: Call
    lines: list[SelectionLine]
    #: Applications found not eligible and not told yet: they are told with the eligibility note.
    ineligible: list[Application]
    #: The state of the call the plan was made from (see `selection_version`).
    version: int

    @property
    def selected(self) -> list[SelectionLine]:
        return [line for line in self.lines if line.selected]

    @property
    def not_selected(self) -> list[SelectionLine]:
        return [line for line in self.lines if not line.selected]

    @property
    def mailed(self) -> list[SelectionLine]:
        return [line for line in self.lines if line.changed]

    @property
    def unchanged(self) -> list[SelectionLine]:
        return [line for line in self.lines if not line.changed]

    @property
    def new_organisations(self) -> list[SelectionLine]:
        return [line for line in self.lines if line.creates_organisation]

    @property
    def new_participations(self) -> list[SelectionLine]:
        return [line for line in self.lines if line.creates_participation or line.reinstates_participation]

    @property
    def new_copils(self) -> list[SelectionLine]:
        return [line for line in self.lines if line.creates_copil]

    @property
    def withdrawals(self) -> list[SelectionLine]:
        return [line for line in self.lines if line.withdraws_participation]

    @property
    def is_correction(self) -> bool:
        return any(line.previous is not None for line in self.lines)


def selection_version(call: Call) -> int:
    """A number that changes whenever the call is saved (its last history record)."""
    return call.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


def decision_subject(call: Call, *, selected: bool, corrected: bool = False) -> str:
    if corrected:
        subject = (
            _("Your application to “%(call)s”: decision corrected, your application is selected") if selected
            else _("Your application to “%(call)s”: decision corrected, your application is not selected")
        )
    else:
        subject = (
            _("Your application to “%(call)s” has been selected") if selected
            else _("Your application to “%(call)s” has not been selected")
        )
    return subject % {"call": call.title}


def _previous_result(application: Application) -> bool | None:
    if application.status == Application.Status.SELECTED:
        return True
    if application.status == Application.Status.NOT_SELECTED or application.decided_at:
        return False
    return None


def selection_plan(*, call: Call, decisions: dict[int, tuple[bool, str]], now=None) -> SelectionPlan:
    """Check a selection against the call and its limits, and say what deciding it will do.

    The one check of a selection: the confirmation shows its plan, `call_select` carries it out.
    Raises a ValidationError (French messages) when the selection cannot be decided.
    """
    now = now or timezone.now()
    if call.decided_at:
        raise SelectionAlreadyDecided(_("The selection of this call has already been decided."))
    if call.window_status(now) != "closed":
        raise ValidationError(_("The selection can only be decided once the application window has closed."))
    candidates = list(
        call.applications.filter(eligibility=Application.Eligibility.ELIGIBLE)
        .exclude(status__in=[Application.Status.DRAFT, Application.Status.INELIGIBLE])
        .select_related("organisation", "copil")
        .order_by("structure_name", "pk")
    )
    if not candidates:
        raise ValidationError(_("There is no eligible application to decide on."))
    pending = call.applications.filter(
        status__in=[Application.Status.SUBMITTED, Application.Status.COMPLEMENT],
        eligibility=Application.Eligibility.PENDING,
    ).count()
    if pending:
        raise ValidationError(
            _("Check the eligibility of every application first (%(count)s still to check).") % {"count": pending}
        )
    errors = []
    for application in candidates:
        _chosen, reason = decisions.get(application.pk, (False, ""))
        if not reason.strip():
            errors.append(_("Give the reason of the decision for %(name)s.") % {"name": application})
    selected = [a for a in candidates if decisions.get(a.pk, (False, ""))[0]]
    errors += selection_errors(call, selected)
    if errors:
        raise ValidationError(errors)
    lines = [_plan_line(call, a, *decisions[a.pk]) for a in candidates]
    ineligible = list(call.applications.filter(status=Application.Status.INELIGIBLE, decided_at__isnull=True)
                      .order_by("structure_name", "pk"))
    return SelectionPlan(call=call, lines=lines, ineligible=ineligible, version=selection_version(call))


def _plan_line(call: Call, application: Application, chosen: bool, reason: str) -> SelectionLine:
    line = SelectionLine(application=application, selected=chosen, reason=reason.strip(),
                         previous=_previous_result(application))
    organisation = application.organisation
    if organisation is None and chosen and application.siret:
        organisation = Organisation.objects.filter(siret=application.siret).first()
    participation = None
    if organisation is not None and call.action_id:
        participation = Participation.objects.filter(action_id=call.action_id, organisation=organisation).first()
    if chosen:
        line.creates_organisation = organisation is None
        if call.action_id:
            line.creates_participation = participation is None
            line.reinstates_participation = (
                participation is not None and participation.status == Participation.Status.WITHDRAWN
            )
        line.creates_copil = application.copil_id is None
    else:
        line.withdraws_participation = (
            participation is not None and participation.status != Participation.Status.WITHDRAWN
        )
    return line


def _author(by):
    return by if by is not None and by.is_authenticated else None


@records_actor
def call_select(
    *, call: Call, decisions: dict[int, tuple[bool, str]], by, now=None, expected_version: int | None = None
) -> list[Application]:
    """Decide every eligible application at once: selected or not, each with its reason.

    The limits of the call are checked on the whole selection (`selection_plan`); the applicants
    are told by e-mail; a selected structure joins the directory and the call's collective action,
    and gets its COPIL made of its project team. After a reopening, only the applicants whose
    result changed are told (« décision corrigée »), an application no longer selected has its
    participation withdrawn, and nothing is created twice.

    The call's row is locked: a doubled confirmation finds the selection decided and raises
    `SelectionAlreadyDecided`; `expected_version` (the call's state when the confirmation was
    shown) refuses a stale one with `SelectionChanged`. Either way nothing changes.
    """
    now = now or timezone.now()
    author = _author(by)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if call.decided_at:
            raise SelectionAlreadyDecided(
                _("The selection of this call had already been decided: nothing was changed and no e-mail was sent.")
            )
        if expected_version is not None and expected_version != selection_version(call):
            raise SelectionChanged(
                _("The call has changed since this confirmation was shown: nothing was changed. "
                  "Check the decisions and confirm again.")
            )
        plan = selection_plan(call=call, decisions=decisions, now=now)
        for line in plan.lines:
            _carry_out(call, line, author=author, now=now)
        # The applications found not eligible are told too, with the reason given at the check.
        for application in plan.ineligible:
            application.decision_reason = application.eligibility_note
            application.decided_at = now
            application._history_user = author
            application.save(update_fields=["decision_reason", "decided_at", "updated_at"])
            _mail(
                to=application.contact_email,
                subject=decision_subject(call, selected=False),
                template="calls/email/decision.txt",
                context={"application": application, "call": call, "selected": False},
            )
        call.decided_at = now
        call._history_user = author
        call.save(update_fields=["decided_at"])
    return [line.application for line in plan.lines]


def _carry_out(call: Call, line: SelectionLine, *, author, now) -> None:
    application = line.application
    told_on = application.decided_at
    application.status = Application.Status.SELECTED if line.selected else Application.Status.NOT_SELECTED
    application.decision_reason = line.reason
    if line.changed:
        application.decided_at = now
    if line.selected:
        if application.organisation_id is None:
            application.organisation = _organisation_for(application)
        if call.action_id:
            participation, created = Participation.objects.get_or_create(
                action_id=call.action_id, organisation=application.organisation,
                defaults={"status": Participation.Status.SELECTED},
            )
            if not created and participation.status == Participation.Status.WITHDRAWN:
                participation.status = Participation.Status.SELECTED
                participation.withdrawal_reason = ""
                participation._history_user = author
                participation.save(update_fields=["status", "withdrawal_reason"])
        if application.copil_id is None:
            application.copil = _copil_for(application, application.organisation, by=author)
    elif line.withdraws_participation:
        participation = Participation.objects.get(action_id=call.action_id, organisation=application.organisation)
        participation.status = Participation.Status.WITHDRAWN
        participation.withdrawal_reason = line.reason
        participation._history_user = author
        participation.save(update_fields=["status", "withdrawal_reason"])
    application._history_user = author
    application.save()
    if line.changed:
        _mail(
            to=application.contact_email,
            subject=decision_subject(call, selected=line.selected, corrected=line.is_correction),
            template="calls/email/decision.txt",
            context={"application": application, "call": call, "selected": line.selected,
                     "corrected": line.is_correction, "told_on": french.jour(told_on) if told_on else ""},
        )


@records_actor
def call_selection_reopen(*, call: Call, by, reason: str) -> Call:
    """Reopen a decided selection, with a written reason kept in the call's history.

    The decisions stay as they were (the selection form opens with them); deciding again
    tells only the applicants whose result changes.
    """
    text = (reason or "").strip()
    if not text:
        raise ValidationError({"reason": _("Write the reason for reopening: it is kept in the call's history.")})
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if not call.decided_at:
            raise ValidationError(_("The selection of this call is not decided: there is nothing to reopen."))
        call.decided_at = None
        call._history_user = _author(by)
        call._change_reason = text
        call.save(update_fields=["decided_at"])
    return call
