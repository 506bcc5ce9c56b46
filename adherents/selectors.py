"""Reads on member files: the shaping (related rows, annotations, figures) of what
`adherents.access` lets the user see, and the figures other apps compute from.

`figures_for_service` is the contract with the evaluation app: members contacted within
15 days of validation, prevention visits within their delay, satisfaction of the
surveys, complaints closed and their delay.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from directory.models import Organisation, Person

from . import access
from .models import (
    FIRST_CONTACT_DELAY_DAYS,
    Adherent,
    Complaint,
    ContactAttempt,
    IdentifiedHazard,
    PreventionVisit,
    StepInstance,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    TrajectoryStep,
    WorkUnit,
)

Role = Person.Role


# --- Staff of a service (the recipients of its reminders and notices) --------------------
def service_staff_users(service: Organisation) -> list:
    return [
        p.user
        for p in Person.objects.filter(
            organisation=service, role=Role.SERVICE_STAFF, user__isnull=False, user__is_active=True
        ).select_related("user")
    ]


# --- Member files ------------------------------------------------------------------
#: What the member page and the pages under it show of the file.
ADHERENT_RELATED = ("organisation", "sector", "unit", "service", "referent")
#: What the visit pages show of the visit and its member.
VISIT_RELATED = (
    "adherent__organisation", "adherent__unit", "adherent__service", "adherent__sector", "performed_by", "step"
)


def _late_steps_subquery(today: date):
    return (
        StepInstance.objects.filter(adherent=OuterRef("pk"), completed_on__isnull=True, due_on__lt=today)
        .order_by()
        .values("adherent")
        .annotate(n=Count("pk"))
        .values("n")
    )


def adherent_list(user, *, today: date | None = None):
    """The staff list: one query, with what the list shows annotated (late steps, next step, last contact).

    Every figure is a correlated subquery, not a join + GROUP BY: PostgreSQL then sorts and
    cuts the page first and computes the figures for its 30 rows only, whatever the number
    of members (an aggregate over the contacts grouped the whole service before paginating).
    """
    today = today or timezone.localdate()
    next_step = StepInstance.objects.filter(adherent=OuterRef("pk"), completed_on__isnull=True).order_by("due_on")
    contacts = ContactAttempt.objects.filter(adherent=OuterRef("pk")).order_by().values("adherent")
    return (
        access.adherents_visible_to(user)
        .select_related("organisation", "sector", "unit", "service")
        .annotate(
            late_steps=Subquery(_late_steps_subquery(today)),
            next_step_name=Subquery(next_step.values("step__name")[:1]),
            next_step_due=Subquery(next_step.values("due_on")[:1]),
            last_contact_at=Subquery(contacts.annotate(last=Max("happened_at")).values("last")),
            contact_count=Coalesce(Subquery(contacts.annotate(n=Count("pk")).values("n")), 0),
        )
        .order_by("organisation__name")
    )


def trajectory(adherent: Adherent) -> list[StepInstance]:
    return list(
        adherent.steps.select_related("step__template", "completed_by", "assignee").order_by(
            "started_on", "step__template__kind", "step__order"
        )
    )


def trajectory_groups(steps: list[StepInstance], today: date | None = None) -> list[dict]:
    """The steps grouped by trajectory (new member, each renewal), each step with its status."""
    today = today or timezone.localdate()
    groups: dict = {}
    for instance in steps:
        key = (instance.step.template_id, instance.started_on)
        group = groups.setdefault(
            key, {"template": instance.step.template, "started_on": instance.started_on, "steps": []}
        )
        instance.current_status = instance.status_on(today)
        group["steps"].append(instance)
    result = list(groups.values())
    for group in result:
        group["done"] = sum(1 for s in group["steps"] if s.completed_on)
        group["late"] = sum(1 for s in group["steps"] if s.current_status == StepInstance.Status.LATE)
    return result


def recent_contacts(adherent: Adherent, limit: int = 50) -> list[ContactAttempt]:
    return list(adherent.contacts.select_related("by", "step__step")[:limit])


def visits_of(adherent: Adherent) -> list[PreventionVisit]:
    return list(
        adherent.visits.select_related("performed_by").annotate(unit_count=Count("work_units", distinct=True))
    )


def work_units_with_hazards(visit: PreventionVisit) -> list[WorkUnit]:
    return list(
        visit.work_units.prefetch_related(
            Prefetch("hazards", queryset=IdentifiedHazard.objects.order_by("-is_priority", "family")), "photos"
        )
    )


def hazard_map(units: list[WorkUnit]) -> dict:
    """The internal synthesis: a grid of work units × hazard families seen in the visit."""
    from .models import HazardFamily

    seen = {h.family for u in units for h in u.hazards.all()}
    families = [(value, label) for value, label in HazardFamily.choices if value in seen]
    rows = []
    for unit in units:
        by_family = {h.family: h for h in unit.hazards.all()}
        rows.append({"unit": unit, "cells": [by_family.get(value) for value, _label in families]})
    return {"families": families, "rows": rows}


def history_changes(adherent: Adherent, limit: int = 10) -> list[dict]:
    """The last changes of the file, field by field, in one query (consecutive records diffed here)."""
    records = list(adherent.history.select_related("history_user__person").order_by("-history_date", "-history_id")[: limit + 1])
    labels = {f.name: f.verbose_name for f in Adherent._meta.fields}
    tracked = [f.attname for f in Adherent.history.model._meta.fields if f.attname in {g.attname for g in Adherent._meta.fields}]
    changes = []
    for newer, older in itertools.pairwise(records):
        fields = []
        for attname in tracked:
            before, after = getattr(older, attname), getattr(newer, attname)
            if before != after:
                name = attname.removesuffix("_id")
                fields.append({"label": labels.get(name, name), "before": before, "after": after})
        if fields:
            user = newer.history_user
            changes.append(
                {
                    "when": newer.history_date,
                    "user": user,
                    "by_member": _is_member_user(user),
                    "reason": newer.history_change_reason or "",
                    "fields": fields,
                }
            )
    return changes


def _is_member_user(user) -> bool:
    person = getattr(user, "person", None) if user is not None else None
    return person is not None and person.role == Role.MEMBER_CONTACT


# --- Portal ------------------------------------------------------------------------
def portal_file(user):
    """The member's own file as its portal shows it (a queryset of one, or none)."""
    return access.portal_adherents_visible_to(user).select_related(
        "organisation", "service", "sector", "unit", "referent__person"
    )


