"""What a page and its PDF both show, computed once from prefetched rows."""

from __future__ import annotations

from django.utils import timezone

from . import selectors
from .models import CollectiveAction, Deliverable
from .timeline import build_timeline


def _phase_rows(action: CollectiveAction):
    """Each phase with its ANACT reference and its deliverables (prefetched), in order."""
    deliverables_by_phase: dict[int, list[Deliverable]] = {}
    for deliverable in action.deliverables.all():
        deliverables_by_phase.setdefault(deliverable.phase_id, []).append(deliverable)
    return [
        {
            "phase": phase,
            "reference": phase.reference,
            "deliverables": deliverables_by_phase.get(phase.pk, []),
        }
        for phase in action.phases.all()
    ]


def action_context(action: CollectiveAction, today=None) -> dict:
    """What the fiche page and the fiche PDF share."""
    today = today or timezone.localdate()
    phases = list(action.phases.all())
    team = list(action.team.all())
    return {
        "action": action,
        "today": today,
        "phase_rows": _phase_rows(action),
        "timeline": build_timeline(phases, today),
        "current_phase": next((p for p in phases if p.number == action.current_phase_number), None),
        "pilots": [m for m in team if m.role == "pilote"],
        "team": team,
        "participations": list(action.participations.all()),
        "financing_lines": list(action.financing_lines.all()),
        "success_conditions": list(action.success_conditions.all()),
        "transitions": list(action.transitions.all()),
        "figures": selectors.action_figures(action, today=today),
    }


def matrix_rows(actions):
    """Feasibility rows (5 at the top) × pertinence columns, each cell listing its actions."""
    cells = {(f, p): [] for f in range(1, 6) for p in range(1, 6)}
    unrated = []
    for action in actions:
        if action.pertinence and action.feasibility:
            cells[(action.feasibility, action.pertinence)].append(action)
        else:
            unrated.append(action)
    rows = [{"feasibility": f, "cells": [cells[(f, p)] for p in range(1, 6)]} for f in range(5, 0, -1)]
    return rows, unrated
