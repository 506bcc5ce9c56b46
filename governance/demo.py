"""Demo governance from the seeds (idempotent; runs after the directory and actions demos).

- Seed 001: the PRST 4 CROCT and its GPRO, with members of each college; the three
  workshops held as GPRO meetings, each with its own agenda and, when its synthesis names
  them, its animators (named for the whole day, in the agenda and in the minutes), their
  syntheses as minutes, their first proposals as decisions with follow-up items; the CROCT
  plenaries planned over four years.
- Seed 002: the ACIA comitology in Corsica: a COPIL per structure (COPIL 1…4), which is
  its project team (the people of its action and of its application to the call, same
  pilot), animated by the ARACT's chargée de mission; the four
  temps collectifs and the comité de suivi ARACT + ARS, planned on the call's schedule
  (cadrage May–June, déploiement July–November, bilan December–February), the first
  ones held.
- Seed 003: the paritaire steering committee of the branch scheme, with its 5 + 5 + pilot
  composition rule.

Dates follow each programme: the PRST 4 workshops took place the autumn before the
plan started and the CROCT meets twice a year over its first four years (when the plan
is over, a review CROCT is planned in the coming weeks); the ACIA comitology follows the
call's schedule for the current campaign, so its first meetings are held and the next
ones planned, whatever the day the demo is loaded.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from actions.demo_data import ACIA_TEAMS
from actions.models import Programme, TeamMember
from directory.models import College, Organisation, Person

from . import services
from .documents import minutes_file_name
from .models import (
    Attendance,
    Committee,
    FollowUpItem,
    Meeting,
    Membership,
    Minutes,
    MinutesCirculation,
)

R = Membership.Role
C = College


def _tz():
    return timezone.get_current_timezone()


def _at(day: date, hour: int = 9, minute: int = 30) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=_tz())


def _user(username: str):
    return get_user_model().objects.filter(username=username).select_related("person").first()


def _author():
    """The demo's committees and meetings are recorded in their histories as set up by the administrator."""
    return _user("admin")


def _organisation(
    acronym: str, name: str | None = None, kind=Organisation.Kind.OTHER, **defaults
) -> Organisation:
    organisation = Organisation.objects.filter(acronym=acronym).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            acronym=acronym, name=name or acronym, kind=kind, **defaults
        )
    return organisation


def _person(
    first: str,
    last: str,
    acronym: str | None = None,
    college: str = "",
    function: str = "",
    organisation: Organisation | None = None,
) -> Person:
    person = Person.objects.filter(first_name=first, last_name=last).first()
    if person is None:
        if organisation is None and acronym:
            organisation = Organisation.objects.filter(acronym=acronym).first()
        slug = f"{first}.{last}".lower().replace(" ", "-").replace("'", "")
        person = Person.objects.create(
            first_name=first,
            last_name=last,
            organisation=organisation,
            college=college,
            function=function,
            email=f"{slug}@exemple.fr",
        )
    return person


def _programme(code: str, **defaults) -> Programme:
    programme, _created = Programme.objects.get_or_create(code=code, defaults=defaults)
    return programme


def _committee(
    *,
    name: str,
    kind: str,
    programme=None,
    action=None,
    mandate: str = "",
    duration: int = 180,
    place: str = "",
    rule: dict | None = None,
) -> tuple[Committee, bool]:
    committee = Committee.objects.filter(name=name, programme=programme, action=action).first()
    if committee is not None:
        return committee, False
    committee = services.committee_create(
        kind=kind,
        name=name,
        programme=programme,
        action=action,
        mandate=mandate,
        default_duration_minutes=duration,
        default_place=place,
        by=_author(),
    )
    if rule:
        committee.composition_rule = rule
        committee.save(update_fields=["composition_rule"])
    return committee, True


def _members(committee: Committee, rows, since: date) -> None:
    for person, role, college in rows:
        if person is None:
            continue
        Membership.objects.get_or_create(
            committee=committee,
            person=person,
            defaults={"role": role, "college": college or person.college, "start_date": since},
        )


def _meeting(
    committee: Committee,
    *,
    number: int,
    title: str,
    starts_at: datetime,
    duration: int | None = None,
    place: str = "",
    video_link: str = "",
    agenda=(),
) -> Meeting:
    meeting = committee.meetings.filter(number=number).first()
    if meeting is None:
        author = _author()
        meeting = services.meeting_create(
            committee=committee,
            starts_at=starts_at,
            number=number,
            title=title,
            duration_minutes=duration,
            place=place,
            video_link=video_link,
            by=author,
        )
        for item_title, minutes, presenter, description in agenda:
            services.agenda_item_add(
                meeting=meeting,
                title=item_title,
                duration_minutes=minutes,
                presenter=presenter,
                description=description,
                by=author,
            )
    return meeting