def portal_path(adherent: Adherent, today: date | None = None) -> dict:
    """The member's path in its own words: what is happening now, what comes next, who follows it, what was done.

    The current step is the open step due first; the next one, the open step after it. The history
    lists the steps done, most recent first.
    """
    today = today or timezone.localdate()
    steps = list(
        adherent.steps.select_related("step", "assignee__person").order_by("due_on", "started_on", "step__order")
    )
    open_steps = [s for s in steps if s.completed_on is None]
    current = open_steps[0] if open_steps else None
    following = open_steps[1] if len(open_steps) > 1 else None
    done = sorted((s for s in steps if s.completed_on), key=lambda s: (s.completed_on, s.pk), reverse=True)
    follower = (current.assignee if current and current.assignee_id else None) or adherent.referent
    person = getattr(follower, "person", None) if follower is not None else None
    return {
        "current": current,
        "current_is_late": bool(current and current.due_on < today),
        "next": following,
        "history": done,
        "follower": follower,
        "follower_email": (person.email if person and person.email else getattr(follower, "email", "")),
        "follower_phone": person.phone if person else "",
    }


def portal_visits(adherent: Adherent) -> list[PreventionVisit]:
    """What the member sees of visits: the ones whose restitution was sent."""
    return list(access.portal_visits_of(adherent).select_related("performed_by"))


def restitution_documents(visits: list[PreventionVisit]) -> dict:
    """The ready restitution PDFs of these visits, by visit id (one query)."""
    from reports.models import Document

    if not visits:
        return {}
    documents = Document.objects.filter(
        kind="adherents.restitution",
        target_type=ContentType.objects.get_for_model(PreventionVisit),
        target_id__in=[str(v.pk) for v in visits],
        status=Document.Status.DONE,
    ).order_by("-finished_at")
    result: dict = {}
    for document in documents:
        result.setdefault(int(document.target_id), document)
    return result


def open_surveys_for(adherent: Adherent) -> list[Survey]:
    answered = SurveyResponse.objects.filter(survey=OuterRef("pk"), adherent=adherent)
    return list(
        access.portal_surveys_of(adherent)
        .annotate(answered=Exists(answered))
        .order_by("-opens_on")
    )


# --- Surveys -----------------------------------------------------------------------
def surveys_for_user(user):
    return access.surveys_visible_to(user).select_related("service")


