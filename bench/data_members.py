"""Benchmark data (bench/data.py): the member companies of the occupational-health service and the survey."""

from __future__ import annotations

from datetime import timedelta

from bench.data_common import FIRST_NAMES, HAZARDS, LAST_NAMES, TRADES, _aware, _bulk


# --- Member companies (adherents) ---------------------------------------------------------
def _step(adherent, step, start, due, completed, comment: str = ""):
    """One trajectory step of a member company, followed by its referent (who completed it if done)."""
    from adherents.models import StepInstance

    return StepInstance(
        adherent=adherent,
        step=step,
        started_on=start,
        due_on=due,
        completed_on=completed,
        completed_by=adherent.referent if completed else None,
        assignee=adherent.referent,
        comment=comment,
    )


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
    sectors = _bulk(
        Sector,
        [
            Sector(service=service, name=n, order=i)
            for i, n in enumerate(["Grenoble", "Voiron", "Vienne", "Bourgoin"])
        ],
    )
    units = _bulk(
        HealthUnit,
        [
            HealthUnit(
                service=service,
                sector=sectors[i % 4],
                name=f"UST {sectors[i % 4].name} {i // 4 + 1}",
                physician=f"Dr {LAST_NAMES[i]}",
                prevention_visit_delay_days=[120, 150, 180, 90][i % 4],
            )
            for i in range(8)
        ],
    )
    new_steps = list(
        TrajectoryStep.objects.filter(template__kind="nouvel", template__service__isnull=True).order_by(
            "order"
        )
    )
    confirmed_steps = list(
        TrajectoryStep.objects.filter(template__kind="confirme", template__service__isnull=True).order_by(
            "order"
        )
    )
    n = scale.members
    companies = _bulk(
        Organisation,
        [
            Organisation(
                name=f"{TRADES[i % len(TRADES)]} {LAST_NAMES[i % len(LAST_NAMES)]} {i:05d}",
                kind=Organisation.Kind.COMPANY,
                siret="",
                headcount=3 + i % 40,
                territory="Isère",
                city=sectors[i % 4].name,
                postal_code="38000",
            )
            for i in range(n)
        ],
    )
    ctx["companies"] = companies
    history_days = 6 * 365
    adherents = []
    for i, company in enumerate(companies):
        # Member #0 (the member page) joined 8 months ago: a full first-year trajectory.
        validated = today - timedelta(days=240 if i == 0 else rng.randrange(1, history_days))
        unit = units[i % len(units)]
        recent = (today - validated).days <= 45
        contacted = not recent or rng.random() < 0.7
        adherents.append(
            Adherent(
                service=service,
                organisation=company,
                membership_number=f"banc-{i:05d}",
                applied_on=validated - timedelta(days=10),
                validated_on=validated,
                sector=unit.sector,
                unit=unit,
                referent=assts[i % len(assts)],
                headcount=company.headcount,
                sig_count=company.headcount - company.headcount // 4,
                sir_count=company.headcount // 4,
                admin_contact_name=f"{FIRST_NAMES[i % 16]} {LAST_NAMES[i % 27]}",
                admin_contact_email=f"contact{i}@entreprise.fr",
                admin_contact_phone="04 76 00 00 00",
                activity_description=f"{TRADES[i % len(TRADES)]} : activité principale et services associés.",
                du_status=["existe", "en_cours", "absent", "a_jour"][i % 4],
                first_reached_at=_aware(validated + timedelta(days=rng.randrange(2, 14)))
                if contacted and (today - validated).days > 14
                else None,
                left_on=today - timedelta(days=rng.randrange(1, 300)) if i % 50 == 49 else None,
            )
        )
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
            steps.append(_step(adherent, step, start, due, completed, comment="Fait." if completed else ""))
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
                steps.append(_step(adherent, step, start, due, completed))
    steps = _bulk(StepInstance, steps)

    contacts = []
    for adherent in adherents:
        if adherent.first_reached_at:
            contacts.append(
                ContactAttempt(
                    adherent=adherent,
                    happened_at=adherent.first_reached_at - timedelta(days=1),
                    channel="telephone",
                    outcome="message",
                    by=adherent.referent,
                )
            )
            contacts.append(
                ContactAttempt(
                    adherent=adherent,
                    happened_at=adherent.first_reached_at,
                    channel="telephone",
                    outcome="joint",
                    person_reached=adherent.admin_contact_name,
                    summary="Appel d'accueil : présentation du service et des visites.",
                    by=adherent.referent,
                )
            )
    _bulk(ContactAttempt, contacts)

    visits = _bulk(
        PreventionVisit,
        [
            PreventionVisit(
                adherent=a,
                step=steps[index],
                status="realisee",
                planned_on=done - timedelta(days=20),
                done_on=done,
                performed_by=a.referent,
                physician=a.unit.physician,
                priority_hazards="Manutention, produits chimiques",
                employer_knowledge=2,
                employer_motivation=3,
                employer_needs="Mettre à jour le document unique.",
                proposed_hazard=HAZARDS[a.pk % len(HAZARDS)],
                proposal="Un accompagnement sur la prévention des troubles musculosquelettiques.",
                restitution_format="visio",
                restitution_sent_on=done + timedelta(days=15) if done + timedelta(days=15) < today else None,
            )
            for a, done, index in visits_planned
        ],
    )
    ctx["visit"] = next(v for v in visits if v.adherent_id == adherents[0].pk)
    work_units = _bulk(
        WorkUnit,
        [
            WorkUnit(
                visit=v,
                order=k,
                name=name,
                posts=posts,
                description="Activité observée pendant la visite.",
                existing_measures="Gants, chaussures de sécurité",
            )
            for v in visits
            for k, (name, posts) in enumerate(
                [("Atelier", "Opérateurs"), ("Bureau", "Administratif"), ("Livraisons", "Chauffeurs")]
            )
        ],
    )
    hazards = []
    for unit in work_units:
        for k in range(3):
            hazards.append(
                IdentifiedHazard(
                    work_unit=unit,
                    family=HAZARDS[(unit.pk + k * 3) % len(HAZARDS)],
                    situation="Situation exposante relevée",
                    is_priority=k == 0,
                )
            )
    _bulk(IdentifiedHazard, hazards)
    _bulk(
        ActionPlanItem,
        [
            ActionPlanItem(
                adherent=v.adherent,
                visit=v,
                title=title,
                hazard=HAZARDS[(v.pk + k) % len(HAZARDS)],
                who="Employeur",
                due_on=v.done_on + timedelta(days=90 * (k + 1)),
                status="en_cours" if k else "proposee",
            )
            for v in visits
            for k, title in enumerate(["Aménager les postes de travail", "Former les salariés aux gestes"])
        ],
    )
    complaints = _bulk(
        Complaint,
        [
            Complaint(
                service=service,
                adherent=adherents[(i * 37) % n],
                received_on=today - timedelta(days=i % 700 + 1),
                channel="telephone",
                subject="Convocation non reçue",
                cause="convocation",
                status="cloturee" if i % 3 else "recue",
                closed_on=today - timedelta(days=i % 700) if i % 3 else None,
            )
            for i in range(max(3, n // 100))
        ],
    )
    return {
        "member_companies": n,
        "member_steps": len(steps),
        "member_contacts": len(contacts),
        "visits": len(visits),
        "work_units": len(work_units),
        "hazards": len(hazards),
        "complaints": len(complaints),
    }


# --- Survey -------------------------------------------------------------------------------
def _surveys(ctx) -> dict:
    from adherents.demo import SURVEY_QUESTIONS
    from adherents.models import Adherent, Survey, SurveyAnswer, SurveyChoice, SurveyQuestion, SurveyResponse

    today, rng = ctx["today"], ctx["rng"]
    survey = Survey.objects.create(
        service=ctx["service"],
        title="Sondage téléphonique des nouveaux adhérents",
        mode=Survey.Mode.PHONE,
        is_open=True,
        population="Nouveaux adhérents de l'année",
        opens_on=today - timedelta(days=60),
        closes_on=today + timedelta(days=30),
    )
    questions = _bulk(
        SurveyQuestion,
        [
            SurveyQuestion(
                survey=survey,
                order=k,
                section=section,
                text=text,
                kind=kind,
                measures_satisfaction=satisfaction,
            )
            for k, (section, text, kind, satisfaction, _asked_if, _options) in enumerate(
                SURVEY_QUESTIONS, start=1
            )
        ],
    )
    choices = _bulk(
        SurveyChoice,
        [
            SurveyChoice(question=q, order=k, label=label, satisfied=satisfied)
            for q, (*_head, options) in zip(questions, SURVEY_QUESTIONS, strict=True)
            for k, (label, _count, satisfied) in enumerate(options, start=1)
        ],
    )
    by_question: dict[int, list] = {}
    for c in choices:
        by_question.setdefault(c.question_id, []).append(c)
    # The same population at every scale (the survey is the page's object): 600 members of the year.
    recent = list(Adherent.objects.filter(validated_on__gte=today - timedelta(days=365)).order_by("pk")[:600])
    if len(recent) < 600:
        recent = list(Adherent.objects.order_by("pk")[:600])
    responses = _bulk(
        SurveyResponse,
        [
            SurveyResponse(
                survey=survey,
                adherent=a,
                reached=k % 6 != 5,
                respondent="Le gérant" if k % 6 != 5 else "",
                recorded_by=ctx["staff_person"].user,
                answered_on=today - timedelta(days=k % 50),
            )
            for k, a in enumerate(recent)
        ],
    )
    answers = []
    for r in responses:
        if not r.reached:
            continue
        for q in questions:
            options = by_question.get(q.pk)
            if options:
                picks = (
                    rng.sample(options, 2)
                    if q.kind == "multiple" and len(options) > 1
                    else [rng.choice(options)]
                )
                answers += [SurveyAnswer(response=r, question=q, choice=c) for c in picks]
            elif q.kind == "note":
                answers.append(SurveyAnswer(response=r, question=q, rating=rng.randrange(2, 6)))
            elif r.pk % 5 == 0:
                answers.append(SurveyAnswer(response=r, question=q, text="Très bon accueil, merci."))
    _bulk(SurveyAnswer, answers)
    ctx["survey"] = survey
    return {"survey_responses": len(responses), "survey_answers": len(answers)}