def _hold(meeting: Meeting, *, absent=(), excused=(), represented=None) -> None:
    """Record the attendance (`represented`: {member: the member present holding their proxy}), then hold it."""
    if meeting.status != Meeting.Status.PLANNED or meeting.starts_at > timezone.now():
        return
    represented = represented or {}
    author = _author()
    meeting.attendances.exclude(person__in=[*absent, *excused, *represented]).update(
        status=Attendance.Status.PRESENT
    )
    meeting.attendances.filter(person__in=excused).update(status=Attendance.Status.EXCUSED)
    rows = {a.person_id: a.pk for a in meeting.attendances.filter(person__isnull=False)}
    proxies = {
        rows[p.pk]: rows[proxy.pk] for p, proxy in represented.items() if p.pk in rows and proxy.pk in rows
    }
    if proxies:
        services.attendance_record(
            meeting=meeting,
            statuses=dict.fromkeys(proxies, Attendance.Status.REPRESENTED),
            proxies=proxies,
            by=author,
        )
    quorum = services.meeting_quorum(meeting)
    services.meeting_mark_held(
        meeting=meeting,
        by=author,
        without_quorum_note=""
        if quorum.reached
        else "Séance d'information : aucune délibération n'a été prise.",
    )


def _circulated(minutes: Minutes, *, by) -> None:
    """A circulation of the demo's past, recorded as it was made: the e-mails of a story that is over are not
    sent again (`services.minutes_circulate` sends them, with the PDF, for the minutes circulated from now on)."""
    recipients = services.minutes_recipients(minutes)
    now = timezone.now()
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.CIRCULATED, circulated_at=now)
    services.minutes_circulation_record(
        minutes=minutes,
        by=by,
        at=now,
        file_name=minutes_file_name(minutes.meeting),
        recipients=recipients,
    )
    minutes.refresh_from_db()


def _minutes(
    meeting: Meeting,
    *,
    by,
    summary: str,
    texts: list[str],
    status: str = Minutes.Status.APPROVED,
    approved_at_meeting: Meeting | None = None,
) -> None:
    if meeting.status != Meeting.Status.HELD or meeting.minutes_versions.exists():
        return
    items = list(meeting.agenda_items.order_by("order", "pk"))
    minutes = services.minutes_save(
        meeting=meeting,
        by=by,
        summary=summary,
        item_texts={item.pk: text for item, text in zip(items, texts, strict=False)},
    )
    if status in (Minutes.Status.CIRCULATED, Minutes.Status.APPROVED):
        _circulated(minutes, by=by)
    if status == Minutes.Status.APPROVED:
        if approved_at_meeting is not None and approved_at_meeting.status == Meeting.Status.HELD:
            services.minutes_approve(
                minutes=minutes, by=by, mode=Minutes.ApprovalMode.MEETING, at_meeting=approved_at_meeting
            )
        else:
            services.minutes_approve(minutes=minutes, by=by, mode=Minutes.ApprovalMode.CHAIR)
    # The demo tells a past story: circulated a few days after the meeting, approved a week later.
    now = timezone.now()
    circulated = min(meeting.starts_at + timedelta(days=4), now)
    approved = (
        approved_at_meeting.ends_at
        if approved_at_meeting is not None
        else min(circulated + timedelta(days=7), now)
    )
    Minutes.objects.filter(pk=minutes.pk, circulated_at__isnull=False).update(circulated_at=circulated)
    MinutesCirculation.objects.filter(minutes=minutes).update(circulated_at=circulated)
    Minutes.objects.filter(pk=minutes.pk, approved_at__isnull=False).update(approved_at=approved)


def _decisions(meeting: Meeting, *, by, rows) -> None:
    """rows: (agenda position, decision text, [(what, owner, due date, done date or None)])."""
    if meeting.status != Meeting.Status.HELD or meeting.decisions.exists():
        return
    items = list(meeting.agenda_items.order_by("order", "pk"))
    today = timezone.localdate()
    for position, text, followups in rows:
        decision = services.decision_record(
            meeting=meeting, text=text, by=by, agenda_item=items[position] if position < len(items) else None
        )
        for what, owner, due, done in followups:
            item = services.followup_create(decision=decision, title=what, owner=owner, due_date=due, by=by)
            if done is not None:
                services.followup_update(
                    item=item, status=FollowUpItem.Status.DONE, done_on=min(done, today), by=by
                )
            elif due - today < timedelta(days=20):
                services.followup_update(item=item, status=FollowUpItem.Status.IN_PROGRESS, by=by)


