"""Services of calls: instruction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.history import records_actor
from core.types import Actor

from ..models import Application, ComplementRequest, PriorityCriterion, Score
from ._common import _mail, private_link


def _require_instructable(application: Application) -> None:
    if application.status in (
        Application.Status.DRAFT,
        Application.Status.SELECTED,
        Application.Status.NOT_SELECTED,
    ):
        raise ValidationError(_("This application cannot be instructed in its current state."))


@records_actor
def application_check_eligibility(
    *, application: Application, eligible: bool, note: str, by: Actor
) -> Application:
    _require_instructable(application)
    if eligible:
        refused = [
            c.text
            for c in application.call.eligibility_criteria.all()
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
        application.eligibility = (
            Application.Eligibility.ELIGIBLE if eligible else Application.Eligibility.INELIGIBLE
        )
        application.eligibility_note = note.strip()
        if not eligible:
            application.status = Application.Status.INELIGIBLE
        elif application.status == Application.Status.INELIGIBLE:
            application.status = Application.Status.SUBMITTED
        application.save(update_fields=["eligibility", "eligibility_note", "status", "updated_at"])
    return application


@records_actor
def complement_request(
    *, application: Application, question: str, by: Actor
) -> tuple[ComplementRequest, str]:
    """Ask the applicant a question; the e-mail carries a renewed private link (the old one stops working)."""
    _require_instructable(application)
    question = (question or "").strip()
    if not question:
        raise ValidationError({"question": _("Write the question to the applicant.")})
    with transaction.atomic():
        complement = ComplementRequest.objects.create(
            application=application, question=question, requested_by=by
        )
        token = application.new_token()
        application.status = Application.Status.COMPLEMENT
        application.save(update_fields=["token_hash", "status", "updated_at"])
        _mail(
            to=application.contact_email,
            subject=_("Your application to “%(call)s”: a complement is requested")
            % {"call": application.call.title},
            template="calls/email/complement.txt",
            context={"application": application, "complement": complement, "link": private_link(token)},
        )
    return complement, token


@records_actor
def score_set(
    *,
    application: Application,
    criterion: PriorityCriterion,
    scorer: User | None,
    value: int | None,
    comment: str = "",
    by: Actor,
) -> Score | None:
    """Record (or clear, with None) a member's score, or the committee's when `scorer` is None."""
    if criterion.call_id != application.call_id or not criterion.applies_to(application):
        raise ValidationError(_("This criterion does not apply to this application."))
    if application.eligibility != Application.Eligibility.ELIGIBLE:
        raise ValidationError(_("Only eligible applications are scored."))
    if application.call.decided_at:
        raise ValidationError(_("The selection has been decided: the scores are final."))
    if value is None:
        Score.objects.filter(application=application, criterion=criterion, scorer=scorer).delete()
        return None
    score, _created = Score.objects.update_or_create(
        application=application,
        criterion=criterion,
        scorer=scorer,
        defaults={"value": value, "comment": comment.strip(), "entered_by": by},
    )
    return score


@dataclass(frozen=True)
class ScoreInput:
    """One line of the scoring form: a criterion, its score (None clears it) and a comment."""

    criterion: PriorityCriterion
    value: int | None
    comment: str = ""


@records_actor
def scores_set(
    *, application: Application, scorer: User | None, scores: Sequence[ScoreInput], by: Actor
) -> list[Score | None]:
    """Record a member's scores (the committee's when `scorer` is None) on several criteria at once:
    all of them, or none when one is refused (see `score_set`)."""
    with transaction.atomic():
        return [
            score_set(
                application=application,
                criterion=line.criterion,
                scorer=scorer,
                value=line.value,
                comment=line.comment,
                by=by,
            )
            for line in scores
        ]
