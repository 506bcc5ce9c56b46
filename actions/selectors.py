"""Reads: querysets scoped to the user, already carrying what the pages need, and figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.db.models import Count, Field, Prefetch, QuerySet
from django.utils import timezone

from core.history_presenter import HistoryEntry, history_entries, newest_rows
from core.types import Viewer

from . import access
from .models import (
    ActionPhase,
    CollectiveAction,
    Deliverable,
    FinancingLine,
    Participation,
    Programme,
    SuccessCondition,
    TeamMember,
)
from .phases import phase_reference


def pilots_prefetch() -> Prefetch:
    return Prefetch(
        "team",
        queryset=TeamMember.objects.filter(role=TeamMember.Role.PILOT).select_related("person"),
        to_attr="pilot_members",
    )


def actions_for_user(user: Viewer) -> QuerySet[CollectiveAction]:
    """The actions the user may read, with what the list needs."""
    return (
        access.actions_visible_to(user)
        .select_related("programme", "porteur")
        .prefetch_related("themes", pilots_prefetch())
    )


def action_detail_for_user(user: Viewer) -> QuerySet[CollectiveAction]:
    return action_detail_queryset(access.actions_visible_to(user))


def action_detail_queryset(queryset: QuerySet[CollectiveAction]) -> QuerySet[CollectiveAction]:
    """Everything the fiche shows, in a fixed number of queries."""
    return queryset.select_related("programme", "porteur", "axis").prefetch_related(
        "themes",
        Prefetch("phases", queryset=ActionPhase.objects.order_by("number")),
        Prefetch(
            "deliverables",
            queryset=Deliverable.objects.select_related("validated_by", "uploaded_by").order_by(
                "phase__number", "due_date", "pk"
            ),
        ),
        Prefetch("team", queryset=TeamMember.objects.select_related("person__organisation", "person__user")),
        Prefetch("financing_lines", queryset=FinancingLine.objects.select_related("funder")),
        "success_conditions",
        Prefetch("participations", queryset=Participation.objects.select_related("organisation")),
        Prefetch("transitions", queryset=_transitions_qs()),
    )


def _transitions_qs() -> QuerySet[Any]:
    from .models import PhaseTransition

    return PhaseTransition.objects.select_related("by").order_by("-at")


def programmes_for_user(user: Viewer) -> QuerySet[Programme]:
    return (
        access.programmes_visible_to(user)
        .select_related("porteur")
        .annotate(action_count=Count("actions", distinct=True))
        .order_by("-start_date", "name")
    )


def programme_actions(programme: Programme, user: Viewer) -> QuerySet[CollectiveAction]:
    """The programme's actions the user may read, with their phases, for the programme page."""
    return (
        actions_for_user(user)
        .filter(programme=programme)
        .prefetch_related(Prefetch("phases", queryset=ActionPhase.objects.order_by("number")))
        .order_by("code")
    )


def editable_action_ids(user: Viewer, actions: Iterable[CollectiveAction]) -> set[int]:
    """Which of these actions the user may edit, in one query."""
    ids = [a.pk for a in actions]
    return set(access.actions_editable_by(user).filter(pk__in=ids).values_list("pk", flat=True))


# --- Figures for the evaluation ------------------------------------------------------
def _participation_figures(participations: Sequence[Participation]) -> dict[str, Any]:
    active = [p for p in participations if p.status != Participation.Status.WITHDRAWN]
    return {
        "companies_targeted": len({p.organisation_id for p in participations}),
        "companies_engaged": len(
            {p.organisation_id for p in active if p.status == Participation.Status.ENGAGED}
        ),
        "companies_withdrawn": len(
            {p.organisation_id for p in participations if p.status == Participation.Status.WITHDRAWN}
        ),
        "companies_with_du": len({p.organisation_id for p in participations if p.du_formalised_on}),
        "companies_with_action_plan": len({p.organisation_id for p in participations if p.action_plan_on}),
        "companies_with_prevention_system": len(
            {p.organisation_id for p in participations if p.prevention_system_on}
        ),
    }


def _deliverable_figures(deliverables: Sequence[Deliverable], today: date) -> dict[str, Any]:
    validated = [d for d in deliverables if d.status == Deliverable.Status.VALIDATED]
    on_time = [
        d
        for d in validated
        if d.due_date is None or (d.validated_at and timezone.localtime(d.validated_at).date() <= d.due_date)
    ]
    return {
        "deliverables_total": len(deliverables),
        "deliverables_validated": len(validated),
        "deliverables_validated_on_time": len(on_time),
        "deliverables_late": len([d for d in deliverables if d.is_late(today)]),
    }


