"""Demo programmes and actions from the seeds (runs after `directory/demo.py`).

Idempotent: a programme is found by its code and an action by (programme, code); an
action that exists is left as it is. Dates are relative to today, so that on any day
every phase holds at least one action, some deliverables are validated and some late.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo import add_once
from directory.models import Organisation, Person

from . import demo_data as data
from .models import (
    ActionPhase,
    CollectiveAction,
    Deliverable,
    FinancingLine,
    Participation,
    PhaseTransition,
    Programme,
    ProgrammeAxis,
    ProgrammeStep,
    QvtTheme,
    SuccessCondition,
    TeamMember,
)
from .phases import PHASE_COUNT
from .services import action_create, planned_phase_dates
from .themes import ensure_qvt_themes

K = Organisation.Kind


def _pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A small valid one-page PDF (Helvetica, Latin-1) standing for an uploaded deliverable."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = ["BT", "/F1 16 Tf", "60 780 Td", f"({esc(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        body += ["0 -22 Td", f"({esc(line)}) Tj"]
    body.append("ET")
    # Helvetica's Latin-1 has no dash, curly apostrophe nor « œ »: spelled plainly rather than as « ? ».
    plain = (
        "\n".join(body)
        .replace("—", "-")
        .replace("–", "-")
        .replace("’", "'")
        .replace("œ", "oe")
        .replace("Œ", "OE")
    )
    stream = plain.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _org(acronym: str) -> Organisation:
    return Organisation.objects.get(acronym=acronym)


def _organisation(name, acronym, kind, **fields) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        acronym=acronym, defaults={"name": name, "kind": kind, **fields}
    )
    return organisation


def _company(name, city, headcount, territory, sector) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name=name,
        defaults={
            "kind": K.COMPANY,
            "city": city,
            "headcount": headcount,
            "territory": territory,
            "sector": sector,
        },
    )
    return organisation


def _start_for(preparation, deployment, phase: int, today: date, *, late: bool) -> date:
    """A start date that puts `today` inside the planned span of `phase` (or just after it when late)."""
    probe = CollectiveAction(start_date=today, preparation_months=preparation, deployment_months=deployment)
    plan = planned_phase_dates(probe)
    phase_start, phase_end = plan[phase]
    offset = (phase_start - today).days
    length = (phase_end - phase_start).days + 1
    into = length + max(12, length // 5) if late else max(1, length // 3)
    return today - timedelta(days=offset + into)


def _bring_to_phase(
    action: CollectiveAction, target: int, user, today: date, *, closed: bool = False
) -> None:
    """Walk the action through its phases as if it had been run: earlier phases done with their deliverables validated."""
    phases = {p.number: p for p in action.phases.all()}
    deliverables = {d.phase_id: d for d in action.deliverables.filter(is_phase_default=True)}
    last_done = PHASE_COUNT if closed else target - 1
    for number in range(1, last_done + 1):
        phase = phases[number]
        phase.status = ActionPhase.Status.DONE
        phase.actual_start = phase.planned_start
        phase.actual_end = min(
            phase.planned_end + timedelta(days=(number % 3) * 4), today - timedelta(days=1)
        )
        phase.save()
        deliverable = deliverables[phase.pk]
        _attach_file(deliverable, action, user)
        deliverable.status = Deliverable.Status.VALIDATED
        deliverable.validated_by = user
        validated_on = min(phase.actual_end, deliverable.due_date or phase.actual_end)
        if number == 2 and action.code in ("05", "PRST-3"):
            validated_on = phase.actual_end + timedelta(days=9)  # one validated after its due date
        deliverable.validated_at = timezone.make_aware(
            timezone.datetime.combine(validated_on, timezone.datetime.min.time().replace(hour=17))
        )
        deliverable.validation_note = f"COPIL du {validated_on:%d/%m/%Y}"
        deliverable.validated_file.name = deliverable.file.name
        deliverable.validated_file_kind = deliverable.file_kind
        if number <= 2:
            deliverable.published_at = deliverable.validated_at
        deliverable.save()
        PhaseTransition.objects.create(
            action=action,
            from_number=number,
            to_number=min(number + 1, PHASE_COUNT),
            by=user,
            at=timezone.make_aware(
                timezone.datetime.combine(phase.actual_end, timezone.datetime.min.time().replace(hour=18))
            ),
        )
    if not closed:
        current = phases[target]
        current.status = ActionPhase.Status.IN_PROGRESS
        current.actual_start = (
            phases[target - 1].actual_end + timedelta(days=1) if target > 1 else current.planned_start
        )
        current.save()
        # The deliverable in hand: submitted for some, being written for others.
        deliverable = deliverables[current.pk]
        if target in (3, 5):
            _attach_file(deliverable, action, user)
            deliverable.status = Deliverable.Status.SUBMITTED
        else:
            deliverable.status = Deliverable.Status.IN_PROGRESS
        deliverable.save()
        action.current_phase_number = target
    else:
        action.current_phase_number = PHASE_COUNT
        action.status = CollectiveAction.Status.CLOSED
        action.end_date = phases[PHASE_COUNT].actual_end
    if action.status == CollectiveAction.Status.DRAFT and target > 1:
        action.status = CollectiveAction.Status.ONGOING
    action.save()


def _attach_file(deliverable: Deliverable, action: CollectiveAction, user) -> None:
    if deliverable.file:
        return
    content = _pdf_bytes(
        deliverable.title,
        [
            f"Action {action.code} - {action.title}"[:90],
            f"Programme : {action.programme.name}"[:90],
            f"Porteur : {action.porteur.name if action.porteur else action.programme.name}"[:90],
        ],
    )
    name = f"deliverables/{action.pk}/demo-{deliverable.pk}.pdf"
    deliverable.file.save(name, ContentFile(content), save=False)
    deliverable.file_kind = "pdf"
    deliverable.original_filename = f"{deliverable.title}.pdf"
    deliverable.uploaded_by = user
    deliverable.uploaded_at = timezone.now()


def _team(action, people_roles):
    for person, role in people_roles:
        TeamMember.objects.get_or_create(action=action, person=person, defaults={"role": role})


def _participations(action, companies, today, territory, sector):
    for name, city, headcount, group, status, du, plan, system in companies:
        company = _company(name, city, headcount, territory, sector)
        Participation.objects.get_or_create(
            action=action,
            organisation=company,
            defaults={
                "status": status,
                "group": group,
                "withdrawal_reason": "Cessation d'activité de l'atelier" if status == "sortie" else "",
                "engaged_on": today - timedelta(days=330) if status == "engagee" else None,
                "du_formalised_on": today - timedelta(days=30 * du) if du else None,
                "action_plan_on": today - timedelta(days=30 * plan) if plan else None,
                "prevention_system_on": today - timedelta(days=30 * system) if system else None,
            },
        )


def _branch(stdout, today, pilot_user, pilot_person, consultant_person) -> None:
    adesatt = _org("ADESATT")
    prevoyance = _organisation(
        "Organisme de prévoyance de la branche",
        "Prévoyance branche",
        K.FUNDER,
        territory="National",
        sector="Prévoyance",
    )
    _organisation(
        "Solutions Productives",
        "Solutions Productives",
        K.CONSULTANCY,
        territory="National",
        sector="Conseil",
    )
    _organisation("Pact", "Pact", K.CONSULTANCY, territory="National", sector="Conseil")
    funders = {
        "ADESATT": adesatt,
        "Prévoyance branche": prevoyance,
        "Fact": _org("Fact"),
        "Uniformation": _org("Uniformation"),
    }
    programme, _created = Programme.objects.get_or_create(
        code="branche-adesatt",
        defaults={
            "name": "Dispositif santé, prévention et QVT de la branche",
            "kind": Programme.Kind.BRANCH,
            "territory": "National",
            "porteur": adesatt,
            "start_date": date(today.year - 3, 1, 1),
            "end_date": date(today.year + 2, 12, 31),
            "description": (
                "Les 11 actions et la priorité transverse proposées au comité de pilotage ADESATT (étude santé au travail, "
                "prévention des risques professionnels et QVT, Solutions Productives et Pact, juin 2020), présentées par "
                "ordre de priorité : de la plus pertinente et plus facilement réalisable à la moins pertinente et moins "
                "facilement réalisable. Budget annuel du dispositif global : 150 k€ à 350 k€ sur 3 ans."
            ),
        },
    )
    add_once(programme.managers, pilot_person)
    themes = {t.code: t for t in QvtTheme.objects.all()}
    for spec in data.BRANCH_ACTIONS:
        if CollectiveAction.objects.filter(programme=programme, code=spec["code"]).exists():
            continue
        preparation, deployment, duration_note = spec["duration"]
        budget_min, budget_max, budget_note = spec["budget"]
        phase = spec["phase"]
        start = _start_for(preparation or 3, deployment or 9, phase, today, late=spec.get("late", False))
        if spec.get("closed"):
            start = today - timedelta(days=30 * ((preparation or 0) + (deployment or 0)) + 60)
        action = action_create(
            by=pilot_user,
            programme=programme,
            themes=[themes[code] for code in spec["themes"]],
            code=spec["code"],
            title=spec["title"],
            needs=spec["needs"],
            description=spec["description"],
            objectives=spec["objectives"],
            means=spec["means"],
            governance_composition=spec["governance"],
            pilotage=spec["pilotage"],
            budget_min_keur=Decimal(budget_min) if budget_min is not None else None,
            budget_max_keur=Decimal(budget_max) if budget_max is not None else None,
            budget_note=budget_note,
            steps=spec["steps"],
            preparation_months=preparation,
            deployment_months=deployment,
            duration_note=duration_note,
            evaluation_criteria=spec["evaluation"],
            technical_support=spec["support"],
            pertinence=spec["ratings"][0],
            feasibility=spec["ratings"][1],
            target_sizes=spec["target"],
            target_sectors="Ateliers et chantiers d'insertion",
            territory="National",
            porteur=adesatt,
            start_date=start if preparation or deployment else None,
            status=CollectiveAction.Status.DRAFT if spec.get("draft") else CollectiveAction.Status.ONGOING,
        )
        for order, (title, text) in enumerate(spec["conditions"]):
            SuccessCondition.objects.create(action=action, order=order, title=title, text=text)
        for acronym, amount, share, status in spec["funders"]:
            FinancingLine.objects.create(
                action=action,
                funder=funders[acronym],
                status=status,
                amount_eur=Decimal(amount) if amount is not None else None,
                share_percent=Decimal(share) if share is not None else None,
            )
        _team(
            action, [(consultant_person, TeamMember.Role.CONSULTANT)] if spec["code"] in ("01", "07") else []
        )
        _bring_to_phase(action, phase, pilot_user, today, closed=spec.get("closed", False))
        if spec["code"] == "01":
            _participations(
                action,
                data.BRANCH_COMPANIES,
                today,
                "Auvergne-Rhône-Alpes",
                "Insertion par l'activité économique",
            )
        if spec["code"] == "07":
            _participations(
                action,
                data.CLUSTER_COMPANIES,
                today,
                "Auvergne-Rhône-Alpes",
                "Insertion par l'activité économique",
            )
        if spec["code"] == "03":
            _participations(
                action,
                data.BRANCH_COMPANIES[:3],
                today,
                "Auvergne-Rhône-Alpes",
                "Insertion par l'activité économique",
            )
    stdout.write(f"  actions : programme {programme.code}, {programme.actions.count()} actions")


def _acia(stdout, today, consultant_user, consultant_person) -> None:
    programme, _ = Programme.objects.get_or_create(
        code="acia-corse",
        defaults={
            "name": "ACIA Corse — Actions collectives innovantes et apprenantes (numérique en ESMS)",
            "kind": Programme.Kind.CALL,
            "territory": "Corse",
            "porteur": _org("ARS Corse"),
            "start_date": today - timedelta(days=300),
            "end_date": today + timedelta(days=120),
            "description": (
                "Appel à manifestation d'intérêt de l'ARS Corse avec l'ARACT Corse, en application de l'appel à projets "
                "« Actions collectives innovantes et apprenantes » de la DGOS : accompagner au plus 4 organismes "
                "gestionnaires du social et du médico-social dans la « négociation du virage numérique », en articulant "
                "dialogue social et dialogue professionnel. Comitologie : comités de pilotage intra-structure, groupes de "
                "travail, temps ponctuels, temps collectifs inter-structures, comité de suivi ARACT–ARS (GRADeS)."
            ),
        },
    )
    add_once(programme.managers, consultant_person)
    axes = {}
    for number, title, description in data.ACIA_AXES:
        axes[number], _ = ProgrammeAxis.objects.get_or_create(
            programme=programme, number=number, defaults={"title": title, "description": description}
        )
    for number, title, period, days, description in data.ACIA_STEPS:
        ProgrammeStep.objects.get_or_create(
            programme=programme,
            number=number,
            defaults={
                "title": title,
                "period": period,
                "mobilisation_days": days,
                "description": description,
            },
        )
    themes = {t.code: t for t in QvtTheme.objects.all()}
    for index, (name, acronym, city, headcount, sector, axis, tool, phase) in enumerate(
        data.ACIA_STRUCTURES, start=1
    ):
        code = f"OG-{index}"
        if CollectiveAction.objects.filter(programme=programme, code=code).exists():
            continue
        structure = _organisation(
            name,
            acronym,
            K.COMPANY,
            city=city,
            headcount=headcount,
            territory="Corse",
            sector=f"Social et médico-social — {sector}",
        )
        # The structure's project team (its COPIL): its project pilot is the action's pilot.
        domain = acronym.lower().replace(" ", "").replace("è", "e")
        project_pilot = None
        for slot, first, last, job, _project_role in data.ACIA_TEAMS[index - 1]:
            person, _ = Person.objects.get_or_create(
                first_name=first,
                last_name=last,
                organisation=structure,
                defaults={
                    "function": f"{job}, pilote de projet ACIA" if slot == "pilote" else job,
                    "email": f"{first.lower()}.{last.lower()}@{domain}.example".replace("é", "e").replace(
                        "ï", "i"
                    ),
                    "role": Person.Role.OTHER,
                },
            )
            if slot == "pilote":
                project_pilot = person
        action = action_create(
            by=consultant_user,
            programme=programme,
            axis=axes[axis],
            themes=[themes["contenu-travail"], themes["sante-travail"]],
            code=code,
            title=f"{acronym} : {'implémenter' if axis == 1 else 'construire les usages partagés'} — {tool}",
            needs=(
                f"{name} ({city}) souhaite {'cadrer et suivre pas à pas la mise en place' if axis == 1 else 'construire des usages partagés'} "
                f"du {tool} au regard des conditions de travail (organisation, tâches, charge de travail), avec sa direction, "
                "ses représentants du personnel et des salariés volontaires."
            ),
            objectives=[
                "Faire monter en compétence le comité de pilotage pour qu'il puisse réitérer la démarche lors du déploiement d'un futur outil",
                "Mettre en place des groupes de travail faisant appel à la réalité du terrain",
                "Dupliquer la démarche auprès des autres ESMS de l'organisme gestionnaire",
            ],
            means=[
                "Comités de pilotage intra-structure de 3 h animés par la chargée de mission ARACT",
                "Groupes de travail et espaces de discussion en intersession",
                "Temps collectifs inter-structures de 3 h",
            ],
            governance_composition=(
                "Comité de pilotage de la structure : un représentant de la direction, un représentant du personnel, un "
                "manager d'équipe, un salarié volontaire, la personne en charge du numérique"
            ),
            pilotage="Pilote de projet de la structure, interlocuteur direct de l'ARACT",
            steps=["Cadrage (2 jours de mobilisation)", "Déploiement (6 jours)", "Bilan (2 jours)"],
            preparation_months=2,
            deployment_months=7,
            duration_note="Cadrage, déploiement, bilan",
            evaluation_criteria="Capacité du comité de pilotage à conduire en autonomie un nouveau projet numérique",
            technical_support="Chargée de mission ARACT Corse",
            pertinence=5,
            feasibility=[4, 3, 4, 3][index - 1],
            target_sizes=f"{headcount} salariés",
            target_sectors=sector,
            territory="Corse",
            porteur=structure,
            start_date=_start_for(2, 7, phase, today, late=index == 2),
            status=CollectiveAction.Status.ONGOING,
        )
        FinancingLine.objects.create(
            action=action, funder=_org("ARS Corse"), amount_eur=Decimal(12000), status="accorde"
        )
        _team(
            action, [(project_pilot, TeamMember.Role.PILOT), (consultant_person, TeamMember.Role.CONSULTANT)]
        )
        TeamMember.objects.filter(action=action, person__user=consultant_user).update(
            role=TeamMember.Role.CONSULTANT
        )
        _bring_to_phase(action, phase, consultant_user, today)
        months = {4: (3, 1, None), 5: (5, 3, 1), 3: (None, None, None)}[phase]
        Participation.objects.get_or_create(
            action=action,
            organisation=structure,
            defaults={
                "status": Participation.Status.ENGAGED,
                "group": f"Axe {axis}",
                "engaged_on": today - timedelta(days=200),
                "du_formalised_on": today - timedelta(days=30 * months[0]) if months[0] else None,
                "action_plan_on": today - timedelta(days=30 * months[1]) if months[1] else None,
                "prevention_system_on": today - timedelta(days=30 * months[2]) if months[2] else None,
            },
        )
        SuccessCondition.objects.create(
            action=action,
            order=0,
            title="Engagement de la direction et des représentants du personnel",
            text="La direction mobilise ses représentants du personnel et ses salariés tout au long de la démarche.",
        )
    stdout.write(f"  actions : programme {programme.code}, {programme.actions.count()} actions")


def _prst(stdout, today, admin_user) -> None:
    dreets = _org("DREETS ARA")
    programme, _ = Programme.objects.get_or_create(
        code="prst4-ara",
        defaults={
            "name": "PRST 4 Auvergne-Rhône-Alpes",
            "kind": Programme.Kind.PRST,
            "territory": "Auvergne-Rhône-Alpes",
            "porteur": dreets,
            "start_date": date(2021, 1, 1),
            "end_date": date(2025, 12, 31),
            "description": (
                "Plan régional santé au travail piloté par la DREETS avec le GPRO et le CROCT. Issu des ateliers du secteur : "
                "moins de groupes de travail, des actions courtes et visibles, un calendrier partagé, des livrables diffusés "
                "et une information périodique de tous les acteurs."
            ),
        },
    )
    manager, _ = Person.objects.get_or_create(
        email="referente.prst@dreets-ara.example",
        defaults={
            "first_name": "Hélène",
            "last_name": "Garnier",
            "organisation": dreets,
            "function": "Référente PRST 4",
            "role": Person.Role.OTHER,
        },
    )
    add_once(programme.managers, manager)
    themes = {t.code: t for t in QvtTheme.objects.all()}
    for spec in data.PRST_ACTIONS:
        if CollectiveAction.objects.filter(programme=programme, code=spec["code"]).exists():
            continue
        action = action_create(
            by=admin_user,
            programme=programme,
            code=spec["code"],
            title=spec["title"],
            needs=spec["needs"],
            objectives=spec["objectives"],
            means=spec["means"],
            porteur=_org(spec["porteur"]),
            themes=[themes[code] for code in spec["themes"]],
            pertinence=spec["ratings"][0],
            feasibility=spec["ratings"][1],
            territory="Auvergne-Rhône-Alpes",
            preparation_months=6,
            deployment_months=18,
            start_date=_start_for(6, 18, spec["phase"], today, late=spec["code"] == "PRST-2"),
            governance_composition="Groupe de travail du PRST (co-pilotage DREETS, Carsat, ARACT, partenaires sociaux)",
            pilotage="DREETS ARA et co-pilotes de la fiche action",
            status=CollectiveAction.Status.ONGOING,
        )
        TeamMember.objects.filter(action=action).delete()  # the administrator created it for the DREETS
        # The fiche's pilot (the directory's person, of the porteur's organisation); the DREETS referent contributes.
        first, last = spec["pilot"]
        pilot = Person.objects.filter(first_name=first, last_name=last).order_by("pk").first() or manager
        _team(action, [(pilot, TeamMember.Role.PILOT), (manager, TeamMember.Role.CONTRIBUTOR)])
        _bring_to_phase(action, spec["phase"], admin_user, today)
    stdout.write(f"  actions : programme {programme.code}, {programme.actions.count()} actions")


def load(stdout) -> None:
    ensure_qvt_themes()
    today = timezone.localdate()
    User = get_user_model()
    pilot_user = User.objects.get(username="pilote")
    consultant_user = User.objects.get(username="consultant")
    admin_user = User.objects.get(username="admin")
    pilot_person = Person.objects.get(user=pilot_user)
    consultant_person = Person.objects.get(user=consultant_user)
    _branch(stdout, today, pilot_user, pilot_person, consultant_person)
    _acia(stdout, today, consultant_user, consultant_person)
    _prst(stdout, today, admin_user)
