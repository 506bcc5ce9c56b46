"""Demo calls from seed 002 (idempotent; runs after the actions and governance demos, tolerates their absence).

- The ACIA call of the ARS Corse: window 01/06/2023–30/06/2023 (Paris time), its six
  eligibility criteria and its prioritisation criteria (axis 1, axis 2, common), at most
  4 managing organisations, 3 establishments each, at least one under health-insurance
  funding; six applications, four managing organisations selected by the selection
  committee (ARACT, GRADeS, ARS), one not selected, one not eligible.
- A second wave, open today, so the public form can be tried.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from actions.demo_data import ACIA_TEAMS
from actions.models import Programme, ProgrammeAxis
from core.demo import add_once
from directory.models import Organisation, Person
from governance.models import Committee, Membership

from .models import Application, Call, EligibilityCriterion, PriorityCriterion, ProjectTeamMember, Score

PARIS = ZoneInfo("Europe/Paris")

TEXT = (
    "En application de l'appel à projets 2022 « Actions collectives innovantes et apprenantes » porté par la DGOS, "
    "l'ARS Corse recrute, avec l'ARACT Corse, les établissements du social et du médico-social qui souhaitent "
    "« négocier le virage numérique » en articulant dialogue social et dialogue professionnel.\n\n"
    "Chaque établissement se positionne sur l'un des deux axes. L'accompagnement (janvier à septembre) alterne "
    "comités de pilotage intra-structure, groupes de travail, temps ponctuels et temps collectifs inter-structures ; "
    "un comité de suivi ARACT–ARS suit le projet.\n\n"
    "Après réception des candidatures, l'ARACT et l'ARS analysent les demandes ; la structure peut être contactée "
    "pour des informations complémentaires. Un comité de sélection (ARACT, GRADeS, ARS) arrête la sélection, "
    "notifiée par e-mail ; une lettre d'engagement formalise ensuite la contractualisation."
)

AXES = [
    (
        1,
        "Outiller les acteurs de terrain dans la conduite de projet en lien avec l'implémentation d'un nouvel outil numérique",
        "Définir et acculturer les acteurs de terrain à une démarche séquencée pour cadrer et suivre pas à pas la mise en "
        "place opérationnelle et sécurisée d'un outil numérique, au regard des conditions de travail.",
    ),
    (
        2,
        "Accompagner les acteurs de terrain dans la création de nouveaux usages partagés",
        "Faire des outils déployés des supports de l'activité, qui permettent de se coordonner et d'organiser les données "
        "de santé tout en répondant aux critères de gestion de l'activité.",
    ),
]

ELIGIBILITY = [
    "Appartenir au secteur du social et médico-social",
    "Avoir l'engagement de la direction et des représentants du personnel",
    "Souhaiter s'engager dans une démarche collective et individuelle pour l'amélioration des conditions de travail et "
    "le développement du dialogue social au sein de ses établissements",
    "Souhaiter s'engager dans une démarche de janvier à septembre nécessitant des temps de participation en présentiel "
    "et distanciel",
    "Mobiliser les acteurs de terrain dans la démarche",
    "Souhaiter partager ses problématiques à l'échelle d'un regroupement régional et national",
]

# (text, axis number or None, weight)
PRIORITIES = [
    (
        "Structure souhaitant mettre en place un DUI / outil numérique ayant un impact important sur l'activité de "
        "l'ensemble des salariés",
        1,
        "1",
    ),
    ("ESMS souhaitant signer un bon de commande SONS (hors ESMS Numérique)", 1, "1"),
    ("Implication et disponibilité des salariés dans le projet participatif et collaboratif", 1, "1"),
    ("Organisation souple permettant des marges de manœuvre dans sa réorganisation", 1, "1"),
    ("Structure ayant déjà un DUI, ou tout autre service socle Ségur", 2, "1"),
    ("ESMS ayant pris part au programme ESMS Numérique ou ayant bénéficié du SONS", 2, "1"),
    (
        "ESMS souhaitant donner du pouvoir d'agir aux salariés sur les procédures d'usage d'un logiciel",
        2,
        "1",
    ),
    ("Respect de la fenêtre de dépôt des candidatures", None, "1"),
    ("Qualité de la candidature et implication de la structure dans la démarche", None, "2"),
    ("Équipe projet formalisée et disponibilité des ressources projet", None, "2"),
    ("Secteur non représenté sur le projet (PA, PH, PDE, PDS)", None, "1"),
    ("Structure sous financement ARS / assurance maladie", None, "1"),
    (
        "Projet intégrant au maximum 3 établissements de son OG, qui s'engage à dupliquer la démarche",
        None,
        "1",
    ),
]

# structure, managing organisation, category, sector, capacity, health insurance, FINESS stems, axis, tools,
# outcome ("retenue", "non_retenue", "non_eligible"), reason, scores on the common criteria
APPLICATIONS = [
    (
        "Association A Ziglia — foyers d'accueil médicalisés",
        "Association A Ziglia",
        "FAM",
        "PH",
        140,
        True,
        ("2A000011", "2A000012"),
        1,
        ["dui", "mss"],
        "retenue",
        "Projet de DUI structurant, équipe projet complète et disponible ; secteur PH représenté.",
        [5, 5, 5, 4, 5, 4],
    ),
    (
        "Mutualité Corse Solidarité — EHPAD",
        "Mutualité Corse Solidarité",
        "EHPAD",
        "PA",
        210,
        True,
        ("2B000021", "2B000022"),
        2,
        ["dui", "dmp", "via_trajectoire"],
        "retenue",
        "DUI déjà en place, ESMS Numérique : usages partagés à construire ; financement assurance maladie.",
        [5, 4, 4, 4, 5, 4],
    ),
    (
        "Association Aiutu è Casa — SSIAD et aide à domicile",
        "Association Aiutu è Casa",
        "SSIAD",
        "PA",
        85,
        True,
        ("2B000031", "2B000032"),
        1,
        ["e_parcours", "autres"],
        "retenue",
        "Application de planification des tournées à implémenter ; implication forte des salariés.",
        [5, 4, 4, 3, 4, 5],
    ),
    (
        "Fondation Lisula — protection de l'enfance",
        "Fondation Lisula",
        "MECS",
        "PDE",
        95,
        False,
        ("2A000041", "2A000042"),
        2,
        ["mss", "dui"],
        "retenue",
        "Seule candidature du secteur de la protection de l'enfance ; messagerie sécurisée et DUI à faire vivre.",
        [5, 4, 4, 5, 3, 4],
    ),
    (
        "CHRS U Scogliu",
        "Association U Scogliu",
        "CHRS",
        "PDS",
        40,
        False,
        ("2A000051", "2A000052"),
        1,
        [],
        "non_retenue",
        "Candidature de qualité mais équipe projet encore à constituer ; le nombre maximal de 4 organismes "
        "gestionnaires est atteint. Elle pourra se présenter à une prochaine vague.",
        [5, 2, 1, 4, 2, 3],
    ),
    (
        "Clinique du Golfe — soins de suite",
        "Groupe Clinique du Golfe",
        "SSR",
        "autre",
        60,
        True,
        ("2A000061", "2A000062"),
        1,
        ["dmp", "telemedecine"],
        "non_eligible",
        "Établissement sanitaire : hors du secteur social et médico-social visé par l'appel.",
        None,
    ),
]

TEAM = [
    ("Directrice d'établissement", "Représentante de la direction"),
    ("Aide-soignant, élu CSE", "Représentant du personnel"),
    ("Cadre de santé", "Pilote de projet"),
    ("Éducatrice spécialisée, volontaire", "Salariée volontaire"),
    ("Référent numérique", "Personne en charge du numérique"),
]
FIRST_NAMES = [
    "Laetitia",
    "Paul-Antoine",
    "Marie-Ange",
    "Jean-Baptiste",
    "Santa",
    "Ghjuvanni",
    "Lisa",
    "Petru",
]
LAST_NAMES = ["Nicolai", "Raffalli", "Franceschi", "Antonetti", "Tomasi", "Mondoloni", "Rossi", "Poli"]


def _project_team(n: int) -> list[tuple[str, str, str]]:
    """(full name, job, role in the project team) of the n-th application. The retained structures are the ACIA's
    actions: their project team is the one of their action and COPIL (actions.demo_data.ACIA_TEAMS)."""
    if n < len(ACIA_TEAMS) and APPLICATIONS[n][9] == "retenue":
        return [(f"{first} {last}", job, role) for _slot, first, last, job, role in ACIA_TEAMS[n]]
    return [
        (f"{FIRST_NAMES[(n + i) % 8]} {LAST_NAMES[(n + 2 * i) % 8]}", function, role)
        for i, (function, role) in enumerate(TEAM)
    ]


def _finess(stem: str) -> str:
    from core.validators import luhn_is_valid

    digits = stem.replace("2A", "20").replace("2B", "20")
    return next(stem + key for key in "0123456789" if luhn_is_valid(digits + key))


def _siret(n: int) -> str:
    from core.validators import luhn_is_valid

    stem = f"7820{n:09d}"
    return next(stem + key for key in "0123456789" if luhn_is_valid(stem + key))


def _paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def _criteria(call: Call, axes: dict) -> None:
    if not call.eligibility_criteria.exists():
        bulk_create_with_history(
            [EligibilityCriterion(call=call, order=i, text=text) for i, text in enumerate(ELIGIBILITY)],
            EligibilityCriterion,
        )
    if not call.priority_criteria.exists():
        bulk_create_with_history(
            [
                PriorityCriterion(call=call, order=i, text=text, axis=axes.get(axis), weight=Decimal(weight))
                for i, (text, axis, weight) in enumerate(PRIORITIES)
            ],
            PriorityCriterion,
        )


def _person_of(username: str):
    user = get_user_model().objects.filter(username=username).first()
    return Person.objects.filter(user=user).first() if user else None


def _selection_committee(programme: Programme) -> Committee:
    committee, _created = Committee.objects.get_or_create(
        kind=Committee.Kind.SELECTION,
        programme=programme,
        name="Comité de sélection ACIA (ARACT, GRADeS, ARS)",
        defaults={
            "mandate": "Analyse les candidatures à l'appel à manifestation d'intérêt et arrête la sélection.",
            "default_duration_minutes": 120,
        },
    )
    members = [
        (_person_of("consultant"), Membership.Role.CHAIR),
        (_person_of("croct"), Membership.Role.MEMBER),
    ]
    for first, last, acronym in [
        ("Marie-Ange", "Luciani", "ARS Corse"),
        ("Jean-Baptiste", "Casanova", "GRADeS Corse"),
    ]:
        # The directory's people (the ARS and the GRADeS sit on the call's follow-up committee too): not namesakes.
        organisation = (
            Organisation.objects.filter(acronym=acronym).first()
            or Organisation.objects.filter(name=acronym).first()
        )
        if organisation is None:
            organisation = Organisation.objects.create(
                name=acronym, acronym=acronym, kind=Organisation.Kind.INSTITUTION, territory="Corse"
            )
        person = Person.objects.filter(first_name=first, last_name=last, organisation=organisation).first()
        if person is None:
            person = Person.objects.create(first_name=first, last_name=last, organisation=organisation)
        members.append((person, Membership.Role.MEMBER))
    for person, role in members:
        if person is not None:
            Membership.objects.get_or_create(committee=committee, person=person, defaults={"role": role})
    return committee


def _application(call, n, row, axes, criteria, scorer) -> None:
    (structure, og, category, sector, capacity, funded, finess, axis, tools, outcome, reason, common) = row
    if call.applications.filter(structure_name=structure).exists():
        return
    submitted = _paris(2023, 6, 5 + n * 4, 10 + n, 15)
    team = _project_team(n)  # direction first, the project pilot (the contact) third
    application = Application(
        call=call,
        structure_name=structure,
        managing_organisation=og,
        category=category,
        sector=sector,
        capacity=capacity,
        health_insurance_funded=funded,
        siret=_siret(n + 1),
        finess_legal=_finess(finess[0]),
        finess_site=_finess(finess[1]),
        director_name=team[0][0],
        contact_name=team[2][0],
        contact_email=f"acia.candidature{n + 1}@example.org",
        contact_phone="04 95 00 00 0" + str(n),
        axis=axes[axis],
        reasons="Nous déployons un nouvel outil numérique et voulons que les professionnels en construisent les usages : "
        "la démarche ACIA doit nous aider à cadrer le projet avec la direction, les représentants du personnel et "
        "des salariés volontaires, puis à le dupliquer dans nos autres établissements.",
        eligibility_answers={
            str(c.pk): not (outcome == "non_eligible" and i == 0)
            for i, c in enumerate(call.eligibility_criteria.all())
        },
        has_digital_tools=bool(tools),
        digital_tools=tools,
        mss_solution="MSSanté" if "mss" in tools else "",
        other_tools="Planification des tournées" if "autres" in tools else "",
        digital_history="Premier logiciel de soins en 2015, DUI choisi en 2022 dans le cadre du Ségur numérique.",
        it_roles="Un référent qualité ; DSI et DPO mutualisés au niveau de l'organisme gestionnaire.",
        esms_numerique=n in (1, 3),
        sons=n in (0, 1, 3),
        status=Application.Status.SUBMITTED,
        submitted_at=submitted,
    )
    application.new_token()
    application.save()
    bulk_create_with_history(
        [
            ProjectTeamMember(
                application=application,
                order=i,
                full_name=full_name,
                function=function,
                project_role=role,
                email=f"equipe{n + 1}.{i + 1}@example.org",
            )
            for i, (full_name, function, role) in enumerate(team)
        ],
        ProjectTeamMember,
    )
    decided = _paris(2023, 7, 11, 16, 0)
    if outcome == "non_eligible":
        application.eligibility = Application.Eligibility.INELIGIBLE
        application.eligibility_note = reason
        application.status = Application.Status.INELIGIBLE
        application.save()
        return
    application.eligibility = Application.Eligibility.ELIGIBLE
    scores = []
    applicable = [c for c in criteria if c.axis_id is None or c.axis_id == application.axis_id]
    specific = [c for c in applicable if c.axis_id is not None]
    common_criteria = [c for c in applicable if c.axis_id is None]
    for index, criterion in enumerate(specific):
        scores.append(
            Score(
                application=application,
                criterion=criterion,
                scorer=None,
                entered_by=scorer,
                value=4 if outcome == "retenue" or index % 2 else 2,
            )
        )
    for criterion, value in zip(common_criteria, common, strict=False):
        scores.append(
            Score(application=application, criterion=criterion, scorer=None, entered_by=scorer, value=value)
        )
    Score.objects.bulk_create(scores)
    application.decision_reason = reason
    application.decided_at = decided
    application.status = (
        Application.Status.SELECTED if outcome == "retenue" else Application.Status.NOT_SELECTED
    )
    if outcome == "retenue":
        organisation = Organisation.objects.filter(name=structure).first() or Organisation.objects.create(
            name=structure,
            kind=Organisation.Kind.COMPANY,
            territory="Corse",
            siret=application.siret,
            sector="Social et médico-social",
        )
        application.organisation = organisation
        application.copil = Committee.objects.filter(
            kind=Committee.Kind.COPIL, action__porteur=organisation, action__programme=call.programme
        ).first()
    application.save()


def load(stdout) -> None:
    programme, _ = Programme.objects.get_or_create(
        code="acia-corse",
        defaults={
            "name": "ACIA Corse — actions collectives innovantes et apprenantes",
            "kind": Programme.Kind.CALL,
            "territory": "Corse",
        },
    )
    consultant = _person_of("consultant")
    if consultant is not None:
        add_once(programme.managers, consultant)
    axes = {}
    for number, title, description in AXES:
        axes[number], _ = ProgrammeAxis.objects.get_or_create(
            programme=programme, number=number, defaults={"title": title, "description": description}
        )
    committee = _selection_committee(programme)
    call, _ = Call.objects.get_or_create(
        slug="acia-corse-2023",
        defaults={
            "programme": programme,
            "title": "Appel à manifestation d'intérêt ACIA Corse 2023",
            "text": TEXT,
            "opens_at": _paris(2023, 6, 1, 0, 0),
            "closes_at": _paris(2023, 6, 30, 23, 59),
            "is_published": True,
            "max_organisations": 4,
            "max_per_organisation": 3,
            "min_health_insurance": 1,
            "contact_email": "ars-corse-strategie@ars.sante.fr",
            "selection_committee": committee,
            "decided_at": _paris(2023, 7, 11, 16, 0),
        },
    )
    call.axes.set(axes.values())
    _criteria(call, axes)
    criteria = list(call.priority_criteria.all())
    scorer = get_user_model().objects.filter(username="consultant").first()
    for n, row in enumerate(APPLICATIONS):
        _application(call, n, row, axes, criteria, scorer)

    today = timezone.localdate()
    wave, _created = Call.objects.get_or_create(
        slug="acia-corse-vague-2",
        defaults={
            "programme": programme,
            "title": "ACIA Corse — deuxième vague",
            "text": TEXT,
            "opens_at": _paris(*(today - timedelta(days=10)).timetuple()[:3], 9, 0),
            "closes_at": _paris(*(today + timedelta(days=20)).timetuple()[:3], 18, 0),
            "is_published": True,
            "max_organisations": 4,
            "max_per_organisation": 3,
            "min_health_insurance": 1,
            "contact_email": "ars-corse-strategie@ars.sante.fr",
            "selection_committee": committee,
        },
    )
    wave.axes.set(axes.values())
    _criteria(wave, axes)
    stdout.write(
        f"    Appels : ACIA Corse 2023 ({call.applications.count()} candidatures), deuxième vague ouverte\n"
    )
