"""Selectors of adherents: surveys."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from core.types import Viewer

from .. import access
from ..models import Adherent, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from ._common import _percent, survey_satisfaction


def surveys_for_user(user: Viewer) -> QuerySet[Survey]:
    return access.surveys_visible_to(user).select_related("service")


def members_to_survey(user: Viewer, survey: Survey, *, search: str = "", limit: int = 30) -> list[Adherent]:
    """Members of the survey's service who have not answered yet (for staff recording a phone survey)."""
    queryset = (
        access.adherents_visible_to(user)
        .filter(service_id=survey.service_id, left_on__isnull=True)
        .exclude(survey_responses__survey=survey)
        .select_related("organisation", "sector")
        .order_by("organisation__name")
    )
    if search:
        queryset = queryset.filter(
            Q(organisation__name__icontains=search) | Q(membership_number__icontains=search)
        )
    return list(queryset[:limit])


def survey_answered(survey: Survey, adherent: Adherent) -> bool:
    """Whether the member company has answered the survey (it answers once)."""
    return SurveyResponse.objects.filter(survey=survey, adherent=adherent).exists()


def largest_remainder(counts: list[int], total: int) -> list[int]:
    """Whole percentages that add up to 100 (Hamilton's method), as a survey report prints them."""
    if not total:
        return [0 for _ in counts]
    exact = [c * 100 / total for c in counts]
    floors = [int(x) for x in exact]
    missing = 100 - sum(floors) if sum(counts) == total else 0
    order = sorted(range(len(counts)), key=lambda i: exact[i] - floors[i], reverse=True)
    for i in order[: max(missing, 0)]:
        floors[i] += 1
    return floors


def survey_results(survey: Survey) -> dict:
    """Counts and percentages of every question, overall and by sector, in a fixed number of queries."""
    questions = list(
        survey.questions.select_related("asked_if__question").prefetch_related("choices").order_by("order")
    )
    responses = SurveyResponse.objects.filter(survey=survey)
    by_sector = list(
        responses.values("adherent__sector__name", "adherent__sector__order")
        .annotate(
            n_reached=Count("pk", filter=Q(reached=True)), n_unreachable=Count("pk", filter=Q(reached=False))
        )
        .order_by("adherent__sector__order", "adherent__sector__name")
    )
    sectors = [row["adherent__sector__name"] or "—" for row in by_sector]
    totals = {
        "reached": sum(r["n_reached"] for r in by_sector),
        "unreachable": sum(r["n_unreachable"] for r in by_sector),
    }
    totals["members"] = totals["reached"] + totals["unreachable"]
    totals["unreachable_percent"] = _percent(totals["unreachable"], totals["members"])
    # Per (question, choice, sector): how many respondents.
    choice_counts: defaultdict[tuple[int, int], int] = defaultdict(int)
    choice_counts_sector: defaultdict[tuple[int, int, str], int] = defaultdict(int)
    for row in (
        SurveyAnswer.objects.filter(response__survey=survey, choice__isnull=False)
        .values("question_id", "choice_id", "response__adherent__sector__name")
        .annotate(n=Count("response", distinct=True))
    ):
        sector = row["response__adherent__sector__name"] or "—"
        choice_counts[(row["question_id"], row["choice_id"])] += row["n"]
        choice_counts_sector[(row["question_id"], row["choice_id"], sector)] += row["n"]
    respondents: defaultdict[int, int] = defaultdict(int)
    respondents_sector: defaultdict[tuple[int, str], int] = defaultdict(int)
    ratings: defaultdict[int, list[int]] = defaultdict(list)
    for row in (
        SurveyAnswer.objects.filter(response__survey=survey)
        .values("question_id", "response__adherent__sector__name")
        .annotate(n=Count("response", distinct=True))
    ):
        sector = row["response__adherent__sector__name"] or "—"
        respondents[row["question_id"]] += row["n"]
        respondents_sector[(row["question_id"], sector)] += row["n"]
    for rating_row in SurveyAnswer.objects.filter(response__survey=survey, rating__isnull=False).values(
        "question_id", "rating"
    ):
        ratings[rating_row["question_id"]].append(rating_row["rating"] or 0)
    texts: defaultdict[int, list[str]] = defaultdict(list)
    for text_row in (
        SurveyAnswer.objects.filter(response__survey=survey, question__kind=SurveyQuestion.Kind.TEXT)
        .exclude(text="")
        .values("question_id", "text")
        .order_by("pk")
    ):
        texts[text_row["question_id"]].append(text_row["text"])

    items = []
    for question in questions:
        total = respondents[question.pk]
        choices = list(question.choices.all())
        counts = [choice_counts[(question.pk, c.pk)] for c in choices]
        if question.kind == SurveyQuestion.Kind.SINGLE:
            percents = largest_remainder(counts, total)
        else:
            percents = [_percent(n, total) for n in counts]
        rows = []
        for choice, count, percent in zip(choices, counts, percents, strict=True):
            rows.append(
                {
                    "choice": choice,
                    "count": count,
                    "percent": percent,
                    "by_sector": [choice_counts_sector[(question.pk, choice.pk, s)] for s in sectors],
                }
            )
        item = {
            "question": question,
            "respondents": total,
            "respondents_by_sector": [respondents_sector[(question.pk, s)] for s in sectors],
            "rows": rows,
            "texts": texts[question.pk],
        }
        if question.kind == SurveyQuestion.Kind.RATING:
            values = ratings[question.pk]
            item["average"] = round(sum(values) / len(values), 1) if values else None
            dist = [values.count(v) for v in range(1, 6)]
            item["distribution"] = [
                {"rating": v, "count": n, "percent": p}
                for v, n, p in zip(range(1, 6), dist, largest_remainder(dist, len(values)), strict=True)
            ]
        items.append(item)
    satisfaction = survey_satisfaction(
        survey, questions=questions, choice_counts=choice_counts, ratings=ratings, respondents=respondents
    )
    return {
        "survey": survey,
        "sectors": sectors,
        "by_sector": [
            {
                "name": s,
                "reached": r["n_reached"],
                "unreachable": r["n_unreachable"],
                "total": r["n_reached"] + r["n_unreachable"],
            }
            for s, r in zip(sectors, by_sector, strict=True)
        ],
        "totals": totals,
        "items": items,
        "satisfaction": satisfaction,
    }