# --- Seed 001: PRST 4 ---------------------------------------------------------------
# Each workshop's own agenda, as its synthesis recalls it (« rappel des objectifs »): the morning takes stock of
# the PRST 3, the afternoon projects onto the PRST 4. Its animators, when the synthesis names them, animate the day.
WORKSHOPS = [
    {
        "title": "Atelier « Bilan sectoriel et projections »",
        "day": (9, 15),
        "animators": [],
        "agenda": [
            (
                "Matin : état des lieux",
                180,
                "Bilan des actions conduites sur le secteur ; niveau de mobilisation des acteurs (fédérations, partenaires "
                "sociaux, employeurs, salariés) ; bilan des productions du PRST 3, niveau et modalités de leur diffusion ; "
                "besoins spécifiques du secteur.",
            ),
            (
                "Après-midi : projections sur le PRST 4",
                180,
                "Besoins spécifiques du secteur ; meilleures manières de mobiliser l'ensemble des acteurs ; mobilisation des "
                "outils, dispositifs et partenaires en appui ; livrables à élaborer dans le cadre du PRST 4.",
            ),
        ],
        "summary": "Atelier d'état des lieux du PRST 3 et de projection sur le PRST 4 pour le secteur, avec les fédérations, "
        "les partenaires sociaux et les préventeurs mobilisés sur les fiches actions.",
        "texts": [
            "Points de satisfaction : secteur volontariste, acteurs qui apprécient le co-pilotage des projets (il lisse la "
            "charge et enrichit les actions) ; complémentarité des acteurs mobilisés sur chaque fiche pour toucher les cibles "
            "(entreprises, étudiants, maîtrise d'œuvre) ; pilotage de la Direccte et information périodique ; livrables "
            "très appréciés, comme la plaquette amiante.\n\n"
            "Difficultés : manque de visibilité sur le calendrier ; trop grand nombre de groupes de travail ; priorités "
            "parfois divergentes entre les membres des groupes et la fiche action ; trop de sujets abordés ; difficulté et "
            "temps nécessaire pour mobiliser les cibles ; difficulté des acteurs institutionnels.",
            "S'appuyer sur des prérequis : bien connaître son territoire (cartographie, bénéfices des actions passées, "
            "diagnostic territorial) et déterminer avec les cibles les meilleurs moyens de les mobiliser (maîtrise "
            "d'ouvrage, maîtrise d'œuvre, jeunes en formation, prévention intégrée aux pièces des marchés).\n\n"
            "Axes de travail : recenser et capitaliser les actions innovantes, impliquer les cibles en mettant en avant les "
            "pratiques, rendre visibles les bonnes pratiques, faire connaître les outils et leur efficacité. Proposer des "
            "actions courtes, visibles et bien communiquées.",
        ],
        "decisions": [
            (
                0,
                "Renforcer l'implication des acteurs clés le plus en amont possible pour rédiger les fiches actions.",
                [
                    (
                        "Associer les fédérations et les partenaires sociaux à la rédaction des fiches actions",
                        "chermat",
                        45,
                        40,
                    )
                ],
            ),
            (
                0,
                "Réduire le nombre de groupes de travail.",
                [("Proposer au GPRO une carte resserrée des groupes de travail", "morel", 60, 66)],
            ),
            (
                1,
                "Rendre visible le PRST à un plus grand nombre d'acteurs, avec des actions courtes et bien communiquées.",
                [("Recenser les actions innovantes du PRST 3 à capitaliser", "croct", 90, 85)],
            ),
        ],
    },
    {
        "title": "Atelier « La gouvernance du PRST 4 (pilotage, suivi, instances) »",
        "day": (9, 29),
        "animators": [("Sophie", "Chermat"), ("Jean-Pierre", "Laurenson")],
        "agenda": [
            (
                "Matin : état des lieux du pilotage du PRST 3",
                180,
                "Bilan des modalités de pilotage, de suivi et d'évaluation du PRST 3 au regard de la charte : nature des "
                "échanges au CROCT et au GPRO, informations présentées sur les actions, acteurs impliqués, fréquence des "
                "points consacrés au PRST 3.",
            ),
            (
                "Après-midi : la gouvernance du PRST 4",
                180,
                "Informations et indicateurs de suivi et d'évaluation attendus, leur périodicité et la manière de les "
                "renseigner ; fonctions souhaitées des instances de gouvernance (CROCT, GPRO, autre) pour le pilotage et "
                "l'évaluation.",
            ),
        ],
        "summary": "Bilan des modalités de pilotage, de suivi et d'évaluation du PRST 3 au regard de la charte, puis "
        "fonctions souhaitées des instances (CROCT, GPRO) et indicateurs de suivi et d'évaluation du PRST 4.",
        "texts": [
            "Forces : forte implication des partenaires sociaux dès le démarrage ; diversité des institutions représentées ; "
            "implication de membres du CROCT dans les GT ; véritable partage entre institutionnels et partenaires sociaux ; "
            "retour des travaux aux membres du CROCT.\n\n"
            "Freins : charge de travail importante du GPRO et du CROCT, qui a limité le suivi du PRST 3 ; réactivité du "
            "CROCT limitée par la fréquence des réunions ; peu de liens entre le CROCT et les groupes de travail ; "
            "difficulté à impliquer partenaires sociaux et branches ; distance pour assister aux réunions.",
            "Mieux se connaître et connaître son environnement ; impliquer le CROCT dans le temps autour des orientations et "
            "de l'évaluation ; avoir des relais de terrain pour suivre les fiches actions ; permettre aux pilotes de "
            "présenter leurs travaux en CROCT et GPRO ; une newsletter dédiée ; un planning sur 4 ans pour le CROCT.\n\n"
            "Pour un suivi plus étroit : des réunions plus spécifiques (commissions ou ateliers avec les pilotes), plus de "
            "contacts avec les relais de diffusion, et des indicateurs de gouvernance et pas seulement de suivi.",
        ],
        "decisions": [
            (
                1,
                "Établir un planning sur 4 ans des réunions du CROCT et du GPRO.",
                [("Planifier les séances plénières du CROCT sur la durée du PRST 4", "chermat", 50, 48)],
            ),
            (
                1,
                "Permettre aux pilotes de présenter leurs travaux en CROCT et en GPRO.",
                [("Inscrire un point « actions » à l'ordre du jour de chaque GPRO", "morel", 30, 28)],
            ),
            (
                1,
                "Prévoir des indicateurs de gouvernance et pas seulement de suivi.",
                [
                    ("Proposer une liste d'indicateurs de gouvernance", "croct", 75, None),
                    ("Définir la périodicité et la source de chaque indicateur", "chevalier", 120, 150),
                ],
            ),
            (
                0,
                "Favoriser l'implication des membres du CROCT dans les groupes de travail.",
                [("Recueillir les souhaits de participation des membres du CROCT", "croct", 40, 35)],
            ),
        ],
    },
    {
        "title": "Atelier « Les modalités d'animation, de suivi, de communication »",
        "day": (10, 13),
        "animators": [("Grégoire", "Leclerc"), ("Alexandra", "Jay")],
        "agenda": [
            (
                "Matin : état des lieux de l'animation du PRST 3",
                180,
                "Modalités d'animation transversale des groupes du PRST 3 (moyens, coordination des actions, échanges entre "
                "pilotes) ; bilan du suivi et de l'évaluation des actions ; diffusion des productions et communication vers "
                "les cibles.",
            ),
            (
                "Après-midi : animation, suivi et communication du PRST 4",
                180,
                "Animation et coordination transversale des actions (acquis à conserver, à développer) ; modalités et outils "
                "pour suivre l'avancement des groupes ; modalités pour amplifier la diffusion des productions et la "
                "communication et faciliter le travail des groupes.",
            ),
        ],
        "summary": "Modalités d'animation transversale, de suivi et d'évaluation des actions, diffusion des productions et "
        "communication vers les cibles : acquis du PRST 3 et propositions pour le PRST 4.",
        "texts": [
            "Points forts : volontariat et motivation des contributeurs, inter-connaissance, diversité et complémentarité des "
            "réseaux. Bonnes pratiques : planifier les réunions à l'avance, systématiser ordres du jour et comptes rendus, "
            "recourir à la visioconférence ; information « fil rouge » par les bulletins.\n\n"
            "Freins : difficile vision d'ensemble des travaux et des groupes ; maintien de l'implication dans le temps ; "
            "intégration insuffisante des organisations patronales et syndicales dans les groupes ; stratégie de "
            "communication insuffisamment structurée ; difficulté d'évaluer l'atteinte des cibles finales.",
            "Mobiliser très en amont les partenaires (branches, SST) dès l'écriture du PRST 4 ; une plaquette commune de "
            "présentation diffusable rapidement ; une réflexion d'opportunité sur la nature et le format des livrables au "
            "niveau d'une instance de gouvernance ; un groupe dédié à la communication (charte graphique, logo, site "
            "vitrine, réseaux sociaux) ; des alertes aux partenaires à la publication d'un livrable ; un outil de travail "
            "collaboratif partagé.",
        ],
        "decisions": [
            (
                1,
                "Élaborer une plaquette commune de présentation du PRST 4, diffusable très rapidement.",
                [("Rédiger la plaquette de présentation du PRST 4", "jay", 60, 75)],
            ),
            (
                1,
                "Mettre en place un groupe dédié à la communication, avec les services communication des partenaires.",
                [("Constituer le groupe communication et réunir sa première séance", "leclerc", 80, 78)],
            ),
            (
                1,
                "Alerter les partenaires à chaque publication d'un livrable.",
                [
                    (
                        "Mettre en place les alertes aux partenaires à la publication des livrables",
                        "chevalier",
                        100,
                        None,
                    )
                ],
            ),
        ],
    },
]


