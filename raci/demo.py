"""Demo RACI: the Annexe 2 templates, and their matrices on the ACIA Corse actions (seed 002).

Each ACIA structure gets the matrix of its axis, its rows tied to the meetings the
governance demo planned (COPIL n, Temps collectif n); the first structure has adapted it (a « Référent
numérique » role, approvals by its steering committee, a row to inform the teams), through
the services so that its history reads like a pilot's work. Idempotent: an action that
already has a matrix is left alone. Without the ACIA programme only the templates load.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model

from actions.models import CollectiveAction, Programme, TeamMember
from directory.models import Organisation
from governance.models import Committee, Meeting

from . import selectors, services
from .models import Activity, Role

TEMPLATE_FOR_AXIS = {1: "annexe2-axe1", 2: "annexe2-axe2"}


def _adapt(matrix, *, by, action) -> None:
    roles = {role.name: role for role in matrix.roles.all()}
    activities = list(matrix.activities.order_by("order"))
    aract = roles["ARACT"]
    aract.organisation = Organisation.objects.filter(acronym="ARACT Corse").first()
    services.role_save(role=aract, by=by)
    pilot = (
        TeamMember.objects.filter(action=action, role=TeamMember.Role.PILOT).select_related("person").first()
    )
    if pilot is not None:
        roles["Pilote de projet"].person = pilot.person
        services.role_save(role=roles["Pilote de projet"], by=by)
    referent = services.role_save(role=Role(matrix=matrix, name="Référent numérique"), by=by)
    by_name = {a.name: a for a in activities if a.name}
    copil = roles["Comité de pilotage"]
    for name, letters in [
        ("COPIL 1", "C"),
        ("Réalisation du diagnostic", "R"),
        ("COPIL 3", "C"),
        ("Mise en place des recommandations", "R"),
        ("COPIL 4", "I"),
    ]:
        if name in by_name:
            services.cell_set(activity=by_name[name], role=referent, letters=letters, by=by)
    for name in ("COPIL 3", "Arbitrage"):
        if name in by_name:
            services.cell_set(activity=by_name[name], role=copil, letters="RA", by=by)
    arbitrage = by_name.get("Arbitrage")
    if arbitrage is not None:
        info = services.activity_save(
            activity=Activity(
                matrix=matrix,
                axis=arbitrage.axis,
                step=arbitrage.step,
                name="Information des équipes",
                description="Le pilote de projet présente aux équipes les recommandations retenues et le calendrier "
                "de leur mise en place, en réunion de service.",
                method="Réunions de service",
                objective="Que chaque salarié sache ce qui change et quand",
                workload_hours=Decimal("1.5"),
            ),
            after=arbitrage,
            by=by,
        )
        for role, letters in [
            (roles["Pilote de projet"], "R"),
            (copil, "A"),
            (roles["Groupe de travail"], "I"),
            (aract, "C"),
            (referent, "I"),
        ]:
            services.cell_set(activity=info, role=role, letters=letters, by=by)


def _link_governance(matrix, *, by, action) -> None:
    """Tie the rows to the meetings the governance demo planned (COPIL n, Temps collectif n),
    and the « Comité de pilotage » column to the action's COPIL."""
    committees = selectors.committees_for_matrix(matrix)
    meetings = {}
    for meeting in Meeting.objects.filter(committee__in=committees, number__isnull=False).select_related(
        "committee"
    ):
        if meeting.committee.kind == Committee.Kind.COPIL and meeting.committee.action_id == action.pk:
            meetings[f"COPIL {meeting.number}"] = meeting
        elif meeting.committee.kind == Committee.Kind.COLLECTIVE:
            meetings[f"Temps collectif {meeting.number}"] = meeting
            meetings[f"Temps inter-structure {meeting.number}"] = meeting
    for activity in matrix.activities.filter(meeting__isnull=True).order_by("order"):
        meeting = meetings.get(activity.meeting_label)
        if meeting is not None:
            activity.meeting = meeting
            services.activity_save(activity=activity, by=by)
    copil = committees.filter(kind=Committee.Kind.COPIL, action=action).first()
    role = matrix.roles.filter(
        name="Comité de pilotage", organisation=None, person=None, committee=None
    ).first()
    if copil is not None and role is not None:
        role.committee = copil
        services.role_save(role=role, by=by)


def load(stdout) -> None:
    User = get_user_model()
    admin = User.objects.filter(username="admin").first()
    templates = {m.template_key: m for m in services.templates_install(by=admin)}
    programme = Programme.objects.filter(code="acia-corse").first()
    if programme is None:
        stdout.write("    (pas de programme ACIA : seuls les modèles RACI sont chargés)")
        return
    consultant = User.objects.filter(username="consultant").first()
    actions = (
        CollectiveAction.objects.filter(programme=programme)
        .select_related("axis", "porteur")
        .order_by("code")
    )
    for index, action in enumerate(actions):
        if action.raci_matrices.exists():
            continue
        template = templates[TEMPLATE_FOR_AXIS.get(action.axis.number if action.axis else 1, "annexe2-axe1")]
        label = action.porteur.acronym if action.porteur and action.porteur.acronym else action.code
        matrix = services.matrix_clone(
            source=template, action=action, by=consultant, title=f"RACI {label} — {template.title}"
        )
        _link_governance(matrix, by=consultant, action=action)
        if index == 0:
            _adapt(matrix, by=consultant, action=action)
