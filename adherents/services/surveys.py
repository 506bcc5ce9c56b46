"""Services of adherents: surveys."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import records_actor
from core.types import Actor

from ..models import Adherent, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from ..selectors import survey_answered


@records_actor
def survey_response_record(
    *,
    survey: Survey,
    adherent: Adherent,
    by: Actor,
    reached: bool,
    answers: dict,
    respondent: str = "",
    answered_on: date | None = None,
) -> SurveyResponse:
    """Record one member's answers. `answers` maps a question to a choice, a list of choices,
    a rating or a text (as the survey form gives them)."""
    if adherent.service_id != survey.service_id:
        raise ValidationError(_("This member does not belong to the survey's service."))
    if not survey.is_open:
        raise ValidationError(_("This survey is closed."))
    if survey_answered(survey, adherent):
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


def _answer_rows(question: SurveyQuestion, value: Any) -> list[SurveyAnswer]:
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