def workshop_animated_by(animators) -> str:
    """« Atelier animé par Sophie Chermat (DREETS ARA) et Jean-Pierre Laurenson (vice-président du GPRO). », as the
    workshop's synthesis names its animators."""

    def named(person) -> str:
        if person.organisation_id:
            return f"{person.full_name} ({person.organisation.acronym or person.organisation.name})"
        if person.function:
            return f"{person.full_name} ({person.function[:1].lower()}{person.function[1:]})"
        return person.full_name

    names = [named(person) for person in animators]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}"
    return f"Atelier animé par {listed}."


def _prst4(stdout) -> None:
    today = timezone.localdate()
    dreets = _organisation("DREETS ARA", "DREETS Auvergne-Rhône-Alpes", Organisation.Kind.DREETS)
    programme = _programme(
        "prst4-ara",
        name="PRST 4 Auvergne-Rhône-Alpes",
        kind=Programme.Kind.PRST,
        territory="Auvergne-Rhône-Alpes",
        porteur=dreets,
        start_date=date(today.year, 1, 1),
        end_date=date(today.year + 3, 12, 31),
    )
    # The workshops prepared the plan the autumn before it started; the CROCT meets twice a year.
    first_year = programme.start_date.year if programme.start_date else today.year
    croct_user = _user("croct")
    croct_person = croct_user.person if croct_user and hasattr(croct_user, "person") else None
    people = {
        "chermat": _person("Sophie", "Chermat", "DREETS ARA", C.STATE),
        "morel": _person("François", "Morel", "DREETS ARA", C.STATE),
        "laurenson": _person("Jean-Pierre", "Laurenson", None, C.EMPLOYERS),
        "roux": _person("Catherine", "Roux", "MEDEF", C.EMPLOYERS),
        "garnier": _person("Philippe", "Garnier", "CPME", C.EMPLOYERS),
        "jay": _person("Alexandra", "Jay", "U2P", C.EMPLOYERS),
        "perrin": _person("Martine", "Perrin", "CGT", C.EMPLOYEES),
        "haddad": _person("Karim", "Haddad", "FO", C.EMPLOYEES),
        "fournier": _person("Élodie", "Fournier", "Carsat", C.PREVENTION),
        "bonnet": _person("Laurent", "Bonnet", "MSA", C.PREVENTION),
        "girard": _person("Stéphane", "Girard", "OPPBTP", C.PREVENTION),
        "mercier": _person("Anne", "Mercier", "Présanse", C.PREVENTION),
        "chevalier": _person("Valérie", "Chevalier", "ARACT ARA", C.PREVENTION),
        "leclerc": _person("Grégoire", "Leclerc", "AMNYOS", C.EXPERTS),
        "croct": croct_person,
    }
    since = date(first_year - 1, 9, 1)
    croct, _ = _committee(
        name="CROCT Auvergne-Rhône-Alpes",
        kind=Committee.Kind.CROCT,
        programme=programme,
        duration=180,
        place="DREETS, Lyon",
        rule={"colleges": {C.EMPLOYERS: 3, C.EMPLOYEES: 3, C.STATE: 2}},
        mandate="Comité régional d'orientation des conditions de travail : définit les grandes orientations du PRST 4 à "
        "partir du diagnostic régional, en suit la mise en œuvre et l'évaluation, entend les pilotes présenter "
        "leurs travaux.",
    )
    _members(
        croct,
        [
            (people["morel"], R.CHAIR, C.STATE),
            (people["chermat"], R.SECRETARY, C.STATE),
            (people["roux"], R.MEMBER, C.EMPLOYERS),
            (people["garnier"], R.MEMBER, C.EMPLOYERS),
            (people["jay"], R.MEMBER, C.EMPLOYERS),
            (people["croct"], R.MEMBER, C.EMPLOYEES),
            (people["perrin"], R.MEMBER, C.EMPLOYEES),
            (people["haddad"], R.MEMBER, C.EMPLOYEES),
            (people["fournier"], R.MEMBER, C.PREVENTION),
            (people["bonnet"], R.MEMBER, C.PREVENTION),
            (people["girard"], R.MEMBER, C.PREVENTION),
            (people["mercier"], R.MEMBER, C.PREVENTION),
            (people["chevalier"], R.GUEST, C.PREVENTION),
        ],
        since,
    )
    # Its rules of procedure: two members of each social partners' college and one of the State's, present or
    # represented; one proxy per member.
    if (
        croct.quorum_rule != Committee.QuorumRule.PER_COLLEGE
    ):  # set once: a second load records no new version
        services.committee_quorum_set(
            committee=croct,
            by=_author(),
            rule=Committee.QuorumRule.PER_COLLEGE,
            max_proxies=1,
            colleges={C.EMPLOYERS: 2, C.EMPLOYEES: 2, C.STATE: 1},
        )
    gpro, _ = _committee(
        name="GPRO du CROCT Auvergne-Rhône-Alpes",
        kind=Committee.Kind.GPRO,
        programme=programme,
        duration=180,
        place="DREETS, Lyon — et en visioconférence",
        mandate="Groupe permanent régional d'orientation : pilote l'élaboration et le suivi du PRST 4, prépare les "
        "séances du CROCT, arbitre la nature et le format des livrables et leur diffusion.",
    )
    _members(
        gpro,
        [
            (people["morel"], R.CHAIR, C.STATE),
            (people["laurenson"], R.CO_PILOT, C.EMPLOYERS),
            (people["chermat"], R.SECRETARY, C.STATE),
            (people["roux"], R.MEMBER, C.EMPLOYERS),
            (people["croct"], R.MEMBER, C.EMPLOYEES),
            (people["perrin"], R.MEMBER, C.EMPLOYEES),
            (people["fournier"], R.MEMBER, C.PREVENTION),
            (people["chevalier"], R.FACILITATOR, C.PREVENTION),
        ],
        since,
    )

    writer = _user("admin")
    owners = {key: person for key, person in people.items() if person is not None}
    for number, workshop in enumerate(WORKSHOPS, start=1):
        day = date(first_year - 1, *workshop["day"])
        animators = [_person(first, last) for first, last in workshop["animators"]]
        # The animators animate the whole day, both half-days: no half-day is « theirs » (no presenter);
        # they are the meeting's animators (shown on its page and on the convocation).
        agenda = [(title, minutes, None, description) for title, minutes, description in workshop["agenda"]]
        meeting = _meeting(
            gpro,
            number=number,
            title=workshop["title"],
            starts_at=_at(day, 9, 30),
            duration=420,
            place="DREETS, Lyon",
            agenda=agenda,
        )
        meeting.animators.set(animators)
        for animator in animators:
            if not meeting.attendances.filter(person=animator).exists():
                services.attendance_add_guest(meeting=meeting, person=animator, by=_author())
        _hold(
            meeting,
            excused=[people["perrin"]] if number == 2 else [],
            absent=[people["roux"]] if number == 3 else [],
        )
        _decisions(
            meeting,
            by=writer,
            rows=[
                (
                    position,
                    text,
                    [
                        (
                            what,
                            owners.get(owner, people["chermat"]),
                            day + timedelta(days=due),
                            day + timedelta(days=done) if done is not None else None,
                        )
                        for what, owner, due, done in followups
                    ],
                )
                for position, text, followups in workshop["decisions"]
            ],
        )
    # The GPRO approves the first two workshops' minutes at its next meeting; the third is circulated.
    review = _meeting(
        gpro,
        number=4,
        title="GPRO — validation des synthèses d'ateliers",
        starts_at=_at(date(first_year - 1, 11, 17), 14, 0),
        duration=120,
        agenda=[
            ("Approbation des synthèses des ateliers", 30, people["chermat"], ""),
            ("Carte des groupes de travail du PRST 4", 60, people["morel"], ""),
            ("Indicateurs de gouvernance", 30, people["chevalier"], ""),
        ],
    )
    _hold(review)
    workshops = list(gpro.meetings.filter(number__in=[1, 2, 3]).order_by("number"))
    for index, (meeting, workshop) in enumerate(zip(workshops, WORKSHOPS, strict=False)):
        animated_by = workshop_animated_by([_person(first, last) for first, last in workshop["animators"]])
        summary = f"{animated_by} {workshop['summary']}" if animated_by else workshop["summary"]
        _minutes(
            meeting,
            by=writer,
            summary=summary,
            texts=workshop["texts"],
            status=Minutes.Status.APPROVED if index < 2 else Minutes.Status.CIRCULATED,
            approved_at_meeting=review,
        )
    _minutes(
        review,
        by=writer,
        status=Minutes.Status.DRAFT,
        summary="Les synthèses des ateliers « bilan sectoriel » et « gouvernance » sont approuvées.",
        texts=[
            "Synthèses approuvées sans modification.",
            "La carte resserrée est présentée ; arbitrage au CROCT.",
            "Une première liste est discutée ; compléments attendus.",
        ],
    )
    # The CROCT plenaries over the four years of the plan, twice a year, and the next GPRO.
    number = 1
    for year in range(first_year, first_year + 4):
        for month, label in ((6, "printemps"), (12, "automne")):
            starts = _at(date(year, month, 10), 14, 0)
            _meeting(
                croct,
                number=number,
                title=f"CROCT plénier {number} ({label} {year})",
                starts_at=starts,
                agenda=[
                    ("Avancement des actions du PRST 4", 60, people["morel"], ""),
                    ("Présentation de deux actions par leurs pilotes", 60, people["chevalier"], ""),
                    ("Indicateurs de suivi et de gouvernance", 45, people["chermat"], ""),
                ],
            )
            number += 1
    for meeting in croct.meetings.filter(starts_at__lt=timezone.now(), status=Meeting.Status.PLANNED):
        _hold(meeting, represented={people["haddad"]: people["perrin"]})
        _minutes(
            meeting,
            by=writer,
            summary="Séance plénière du CROCT.",
            texts=[
                "Point d'avancement présenté par la DREETS.",
                "Deux pilotes ont présenté leurs travaux.",
                "Premiers indicateurs de gouvernance partagés.",
            ],
        )
    if programme.end_date and programme.end_date < today:
        _meeting(
            croct,
            number=number,
            title="CROCT — bilan du PRST 4 et orientations du suivant",
            starts_at=_at(today + timedelta(days=20), 14, 0),
            agenda=[
                ("Bilan et évaluation du PRST 4", 75, people["chevalier"], ""),
                ("Indicateurs de gouvernance : résultats", 45, people["chermat"], ""),
                ("Orientations pour le plan suivant", 60, people["morel"], ""),
            ],
        )
    _meeting(
        gpro,
        number=5,
        title="GPRO — préparation du CROCT",
        starts_at=_at(today + timedelta(days=6), 14, 0),
        duration=120,
        agenda=[
            ("Ordre du jour du prochain CROCT", 45, people["morel"], ""),
            ("Suites des ateliers : état d'avancement", 45, people["chermat"], ""),
        ],
    )
    stdout.write("    PRST 4 : CROCT, GPRO, 3 ateliers\n")


