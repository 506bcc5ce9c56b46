"""Selectors of adherents: staff of a service, member files, figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.history_presenter import HistoryEntry, history_entries, newest_rows
from core.types import Viewer
from directory.models import Organisation, Person

from .. import access
from ..models import (
    FIRST_CONTACT_DELAY_DAYS,
    Adherent,
    Complaint,
    ContactAttempt,
    IdentifiedHazard,
    PreventionVisit,
    StepInstance,
    Survey,
    SurveyResponse,
    TrajectoryStep,
    WorkUnit,
)
from ._common import Role, _percent, complaints_summary, survey_satisfaction


def service_staff_users(service: Organisation) -> list:
    return [
        p.user
        for p in Person.objects.filter(
            organisation=service, role=Role.SERVICE_STAFF, user__isnull=False, user__is_active=True
        ).select_related("user")
    ]


#: What the member page and the pages under it show of the file.
ADHERENT_RELATED = ("organisation", "sector", "unit", "service", "referent")


#: What the visit pages show of the visit and its member.
VISIT_RELATED = (
    "adherent__organisation",
    "adherent__unit",
    "adherent__service",
    "adherent__sector",
    "performed_by",
    "step",
)


def _late_steps_subquery(today: date) -> QuerySet[Any, Any]:
    return (
        StepInstance.objects.filter(adherent=OuterRef("pk"), completed_on__isnull=True, due_on__lt=today)
        .order_by()
        .values("adherent")
        .annotate(n=Count("pk"))
        .values("n")
    )


def adherent_list(user: Viewer, *, today: date | None = None) -> QuerySet[Adherent]:
    """The staff list: one query, with what the list shows annotated (late steps, next step, last contact).

    Every figure is a correlated subquery, not a join + GROUP BY: PostgreSQL then sorts and
    cuts the page first and computes the figures for its 30 rows only, whatever the number
    of members (an aggregate over the contacts grouped the whole service before paginating).
    """
    today = today or timezone.localdate()
    next_step = StepInstance.objects.filter(adherent=OuterRef("pk"), completed_on__isnull=True).order_by(
        "due_on"
    )
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
        setattr(instance, "current_status", instance.status_on(today))  # noqa: B010 — read by the template
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
            Prefetch("hazards", queryset=IdentifiedHazard.objects.order_by("-is_priority", "family")),
            "photos",
        )
    )


def hazard_map(units: list[WorkUnit]) -> dict:
    """The internal synthesis: a grid of work units × hazard families seen in the visit."""
    from ..models import HazardFamily

    seen = {h.family for u in units for h in u.hazards.all()}
    families = [(value, label) for value, label in HazardFamily.choices if value in seen]
    rows = []
    for unit in units:
        by_family = {h.family: h for h in unit.hazards.all()}
        rows.append({"unit": unit, "cells": [by_family.get(value) for value, _label in families]})
    return {"families": families, "rows": rows}


@dataclass(frozen=True)
class MemberFileChange:
    """One change of a member file, field by field, and whether the member's own contact made it (portal)."""

    entry: HistoryEntry
    by_member: bool


def history_changes(adherent: Adherent, limit: int = 10) -> list[MemberFileChange]:
    """The last changes of the file, field by field (`core.history_presenter`: names of related rows and
    labels of choices, not their numbers and codes), in a number of queries that does not grow with them."""
    rows = newest_rows(adherent.history.all(), limit=limit)
    return [
        MemberFileChange(entry=entry, by_member=_is_member_user(entry.who))
        for entry in history_entries(rows, model=Adherent, limit=limit)
        if entry.changes
    ]


def _is_member_user(user: Viewer) -> bool:
    person = getattr(user, "person", None) if user is not None else None
    return person is not None and person.role == Role.MEMBER_CONTACT


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

    members = Adherent.objects.filter(service=service, validated_on__isnull=False).filter(
        between("validated_on")
    )
    validated = list(members.values_list("validated_on", "first_reached_at"))
    contacted_in_time = sum(
        1
        for validated_on, reached_at in validated
        if reached_at is not None
        and validated_on is not None
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
            {
                "survey_id": survey.pk,
                "title": survey.title,
                "reached": counts["n_reached"],
                "unreachable": counts["n_unreachable"],
                **sat,
            }
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


def step_dashboard_counts(queryset: QuerySet[Adherent], today: date) -> dict:
    """Counts above the list: members, late ones, not yet contacted, unreachable."""
    late = (
        StepInstance.objects.filter(
            adherent__in=queryset.values("pk"), completed_on__isnull=True, due_on__lt=today
        )
        .values("adherent")
        .distinct()
    )
    return queryset.aggregate(
        total=Count("pk"),
        not_contacted=Count("pk", filter=Q(first_reached_at__isnull=True, left_on__isnull=True)),
        unreachable=Count("pk", filter=Q(unreachable=True)),
        late=Count("pk", filter=Q(pk__in=late)),
        first_validated=Min("validated_on"),
    )
