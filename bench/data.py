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
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal


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

BATCH = 5_000
PILOT_USERNAME = "banc-pilote"
STAFF_USERNAME = "banc-service"
TERRITORIES = ["Isère", "Savoie", "Rhône", "Loire", "Drôme", "Ain"]
FIRST_NAMES = ["Isabelle", "Christophe", "Nathalie", "Stéphane", "Sandrine", "Frédéric", "Véronique", "David",
               "Céline", "Olivier", "Aurélie", "Laurent", "Julie", "Nicolas", "Claire", "Mathieu"]
LAST_NAMES = ["Lefebvre", "Dubois", "Morel", "Lemaire", "Caron", "Delattre", "Vasseur", "Leroy", "Duhamel",
              "Fournier", "Bouchez", "Carpentier", "Dumont", "Lecomte", "Gosselin", "Deprez", "Leclercq", "Delcroix",
              "Dupuis", "Lambert", "Mercier", "Fontaine", "Poulain", "Descamps", "Boulanger", "Lefranc", "Pruvost"]
TRADES = ["Boulangerie", "Garage", "Transports", "Menuiserie", "Salon de coiffure", "Restaurant", "Plomberie",
          "Cabinet comptable", "Maçonnerie", "Aide à domicile", "Supérette", "Nettoyage industriel", "Pharmacie",
          "Électricité générale", "Imprimerie", "Paysagiste"]
HAZARDS = ["chutes", "manutention", "postures", "bruit", "chimique", "machines", "routier", "rps", "ecran"]
AGENDA = ["Approbation du compte rendu précédent", "Avancement des phases et des livrables",
          "Point sur les entreprises engagées", "Indicateurs de suivi", "Questions diverses et prochaines étapes"]
LOREM = ("Le comité a fait le point sur l'avancement de l'action, les difficultés rencontrées dans les entreprises "
         "et les ajustements à prévoir. Les participants ont échangé sur les retours des salariés et sur le calendrier "
         "des prochaines étapes. ")


def _bulk(model, rows, batch=BATCH):
    created = []
    for start in range(0, len(rows), batch):
        created += model.objects.bulk_create(rows[start:start + batch])
    return created


def _aware(day: date, hour: int = 14):
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, dtime(hour, 0)))