def _budget_figures(actions: Sequence[CollectiveAction], lines: Sequence[FinancingLine]) -> dict[str, Any]:
    def total(statuses: Iterable[str]) -> Decimal:
        return sum((line.amount_eur or Decimal(0) for line in lines if line.status in statuses), Decimal(0))

    planned_min = sum((a.budget_min_keur or Decimal(0) for a in actions), Decimal(0))
    planned_max = sum((a.budget_max_keur or Decimal(0) for a in actions), Decimal(0))
    S = FinancingLine.Status
    return {
        "budget_planned_min_eur": planned_min * 1000,
        "budget_planned_max_eur": planned_max * 1000,
        "financing_requested_eur": total({S.REQUESTED}),
        "financing_granted_eur": total({S.GRANTED}),
        "financing_paid_eur": total({S.PAID}),
        # Engaged = what funders have committed: granted, including what is already paid.
        "budget_engaged_eur": total({S.GRANTED, S.PAID}),
    }


def action_figures(action: CollectiveAction, *, today: date | None = None) -> dict:
    """Counts of one action for the evaluation: companies, deliverables, phases, budget."""
    today = today or timezone.localdate()
    participations = list(action.participations.all())
    deliverables = list(action.deliverables.all())
    phases = list(action.phases.all())
    lines = list(action.financing_lines.all())
    return {
        "current_phase_number": action.current_phase_number,
        "status": action.status,
        **_participation_figures(participations),
        **_deliverable_figures(deliverables, today),
        "phases_done": len([p for p in phases if p.status == ActionPhase.Status.DONE]),
        "phases_late": len([p for p in phases if p.is_late(today)]),
        **_budget_figures([action], lines),
    }


def programme_figures(programme: Programme, *, today: date | None = None) -> dict:
    """The same counts over every action of a programme, plus how many actions sit in each phase."""
    today = today or timezone.localdate()
    actions = list(programme.actions.all())
    ids = [a.pk for a in actions]
    participations = list(Participation.objects.filter(action_id__in=ids))
    deliverables = list(Deliverable.objects.filter(action_id__in=ids))
    phases = list(ActionPhase.objects.filter(action_id__in=ids))
    lines = list(FinancingLine.objects.filter(action_id__in=ids))
    by_phase = dict.fromkeys(range(1, 8), 0)
    for action in actions:
        by_phase[action.current_phase_number] += 1
    return {
        "actions_total": len(actions),
        "actions_closed": len([a for a in actions if a.status == CollectiveAction.Status.CLOSED]),
        "actions_by_phase": by_phase,
        **_participation_figures(participations),
        **_deliverable_figures(deliverables, today),
        "phases_late": len([p for p in phases if p.is_late(today)]),
        **_budget_figures(actions, lines),
    }


def fiche_text_differences(action: CollectiveAction, record: Any) -> list[dict[str, Any]]:
    """The fiche's texts that differ between history row `record` and now: label, that version's, today's."""
    from core.conflicts import same

    from .services import FICHE_TEXT_FIELDS

    rows = []
    for name in FICHE_TEXT_FIELDS:
        then, now = getattr(record, name), getattr(action, name)
        if not same(then, now):
            label = cast(Field, action._meta.get_field(name)).verbose_name
            rows.append({"name": name, "label": label, "then": _as_text(then), "now": _as_text(now)})
    return rows


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(f"• {item}" for item in value)
    return value or ""


HISTORY_LIMIT = 100


def action_history_entries(action: CollectiveAction, *, can_restore: bool) -> list[HistoryEntry]:
    """Every change of the action and of its deliverables, companies, success conditions and phases, newest first.

    A fixed number of queries whatever the number of changes: each model's rows in one query (authors and
    the objects their labels name joined), what each row changed computed in memory by the history presenter.
    """
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from core.conflicts import same

    from .services import FICHE_TEXT_FIELDS

    def restore_url(row: Any) -> str:
        if not can_restore or row.history_type == "-":
            return ""
        if all(same(getattr(row, name), getattr(action, name)) for name in FICHE_TEXT_FIELDS):
            return ""
        return reverse("actions:action_restore", args=[action.pk, row.history_id])

    def entries_of(model: Any, history: QuerySet[Any], what: Any, **options: Any) -> list[HistoryEntry]:
        rows = newest_rows(history, limit=HISTORY_LIMIT)
        return history_entries(rows, model=model, what=what, limit=HISTORY_LIMIT, **options)

    def named(label: str) -> Any:
        return lambda row: f"{label} «\u00a0{row.title}\u00a0»"

    entries = [
        *entries_of(CollectiveAction, action.history.all(), _("Fiche-action"), restore_url=restore_url),
        *entries_of(Deliverable, Deliverable.history.filter(action_id=action.pk), named(_("Deliverable"))),
        *entries_of(
            SuccessCondition,
            SuccessCondition.history.filter(action_id=action.pk),
            named(_("Success condition")),
        ),
        *entries_of(
            Participation,
            Participation.history.filter(action_id=action.pk).select_related("organisation"),
            lambda row: f"{_('Company')} «\u00a0{row.organisation}\u00a0»",
        ),
        *entries_of(
            ActionPhase,
            ActionPhase.history.filter(action_id=action.pk),
            lambda row: _("Phase %(phase)s") % {"phase": phase_reference(row.number).name},
        ),
    ]
    entries.sort(key=lambda entry: (entry.when, entry.record.history_id), reverse=True)
    return entries[: 2 * HISTORY_LIMIT]
