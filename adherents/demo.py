"""Demo data from seed 004: the AST service, its 4 sectors and USTs, the 114 new members of
July–August 2020, their trajectories, prevention visits, the phone survey and complaints.

About dates. The seed's members joined in July–August 2020 and its phone survey ran from
21 October to 17 November 2020: those dates are the seed's facts (the survey's results
page must show them), so they are kept. The trajectories are then told as what really
happened since: 44 members were reached before the survey (the seed's 52 %), the others
after it, some welcome calls and visits late; most prevention visits done in 2020–2021,
followed by the confirmed member's trajectory (renewal of the hazard review three years
later), which leaves today (late 2026) a realistic mix: renewals done, renewals overdue,
next renewals upcoming, and a few members still unreachable since 2020. Shifting
everything to 2026 would have made the survey lie about its own period.

Everything is created with bulk_create in a handful of queries, and only once: the loader
returns at once when the AST service already has members (idempotent).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from directory.models import Organisation

from .models import (
    ActionPlanItem,
    Adherent,
    Complaint,
    ContactAttempt,
    HealthUnit,
    IdentifiedHazard,
    MembershipApplication,
    PreventionVisit,
    Sector,
    StaffNote,
    StepInstance,
    Survey,
    SurveyAnswer,
    SurveyChoice,
    SurveyQuestion,
    SurveyResponse,
    TrajectoryStep,
    TrajectoryTemplate,
    WorkUnit,
)
from .trajectories import ensure_default_templates

# The seed's table: (sector, companies reached, unreachable, total new members).
SECTORS = [("Béthune", 35, 13, 48), ("Arras", 21, 9, 30), ("Lens", 18, 3, 21), ("Hénin/Carvin", 11, 4, 15)]
# (name, sector, prevention visit delay in days — at most 6 months, physician)
UNITS = [
    ("UST Béthune Nord", "Béthune", 120, "Dr Hélène Vasseur"),  # the directory's physician, chair of the CMT
    ("UST Béthune Sud", "Béthune", 150, "Dr Jérôme Lecomte"),
    ("UST Arras", "Arras", 180, "Dr Anne Leroux"),
    ("UST Lens", "Lens", 90, "Dr Pierre Masson"),
    ("UST Hénin-Carvin", "Hénin/Carvin", 120, "Dr Sophie Lemaire"),
]
CITIES = {
    "Béthune": [
        ("Béthune", "62400"),
        ("Bruay-la-Buissière", "62700"),
        ("Lillers", "62190"),
        ("Nœux-les-Mines", "62290"),
        ("Beuvry", "62660"),
    ],
    "Arras": [
        ("Arras", "62000"),
        ("Saint-Laurent-Blangy", "62223"),
        ("Achicourt", "62217"),
        ("Bapaume", "62450"),
        ("Avesnes-le-Comte", "62810"),
    ],
    "Lens": [
        ("Lens", "62300"),
        ("Liévin", "62800"),
        ("Avion", "62210"),
        ("Loos-en-Gohelle", "62750"),
        ("Harnes", "62440"),
    ],
    "Hénin/Carvin": [
        ("Hénin-Beaumont", "62110"),
        ("Carvin", "62220"),
        ("Courrières", "62710"),
        ("Oignies", "62590"),
        ("Montigny-en-Gohelle", "62640"),
    ],
}
# (trade, activity, headcount range, share of workers in SIR)
TRADES = [
    ("Boulangerie", "Fabrication de pain et de viennoiseries au fournil, vente en boutique.", (3, 9), 0.0),
    ("Garage", "Entretien et réparation de véhicules légers, vente de pièces.", (2, 8), 0.2),
    ("Transports", "Transport routier de marchandises, messagerie régionale.", (5, 30), 0.3),
    ("Menuiserie", "Fabrication et pose de menuiseries bois et PVC chez les particuliers.", (3, 12), 0.4),
    ("Salon de coiffure", "Coiffure mixte, coloration et soins.", (2, 6), 0.0),
    ("Restaurant", "Restauration traditionnelle, service midi et soir.", (4, 15), 0.0),
    ("Plomberie chauffage", "Installation et dépannage de plomberie et de chauffage.", (2, 10), 0.3),
    ("Cabinet comptable", "Expertise comptable, paie et conseil aux TPE.", (4, 20), 0.0),
    ("Maçonnerie", "Gros œuvre et rénovation, chantiers de maisons individuelles.", (4, 18), 0.5),
    ("Aide à domicile", "Services d'aide et d'accompagnement à domicile des personnes âgées.", (8, 40), 0.0),
    (
        "Supérette",
        "Commerce alimentaire de proximité, réception des livraisons et mise en rayon.",
        (3, 10),
        0.0,
    ),
    ("Nettoyage industriel", "Nettoyage de bureaux et de locaux industriels.", (6, 35), 0.2),
    ("Pharmacie", "Officine : dispensation, conseil, préparations.", (4, 12), 0.0),
    ("Électricité générale", "Installations électriques neuves et rénovation, dépannage.", (2, 9), 0.6),
    ("Imprimerie", "Impression offset et numérique, façonnage.", (4, 14), 0.2),
    ("Paysagiste", "Création et entretien d'espaces verts.", (2, 10), 0.3),
]
SURNAMES = [
    "Lefebvre",
    "Dubois",
    "Morel",
    "Lemaire",
    "Caron",
    "Delattre",
    "Vasseur",
    "Leroy",
    "Duhamel",
    "Fournier",
    "Bouchez",
    "Carpentier",
    "Dumont",
    "Lecomte",
    "Gosselin",
    "Deprez",
    "Hennebelle",
    "Leclercq",
    "Delcroix",
    "Wattel",
    "Dupuis",
    "Lambert",
    "Mercier",
    "Fontaine",
    "Poulain",
    "Delannoy",
    "Descamps",
    "Boulanger",
    "Vandamme",
    "Lefranc",
    "Pruvost",
    "Coquelle",
    "Facon",
    "Becquet",
    "Ledoux",
    "Hochart",
]
FIRST_NAMES = [
    "Isabelle",
    "Christophe",
    "Nathalie",
    "Stéphane",
    "Sandrine",
    "Frédéric",
    "Véronique",
    "David",
    "Céline",
    "Olivier",
    "Aurélie",
    "Laurent",
]

PHONE_SURVEY_TITLE = "Sondage téléphonique des nouveaux adhérents (juillet–août 2020)"
PORTAL_SURVEY_TITLE = "Votre avis sur la rencontre employeurs"


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load(stdout) -> None:
    ast = Organisation.objects.filter(acronym="AST").first()
    if ast is None:
        stdout.write("    (service AST absent : données des adhérents non chargées)")
        return
    new_template, confirmed_template = ensure_default_templates(TrajectoryTemplate, TrajectoryStep)
    if Adherent.objects.filter(service=ast).exists():
        return
    if not ast.city:
        Organisation.objects.filter(pk=ast.pk).update(
            address="Rue du Président Kennedy",
            postal_code="62400",
            city="Béthune",
            phone="03 21 00 00 00",
            email="contact@ast62.example",
        )
        ast.refresh_from_db()
    User = get_user_model()
    staff = User.objects.filter(username="service").first()
    member_user = User.objects.filter(username="adherent").select_related("person__organisation").first()
    dupont = (
        member_user.person.organisation
        if member_user
        else Organisation.objects.filter(name="Boulangerie Dupont").first()
    )

    sectors = {
        name: Sector.objects.create(service=ast, name=name, order=i)
        for i, (name, *_rest) in enumerate(SECTORS, start=1)
    }
    units = {}
    for name, sector_name, delay, physician in UNITS:
        units[name] = HealthUnit.objects.create(
            service=ast,
            sector=sectors[sector_name],
            name=name,
            prevention_visit_delay_days=delay,
            physician=physician,
        )
    units_by_sector = {s: [u for u in units.values() if u.sector_id == sectors[s].pk] for s in sectors}

    rng = random.Random(2020)
    members, organisations, plans = _members(ast, sectors, units_by_sector, staff, dupont, rng)
    Organisation.objects.bulk_create([o for o in organisations if o.pk is None])
    for member in members:
        member.organisation_id = member.organisation.pk
    members = bulk_create_with_history(members, Adherent, default_user=staff)
    members = list(
        Adherent.objects.filter(service=ast)
        .select_related("organisation", "unit", "sector")
        .order_by("membership_number")
    )
    plans = {m.pk: plans[m.membership_number] for m in members}

    new_steps = list(new_template.steps.order_by("order"))
    confirmed_steps = list(confirmed_template.steps.order_by("order"))
    today = timezone.localdate()
    instances, contacts, visits_to_make = [], [], []
    reached_at = {}
    for member in members:
        plan = plans[member.pk]
        made, member_contacts, first_reach, visit_day = _trajectory(
            member, plan, new_steps, confirmed_steps, staff, today, rng
        )
        instances += made
        contacts += member_contacts
        if first_reach:
            reached_at[member.pk] = first_reach
        if visit_day:
            visits_to_make.append((member, visit_day))
    StepInstance.objects.bulk_create(instances)
    ContactAttempt.objects.bulk_create(contacts)
    for member in members:
        member.first_reached_at = reached_at.get(member.pk)
        member.unreachable = plans[member.pk]["never_reached"]
    Adherent.objects.bulk_update(members, ["first_reached_at", "unreachable"])

    _visits(visits_to_make, staff, dupont, rng)
    _phone_survey(ast, members, plans, staff, rng)
    _portal_survey(ast)
    _complaints(ast, members, staff)
    _notes_and_applications(ast, members, staff, dupont)
    stdout.write(f"    {len(members)} adhérents d'AST, {len(instances)} étapes, {len(contacts)} contacts")


def _members(ast, sectors, units_by_sector, staff, dupont, rng):
    """The 114 members spread by sector as in the seed's table, and how each one's story goes."""
    members, organisations, plans = [], [], {}
    number = 0
    names_used = set()
    # The seed's 52 % (44 of 85) contacted after joining; Dupont (reached first) is one of them.
    reached_before_survey = {0, *rng.sample(range(1, 85), 43)}
    reached_index = 0
    never_reached_budget = 6  # still unreachable today, flagged
    for sector_name, reached, unreachable, _total in SECTORS:
        flags = [True] * reached + [False] * unreachable
        # Béthune's first member is Boulangerie Dupont, among those reached.
        for i, is_reached in enumerate(flags):
            number += 1
            validated = date(2020, 7, 1) + timedelta(days=rng.randrange(0, 62))
            applied = validated - timedelta(days=rng.randrange(3, 20))
            city, postal = rng.choice(CITIES[sector_name])
            trade, activity, (low, high), sir_share = rng.choice(TRADES)
            if sector_name == "Béthune" and i == 0 and dupont is not None:
                organisation = dupont
                trade, activity, headcount, sir = "Boulangerie", TRADES[0][1], dupont.headcount or 7, 0
                city, postal = "Béthune", "62400"
                contact = "Marc Dupont"
            else:
                for _attempt in range(20):
                    surname = rng.choice(SURNAMES)
                    name = f"{trade} {surname}"
                    if name not in names_used:
                        break
                else:
                    name = f"{trade} {surname} ({city}, {number})"
                names_used.add(name)
                headcount = rng.randint(low, high)
                sir = round(headcount * sir_share)
                organisation = Organisation(
                    name=name,
                    kind=Organisation.Kind.COMPANY,
                    headcount=headcount,
                    sector=trade,
                    territory="Pas-de-Calais",
                    city=city,
                    postal_code=postal,
                    address=f"{rng.randint(1, 120)} rue {rng.choice(['Jean Jaurès', 'de la République', 'Victor Hugo', 'Pasteur', 'du Général de Gaulle', 'des Écoles'])}",
                )
                organisations.append(organisation)
                contact = f"{rng.choice(FIRST_NAMES)} {surname}"
            unit = rng.choice(units_by_sector[sector_name])
            if organisation is dupont:
                unit = units_by_sector[sector_name][
                    0
                ]  # UST Béthune Nord, Dr Vasseur's (named in the restitution)
            membership_number = f"2020-{number:04d}"
            email_name = contact.split()[0].lower().replace("é", "e").replace("è", "e").replace("ë", "e")
            member = Adherent(
                service=ast,
                organisation=organisation,
                membership_number=membership_number,
                applied_on=applied,
                validated_on=validated,
                sector=sectors[sector_name],
                unit=unit,
                referent=staff,
                headcount=headcount,
                sig_count=headcount - sir,
                sir_count=sir,
                disabled_workers_count=1 if rng.random() < 0.1 else 0,
                admin_contact_name=contact,
                admin_contact_email=f"{email_name}@entreprise-{number}.example",
                admin_contact_phone=f"03 21 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                activity_description=activity,
                activity_place=f"{city} ({postal})",
                opening_hours="Du lundi au vendredi, 8 h – 12 h et 14 h – 18 h",
                has_premises=True,
                has_warehouse=rng.random() < 0.2,
                has_worksites=trade
                in ("Maçonnerie", "Menuiserie", "Électricité générale", "Plomberie chauffage", "Paysagiste"),
                du_status=rng.choice(["", "absent", "en_cours", "existe"]),
                du_help_needed=rng.random() < 0.4,
            )
            if organisation is dupont:
                member.opening_hours = (
                    "Du mardi au samedi, 6 h 30 – 13 h 30 et 15 h 30 – 19 h 30 ; dimanche matin"
                )
                member.sign_name = "Au Bon Pain de Béthune"
                member.du_status = "en_cours"
                member.ppe_and_products = "Gants anti-chaleur, chaussures antidérapantes ; farines, produits de nettoyage du fournil."
                member.admin_contact_email = "marc.dupont@boulangerie-dupont.example"
            members.append(member)
            never = False
            if not is_reached and never_reached_budget and organisation is not dupont and rng.random() < 0.5:
                never, never_reached_budget = True, never_reached_budget - 1
            plan = {
                "survey_reached": is_reached,
                "reached_before_survey": False,
                "never_reached": never,
                "contact_name": contact,
                "accounting_firm": False,
                "is_dupont": organisation is dupont,
            }
            if is_reached:
                plan["reached_before_survey"] = reached_index in reached_before_survey
                plan["reached_index"] = reached_index
                reached_index += 1
            plans[membership_number] = plan
    # 25 % of files handled by an accounting firm: 21 of the 85 reached, 7 of the 29 others.
    reached_numbers = [n for n, p in plans.items() if p["survey_reached"] and not p["is_dupont"]]
    other_numbers = [n for n, p in plans.items() if not p["survey_reached"]]
    firms = [
        "Fiduciaire de l'Artois",
        "Cabinet Lenoir & associés",
        "Expertise Comptable du Béthunois",
        "Compta Conseil Lens",
    ]
    for n in rng.sample(reached_numbers, 21) + rng.sample(other_numbers, 7):
        plans[n]["accounting_firm"] = True
    for member in members:
        if plans[member.membership_number]["accounting_firm"]:
            member.accounting_firm = True
            member.accounting_firm_name = rng.choice(firms)
    return members, organisations, plans


def _trajectory(member, plan, new_steps, confirmed_steps, staff, today, rng):
    """The member's steps as they happened since 2020 (see the module's docstring)."""
    start = member.validated_on
    survey_end = date(2020, 11, 17)
    if plan["never_reached"]:
        first_reach = None
    elif plan["reached_before_survey"]:
        first_reach = start + timedelta(days=rng.choice([3, 5, 7, 9, 12, 14, 18, 24, 35]))
    else:
        first_reach = survey_end + timedelta(days=rng.randrange(7, 60))
    if plan["is_dupont"]:
        first_reach = start + timedelta(days=6)
    contacts = []
    attempts = rng.randint(1, 3) if first_reach is None or not plan["survey_reached"] else rng.randint(0, 1)
    day = start + timedelta(days=rng.randrange(2, 10))
    for _i in range(attempts if first_reach is None else min(attempts, 2)):
        if first_reach and day >= first_reach:
            break
        contacts.append(
            ContactAttempt(
                adherent=member,
                happened_at=_aware(day, 9 + len(contacts)),
                channel=ContactAttempt.Channel.PHONE,
                outcome=rng.choice([ContactAttempt.Outcome.UNREACHABLE, ContactAttempt.Outcome.MESSAGE_LEFT]),
                by=staff,
                summary="Numéro de l'accueil : pas de réponse." if rng.random() < 0.5 else "",
            )
        )
        day += timedelta(days=rng.randrange(3, 12))
    if first_reach is None:
        # Still unreachable: three failed attempts in a row (what flags a member).
        while len(contacts) < 3:
            contacts.append(
                ContactAttempt(
                    adherent=member,
                    happened_at=_aware(day, 11),
                    channel=ContactAttempt.Channel.PHONE,
                    outcome=ContactAttempt.Outcome.UNREACHABLE,
                    by=staff,
                    summary="Numéro non attribué ou sans réponse.",
                )
            )
            day += timedelta(days=rng.randrange(5, 20))
    else:
        contacts.append(
            ContactAttempt(
                adherent=member,
                happened_at=_aware(first_reach, 14),
                channel=ContactAttempt.Channel.PHONE,
                outcome=ContactAttempt.Outcome.REACHED,
                by=staff,
                person_reached=plan["contact_name"],
                summary="Appel d'accueil : visites médicales et périodicité expliquées, coordonnées vérifiées, "
                "préférences de convocation notées ; contact de l'ASST annoncé.",
            )
        )
    unit_delay = member.unit.prevention_visit_delay_days
    done = {}
    dues = {}
    previous = start
    visit_day = None
    for step in new_steps:
        base = start if step.reference == TrajectoryStep.Reference.START else previous
        delay = unit_delay if step.kind == TrajectoryStep.Kind.PREVENTION_VISIT else step.delay_days
        dues[step.order] = base + timedelta(days=delay)
        completed = None
        if step.order == 1:
            completed = start
        elif first_reach is not None:
            if step.order == 2:
                completed = first_reach
            elif step.order == 3:
                completed = first_reach + timedelta(days=rng.randrange(0, 4))
            elif step.order == 4:
                completed = None if rng.random() < 0.1 else start + timedelta(days=rng.randrange(40, 130))
            elif step.order == 5:
                # Most visits within the UST's delay, a quarter late.
                slack = rng.randrange(-60, -5) if rng.random() < 0.72 else rng.randrange(5, 90)
                completed = max(first_reach + timedelta(days=10), dues[5] + timedelta(days=slack))
                visit_day = completed
                if plan["is_dupont"]:
                    completed = visit_day = date(2020, 11, 5)
            elif step.order in (6, 7, 8) and done.get(step.order - 1):
                completed = done[step.order - 1] + timedelta(days=rng.randrange(7, 40))
                if step.order == 8 and rng.random() < 0.15 and not plan["is_dupont"]:
                    completed = None
        if completed and completed > today:
            completed = None
        done[step.order] = completed
        previous = completed or dues[step.order]
    instances = [
        StepInstance(
            adherent=member,
            step=step,
            started_on=start,
            due_on=dues[step.order],
            completed_on=done[step.order],
            completed_by=staff if done[step.order] else None,
            assignee=staff,
        )
        for step in new_steps
    ]
    # The confirmed member's trajectory, started when the action plan was set.
    if done.get(8):
        renewal_start = done[8]
        renewal_due = renewal_start + timedelta(days=confirmed_steps[0].delay_days)
        renewal_done = None
        if renewal_due < today and rng.random() < 0.65:
            renewal_done = renewal_due + timedelta(days=rng.randrange(-50, 60))
            renewal_done = min(renewal_done, today - timedelta(days=10))
        follow_due = (renewal_done or renewal_due) + timedelta(days=confirmed_steps[1].delay_days)
        follow_done = renewal_done + timedelta(days=rng.randrange(20, 50)) if renewal_done else None
        if follow_done and follow_done > today:
            follow_done = None
        instances.append(
            StepInstance(
                adherent=member,
                step=confirmed_steps[0],
                started_on=renewal_start,
                due_on=renewal_due,
                completed_on=renewal_done,
                completed_by=staff if renewal_done else None,
                assignee=staff,
            )
        )
        instances.append(
            StepInstance(
                adherent=member,
                step=confirmed_steps[1],
                started_on=renewal_start,
                due_on=follow_due,
                completed_on=follow_done,
                completed_by=staff if follow_done else None,
                assignee=staff,
            )
        )
        if follow_done:
            # And the next renewal, three years on: upcoming.
            next_due = follow_done + timedelta(days=confirmed_steps[0].delay_days)
            instances.append(
                StepInstance(
                    adherent=member,
                    step=confirmed_steps[0],
                    started_on=follow_done,
                    due_on=next_due,
                    assignee=staff,
                )
            )
            instances.append(
                StepInstance(
                    adherent=member,
                    step=confirmed_steps[1],
                    started_on=follow_done,
                    due_on=next_due + timedelta(days=confirmed_steps[1].delay_days),
                    assignee=staff,
                )
            )
    first_reach_at = _aware(first_reach, 14) if first_reach else None
    return instances, contacts, first_reach_at, visit_day


# Work units of the detailed visits: (name, posts, existing measures, [(family, situation, priority)])
BAKERY_UNITS = [
    (
        "Fournil",
        "Boulanger, apprenti",
        "Gants anti-chaleur ; four à sole avec porte à ouverture latérale.",
        [
            ("manutention", "Port de sacs de farine de 25 kg depuis la réserve", True),
            ("postures", "Façonnage répétitif sur plan de travail trop bas", False),
            ("thermique", "Chaleur près des fours l'été", False),
            ("biologique", "Poussières de farine (asthme du boulanger)", True),
            ("machines", "Pétrin et diviseuse sans capot verrouillé", False),
        ],
    ),
    (
        "Boutique",
        "Vendeuses",
        "Tapis anti-fatigue derrière la caisse.",
        [
            ("chutes", "Sol glissant à l'ouverture après le lavage", False),
            ("rps", "Affluence du dimanche matin, clients pressés", False),
            ("postures", "Station debout prolongée", False),
        ],
    ),
]
GENERIC_UNITS = [
    (
        "Atelier",
        "Opérateurs",
        "Protections auditives à disposition.",
        [
            ("bruit", "Machines bruyantes sans capotage", True),
            ("machines", "Carters manquants", False),
            ("chimique", "Solvants de nettoyage", False),
        ],
    ),
    (
        "Entrepôt",
        "Magasiniers",
        "Transpalette électrique.",
        [
            ("manutention", "Manutention de colis lourds", True),
            ("chutes", "Accès aux racks en hauteur", False),
        ],
    ),
    (
        "Véhicules",
        "Chauffeurs, techniciens",
        "Entretien des véhicules suivi.",
        [
            ("routier", "Tournées quotidiennes, horaires serrés", True),
            ("isole", "Interventions seules chez les clients", False),
        ],
    ),
    (
        "Bureaux",
        "Secrétariat, comptabilité",
        "Sièges réglables.",
        [
            ("ecran", "Travail sur écran toute la journée", False),
            ("rps", "Pics d'activité en fin de mois", False),
        ],
    ),
]


def _visits(visits_to_make, staff, dupont, rng):
    """A visit record for each visit step done; a dozen with their work units and restitution."""
    visits = []
    detailed = set()
    indexes = list(range(len(visits_to_make)))
    rng.shuffle(indexes)
    detailed_idx = set(indexes[:11])
    for i, (member, day) in enumerate(visits_to_make):
        is_dupont = member.organisation_id == (dupont.pk if dupont else None)
        rich = is_dupont or i in detailed_idx
        visit = PreventionVisit(
            adherent=member,
            status=PreventionVisit.Status.DONE,
            planned_on=day,
            done_on=day,
            performed_by=staff,
            physician=member.unit.physician if member.unit else "",
            documents_received="Dossier d'adhésion, fiche de renseignements du service adhérent."
            if rich
            else "",
            restitution_sent_on=day + timedelta(days=rng.randrange(20, 45)) if rich else None,
        )
        if rich:
            visit.call_notes = (
                "Employeur disponible, découvre le rôle de l'ASST ; visite d'une heure trente proposée."
            )
            visit.employer_knowledge = rng.choice([1, 2])
            visit.employer_motivation = rng.choice([2, 3])
            visit.employer_needs = "Aide pour rédiger le document unique ; manque de temps."
            visit.training_needs = "Gestes et postures ; sauveteur secouriste du travail."
            visit.physician_ideas = "Proposer une intervention de l'ergonome sur les manutentions."
            visit.restitution_format = PreventionVisit.RestitutionFormat.PHONE
            if is_dupont:
                visit.priority_hazards = "Manutention des sacs de farine ; poussières de farine au fournil."
                visit.posts_to_observe = "Boulanger au pétrissage et au fleurage."
                visit.proposed_hazard = "manutention"
                visit.proposal = (
                    "avec vous et avec le Dr Vasseur des solutions pour la livraison et le stockage des "
                    "sacs de farine (sacs de 15 kg, chariot, stockage à hauteur), lors d'un rendez-vous "
                    "au fournil ou par téléphone."
                )
            else:
                visit.proposed_hazard = rng.choice(["manutention", "bruit", "routier", "rps"])
                visit.proposal = "des mesures simples à mettre en place, avec le médecin du travail, lors d'un échange téléphonique."
            detailed.add(len(visits))
        visits.append(visit)
    visits = PreventionVisit.objects.bulk_create(visits)
    units, hazards_for = [], []
    for index in sorted(detailed):
        visit = visits[index]
        chosen = (
            BAKERY_UNITS
            if visit.adherent.organisation_id == (dupont.pk if dupont else None)
            else rng.sample(GENERIC_UNITS, 2)
        )
        for order, (name, posts, measures, hazards) in enumerate(chosen, start=1):
            units.append(
                WorkUnit(visit=visit, order=order, name=name, posts=posts, existing_measures=measures)
            )
            hazards_for.append(hazards)
    units = WorkUnit.objects.bulk_create(units)
    IdentifiedHazard.objects.bulk_create(
        IdentifiedHazard(work_unit=unit, family=family, situation=situation, is_priority=priority)
        for unit, hazards in zip(units, hazards_for, strict=True)
        for family, situation, priority in hazards
    )
    items = []
    for index in sorted(detailed):
        visit = visits[index]
        if visit.adherent.organisation_id == (dupont.pk if dupont else None):
            items += [
                ActionPlanItem(
                    adherent=visit.adherent,
                    visit=visit,
                    title="Passer aux sacs de farine de 15 kg et stocker à hauteur de taille",
                    hazard="manutention",
                    who="Employeur, avec l'ASST",
                    due_on=date(2021, 3, 31),
                    status=ActionPlanItem.Status.DONE,
                ),
                ActionPlanItem(
                    adherent=visit.adherent,
                    visit=visit,
                    title="Aspiration au fleurage et sensibilisation à l'asthme du boulanger",
                    hazard="biologique",
                    who="Médecin du travail",
                    due_on=date(2021, 6, 30),
                    status=ActionPlanItem.Status.DONE,
                ),
                ActionPlanItem(
                    adherent=visit.adherent,
                    visit=visit,
                    title="Rédiger le document unique avec l'outil en ligne de l'INRS",
                    hazard="",
                    who="Employeur, accompagné par l'ASST",
                    due_on=date(2027, 3, 31),
                    status=ActionPlanItem.Status.IN_PROGRESS,
                ),
            ]
        else:
            items.append(
                ActionPlanItem(
                    adherent=visit.adherent,
                    visit=visit,
                    title="Intervention de l'ergonome sur le poste le plus exposé",
                    hazard=visit.proposed_hazard,
                    who="IPRP ergonome",
                    due_on=visit.done_on + timedelta(days=120),
                    status=ActionPlanItem.Status.DONE,
                )
            )
    ActionPlanItem.objects.bulk_create(items)


# The phone survey (seed 004, annexe "Rapport du sondage adhérents"): counts that give the
# seed's percentages (whole percentages adding up to 100, largest remainders).
# (section, question, kind, measures satisfaction, asked if (question index, choice index), [(choice, count, satisfied)])
SURVEY_QUESTIONS = [
    (
        "1. Dossier d'adhésion",
        "Êtes-vous satisfait du processus d'adhésion ?",
        "unique",
        True,
        None,
        [("Oui, satisfait", 70, True), ("Non, j'ai rencontré des difficultés avec le dossier", 15, False)],
    ),
    (
        "1. Dossier d'adhésion",
        "Quelle difficulté avez-vous rencontrée ?",
        "unique",
        False,
        (0, 1),
        [
            ("Comprendre les risques et les catégories", 6, False),
            ("Dossier retourné car incomplet", 5, False),
            ("Pas compris qu'il fallait imprimer le formulaire en ligne et l'envoyer par courrier", 2, False),
            ("Dossier perdu (non réceptionné par le service)", 1, False),
            ("Site internet inaccessible depuis une tablette ou un smartphone", 1, False),
        ],
    ),
    (
        "1. Dossier d'adhésion",
        "Avez-vous été accompagné pour résoudre ces difficultés ?",
        "unique",
        False,
        (0, 1),
        [
            ("Oui, accompagné et guidé par le service adhésion", 7, True),
            ("Non, pas eu besoin d'aide", 8, False),
        ],
    ),
    (
        "1. Dossier d'adhésion",
        "Votre dossier d'adhésion est-il géré par un cabinet comptable ?",
        "unique",
        False,
        None,
        [("Oui", 21, False), ("Non", 64, False)],
    ),
    (
        "1. Dossier d'adhésion",
        "Avez-vous reçu le courrier de validation de l'adhésion (pochette) ?",
        "unique",
        False,
        None,
        [("Oui, reçu", 70, False), ("Non, pas reçu", 14, False), ("Ne s'en souvient plus", 1, False)],
    ),
    (
        "2. Prise de contact",
        "Avez-vous été contacté par notre service à la suite de l'adhésion ?",
        "unique",
        False,
        None,
        [
            ("Oui, par un interlocuteur du service", 44, False),
            ("Non, pas contacté (dont ceux qui ont fini par appeler la secrétaire médicale)", 38, False),
            ("Ne sait pas (une autre personne a géré le dossier)", 3, False),
        ],
    ),
    (
        "3. Portail Dinaweb",
        "Vous êtes-vous connecté au portail Dinaweb ?",
        "unique",
        False,
        None,
        [
            ("Oui", 25, False),
            ("Non : pas le temps, plus les codes, le cabinet comptable s'en occupe", 46, False),
            ("Impossible : courrier avec les codes d'accès non reçu", 14, False),
        ],
    ),
    (
        "4. Connaissance du service",
        "Aujourd'hui, connaissez-vous notre rôle et ce sur quoi nous pouvons vous accompagner ?",
        "unique",
        False,
        None,
        [
            ("Non : la plaquette a été reçue mais pas lue", 31, False),
            ("Non : personne n'a pris contact avec nous", 16, False),
            ("Oui, grâce aux explications de l'ASST lors de sa visite", 14, False),
            ("Non, mais nous attendons la visite 1er contact (rendez-vous pris)", 5, False),
            ("Oui, nous avons d'autres établissements chez vous", 5, False),
            ("Non, et cela ne nous intéresse pas", 1, False),
            ("Oui, pour d'autres raisons (infirmière, plaquette, expérience)", 13, False),
        ],
    ),
    ("5. Remarques", "Avez-vous une remarque ou une proposition ?", "texte", False, None, []),
]
COMMENTS = [
    "Un formulaire en ligne sans impression serait plus simple.",
    "On aimerait savoir qui appeler : un seul interlocuteur.",
    "Les convocations ne tiennent pas compte de nos horaires d'ouverture.",
    "Très bon accueil de l'assistante prévention, merci.",
    "Le cabinet comptable ne savait pas quelle catégorie choisir.",
]


def _phone_survey(ast, members, plans, staff, rng):
    survey = Survey.objects.create(
        service=ast,
        title=PHONE_SURVEY_TITLE,
        mode=Survey.Mode.PHONE,
        is_open=False,
        population="Nouveaux adhérents de juillet et août 2020 (114 entreprises)",
        description="Recueillir le ressenti, les difficultés et les propositions des nouveaux adhérents "
        "sur le processus d'adhésion et l'accueil du service. Les entreprises injoignables le sont à la date de "
        "l’enquête ; la plupart ont été jointes depuis, et la liste des adhérents compte celles qui restent "
        "injoignables à ce jour.",
        opens_on=date(2020, 10, 21),
        closes_on=date(2020, 11, 17),
    )
    questions, choices = [], []
    for order, (section, text, kind, satisfaction, _asked_if, _options) in enumerate(
        SURVEY_QUESTIONS, start=1
    ):
        questions.append(
            SurveyQuestion(
                survey=survey,
                order=order,
                section=section,
                text=text,
                kind=kind,
                measures_satisfaction=satisfaction,
                required=kind == "unique" and _asked_if is None,
            )
        )
    questions = SurveyQuestion.objects.bulk_create(questions)
    for question, (*_head, options) in zip(questions, SURVEY_QUESTIONS, strict=True):
        for order, (label, _count, satisfied) in enumerate(options, start=1):
            choices.append(SurveyChoice(question=question, order=order, label=label, satisfied=satisfied))
    choices = SurveyChoice.objects.bulk_create(choices)
    by_question = {}
    for choice in choices:
        by_question.setdefault(choice.question_id, []).append(choice)
    for question, (*_head, asked_if, _options) in zip(questions, SURVEY_QUESTIONS, strict=True):
        if asked_if:
            question.asked_if = by_question[questions[asked_if[0]].pk][asked_if[1]]
    SurveyQuestion.objects.bulk_update(questions, ["asked_if"])

    responses = []
    for member in members:
        plan = plans[member.pk]
        day = date(2020, 10, 21) + timedelta(days=rng.randrange(0, 27))
        responses.append(
            SurveyResponse(
                survey=survey,
                adherent=member,
                reached=plan["survey_reached"],
                recorded_by=staff,
                answered_on=day,
                respondent=plan["contact_name"] if plan["survey_reached"] else "",
            )
        )
    responses = SurveyResponse.objects.bulk_create(responses)
    reached = [r for r in responses if r.reached]
    reached.sort(key=lambda r: plans[r.adherent_id]["reached_index"])
    answers = []

    def deal(question_index, respondents, fixed=None):
        question = questions[question_index]
        options = SURVEY_QUESTIONS[question_index][5]
        pool = []
        for choice, (_label, count, _sat) in zip(by_question[question.pk], options, strict=True):
            pool += [choice] * count
        if fixed is None:
            rng.shuffle(pool)
        assigned = {}
        for response, choice in zip(respondents, fixed or pool, strict=True):
            answers.append(SurveyAnswer(response=response, question=question, choice=choice))
            assigned[response.pk] = choice
        return assigned

    q1 = deal(0, reached)
    with_difficulties = [r for r in reached if q1[r.pk].order == 2]
    deal(1, with_difficulties)
    deal(2, with_difficulties)
    firm_choices = by_question[questions[3].pk]
    deal(
        3,
        reached,
        fixed=[
            firm_choices[0] if plans[r.adherent_id]["accounting_firm"] else firm_choices[1] for r in reached
        ],
    )
    deal(4, reached)
    contact_choices = by_question[questions[5].pk]
    contacted = [r for r in reached if plans[r.adherent_id]["reached_before_survey"]]
    others = [r for r in reached if not plans[r.adherent_id]["reached_before_survey"]]
    fixed = {r.pk: contact_choices[0] for r in contacted}
    for i, r in enumerate(others):
        fixed[r.pk] = contact_choices[2] if i < 3 else contact_choices[1]
    deal(5, reached, fixed=[fixed[r.pk] for r in reached])
    deal(6, reached)
    deal(7, reached)
    for response, comment in zip(rng.sample(reached, len(COMMENTS)), COMMENTS, strict=True):
        answers.append(SurveyAnswer(response=response, question=questions[8], text=comment))
    SurveyAnswer.objects.bulk_create(answers)


def _portal_survey(ast):
    survey = Survey.objects.create(
        service=ast,
        title=PORTAL_SURVEY_TITLE,
        mode=Survey.Mode.PORTAL,
        is_open=True,
        population="Adhérents invités à une rencontre employeurs",
        opens_on=date(2026, 10, 1),
        description="Quelques questions, deux minutes : vos réponses nous aident à améliorer nos rencontres.",
    )
    q1 = SurveyQuestion.objects.create(
        survey=survey,
        order=1,
        text="Dans l'ensemble, êtes-vous satisfait de la rencontre employeurs ?",
        kind=SurveyQuestion.Kind.RATING,
        measures_satisfaction=True,
        required=True,
    )
    q2 = SurveyQuestion.objects.create(
        survey=survey,
        order=2,
        text="Qu'avez-vous découvert sur le service ?",
        kind=SurveyQuestion.Kind.MULTIPLE,
    )
    SurveyChoice.objects.bulk_create(
        SurveyChoice(question=q2, order=i, label=label)
        for i, label in enumerate(
            [
                "Les missions de l'équipe pluridisciplinaire",
                "Le rendez-vous de la prévention",
                "Les prestations comprises dans la cotisation",
                "Le portail adhérent",
            ],
            start=1,
        )
    )
    SurveyQuestion.objects.create(
        survey=survey, order=3, text="Une suggestion ?", kind=SurveyQuestion.Kind.TEXT
    )
    return q1


def _complaints(ast, members, staff):
    def member(i):
        return members[i % len(members)]

    rows = [
        (
            member(7),
            date(2020, 11, 3),
            Complaint.Channel.SURVEY,
            "Aucun contact depuis l'adhésion et pas de convocation",
            "Le gérant signale son mécontentement : ni appel ni convocation ; il menace de ne pas payer la prochaine cotisation.",
            Complaint.Cause.NO_CONTACT,
            "Adhérent absent de la liste d'appels de la secrétaire médicale (affectation UST manquante).",
            "Appel d'accueil le jour même, convocations envoyées ; contrôle hebdomadaire des adhérents sans contact.",
            date(2020, 11, 6),
        ),
        (
            member(23),
            date(2020, 9, 14),
            Complaint.Channel.PHONE,
            "Dossier d'adhésion perdu",
            "Le dossier posté en juillet n'a jamais été reçu ; l'employeur a dû l'apporter en main propre.",
            Complaint.Cause.FILE_LOST,
            "Courrier non enregistré à l'accueil.",
            "Adhésion en ligne sans impression ; accusé de réception automatique.",
            date(2020, 10, 2),
        ),
        (
            member(41),
            date(2020, 8, 20),
            Complaint.Channel.EMAIL,
            "Dossier retourné deux fois",
            "Le dossier a été retourné deux fois pour un problème de catégories SIG/SIR.",
            Complaint.Cause.CATEGORIES,
            "Exemples de catégories absents du formulaire ; le cabinet comptable ne connaissait pas l'activité.",
            "Explications et exemples SIG/SIR dans le formulaire en ligne ; rappel du service adhésion en cas de doute.",
            date(2020, 9, 30),
        ),
        (
            member(58),
            date(2020, 10, 27),
            Complaint.Channel.SURVEY,
            "Codes d'accès au portail jamais reçus",
            "",
            Complaint.Cause.PORTAL_ACCESS,
            "Erreur d'adresse (établissement / siège).",
            "Codes renvoyés par mail ; adresse corrigée.",
            date(2020, 11, 2),
        ),
        (
            member(66),
            date(2020, 11, 9),
            Complaint.Channel.SURVEY,
            "Salariés convoqués directement sans prévenir l'employeur",
            "",
            Complaint.Cause.RECEPTION,
            "Pratique individuelle d'une secrétaire.",
            "Rappel de la procédure : les convocations passent par l'employeur.",
            date(2020, 11, 20),
        ),
        (
            member(90),
            date(2026, 11, 16),
            Complaint.Channel.PORTAL,
            "Créneau de visite incompatible avec nos horaires",
            "Le créneau proposé tombe pendant l'ouverture de la boutique.",
            Complaint.Cause.CONVOCATION,
            "Préférences de convocation non reprises.",
            "",
            None,
        ),
        (
            member(100),
            date(2026, 11, 20),
            Complaint.Channel.PHONE,
            "Facture de cotisation en double",
            "",
            "",
            "",
            "",
            None,
        ),
    ]
    Complaint.objects.bulk_create(
        Complaint(
            service=ast,
            adherent=m,
            received_on=received,
            channel=channel,
            subject=subject,
            description=description,
            cause=cause,
            analysis=analysis,
            corrective_action=action,
            closed_on=closed,
            handled_by=staff,
            status=Complaint.Status.CLOSED
            if closed
            else (Complaint.Status.ANALYSED if cause else Complaint.Status.RECEIVED),
        )
        for m, received, channel, subject, description, cause, analysis, action, closed in rows
    )


def _notes_and_applications(ast, members, staff, dupont):
    notes = []
    for member in members:
        if dupont and member.organisation_id == dupont.pk:
            notes.append(
                StaffNote(
                    adherent=member,
                    author=staff,
                    body="Employeur très réceptif ; préfère être appelé "
                    "l'après-midi après 15 h 30. Ne pas proposer de visite le dimanche.",
                )
            )
        elif member.unreachable:
            notes.append(
                StaffNote(
                    adherent=member,
                    author=staff,
                    body="Numéro de l'accueil sans réponse ; vérifier les "
                    "coordonnées auprès du cabinet comptable ou passer sur place.",
                )
            )
    StaffNote.objects.bulk_create(notes)
    MembershipApplication.objects.bulk_create(
        [
            MembershipApplication(
                service=ast,
                applicant=MembershipApplication.Applicant.COMPANY,
                company_name="Fleurs & Jardins Lemoine",
                sign_name="Fleurs & Jardins",
                siret="40483304800022",
                address="5 place Clemenceau",
                postal_code="62400",
                city="Béthune",
                activity_description="Fleuriste : compositions, vente en boutique et livraisons.",
                headcount=3,
                sig_count=3,
                sir_count=0,
                contact_name="Julie Lemoine",
                contact_function="Gérante",
                contact_email="julie@fleurs-lemoine.example",
                contact_phone="03 21 56 12 34",
                opening_hours="Du mardi au dimanche matin, 9 h – 19 h",
            ),
            MembershipApplication(
                service=ast,
                applicant=MembershipApplication.Applicant.ACCOUNTING_FIRM,
                accounting_firm_name="Fiduciaire de l'Artois",
                accounting_firm_email="paie@fiduciaire-artois.example",
                company_name="Couverture Martel",
                siret="55208131766522",
                address="18 rue des Ardoisiers",
                postal_code="62000",
                city="Arras",
                activity_description="Couverture et zinguerie, chantiers chez les particuliers.",
                headcount=6,
                sig_count=2,
                sir_count=4,
                sir_risks="Travail en hauteur, montage d'échafaudages, exposition possible à l'amiante en rénovation.",
                contact_name="Thierry Martel",
                contact_function="Artisan gérant",
                contact_email="contact@couverture-martel.example",
                contact_phone="06 12 34 56 78",
            ),
        ]
    )
