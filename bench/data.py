"""Synthetic data of the benchmark, built with bulk_create at one scale.

Everything a scale holds lives in its own database (see bench/run.py): a programme of
`actions` collective actions (phases, deliverables, team, participations, financing,
indicators and their measurements, a RACI matrix and a steering committee each, with its
meetings, attendance, minutes, decisions and follow-up items), a programme-level CROCT,
and an occupational-health service with `members` member companies, their trajectory
steps, contacts, prevention visits (work units, hazards, action plan), complaints and a
satisfaction survey.

Dates are relative to today (Europe/Paris), so the pages look like a live database and
the reminder scan finds a realistic number of reminders due today. The objects measured
on each page (action #1, its COPIL meeting #3, its RACI matrix, the member "banc-0001",
the survey) have the same size at every scale; the lists and dashboards grow with it.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from bench.data_common import (  # the constants are re-exported: bench.data's public names
    AGENDA,
    BATCH,
    FIRST_NAMES,
    HAZARDS,
    LAST_NAMES,
    LOREM,
    PILOT_USERNAME,
    STAFF_USERNAME,
    TERRITORIES,
    TRADES,
    _bulk,
)
from bench.data_evaluation import _evaluation
from bench.data_governance import _governance, _raci
from bench.data_members import _members, _surveys

__all__ = [
    "AGENDA",
    "BATCH",
    "FIRST_NAMES",
    "HAZARDS",
    "LAST_NAMES",
    "LOREM",
    "PILOT_USERNAME",
    "SCALES",
    "STAFF_USERNAME",
    "TERRITORIES",
    "TRADES",
    "Scale",
    "build",
]


@dataclass(frozen=True)
class Scale:
    label: str
    actions: int
    meetings_per_action: int
    indicators_per_action: int
    months: int
    members: int

    @property
    def meetings(self) -> int:
        return self.actions * self.meetings_per_action

    @property
    def measurements(self) -> int:
        return self.actions * self.indicators_per_action * self.months


# L is the size asked for by issue 9; S ≈ 1/10, M ≈ 1/3. XS is for the smoke test only.
SCALES = {
    "XS": Scale("XS", actions=4, meetings_per_action=10, indicators_per_action=5, months=12, members=60),
    "S": Scale("S", actions=20, meetings_per_action=10, indicators_per_action=5, months=100, members=2_000),
    "M": Scale("M", actions=67, meetings_per_action=10, indicators_per_action=5, months=100, members=6_667),
    "L": Scale("L", actions=200, meetings_per_action=10, indicators_per_action=5, months=100, members=20_000),
}


def build(scale: Scale, *, seed: int = 9) -> dict:
    """Build one scale; returns the objects the pages are measured on and the row counts."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from actions.themes import ensure_qvt_themes
    from adherents.models import TrajectoryStep, TrajectoryTemplate
    from adherents.trajectories import ensure_default_templates
    from directory.models import Organisation, Person

    # Seeded by data migrations; put back if the template database was flushed (the smoke test's).
    ensure_qvt_themes()
    ensure_default_templates(TrajectoryTemplate, TrajectoryStep)
    rng = random.Random(seed)
    today = timezone.localdate()
    started = time.perf_counter()
    User = get_user_model()
    ctx = {"scale": scale, "today": today, "rng": rng}

    # --- People with an account ------------------------------------------------------
    people_count = max(12, scale.actions // 2)
    aract = Organisation.objects.create(
        name="ARACT Auvergne-Rhône-Alpes", acronym="ARACT", kind=Organisation.Kind.ARACT
    )
    service = Organisation.objects.create(
        name="Service de santé au travail du Dauphiné",
        acronym="SSTD",
        kind=Organisation.Kind.SSTI,
        territory="Isère",
    )
    funders = _bulk(
        Organisation,
        [
            Organisation(name=name, acronym=acr, kind=Organisation.Kind.FUNDER)
            for name, acr in [
                ("DREETS Auvergne-Rhône-Alpes", "DREETS"),
                ("Carsat Rhône-Alpes", "Carsat"),
                ("Région Auvergne-Rhône-Alpes", "Région"),
                ("Fonds social européen", "FSE"),
            ]
        ],
    )
    usernames = (
        [PILOT_USERNAME, STAFF_USERNAME]
        + [f"banc-pilote-{i}" for i in range(people_count)]
        + [f"banc-membre-{i}" for i in range(people_count * 2)]
        + [f"banc-asst-{i}" for i in range(max(4, scale.members // 1000))]
    )
    users = _bulk(
        User,
        [
            User(
                username=name,
                email=f"{name}@exemple.fr",
                first_name=FIRST_NAMES[i % len(FIRST_NAMES)],
                last_name=LAST_NAMES[(i * 7) % len(LAST_NAMES)],
                password="!",
            )
            for i, name in enumerate(usernames)
        ],
    )
    by_name = {u.username: u for u in users}
    role = Person.Role

    def person(user, kind, organisation, college=""):
        return Person(
            first_name=user.first_name,
            last_name=user.last_name,
            email=user.email,
            user=user,
            role=kind,
            organisation=organisation,
            college=college,
        )

    colleges = ["employeurs", "salaries", "etat", "preventeurs"]
    persons = _bulk(
        Person,
        [
            person(by_name[PILOT_USERNAME], role.PILOT, aract),
            person(by_name[STAFF_USERNAME], role.SERVICE_STAFF, service),
        ]
        + [
            person(by_name[f"banc-pilote-{i}"], role.PILOT if i % 3 else role.CONSULTANT, aract)
            for i in range(people_count)
        ]
        + [
            person(by_name[f"banc-membre-{i}"], role.COMMITTEE_MEMBER, None, colleges[i % 4])
            for i in range(people_count * 2)
        ]
        + [person(u, role.SERVICE_STAFF, service) for u in users if u.username.startswith("banc-asst-")],
    )
    manager = persons[0]
    ctx.update(
        users=by_name,
        manager=manager,
        staff_person=persons[1],
        aract=aract,
        service=service,
        funders=funders,
        pilots=persons[2 : 2 + people_count],
        members=persons[2 + people_count : 2 + 3 * people_count],
        assts=[p for p in persons if p.user.username.startswith("banc-asst-")],
    )

    counts: dict[str, int] = {}
    timings: dict[str, float] = {}
    for step in (_members, _actions, _governance, _raci, _evaluation, _surveys):
        begun = time.perf_counter()
        counts.update(step(ctx))
        timings[step.__name__.lstrip("_")] = round(time.perf_counter() - begun, 1)
    counts["users"] = len(users)
    return {
        "counts": counts,
        "build_seconds": round(time.perf_counter() - started, 1),
        "build_detail_seconds": timings,
        "objects": {
            "programme": ctx["programme"].pk,
            "action": ctx["action"].pk,
            "meeting": ctx["meeting"].pk,
            "matrix": ctx["matrix"].pk,
            "member": ctx["member"].pk,
            "visit": ctx["visit"].pk,
            "survey": ctx["survey"].pk,
        },
    }


# --- Programme, actions ------------------------------------------------------------------
def _actions(ctx) -> dict:
    from actions import models as action_models
    from actions.phases import PHASE_COUNT

    scale, today, rng = ctx["scale"], ctx["today"], ctx["rng"]
    programme = action_models.Programme.objects.create(
        name="Plan régional santé au travail (banc d'essai)",
        code="prst-banc",
        kind=action_models.Programme.Kind.PRST,
        territory="Auvergne-Rhône-Alpes",
        start_date=today - timedelta(days=4 * 365),
        end_date=today + timedelta(days=2 * 365),
        porteur=ctx["aract"],
        description="Programme généré pour le banc d'essai.",
    )
    programme.managers.add(ctx["manager"])
    axes = _bulk(
        action_models.ProgrammeAxis,
        [
            action_models.ProgrammeAxis(programme=programme, number=k, title=t)
            for k, t in enumerate(
                ["Prévention primaire", "Qualité de vie au travail", "Maintien en emploi"], 1
            )
        ],
    )
    themes = list(action_models.QvtTheme.objects.all())
    statuses = ["en_cours"] * 14 + [
        "brouillon",
        "brouillon",
        "cloturee",
        "cloturee",
        "suspendue",
        "abandonnee",
    ]
    actions = []
    for i in range(scale.actions):
        status = "en_cours" if i == 0 else statuses[i % len(statuses)]
        start = today - timedelta(days=540 + (i * 13) % 400)
        actions.append(
            action_models.CollectiveAction(
                programme=programme,
                axis=axes[i % 3],
                code=f"A{i + 1:03d}",
                title=f"Action collective {i + 1} : prévenir les TMS en {TRADES[i % 16].lower()}",
                status=status,
                needs="Les entreprises du secteur signalent des arrêts de travail liés aux TMS.",
                description="Accompagnement collectif d'entreprises volontaires : diagnostic, plan d'action, suivi.",
                objectives=[
                    "Réduire les TMS",
                    "Structurer la démarche de prévention",
                    "Former des référents",
                ],
                means=["Ateliers collectifs", "Visites en entreprise"],
                steps=["Cadrage", "Diagnostic", "Plan d'action"],
                pilotage="Pilotage par l'ARACT avec les partenaires sociaux.",
                budget_min_keur=Decimal(40),
                budget_max_keur=Decimal(90),
                preparation_months=4,
                deployment_months=18,
                evaluation_criteria="Nombre d'entreprises avec un plan d'action.",
                pertinence=1 + i % 5,
                feasibility=1 + (i * 3) % 5,
                territory=TERRITORIES[i % 6],
                porteur=ctx["aract"],
                start_date=start,
                end_date=start + timedelta(days=700),
                current_phase_number=4 if i == 0 else 1 + i % PHASE_COUNT,
                target_sectors=TRADES[i % 16],
            )
        )
    actions = _bulk(action_models.CollectiveAction, actions)
    ctx["programme"], ctx["actions"], ctx["action"] = programme, actions, actions[0]
    Through = action_models.CollectiveAction.themes.through
    _bulk(
        Through,
        [
            Through(collectiveaction_id=a.pk, qvttheme_id=themes[(a.pk + k) % len(themes)].pk)
            for a in actions
            for k in range(2)
        ]
        if themes
        else [],
    )
    pilots = ctx["pilots"]
    team = []
    for i, a in enumerate(actions):
        team.append(action_models.TeamMember(action=a, person=pilots[i % len(pilots)], role="pilote"))
        team.append(
            action_models.TeamMember(action=a, person=pilots[(i + 1) % len(pilots)], role="consultant")
        )
    _bulk(action_models.TeamMember, team)
    phases = []
    for a in actions:
        start = a.start_date
        for number in range(1, PHASE_COUNT + 1):
            planned_start = start + timedelta(days=90 * (number - 1))
            planned_end = planned_start + timedelta(days=85)
            if number < a.current_phase_number:
                status, actual_start, actual_end = (
                    "terminee",
                    planned_start,
                    planned_end + timedelta(days=rng.randrange(-5, 20)),
                )
            elif number == a.current_phase_number:
                status, actual_start, actual_end = "en_cours", planned_start, None
                # About a third of the phases in progress are past their planned end.
                planned_end = today + timedelta(
                    days=rng.randrange(-60, -1) if a.pk % 3 == 0 else rng.randrange(5, 80)
                )
            else:
                status, actual_start, actual_end = "a_venir", None, None
            phases.append(
                action_models.ActionPhase(
                    action=a,
                    number=number,
                    status=status,
                    planned_start=planned_start,
                    planned_end=planned_end,
                    actual_start=actual_start,
                    actual_end=actual_end,
                )
            )
    phases = _bulk(action_models.ActionPhase, phases)
    deliverables = []
    for p in phases:
        for k, title in enumerate(["Compte rendu de phase", "Note de synthèse"]):
            validated = p.status == "terminee"
            deliverables.append(
                action_models.Deliverable(
                    action_id=p.action_id,
                    phase=p,
                    title=f"{title} (phase {p.number})",
                    due_date=p.planned_end + timedelta(days=k * 10),
                    status="valide"
                    if validated
                    else ("en_cours" if p.status == "en_cours" else "a_produire"),
                    is_phase_default=k == 0,
                )
            )
    _bulk(action_models.Deliverable, deliverables)
    companies = ctx["companies"]
    participations = []
    for i, a in enumerate(actions):
        for k in range(10):
            status = ["engagee"] * 6 + ["selectionnee", "ciblee", "sortie", "engagee"]
            participations.append(
                action_models.Participation(
                    action=a,
                    organisation=companies[(i * 10 + k) % len(companies)],
                    status=status[k],
                    group=f"Groupe {k % 2 + 1}",
                    engaged_on=a.start_date + timedelta(days=30) if status[k] == "engagee" else None,
                    du_formalised_on=a.start_date + timedelta(days=200) if k % 2 == 0 else None,
                    action_plan_on=a.start_date + timedelta(days=300) if k % 3 == 0 else None,
                    withdrawal_reason="Réorganisation de l'entreprise" if status[k] == "sortie" else "",
                )
            )
    _bulk(action_models.Participation, participations)
    funders = ctx["funders"]
    _bulk(
        action_models.FinancingLine,
        [
            action_models.FinancingLine(
                action=a,
                funder=funders[(a.pk + k) % len(funders)],
                amount_eur=Decimal(20000 + 5000 * k),
                status=["accorde", "verse", "sollicite"][k],
            )
            for a in actions
            for k in range(3)
        ],
    )
    _bulk(
        action_models.SuccessCondition,
        [
            action_models.SuccessCondition(
                action=a, order=k, title=t, text="Condition discutée en comité de pilotage."
            )
            for a in actions
            for k, t in enumerate(["Engagement de la direction", "Implication des salariés", "Temps dédié"])
        ],
    )
    return {
        "actions": len(actions),
        "phases": len(phases),
        "deliverables": len(deliverables),
        "participations": len(participations),
    }