# --- Seed 002: ACIA Corsica ---------------------------------------------------------
# Each structure's COPIL is its project team (actions.demo_data.ACIA_TEAMS, the same people as in its action and
# its application to the call): slot -> (role on the COPIL, college).
TEAM_SEATS = {
    "direction": (R.MEMBER, C.EMPLOYERS),
    "personnel": (R.MEMBER, C.EMPLOYEES),
    "pilote": (R.PILOT, C.EMPLOYERS),
    "volontaire": (R.MEMBER, C.EMPLOYEES),
    "numerique": (R.MEMBER, ""),
}


# What each COPIL records, after the RACI of the call (seed 002, annexe 2).
COPIL_MINUTES = [
    [
        "Le comité de pilotage est constitué : direction, représentant du personnel, manager et salariés volontaires. "
        "L'Aract présente la démarche, ses deux axes et son calendrier.",
        "La fiche de cadrage est remplie en séance : elle sécurise, légitime et formalise la démarche et fixe les "
        "modalités d'accompagnement ; le calendrier des COPIL est arrêté.",
        "Des outils et conseils d'utilisation sont remis pour les travaux d'intersession, menés en autonomie ; le pilote "
        "de projet peut solliciter l'Aract.",
    ],
    [
        "L'Aract présente l'outil d'analyse de l'activité sur trois dimensions : santé, efficacité, métier.",
        "Le comité conduira les premières analyses de situations de travail, avec l'appui de l'Aract.",
    ],
    [
        "Le diagnostic, fondé sur les situations de travail, est présenté puis validé par le COPIL.",
        "Les recommandations sont listées ; elles seront arbitrées pour établir un plan d'action opérationnel.",
    ],
    [
        "Les participants font un retour global sur la méthodologie déployée.",
        "Point sur l'avancée du projet et ajustements nécessaires.",
    ],
]


