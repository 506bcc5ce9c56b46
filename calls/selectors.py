"""Reads of calls and applications, scoped to the user, with the scoring computed once."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from core.types import Viewer

from . import access
from .models import Application, Call, ComplementRequest, PriorityCriterion, Score, hash_token


def calls_for_user(user: Viewer) -> QuerySet[Call]:
    return (
        access.calls_visible_to(user)
        .select_related("programme")
        .annotate(
            submitted_count=Count("applications", filter=~Q(applications__status=Application.Status.DRAFT)),
            selected_count=Count("applications", filter=Q(applications__status=Application.Status.SELECTED)),
        )
        .order_by("-opens_at")
    )


# --- What a form was opened on (lists replaced as a whole: compared by a key, see core.conflicts) ----
def _key(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, default=str).encode()).hexdigest()[:40]


def criteria_key(eligibility: list[str], priorities: list[tuple]) -> str:
    """A key of a call's criteria: eligibility texts, and (text, weight, axis id) of each priority, in order."""
    return _key(
        [
            list(eligibility),
            [[text, f"{Decimal(weight):.1f}", axis_id] for text, weight, axis_id in priorities],
        ]
    )


def criteria_version(call: Call) -> str:
    """The key of the criteria stored now ("" for a call not saved yet)."""
    if call.pk is None:
        return ""
    return criteria_key(
        list(call.eligibility_criteria.order_by("order", "pk").values_list("text", flat=True)),
        list(call.priority_criteria.order_by("order", "pk").values_list("text", "weight", "axis_id")),
    )


TEAM_FIELDS = ["full_name", "function", "project_role", "email", "phone"]


def team_key(rows: list[dict]) -> str:
    return _key([[row.get(name, "") or "" for name in TEAM_FIELDS] for row in rows])


def team_version(application: Application) -> str:
    """The key of the project team stored now ("" for an application not saved yet)."""
    if application.pk is None:
        return ""
    return team_key(list(application.team.order_by("order", "pk").values(*TEAM_FIELDS)))


def call_page() -> dict:
    """How the call pages fetch a call (`core.access.object_for(..., **call_page())`): with its criteria."""
    return {
        "select_related": ("programme", "action", "selection_committee"),
        "prefetch_related": (
            "axes",
            "eligibility_criteria",
            Prefetch("priority_criteria", queryset=PriorityCriterion.objects.select_related("axis")),
        ),
    }


def call_with_criteria(queryset: QuerySet[Call]) -> QuerySet[Call]:
    shape = call_page()
    return queryset.select_related(*shape["select_related"]).prefetch_related(*shape["prefetch_related"])


def public_call(slug: str) -> Call | None:
    return call_with_criteria(Call.objects.filter(slug=slug, is_published=True)).first()


def application_by_token(token: str) -> Application | None:
    if not token or len(token) > 100:
        return None
    return (
        Application.objects.select_related("call", "call__programme", "axis")
        .prefetch_related("team", "complements", "call__eligibility_criteria", "call__axes")
        .filter(token_hash=hash_token(token), call__is_published=True)
        .first()
    )


def application_page() -> dict:
    """How the application pages fetch one (`core.access.object_for(..., **application_page())`)."""
    return {
        "select_related": ("call__programme", "axis", "organisation", "copil"),
        "prefetch_related": (
            "team",
            Prefetch("complements", queryset=ComplementRequest.objects.select_related("requested_by")),
            "call__eligibility_criteria",
            Prefetch("call__priority_criteria", queryset=PriorityCriterion.objects.select_related("axis")),
            Prefetch("scores", queryset=Score.objects.select_related("scorer", "criterion")),
        ),
    }


def application_detail_for_user(user: Viewer) -> QuerySet[Application]:
    shape = application_page()
    return (
        access.applications_visible_to(user)
        .select_related(*shape["select_related"])
        .prefetch_related(*shape["prefetch_related"])
    )


# --- Scoring ----------------------------------------------------------------------------
@dataclass
class CriterionResult:
    criterion: PriorityCriterion
    committee: Score | None = None
    members: list[Score] = field(default_factory=list)

    @property
    def value(self) -> Decimal | None:
        """The committee's score when given, else the mean of the members' scores."""
        if self.committee is not None:
            return Decimal(self.committee.value)
        if self.members:
            return (Decimal(sum(s.value for s in self.members)) / len(self.members)).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
        return None


@dataclass
class ApplicationScoring:
    application: Application
    criteria: list[CriterionResult]

    @property
    def total(self) -> Decimal | None:
        """Weighted mean over the scored criteria, out of 5."""
        scored = [(r.criterion.weight, r.value) for r in self.criteria if r.value is not None]
        if not scored:
            return None
        weights = sum(w for w, _ in scored)
        mean = Decimal(sum(w * v for w, v in scored)) / Decimal(weights)
        return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def is_complete(self) -> bool:
        return all(r.value is not None for r in self.criteria)


def scoring_of(application: Application, criteria: list[PriorityCriterion]) -> ApplicationScoring:
    """Needs `application.scores` prefetched."""
    results = {c.pk: CriterionResult(criterion=c) for c in criteria if c.applies_to(application)}
    for score in application.scores.all():
        result = results.get(score.criterion_id)
        if result is None:
            continue
        if score.scorer_id is None:
            result.committee = score
        else:
            result.members.append(score)
    return ApplicationScoring(application=application, criteria=list(results.values()))


def selection_table(call: Call) -> list[ApplicationScoring]:
    """Every submitted application of the call with its scoring, best first (three queries)."""
    criteria = list(call.priority_criteria.select_related("axis"))
    applications = (
        call.applications.exclude(status=Application.Status.DRAFT)
        .select_related("axis")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("scorer")))
        .order_by("structure_name", "pk")
    )
    rows = [scoring_of(a, criteria) for a in applications]
    rows.sort(key=lambda r: (r.application.eligibility != Application.Eligibility.ELIGIBLE, -(r.total or 0)))
    return rows


def last_reopening(call: Call) -> Any:
    """The last reopening of the call's selection (a history record: its author, date and reason), if any."""
    return (
        call.history.filter(decided_at__isnull=True)
        .exclude(history_change_reason__isnull=True)
        .exclude(history_change_reason="")
        .select_related("history_user")
        .order_by("-history_id")
        .first()
    )
