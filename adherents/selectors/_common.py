"""Selectors of adherents: what several topics share."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from directory.models import Person

from ..models import Complaint, Survey, SurveyAnswer, SurveyQuestion

Role = Person.Role


def _percent(part: int, total: int) -> int:
    return round(part * 100 / total) if total else 0


def survey_satisfaction(
    survey: Survey,
    *,
    questions: list[SurveyQuestion] | None = None,
    choice_counts: Any = None,  # {(question id, choice id): count}, with `ratings` and `respondents` by question id
    ratings: Any = None,
    respondents: Any = None,
) -> dict[str, Any]:
    """Satisfaction rate: satisfied answers / answers, over the questions that measure satisfaction."""
    if questions is None:
        questions = list(survey.questions.filter(measures_satisfaction=True).prefetch_related("choices"))
    measured = [q for q in questions if q.measures_satisfaction]
    satisfied = answered = 0
    if measured and choice_counts is None:
        ids = [q.pk for q in measured]
        rows = SurveyAnswer.objects.filter(question_id__in=ids).aggregate(
            answered=Count(
                "response", distinct=True, filter=Q(choice__isnull=False) | Q(rating__isnull=False)
            ),
            satisfied=Count("response", distinct=True, filter=Q(choice__satisfied=True) | Q(rating__gte=4)),
        )
        return {
            "answered": rows["answered"],
            "satisfied": rows["satisfied"],
            "rate": _percent(rows["satisfied"], rows["answered"]),
        }
    for question in measured:
        if question.kind == SurveyQuestion.Kind.RATING:
            values = ratings[question.pk]
            answered += len(values)
            satisfied += sum(1 for v in values if v >= 4)
        else:
            answered += respondents[question.pk]
            satisfied += sum(
                choice_counts[(question.pk, c.pk)] for c in question.choices.all() if c.satisfied
            )
    return {"answered": answered, "satisfied": satisfied, "rate": _percent(satisfied, answered)}


def complaints_summary(queryset: QuerySet[Complaint]) -> dict[str, Any]:
    """Counts by cause and status, and the average delay of treatment of the closed ones."""
    by_cause = list(
        queryset.order_by()
        .values("cause")
        .annotate(n=Count("pk"), closed=Count("pk", filter=Q(closed_on__isnull=False)))
    )
    labels = dict(Complaint.Cause.choices)
    closed = list(queryset.filter(closed_on__isnull=False).values_list("received_on", "closed_on"))
    delays = [(c - r).days for r, c in closed if c is not None]
    return {
        "total": sum(r["n"] for r in by_cause),
        "closed": len(closed),
        "by_cause": sorted(
            (
                {
                    "cause": labels.get(r["cause"], "—") if r["cause"] else "—",
                    "count": r["n"],
                    "closed": r["closed"],
                }
                for r in by_cause
            ),
            key=lambda r: -r["count"],
        ),
        "average_delay_days": round(sum(delays) / len(delays), 1) if delays else None,
    }