def _acia_year(today: date) -> int:
    """The call's year: cadrage from May, bilan until February of the next year."""
    return today.year if today.month >= 5 else today.year - 1


def _acia(stdout) -> None:
    today = timezone.localdate()
    year = _acia_year(today)
    aract = _organisation("ARACT Corse", "ARACT Corse", Organisation.Kind.ARACT)
    programme = _programme(
        "acia-corse",
        name="ACIA Corse — actions collectives innovantes et apprenantes",
        kind=Programme.Kind.CALL,
        territory="Corse",
        porteur=aract,
        start_date=date(year, 5, 1),
        end_date=date(year + 1, 2, 28),
    )
    consultant = _user("consultant")
    consultant_person = consultant.person if consultant and hasattr(consultant, "person") else None
    santoni = _person("Laura", "Santoni", "ARACT Corse", C.PREVENTION)
    luciani = _person("Marie-Ange", "Luciani", "ARS Corse", C.STATE)
    mattei = _person("Paul-Antoine", "Mattei", "ARACT Corse", C.PREVENTION)
    casanova = _person("Jean-Baptiste", "Casanova", "GRADeS Corse", C.EXPERTS)
    animator = consultant_person or santoni

    actions = list(programme.actions.order_by("code")[: len(ACIA_TEAMS)])

    # Étape 1 cadrage May–June, étape 2 déploiement July–November, étape 3 bilan December–February.
    copil_days = [date(year, 5, 19), date(year, 9, 15), date(year, 11, 17), date(year + 1, 2, 2)]
    collective_days = [date(year, 6, 23), date(year, 10, 13), date(year, 12, 1), date(year + 1, 2, 23)]
    follow_up_days = [date(year, 6, 30), date(year, 11, 28), date(year + 1, 2, 27)]
    copil_agendas = [
        [
            ("Création du comité de pilotage et présentation du projet", 60),
            ("Fiche de cadrage et calendrier", 90),
            ("Travaux d'intersession", 30),
        ],
        [("Outils d'analyse de l'activité (santé, efficacité, métier)", 120), ("Travaux d'intersession", 60)],
        [("Présentation du diagnostic et validation", 120), ("Recommandations à arbitrer", 60)],
        [("Retour global sur la méthodologie déployée", 90), ("Ajustements et suite du projet", 90)],
    ]
    pilots = []
    for index, action in enumerate(actions):
        structure = action.porteur
        team_pilot = action.team.filter(role=TeamMember.Role.PILOT).select_related("person").first()
        team, pilot = [], None
        for slot, first, last, job, _project_role in ACIA_TEAMS[index]:
            role, college = TEAM_SEATS[slot]
            person = (
                team_pilot.person
                if slot == "pilote" and team_pilot is not None
                else _person(first, last, organisation=structure, college=college, function=job)
            )
            team.append((person, role, college))
            if slot == "pilote":
                pilot = person
        pilots.append(pilot)
        # Named after its structure (not the action's code); found by its action when the demo is loaded again.
        committee = Committee.objects.filter(action=action, kind=Committee.Kind.COPIL).first()
        committee, _ = (
            (committee, False)
            if committee is not None
            else _committee(
                name=f"COPIL {structure.acronym or structure.name}",
                kind=Committee.Kind.COPIL,
                action=action,
                duration=180,
                place=structure.name if structure else "",
                rule={"colleges": {C.EMPLOYERS: 2, C.EMPLOYEES: 2}, "roles": {R.PILOT: 1}},
                mandate="Équipe projet de la structure : suit et déploie l'action dans l'établissement, présente ses avancées "
                "et ses difficultés, définit les travaux d'intersession. Réunions de 3 h animées par la chargée de "
                "mission de l'Aract, qui rédige le compte rendu.",
            )
        )
        _members(committee, [*team, (animator, R.FACILITATOR, C.PREVENTION)], date(year, 5, 1))
        for number, (day, agenda) in enumerate(zip(copil_days, copil_agendas, strict=True), start=1):
            meeting = _meeting(
                committee,
                number=number,
                title=f"COPIL {number}",
                starts_at=_at(day, 9, 0),
                duration=180,
                place=committee.default_place,
                agenda=[(title, minutes, animator, "") for title, minutes in agenda],
            )
            if meeting.starts_at < timezone.now():
                _hold(meeting)
                if number == 1:
                    _decisions(
                        meeting,
                        by=consultant,
                        rows=[
                            (
                                1,
                                "La fiche de cadrage est validée ; un pilote de projet est désigné au sein du comité.",
                                [
                                    (
                                        "Compléter la fiche de cadrage et le calendrier",
                                        pilot,
                                        day + timedelta(days=21),
                                        day + timedelta(days=18),
                                    )
                                ],
                            ),
                        ],
                    )
                _minutes(
                    meeting,
                    by=consultant,
                    status=Minutes.Status.APPROVED,
                    summary=f"Comité de pilotage {number} — {action.title}. Réunion animée par l'Aract.",
                    texts=COPIL_MINUTES[number - 1],
                )
    collective, _ = _committee(
        name="Temps collectifs inter-structures ACIA",
        kind=Committee.Kind.COLLECTIVE,
        programme=programme,
        duration=180,
        place="Corte — ou à distance",
        mandate="Réunit les comités de pilotage, ou au moins les pilotes de projet, pour partager avancées, difficultés et "
        "solutions entre structures. Réunions de 3 h animées par l'Aract.",
    )
    _members(
        collective,
        [
            (animator, R.FACILITATOR, C.PREVENTION),
            (santoni, R.SECRETARY, C.PREVENTION),
            *[(pilot, R.MEMBER, C.EMPLOYERS) for pilot in pilots],
        ],
        date(year, 5, 1),
    )
    for number, day in enumerate(collective_days, start=1):
        title = (
            "Bilan des actions menées (apports, limites)"
            if number == 4
            else "Partage des avancées de chaque structure"
        )
        meeting = _meeting(
            collective,
            number=number,
            title=f"Temps collectif {number}",
            starts_at=_at(day, 14, 0),
            duration=180,
            agenda=[(title, 150, animator, ""), ("Travaux d'intersession", 30, animator, "")],
        )
        if meeting.starts_at < timezone.now():
            _hold(meeting)
            _minutes(
                meeting,
                by=consultant,
                status=Minutes.Status.CIRCULATED,
                summary="Temps collectif inter-structures.",
                texts=[
                    "Chaque structure a présenté ses avancées, ses difficultés et les leviers mis en place.",
                    "Travaux d'intersession répartis entre les comités de pilotage.",
                ],
            )
    follow, _ = _committee(
        name="Comité de suivi ACIA (ARACT – ARS)",
        kind=Committee.Kind.FOLLOW_UP,
        programme=programme,
        duration=120,
        place="ARS de Corse, Ajaccio",
        mandate="Partage les avancées du projet entre l'Aract et l'ARS, avec une "
        "participation éventuelle du GRADeS.",
    )
    _members(
        follow,
        [
            (mattei, R.CHAIR, C.PREVENTION),
            (animator, R.SECRETARY, C.PREVENTION),
            (luciani, R.MEMBER, C.STATE),
            (casanova, R.GUEST, C.EXPERTS),
        ],
        date(year, 5, 1),
    )
    for number, day in enumerate(follow_up_days, start=1):
        meeting = _meeting(
            follow,
            number=number,
            title=f"Comité de suivi {number}",
            starts_at=_at(day, 10, 0),
            duration=120,
            agenda=[
                ("Avancée des projets par structure", 60, animator, ""),
                ("Points de vigilance et suite", 60, mattei, ""),
            ],
        )
        if meeting.starts_at < timezone.now():
            _hold(meeting)
    stdout.write(f"    ACIA : {len(actions)} COPIL, temps collectifs, comité de suivi\n")


