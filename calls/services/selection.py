"""Services of calls: selection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actions.models import Participation
from core import french
from core.history import authenticated_or_none, records_actor, set_history_author
from core.types import Actor
from directory.models import Organisation

from ..models import Application, Call
from ._common import _copil_for, _mail, _organisation_for, selection_errors


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
            _("Your application to “%(call)s”: decision corrected, your application is selected")
            if selected
            else _("Your application to “%(call)s”: decision corrected, your application is not selected")
        )
    else:
        subject = (
            _("Your application to “%(call)s” has been selected")
            if selected
            else _("Your application to “%(call)s” has not been selected")
        )
    return subject % {"call": call.title}


def _previous_result(application: Application) -> bool | None:
    if application.status == Application.Status.SELECTED:
        return True
    if application.status == Application.Status.NOT_SELECTED or application.decided_at:
        return False
    return None


def selection_plan(
    *, call: Call, decisions: dict[int, tuple[bool, str]], now: datetime | None = None
) -> SelectionPlan:
    """Check a selection against the call and its limits, and say what deciding it will do.

    The one check of a selection: the confirmation shows its plan, `call_select` carries it out.
    Raises a ValidationError (French messages) when the selection cannot be decided.
    """
    now = now or timezone.now()
    if call.decided_at:
        raise SelectionAlreadyDecided(_("The selection of this call has already been decided."))
    if not call.window_status(now).is_closed:
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
            _("Check the eligibility of every application first (%(count)s still to check).")
            % {"count": pending}
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
    ineligible = list(
        call.applications.filter(status=Application.Status.INELIGIBLE, decided_at__isnull=True).order_by(
            "structure_name", "pk"
        )
    )
    return SelectionPlan(call=call, lines=lines, ineligible=ineligible, version=selection_version(call))


def _plan_line(call: Call, application: Application, chosen: bool, reason: str) -> SelectionLine:
    line = SelectionLine(
        application=application,
        selected=chosen,
        reason=reason.strip(),
        previous=_previous_result(application),
    )
    organisation = application.organisation
    if organisation is None and chosen and application.siret:
        organisation = Organisation.objects.filter(siret=application.siret).first()
    participation = None
    if organisation is not None and call.action_id:
        participation = Participation.objects.filter(
            action_id=call.action_id, organisation=organisation
        ).first()
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


@records_actor
def call_select(
    *,
    call: Call,
    decisions: dict[int, tuple[bool, str]],
    by: Actor,
    now: datetime | None = None,
    expected_version: int | None = None,
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
    author = authenticated_or_none(by)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if call.decided_at:
            raise SelectionAlreadyDecided(
                _(
                    "The selection of this call had already been decided: nothing was changed and no e-mail was sent."
                )
            )
        if expected_version is not None and expected_version != selection_version(call):
            raise SelectionChanged(
                _(
                    "The call has changed since this confirmation was shown: nothing was changed. "
                    "Check the decisions and confirm again."
                )
            )
        plan = selection_plan(call=call, decisions=decisions, now=now)
        for line in plan.lines:
            _carry_out(call, line, author=author, now=now)
        # The applications found not eligible are told too, with the reason given at the check.
        for application in plan.ineligible:
            application.decision_reason = application.eligibility_note
            application.decided_at = now
            set_history_author(application, by)
            application.save(update_fields=["decision_reason", "decided_at", "updated_at"])
            _mail(
                to=application.contact_email,
                subject=decision_subject(call, selected=False),
                template="calls/email/decision.txt",
                context={"application": application, "call": call, "selected": False},
            )
        call.decided_at = now
        set_history_author(call, by)
        call.save(update_fields=["decided_at"])
    return [line.application for line in plan.lines]


def _carry_out(call: Call, line: SelectionLine, *, author: Actor, now: datetime) -> None:
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
                action_id=call.action_id,
                organisation=application.organisation,
                defaults={"status": Participation.Status.SELECTED},
            )
            if not created and participation.status == Participation.Status.WITHDRAWN:
                participation.status = Participation.Status.SELECTED
                participation.withdrawal_reason = ""
                set_history_author(participation, author)
                participation.save(update_fields=["status", "withdrawal_reason"])
        if application.copil_id is None:
            assert application.organisation is not None  # found or created just above
            application.copil = _copil_for(application, application.organisation, by=author)
    elif line.withdraws_participation:
        participation = Participation.objects.get(
            action_id=call.action_id, organisation=application.organisation
        )
        participation.status = Participation.Status.WITHDRAWN
        participation.withdrawal_reason = line.reason
        set_history_author(participation, author)
        participation.save(update_fields=["status", "withdrawal_reason"])
    set_history_author(application, author)
    application.save()
    if line.changed:
        _mail(
            to=application.contact_email,
            subject=decision_subject(call, selected=line.selected, corrected=line.is_correction),
            template="calls/email/decision.txt",
            context={
                "application": application,
                "call": call,
                "selected": line.selected,
                "corrected": line.is_correction,
                "told_on": french.jour(told_on) if told_on else "",
            },
        )


@records_actor
def call_selection_reopen(*, call: Call, by: Actor, reason: str) -> Call:
    """Reopen a decided selection, with a written reason kept in the call's history.

    The decisions stay as they were (the selection form opens with them); deciding again
    tells only the applicants whose result changes.
    """
    text = (reason or "").strip()
    if not text:
        raise ValidationError(
            {"reason": _("Write the reason for reopening: it is kept in the call's history.")}
        )
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if not call.decided_at:
            raise ValidationError(_("The selection of this call is not decided: there is nothing to reopen."))
        call.decided_at = None
        set_history_author(call, by)
        setattr(call, "_change_reason", text)  # noqa: B010
        call.save(update_fields=["decided_at"])
    return call