def members_to_survey(user, survey: Survey, *, search: str = "", limit: int = 30) -> list[Adherent]:
    """Members of the survey's service who have not answered yet (for staff recording a phone survey)."""
    queryset = (
        access.adherents_visible_to(user)
        .filter(service_id=survey.service_id, left_on__isnull=True)
        .exclude(survey_responses__survey=survey)
        .select_related("organisation", "sector")
        .order_by("organisation__name")
    )
    if search:
        queryset = queryset.filter(Q(organisation__name__icontains=search) | Q(membership_number__icontains=search))
    return list(queryset[:limit])


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


def _percent(part: int, total: int) -> int:
    return round(part * 100 / total) if total else 0


def survey_results(survey: Survey) -> dict:
    """Counts and percentages of every question, overall and by sector, in a fixed number of queries."""
    questions = list(
        survey.questions.select_related("asked_if__question").prefetch_related("choices").order_by("order")
    )
    responses = SurveyResponse.objects.filter(survey=survey)
    by_sector = list(
        responses.values("adherent__sector__name", "adherent__sector__order")
        .annotate(n_reached=Count("pk", filter=Q(reached=True)), n_unreachable=Count("pk", filter=Q(reached=False)))
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
    choice_counts = defaultdict(int)
    choice_counts_sector = defaultdict(int)
    for row in (
        SurveyAnswer.objects.filter(response__survey=survey, choice__isnull=False)
        .values("question_id", "choice_id", "response__adherent__sector__name")
        .annotate(n=Count("response", distinct=True))
    ):
        sector = row["response__adherent__sector__name"] or "—"
        choice_counts[(row["question_id"], row["choice_id"])] += row["n"]
        choice_counts_sector[(row["question_id"], row["choice_id"], sector)] += row["n"]
    respondents = defaultdict(int)
    respondents_sector = defaultdict(int)
    ratings = defaultdict(list)
    for row in (
        SurveyAnswer.objects.filter(response__survey=survey)
        .values("question_id", "response__adherent__sector__name")
        .annotate(n=Count("response", distinct=True))
    ):
        sector = row["response__adherent__sector__name"] or "—"
        respondents[row["question_id"]] += row["n"]
        respondents_sector[(row["question_id"], sector)] += row["n"]
    for row in SurveyAnswer.objects.filter(response__survey=survey, rating__isnull=False).values(
        "question_id", "rating"
    ):
        ratings[row["question_id"]].append(row["rating"])
    texts = defaultdict(list)
    for row in (
        SurveyAnswer.objects.filter(response__survey=survey, question__kind=SurveyQuestion.Kind.TEXT)
        .exclude(text="")
        .values("question_id", "text")
        .order_by("pk")
    ):
        texts[row["question_id"]].append(row["text"])

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
    satisfaction = survey_satisfaction(survey, questions=questions, choice_counts=choice_counts, ratings=ratings, respondents=respondents)
    return {
        "survey": survey,
        "sectors": sectors,
        "by_sector": [
            {"name": s, "reached": r["n_reached"], "unreachable": r["n_unreachable"], "total": r["n_reached"] + r["n_unreachable"]}
            for s, r in zip(sectors, by_sector, strict=True)
        ],
        "totals": totals,
        "items": items,
        "satisfaction": satisfaction,
    }


def survey_satisfaction(survey: Survey, *, questions=None, choice_counts=None, ratings=None, respondents=None) -> dict:
    """Satisfaction rate: satisfied answers / answers, over the questions that measure satisfaction."""
    if questions is None:
        questions = list(survey.questions.filter(measures_satisfaction=True).prefetch_related("choices"))
    measured = [q for q in questions if q.measures_satisfaction]
    satisfied = answered = 0
    if measured and choice_counts is None:
        ids = [q.pk for q in measured]
        rows = SurveyAnswer.objects.filter(question_id__in=ids).aggregate(
            answered=Count("response", distinct=True, filter=Q(choice__isnull=False) | Q(rating__isnull=False)),
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
            satisfied += sum(choice_counts[(question.pk, c.pk)] for c in question.choices.all() if c.satisfied)
    return {"answered": answered, "satisfied": satisfied, "rate": _percent(satisfied, answered)}


# --- Complaints --------------------------------------------------------------------
def complaints_for_user(user):
    return access.complaints_visible_to(user).select_related(
        "adherent__organisation", "handled_by", "service"
    )


def complaints_summary(queryset) -> dict:
    """Counts by cause and status, and the average delay of treatment of the closed ones."""
    by_cause = list(
        queryset.order_by().values("cause").annotate(n=Count("pk"), closed=Count("pk", filter=Q(closed_on__isnull=False)))
    )
    labels = dict(Complaint.Cause.choices)
    closed = list(queryset.filter(closed_on__isnull=False).values_list("received_on", "closed_on"))
    delays = [(c - r).days for r, c in closed]
    return {
        "total": sum(r["n"] for r in by_cause),
        "closed": len(closed),
        "by_cause": sorted(
            ({"cause": labels.get(r["cause"], "—") if r["cause"] else "—", "count": r["n"], "closed": r["closed"]} for r in by_cause),
            key=lambda r: -r["count"],
        ),
        "average_delay_days": round(sum(delays) / len(delays), 1) if delays else None,
    }


def applications_for_user(user):
    return access.applications_visible_to(user).select_related(
        "service", "adherent"
    )


# --- Figures for the evaluation app ------------------------------------------------
def figures_for_service(service: Organisation, start: date | None = None, end: date | None = None) -> dict:
    """The service's figures over a period (bounds included, on the relevant date of each).

    - members validated in the period, and how many were reached within 15 days;
    - prevention visits due in the period and how many were done by their due date;
    - satisfaction of the surveys opened in the period;
    - complaints received in the period, closed, and the average delay of treatment.
    """

    def between(field: str) -> Q:
        q = Q()
        if start:
            q &= Q(**{f"{field}__gte": start})
        if end:
            q &= Q(**{f"{field}__lte": end})
        return q

    members = Adherent.objects.filter(service=service, validated_on__isnull=False).filter(between("validated_on"))
    validated = list(members.values_list("validated_on", "first_reached_at"))
    contacted_in_time = sum(
        1
        for validated_on, reached_at in validated
        if reached_at is not None
        and timezone.localtime(reached_at).date() <= validated_on + timedelta(days=FIRST_CONTACT_DELAY_DAYS)
    )
    today = timezone.localdate()
    visit_steps = StepInstance.objects.filter(
        adherent__service=service, step__kind=TrajectoryStep.Kind.PREVENTION_VISIT
    ).filter(between("due_on"))
    visits = visit_steps.aggregate(
        due=Count("pk", filter=Q(due_on__lt=today) | Q(completed_on__isnull=False)),
        done=Count("pk", filter=Q(completed_on__isnull=False)),
        in_time=Count("pk", filter=Q(completed_on__lte=F("due_on"))),
    )
    surveys = Survey.objects.filter(service=service).filter(between("opens_on"))
    survey_figures = []
    for survey in surveys.order_by("opens_on"):
        sat = survey_satisfaction(survey)
        counts = SurveyResponse.objects.filter(survey=survey).aggregate(
            n_reached=Count("pk", filter=Q(reached=True)), n_unreachable=Count("pk", filter=Q(reached=False))
        )
        survey_figures.append(
            {"survey_id": survey.pk, "title": survey.title, "reached": counts["n_reached"], "unreachable": counts["n_unreachable"], **sat}
        )
    answered = sum(s["answered"] for s in survey_figures)
    satisfied = sum(s["satisfied"] for s in survey_figures)
    complaints = complaints_summary(Complaint.objects.filter(service=service).filter(between("received_on")))
    return {
        "members_validated": len(validated),
        "members_contacted_within_15_days": contacted_in_time,
        "members_contacted_within_15_days_rate": _percent(contacted_in_time, len(validated)),
        "prevention_visits_due": visits["due"],
        "prevention_visits_done": visits["done"],
        "prevention_visits_within_delay": visits["in_time"],
        "prevention_visits_within_delay_rate": _percent(visits["in_time"], visits["due"]),
        "surveys": survey_figures,
        "satisfaction_answered": answered,
        "satisfaction_satisfied": satisfied,
        "satisfaction_rate": _percent(satisfied, answered) if answered else None,
        "complaints_received": complaints["total"],
        "complaints_closed": complaints["closed"],
        "complaints_average_delay_days": complaints["average_delay_days"],
    }


def step_dashboard_counts(queryset, today: date) -> dict:
    """Counts above the list: members, late ones, not yet contacted, unreachable."""
    late = StepInstance.objects.filter(
        adherent__in=queryset.values("pk"), completed_on__isnull=True, due_on__lt=today
    ).values("adherent").distinct()
    return queryset.aggregate(
        total=Count("pk"),
        not_contacted=Count("pk", filter=Q(first_reached_at__isnull=True, left_on__isnull=True)),
        unreachable=Count("pk", filter=Q(unreachable=True)),
        late=Count("pk", filter=Q(pk__in=late)),
        first_validated=Min("validated_on"),
    )