# --- Seed 003: the branch's paritaire committee -----------------------------------------------
def _branch(stdout) -> None:
    today = timezone.localdate()
    adesatt = _organisation("ADESATT", "ADESATT", Organisation.Kind.BRANCH)
    programme = _programme(
        "branche-adesatt",
        name="Plan d'actions QVT de la branche (ADESATT)",
        kind=Programme.Kind.BRANCH,
        territory="National",
        porteur=adesatt,
    )
    pilot_user = _user("pilote")
    pilot = pilot_user.person if pilot_user and hasattr(pilot_user, "person") else None
    committee, _created = _committee(
        name="Comité paritaire de pilotage QVT",
        kind=Committee.Kind.COPIL,
        programme=programme,
        duration=150,
        place="ADESATT, Paris",
        rule={"colleges": {C.EMPLOYERS: 5, C.EMPLOYEES: 5}, "roles": {R.PILOT: 1}},
        mandate="Pilotage paritaire du plan d'actions : 5 représentants des employeurs, 5 représentants des salariés et "
        "un pilote technique.",
    )
    employers = [_person("Isabelle", "Renaud", "ADESATT", C.EMPLOYERS)] + [
        _person(first, last, "ADESATT", C.EMPLOYERS)
        for first, last in (("Bruno", "Lacroix"), ("Agnès", "Marchal"), ("Hervé", "Collin"))
    ]
    employees = [
        _person(first, last, None, C.EMPLOYEES)
        for first, last in (
            ("Yasmine", "Benkirane"),
            ("Olivier", "Tessier"),
            ("Claire", "Vidal"),
            ("Denis", "Royer"),
        )
    ]
    rows = (
        [(pilot, R.PILOT, C.EMPLOYERS)]
        + [(p, R.MEMBER, C.EMPLOYERS) for p in employers]
        + [(p, R.MEMBER, C.EMPLOYEES) for p in employees]
    )
    _members(committee, rows, date(today.year, 1, 1))
    _meeting(
        committee,
        number=1,
        title="Comité paritaire 1",
        starts_at=_at(today + timedelta(days=16), 10, 0),
        agenda=[
            ("Lancement des actions prioritaires", 60, pilot, ""),
            ("Financements sollicités", 45, pilot, ""),
            ("Calendrier de l'année", 30, pilot, ""),
        ],
    )
    stdout.write("    Branche : comité paritaire (règle 5 + 5 + pilote, un siège salarié à pourvoir)\n")


def load(stdout) -> None:
    _prst4(stdout)
    _acia(stdout)
    _branch(stdout)