def _months_back(today: date, count: int) -> list[date]:
    """The first days of the `count` months before the current one, oldest first."""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append(date(year, month, 1))
    return list(reversed(months))


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
    aract = Organisation.objects.create(name="ARACT Auvergne-Rhône-Alpes", acronym="ARACT", kind=Organisation.Kind.ARACT)
    service = Organisation.objects.create(name="Service de santé au travail du Dauphiné", acronym="SSTD",
                                          kind=Organisation.Kind.SSTI, territory="Isère")
    funders = _bulk(Organisation, [
        Organisation(name=name, acronym=acr, kind=Organisation.Kind.FUNDER)
        for name, acr in [("DREETS Auvergne-Rhône-Alpes", "DREETS"), ("Carsat Rhône-Alpes", "Carsat"),
                          ("Région Auvergne-Rhône-Alpes", "Région"), ("Fonds social européen", "FSE")]
    ])
    usernames = ([PILOT_USERNAME, STAFF_USERNAME] + [f"banc-pilote-{i}" for i in range(people_count)]
                 + [f"banc-membre-{i}" for i in range(people_count * 2)] + [f"banc-asst-{i}" for i in range(max(4, scale.members // 1000))])
    users = _bulk(User, [
        User(username=name, email=f"{name}@exemple.fr", first_name=FIRST_NAMES[i % len(FIRST_NAMES)],
             last_name=LAST_NAMES[(i * 7) % len(LAST_NAMES)], password="!")
        for i, name in enumerate(usernames)
    ])
    by_name = {u.username: u for u in users}
    role = Person.Role

    def person(user, kind, organisation, college=""):
        return Person(first_name=user.first_name, last_name=user.last_name, email=user.email, user=user,
                      role=kind, organisation=organisation, college=college)

    colleges = ["employeurs", "salaries", "etat", "preventeurs"]
    persons = _bulk(Person, [person(by_name[PILOT_USERNAME], role.PILOT, aract),
                             person(by_name[STAFF_USERNAME], role.SERVICE_STAFF, service)]
                    + [person(by_name[f"banc-pilote-{i}"], role.PILOT if i % 3 else role.CONSULTANT, aract)
                       for i in range(people_count)]
                    + [person(by_name[f"banc-membre-{i}"], role.COMMITTEE_MEMBER, None, colleges[i % 4])
                       for i in range(people_count * 2)]
                    + [person(u, role.SERVICE_STAFF, service) for u in users if u.username.startswith("banc-asst-")])
    manager = persons[0]
    ctx.update(users=by_name, manager=manager, staff_person=persons[1], aract=aract, service=service, funders=funders,
               pilots=persons[2:2 + people_count], members=persons[2 + people_count:2 + 3 * people_count],
               assts=[p for p in persons if p.user.username.startswith("banc-asst-")])

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
            "programme": ctx["programme"].pk, "action": ctx["action"].pk, "meeting": ctx["meeting"].pk,
            "matrix": ctx["matrix"].pk, "member": ctx["member"].pk, "visit": ctx["visit"].pk,
            "survey": ctx["survey"].pk,
        },
    }


# --- Member companies (adherents) ---------------------------------------------------------
def _members(ctx) -> dict:
    from adherents.models import (
        ActionPlanItem,
        Adherent,
        Complaint,
        ContactAttempt,
        HealthUnit,
        IdentifiedHazard,
        PreventionVisit,
        Sector,
        StepInstance,
        TrajectoryStep,
        WorkUnit,
    )
    from adherents.services import step_delay
    from directory.models import Organisation

    scale, today, rng, service = ctx["scale"], ctx["today"], ctx["rng"], ctx["service"]
    assts = [p.user for p in ctx["assts"]]
    sectors = _bulk(Sector, [Sector(service=service, name=n, order=i)
                             for i, n in enumerate(["Grenoble", "Voiron", "Vienne", "Bourgoin"])])
    units = _bulk(HealthUnit, [
        HealthUnit(service=service, sector=sectors[i % 4], name=f"UST {sectors[i % 4].name} {i // 4 + 1}",
                   physician=f"Dr {LAST_NAMES[i]}", prevention_visit_delay_days=[120, 150, 180, 90][i % 4])
        for i in range(8)
    ])
    new_steps = list(TrajectoryStep.objects.filter(template__kind="nouvel", template__service__isnull=True).order_by("order"))
    confirmed_steps = list(TrajectoryStep.objects.filter(template__kind="confirme", template__service__isnull=True).order_by("order"))
    n = scale.members
    companies = _bulk(Organisation, [
        Organisation(name=f"{TRADES[i % len(TRADES)]} {LAST_NAMES[i % len(LAST_NAMES)]} {i:05d}",
                     kind=Organisation.Kind.COMPANY, siret="", headcount=3 + i % 40, territory="Isère",
                     city=sectors[i % 4].name, postal_code="38000")
        for i in range(n)
    ])
    ctx["companies"] = companies
    history_days = 6 * 365
    adherents = []
    for i, company in enumerate(companies):
        # Member #0 (the member page) joined 8 months ago: a full first-year trajectory.
        validated = today - timedelta(days=240 if i == 0 else rng.randrange(1, history_days))
        unit = units[i % len(units)]
        recent = (today - validated).days <= 45
        contacted = not recent or rng.random() < 0.7
        adherents.append(Adherent(
            service=service, organisation=company, membership_number=f"banc-{i:05d}", applied_on=validated - timedelta(days=10),
            validated_on=validated, sector=unit.sector, unit=unit, referent=assts[i % len(assts)],
            headcount=company.headcount, sig_count=company.headcount - company.headcount // 4,
            sir_count=company.headcount // 4, admin_contact_name=f"{FIRST_NAMES[i % 16]} {LAST_NAMES[i % 27]}",
            admin_contact_email=f"contact{i}@entreprise.fr", admin_contact_phone="04 76 00 00 00",
            activity_description=f"{TRADES[i % len(TRADES)]} : activité principale et services associés.",
            du_status=["existe", "en_cours", "absent", "a_jour"][i % 4],
            first_reached_at=_aware(validated + timedelta(days=rng.randrange(2, 14))) if contacted and (today - validated).days > 14 else None,
            left_on=today - timedelta(days=rng.randrange(1, 300)) if i % 50 == 49 else None,
        ))
    adherents = _bulk(Adherent, adherents)
    ctx["member"] = adherents[0]

    steps, visits_planned = [], []
    for i, adherent in enumerate(adherents):
        start = adherent.validated_on
        previous = start
        for step in new_steps:
            base = start if step.reference == TrajectoryStep.Reference.START else previous
            due = base + timedelta(days=step_delay(step, adherent.unit))
            completed = None
            if due < today:
                overdue_days = (today - due).days
                # Older steps are done; of the last 60 days' steps about one in five is still open.
                if overdue_days > 60 or rng.random() < 0.8 or i == 0:
                    completed = due - timedelta(days=rng.randrange(0, 5))
            elif due < today + timedelta(days=30) and rng.random() < 0.3:
                completed = min(today, due - timedelta(days=rng.randrange(0, 10)))
            steps.append(StepInstance(adherent=adherent, step=step, started_on=start, due_on=due, completed_on=completed,
                                      completed_by=adherent.referent if completed else None, assignee=adherent.referent,
                                      comment="Fait." if completed else ""))
            previous = completed or due
            if step.kind == TrajectoryStep.Kind.PREVENTION_VISIT and completed:
                visits_planned.append((adherent, completed, len(steps) - 1))
        if (today - start).days > 3 * 365:
            # Confirmed members: the renewal of the hazard review, three years after joining.
            due = start
            for step in confirmed_steps:
                due = due + timedelta(days=step.delay_days)
                completed = None
                if due < today and ((today - due).days > 60 or rng.random() < 0.8):
                    completed = due - timedelta(days=rng.randrange(0, 5))
                steps.append(StepInstance(adherent=adherent, step=step, started_on=start, due_on=due, completed_on=completed,
                                          completed_by=adherent.referent if completed else None, assignee=adherent.referent))
    steps = _bulk(StepInstance, steps)

    contacts = []
    for adherent in adherents:
        if adherent.first_reached_at:
            contacts.append(ContactAttempt(adherent=adherent, happened_at=adherent.first_reached_at - timedelta(days=1),
                                           channel="telephone", outcome="message", by=adherent.referent))
            contacts.append(ContactAttempt(adherent=adherent, happened_at=adherent.first_reached_at, channel="telephone",
                                           outcome="joint", person_reached=adherent.admin_contact_name,
                                           summary="Appel d'accueil : présentation du service et des visites.",
                                           by=adherent.referent))
    _bulk(ContactAttempt, contacts)

    visits = _bulk(PreventionVisit, [
        PreventionVisit(adherent=a, step=steps[index], status="realisee", planned_on=done - timedelta(days=20), done_on=done,
                        performed_by=a.referent, physician=a.unit.physician, priority_hazards="Manutention, produits chimiques",
                        employer_knowledge=2, employer_motivation=3, employer_needs="Mettre à jour le document unique.",
                        proposed_hazard=HAZARDS[a.pk % len(HAZARDS)],
                        proposal="Un accompagnement sur la prévention des troubles musculosquelettiques.",
                        restitution_format="visio", restitution_sent_on=done + timedelta(days=15) if done + timedelta(days=15) < today else None)
        for a, done, index in visits_planned
    ])
    ctx["visit"] = next(v for v in visits if v.adherent_id == adherents[0].pk)
    work_units = _bulk(WorkUnit, [
        WorkUnit(visit=v, order=k, name=name, posts=posts, description="Activité observée pendant la visite.",
                 existing_measures="Gants, chaussures de sécurité")
        for v in visits
        for k, (name, posts) in enumerate([("Atelier", "Opérateurs"), ("Bureau", "Administratif"), ("Livraisons", "Chauffeurs")])
    ])
    hazards = []
    for unit in work_units:
        for k in range(3):
            hazards.append(IdentifiedHazard(work_unit=unit, family=HAZARDS[(unit.pk + k * 3) % len(HAZARDS)],
                                            situation="Situation exposante relevée", is_priority=k == 0))
    _bulk(IdentifiedHazard, hazards)
    _bulk(ActionPlanItem, [
        ActionPlanItem(adherent=v.adherent, visit=v, title=title, hazard=HAZARDS[(v.pk + k) % len(HAZARDS)], who="Employeur",
                       due_on=v.done_on + timedelta(days=90 * (k + 1)), status="en_cours" if k else "proposee")
        for v in visits for k, title in enumerate(["Aménager les postes de travail", "Former les salariés aux gestes"])
    ])
    complaints = _bulk(Complaint, [
        Complaint(service=service, adherent=adherents[(i * 37) % n], received_on=today - timedelta(days=i % 700 + 1),
                  channel="telephone", subject="Convocation non reçue", cause="convocation",
                  status="cloturee" if i % 3 else "recue",
                  closed_on=today - timedelta(days=i % 700) if i % 3 else None)
        for i in range(max(3, n // 100))
    ])
    return {"member_companies": n, "member_steps": len(steps), "member_contacts": len(contacts), "visits": len(visits),
            "work_units": len(work_units), "hazards": len(hazards), "complaints": len(complaints)}


# --- Programme, actions ------------------------------------------------------------------
def _actions(ctx) -> dict:
    from actions.models import (
        ActionPhase,
        CollectiveAction,
        Deliverable,
        FinancingLine,
        Participation,
        Programme,
        ProgrammeAxis,
        QvtTheme,
        SuccessCondition,
        TeamMember,
    )
    from actions.phases import PHASE_COUNT

    scale, today, rng = ctx["scale"], ctx["today"], ctx["rng"]
    programme = Programme.objects.create(
        name="Plan régional santé au travail (banc d'essai)", code="prst-banc", kind=Programme.Kind.PRST,
        territory="Auvergne-Rhône-Alpes", start_date=today - timedelta(days=4 * 365), end_date=today + timedelta(days=2 * 365),
        porteur=ctx["aract"], description="Programme généré pour le banc d'essai.",
    )
    programme.managers.add(ctx["manager"])
    axes = _bulk(ProgrammeAxis, [ProgrammeAxis(programme=programme, number=k, title=t) for k, t in
                                 enumerate(["Prévention primaire", "Qualité de vie au travail", "Maintien en emploi"], 1)])
    themes = list(QvtTheme.objects.all())
    statuses = ["en_cours"] * 14 + ["brouillon", "brouillon", "cloturee", "cloturee", "suspendue", "abandonnee"]
    actions = []
    for i in range(scale.actions):
        status = "en_cours" if i == 0 else statuses[i % len(statuses)]
        start = today - timedelta(days=540 + (i * 13) % 400)
        actions.append(CollectiveAction(
            programme=programme, axis=axes[i % 3], code=f"A{i + 1:03d}", title=f"Action collective {i + 1} : prévenir les TMS en {TRADES[i % 16].lower()}",
            status=status, needs="Les entreprises du secteur signalent des arrêts de travail liés aux TMS.",
            description="Accompagnement collectif d'entreprises volontaires : diagnostic, plan d'action, suivi.",
            objectives=["Réduire les TMS", "Structurer la démarche de prévention", "Former des référents"],
            means=["Ateliers collectifs", "Visites en entreprise"], steps=["Cadrage", "Diagnostic", "Plan d'action"],
            pilotage="Pilotage par l'ARACT avec les partenaires sociaux.", budget_min_keur=Decimal(40), budget_max_keur=Decimal(90),
            preparation_months=4, deployment_months=18, evaluation_criteria="Nombre d'entreprises avec un plan d'action.",
            pertinence=1 + i % 5, feasibility=1 + (i * 3) % 5, territory=TERRITORIES[i % 6], porteur=ctx["aract"],
            start_date=start, end_date=start + timedelta(days=700), current_phase_number=4 if i == 0 else 1 + i % PHASE_COUNT,
            target_sectors=TRADES[i % 16],
        ))
    actions = _bulk(CollectiveAction, actions)
    ctx["programme"], ctx["actions"], ctx["action"] = programme, actions, actions[0]
    Through = CollectiveAction.themes.through
    _bulk(Through, [Through(collectiveaction_id=a.pk, qvttheme_id=themes[(a.pk + k) % len(themes)].pk)
                    for a in actions for k in range(2)] if themes else [])
    pilots = ctx["pilots"]
    team = []
    for i, a in enumerate(actions):
        team.append(TeamMember(action=a, person=pilots[i % len(pilots)], role="pilote"))
        team.append(TeamMember(action=a, person=pilots[(i + 1) % len(pilots)], role="consultant"))
    _bulk(TeamMember, team)
    phases = []
    for a in actions:
        start = a.start_date
        for number in range(1, PHASE_COUNT + 1):
            planned_start = start + timedelta(days=90 * (number - 1))
            planned_end = planned_start + timedelta(days=85)
            if number < a.current_phase_number:
                status, actual_start, actual_end = "terminee", planned_start, planned_end + timedelta(days=rng.randrange(-5, 20))
            elif number == a.current_phase_number:
                status, actual_start, actual_end = "en_cours", planned_start, None
                # About a third of the phases in progress are past their planned end.
                planned_end = today + timedelta(days=rng.randrange(-60, -1) if a.pk % 3 == 0 else rng.randrange(5, 80))
            else:
                status, actual_start, actual_end = "a_venir", None, None
            phases.append(ActionPhase(action=a, number=number, status=status, planned_start=planned_start,
                                      planned_end=planned_end, actual_start=actual_start, actual_end=actual_end))
    phases = _bulk(ActionPhase, phases)
    deliverables = []
    for p in phases:
        for k, title in enumerate(["Compte rendu de phase", "Note de synthèse"]):
            validated = p.status == "terminee"
            deliverables.append(Deliverable(
                action_id=p.action_id, phase=p, title=f"{title} (phase {p.number})", due_date=p.planned_end + timedelta(days=k * 10),
                status="valide" if validated else ("en_cours" if p.status == "en_cours" else "a_produire"),
                is_phase_default=k == 0,
            ))
    _bulk(Deliverable, deliverables)
    companies = ctx["companies"]
    participations = []
    for i, a in enumerate(actions):
        for k in range(10):
            status = ["engagee"] * 6 + ["selectionnee", "ciblee", "sortie", "engagee"]
            participations.append(Participation(
                action=a, organisation=companies[(i * 10 + k) % len(companies)], status=status[k],
                group=f"Groupe {k % 2 + 1}", engaged_on=a.start_date + timedelta(days=30) if status[k] == "engagee" else None,
                du_formalised_on=a.start_date + timedelta(days=200) if k % 2 == 0 else None,
                action_plan_on=a.start_date + timedelta(days=300) if k % 3 == 0 else None,
                withdrawal_reason="Réorganisation de l'entreprise" if status[k] == "sortie" else "",
            ))
    _bulk(Participation, participations)
    funders = ctx["funders"]
    _bulk(FinancingLine, [
        FinancingLine(action=a, funder=funders[(a.pk + k) % len(funders)], amount_eur=Decimal(20000 + 5000 * k),
                      status=["accorde", "verse", "sollicite"][k])
        for a in actions for k in range(3)
    ])
    _bulk(SuccessCondition, [
        SuccessCondition(action=a, order=k, title=t, text="Condition discutée en comité de pilotage.")
        for a in actions for k, t in enumerate(["Engagement de la direction", "Implication des salariés", "Temps dédié"])
    ])
    return {"actions": len(actions), "phases": len(phases), "deliverables": len(deliverables),
            "participations": len(participations)}


# --- Governance ---------------------------------------------------------------------------
def _governance(ctx) -> dict:
    from governance.models import (
        AgendaItem,
        Attendance,
        Committee,
        Decision,
        FollowUpItem,
        Meeting,
        Membership,
        Minutes,
        MinutesItem,
    )

    scale, today, rng = ctx["scale"], ctx["today"], ctx["rng"]
    actions, members, pilots = ctx["actions"], ctx["members"], ctx["pilots"]
    manager_user = ctx["manager"].user
    committees = _bulk(Committee, [
        Committee(kind="copil", name=f"COPIL {a.code}", action=a, mandate="Suivre et orienter l'action.",
                  default_place="Salle du conseil")
        for a in actions
    ] + [Committee(kind="croct", name="CROCT (banc d'essai)", programme=ctx["programme"], mandate="Orientations régionales.")])
    memberships = []
    committee_people = {}
    for i, c in enumerate(committees):
        people = [pilots[i % len(pilots)]] + [members[(i * 5 + k) % len(members)] for k in range(9)]
        people = list({p.pk: p for p in people}.values())
        committee_people[c.pk] = people
        for k, p in enumerate(people):
            memberships.append(Membership(committee=c, person=p, college=p.college or "preventeurs",
                                          role="pilote" if k == 0 else ("secretaire" if k == 1 else "membre"),
                                          start_date=today - timedelta(days=3 * 365)))
    _bulk(Membership, memberships)

    meetings = []
    per = scale.meetings_per_action
    for i, c in enumerate(committees[:-1]):
        # Ten meetings, one every 3 months: about two thirds already held, the rest planned.
        first = today - timedelta(days=90 * (per - 4) + (i * 7) % 60)
        for k in range(per):
            day = first + timedelta(days=90 * k)
            held = day < today
            meetings.append(Meeting(committee=c, number=k + 1, title=f"COPIL {k + 1} — {c.action.code}",
                                    starts_at=_aware(day), duration_minutes=120, place="Salle du conseil",
                                    status="tenue" if held else ("convoquee" if day < today + timedelta(days=20) else "prevue"),
                                    held_at=_aware(day, 17) if held else None))
    croct = committees[-1]
    for k in range(8):
        day = today - timedelta(days=540) + timedelta(days=91 * k)
        meetings.append(Meeting(committee=croct, number=k + 1, title=f"CROCT {k + 1}", starts_at=_aware(day, 9),
                                status="tenue" if day < today else "prevue", held_at=_aware(day, 12) if day < today else None))
    meetings = _bulk(Meeting, meetings)
    ctx["meeting"] = next(m for m in meetings if m.committee_id == committees[0].pk and m.number == 3)
    agenda, attendances = [], []
    for m in meetings:
        for k, title in enumerate(AGENDA):
            agenda.append(AgendaItem(meeting=m, order=k, title=title, duration_minutes=20,
                                     status="traite" if m.status == "tenue" else "a_traiter"))
        for k, p in enumerate(committee_people[m.committee_id]):
            status = "invite" if m.status != "tenue" else ("present" if (k + m.pk) % 5 else "excuse")
            attendances.append(Attendance(meeting=m, person=p, college=p.college or "preventeurs", status=status))
    agenda = _bulk(AgendaItem, agenda)
    _bulk(Attendance, attendances)
    agenda_by_meeting: dict[int, list] = {}
    for item in agenda:
        agenda_by_meeting.setdefault(item.meeting_id, []).append(item)
    held = [m for m in meetings if m.status == "tenue"]
    minutes, no_minutes = [], 0
    for m in held:
        recent = (today - m.starts_at.date()).days < 60
        if recent and m.pk % 4 == 0 and m != ctx["meeting"]:
            no_minutes += 1
            continue
        minutes.append(Minutes(meeting=m, version=1, status="approuve", summary=LOREM, written_by=manager_user,
                               approved_at=m.starts_at + timedelta(days=20), approved_by=manager_user, approval_mode="president"))
    minutes = _bulk(Minutes, minutes)
    _bulk(MinutesItem, [MinutesItem(minutes=mi, agenda_item=item, text=LOREM * 2)
                        for mi in minutes for item in agenda_by_meeting[mi.meeting_id]])
    decisions = _bulk(Decision, [
        Decision(meeting=m, agenda_item=agenda_by_meeting[m.pk][1 + k], recorded_by=manager_user,
                 text=f"Le comité valide {['le plan de diagnostic', 'le calendrier des ateliers'][k]} de l'action.")
        for m in held for k in range(2)
    ])
    meeting_by_pk = {m.pk: m for m in meetings}
    action_by_committee = {c.pk: c.action_id for c in committees}
    items = []
    for d in decisions:
        m = meeting_by_pk[d.meeting_id]
        people = committee_people[m.committee_id]
        for k in range(2 if d.pk % 2 else 1):
            due = m.starts_at.date() + timedelta(days=30 + 30 * k)
            if due < today - timedelta(days=45):
                status, done_on = ("fait", due - timedelta(days=rng.randrange(-10, 10))) if (d.pk + k) % 20 else ("abandonne", None)
            elif due < today:
                status, done_on = ("en_cours", None) if (d.pk + k) % 2 else ("fait", min(today, due + timedelta(days=2)))
            else:
                status, done_on = "a_faire", None
            items.append(FollowUpItem(decision=d, title=f"Mettre en œuvre : {d.text[:60]}", owner=people[(k + d.pk) % len(people)],
                                      due_date=due, status=status, done_on=done_on, action_id=action_by_committee[m.committee_id]))
    items = _bulk(FollowUpItem, items)
    return {"committees": len(committees), "memberships": len(memberships), "meetings": len(meetings),
            "agenda_items": len(agenda), "attendances": len(attendances), "minutes": len(minutes),
            "decisions": len(decisions), "followup_items": len(items)}


# --- RACI ---------------------------------------------------------------------------------
def _raci(ctx) -> dict:
    from governance.models import Committee, Meeting
    from raci.models import Activity, Assignment, Matrix, Role
    from raci.services import annexe2_data

    data = annexe2_data()
    axis1, axis2 = data.values()
    rows = list(axis1.activities) + list(axis2.activities)
    extra_roles = [("Direction de l'entreprise", "A"), ("CSE", "C"), ("Service de santé au travail", "C"), ("Salariés", "I")]
    copils = {c.action_id: c for c in Committee.objects.filter(kind="copil")}
    meetings = {(m.committee_id, m.number): m for m in Meeting.objects.filter(committee__kind="copil")}
    matrices = _bulk(Matrix, [
        Matrix(title=f"RACI {a.code} — qui fait quoi", action=a, status="validee" if a.pk % 2 else "brouillon",
               validated_by=ctx["manager"].user if a.pk % 2 else None,
               validated_at=_aware(a.start_date + timedelta(days=60)) if a.pk % 2 else None,
               description="Qui fait quoi dans l'action.", created_by=ctx["manager"].user)
        for a in ctx["actions"]
    ] + [Matrix(title="RACI du programme", programme=ctx["programme"], created_by=ctx["manager"].user)])
    roles = []
    for m in matrices:
        copil = copils.get(m.action_id)
        for k, name in enumerate(axis1.roles):
            roles.append(Role(matrix=m, name=name, order=k, organisation=ctx["aract"] if k == 0 else None,
                              committee=copil if name == "Comité de pilotage" else None))
        for k, (name, _letters) in enumerate(extra_roles, start=len(axis1.roles)):
            roles.append(Role(matrix=m, name=name, order=k))
    roles = _bulk(Role, roles)
    roles_by_matrix: dict[int, list] = {}
    for r in roles:
        roles_by_matrix.setdefault(r.matrix_id, []).append(r)
    activities = []
    for m in matrices:
        copil = copils.get(m.action_id)
        for k, row in enumerate(rows):
            number = int(row.meeting_label.split()[-1]) if row.meeting_label.startswith("COPIL ") else None
            activities.append(Activity(
                matrix=m, order=k, axis=row.axis, step=row.step, name=row.name, description=row.description,
                method=row.method, objective=row.objective, workload_hours=row.workload_hours, workload_text=row.workload_text,
                meeting_label=row.meeting_label,
                meeting=meetings.get((copil.pk, number)) if copil and number else None,
            ))
    activities = _bulk(Activity, activities)
    assignments = []
    for index, activity in enumerate(activities):
        row = rows[index % len(rows)]
        matrix_roles = roles_by_matrix[activity.matrix_id]
        for role, letters in zip(matrix_roles, list(row.letters) + [x[1] for x in extra_roles], strict=False):
            if letters:
                assignments.append(Assignment(activity=activity, role=role, letters=letters))
    _bulk(Assignment, assignments)
    ctx["matrix"] = matrices[0]
    return {"raci_matrices": len(matrices), "raci_activities": len(activities), "raci_cells": len(assignments)}


# --- Evaluation ---------------------------------------------------------------------------
def _evaluation(ctx) -> dict:
    from evaluation.models import ApproachEntry, Indicator, Measurement

    scale, today = ctx["scale"], ctx["today"]
    months = _months_back(today, scale.months)
    names = ["Entreprises engagées", "Salariés sensibilisés", "Plans d'action formalisés",
             "Taux de participation aux ateliers", "Documents uniques mis à jour"]
    indicators = _bulk(Indicator, [
        Indicator(action=a, name=f"{names[k % len(names)]} ({a.code})", kind=["suivi", "resultat", "impact", "suivi", "resultat"][k % 5],
                  unit="pourcentage" if k == 3 else "nombre", periodicity="mensuelle", baseline=Decimal(0),
                  baseline_date=months[0], target=Decimal(80 if k == 3 else 200), target_date=today + timedelta(days=365))
        for a in ctx["actions"] for k in range(scale.indicators_per_action)
    ] + [
        Indicator(programme=ctx["programme"], name=f"Indicateur régional {k + 1}", kind="impact", unit="pourcentage",
                  periodicity="trimestrielle", baseline=Decimal(10), baseline_date=months[0], target=Decimal(60),
                  target_date=today + timedelta(days=365))
        for k in range(6)
    ])
    Indicator.objects.filter(pk__in=[i.pk for i in indicators]).update(created_at=_aware(months[0]))
    action_indicators = [i for i in indicators if i.action_id]
    count = 0
    batch = []
    for index, indicator in enumerate(action_indicators):
        # One indicator in ten has no value yet for last month (the reminder scan asks for it).
        periods = months[:-1] if index % 10 == 9 else months
        for m, period in enumerate(periods):
            value = (m * (index % 7 + 1)) % 80 if indicator.unit == "pourcentage" else m * (index % 3 + 1)
            batch.append(Measurement(indicator=indicator, period=period, value=Decimal(value)))
        if len(batch) >= BATCH * 4:
            _bulk(Measurement, batch)
            count += len(batch)
            batch = []
    quarters = [m for m in months if m.month in (1, 4, 7, 10)]
    for indicator in indicators:
        if indicator.programme_id:
            batch += [Measurement(indicator=indicator, period=q, value=Decimal(10 + k % 50)) for k, q in enumerate(quarters)]
    _bulk(Measurement, batch)
    count += len(batch)
    _bulk(ApproachEntry, [
        ApproachEntry(action=a, date=today - timedelta(days=30 * k + 5), kind=kind, text=text, author=ctx["manager"].user)
        for a in ctx["actions"]
        for k, (kind, text) in enumerate([("difficulte", "Difficulté à mobiliser les entreprises en période estivale."),
                                          ("ajustement", "Ateliers déplacés en visioconférence."),
                                          ("enseignement", "Associer le CSE dès le cadrage.")])
    ])
    return {"indicators": len(indicators), "measurements": count}


# --- Survey -------------------------------------------------------------------------------
def _surveys(ctx) -> dict:
    from adherents.demo import SURVEY_QUESTIONS
    from adherents.models import Adherent, Survey, SurveyAnswer, SurveyChoice, SurveyQuestion, SurveyResponse

    today, rng = ctx["today"], ctx["rng"]
    survey = Survey.objects.create(
        service=ctx["service"], title="Sondage téléphonique des nouveaux adhérents", mode=Survey.Mode.PHONE, is_open=True,
        population="Nouveaux adhérents de l'année", opens_on=today - timedelta(days=60), closes_on=today + timedelta(days=30),
    )
    questions = _bulk(SurveyQuestion, [
        SurveyQuestion(survey=survey, order=k, section=section, text=text, kind=kind, measures_satisfaction=satisfaction)
        for k, (section, text, kind, satisfaction, _asked_if, _options) in enumerate(SURVEY_QUESTIONS, start=1)
    ])
    choices = _bulk(SurveyChoice, [
        SurveyChoice(question=q, order=k, label=label, satisfied=satisfied)
        for q, (*_head, options) in zip(questions, SURVEY_QUESTIONS, strict=True)
        for k, (label, _count, satisfied) in enumerate(options, start=1)
    ])
    by_question: dict[int, list] = {}
    for c in choices:
        by_question.setdefault(c.question_id, []).append(c)
    # The same population at every scale (the survey is the page's object): 600 members of the year.
    recent = list(Adherent.objects.filter(validated_on__gte=today - timedelta(days=365)).order_by("pk")[:600])
    if len(recent) < 600:
        recent = list(Adherent.objects.order_by("pk")[:600])
    responses = _bulk(SurveyResponse, [
        SurveyResponse(survey=survey, adherent=a, reached=k % 6 != 5, respondent="Le gérant" if k % 6 != 5 else "",
                       recorded_by=ctx["staff_person"].user, answered_on=today - timedelta(days=k % 50))
        for k, a in enumerate(recent)
    ])
    answers = []
    for r in responses:
        if not r.reached:
            continue
        for q in questions:
            options = by_question.get(q.pk)
            if options:
                picks = rng.sample(options, 2) if q.kind == "multiple" and len(options) > 1 else [rng.choice(options)]
                answers += [SurveyAnswer(response=r, question=q, choice=c) for c in picks]
            elif q.kind == "note":
                answers.append(SurveyAnswer(response=r, question=q, rating=rng.randrange(2, 6)))
            elif r.pk % 5 == 0:
                answers.append(SurveyAnswer(response=r, question=q, text="Très bon accueil, merci."))
    _bulk(SurveyAnswer, answers)
    ctx["survey"] = survey
    return {"survey_responses": len(responses), "survey_answers": len(answers)}
