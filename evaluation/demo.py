"""Demo indicators: targets and a year of measurements for the demo programmes, so that the
dashboards show every state (atteint, en bonne voie, en retard, sans donnée).

Idempotent: an indicator is found by its name and scope; its measurements are written
(in bulk) only when it is created. Computed indicators are recorded by the same
service as the nightly task, for each month of the past year.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Min
from django.utils import timezone

from actions.models import CollectiveAction, Participation, Programme
from core.history import system_actor
from directory.models import Organisation, Person

from . import computed, services
from .models import ActionAssessment, ApproachEntry, Indicator, Measurement, TargetStep
from .periods import add_periods, period_start, periods_between

DEMO_PROGRAMMES = ("branche-adesatt", "acia-corse", "prst4-ara")
K = Indicator.Kind
U = Indicator.Unit

# How an action's manual indicators move over the year, by position of the action:
# the ratio of the way to the target reached after twelve months.
PACE = (1.05, 0.85, 0.45, 0.7, 0.3, 0.95)


def _q(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _months(today: date, count: int = 12) -> list[date]:
    current = period_start(today, "mensuelle")
    return [add_periods(current, "mensuelle", -i) for i in range(count, 0, -1)]


def _periods(today: date, periodicity: str, months: list[date]) -> list[date]:
    """The periods of the past year that have closed, for this periodicity."""
    current = period_start(today, periodicity)
    return sorted({period_start(m, periodicity) for m in months} - {current})


def _indicator(scope_field: str, scope, name: str, **fields) -> tuple[Indicator, bool]:
    indicator = Indicator.objects.filter(**{scope_field: scope}, name=name).first()
    if indicator is not None:
        return indicator, False
    indicator = Indicator(**{scope_field: scope}, name=name, **fields)
    if indicator.computation:
        indicator.unit = computed.get(indicator.computation).unit
    indicator.full_clean()
    indicator.save()
    return indicator, True


def _series(indicator: Indicator, periods: list[date], pace: float, *, jitter: int = 0) -> list[Measurement]:
    start = indicator.baseline or Decimal(0)
    span = (indicator.target or Decimal(0)) - start
    rows = []
    for index, period in enumerate(periods):
        progress = Decimal(str(pace)) * (index + 1) / len(periods)
        wobble = Decimal(((index * 7 + jitter) % 5) - 2) / 100 * abs(span)
        value = _q(start + span * progress + wobble)
        if indicator.unit == U.PERCENT:
            value = max(Decimal(0), min(Decimal(100), value))
        value = max(Decimal(0), value)
        if indicator.unit == U.NUMBER:
            value = value.to_integral_value()
        rows.append(Measurement(indicator=indicator, period=period, value=value, source=indicator.source))
    return rows


def _compute_year(indicator: Indicator, months: list[date], today: date) -> None:
    """Its values wherever the data exist (the demo's meetings go back to 2021), as a new indicator gets them."""
    services.indicator_backfill(indicator=indicator, today=today, by=system_actor())


def _action_indicators(
    action: CollectiveAction, index: int, today: date, months: list[date], responsible
) -> list[Measurement]:
    rows: list[Measurement] = []
    year_end = date(today.year + 1, 6, 30)
    participants, created = _indicator(
        "action",
        action,
        "Participants aux temps collectifs",
        kind=K.FOLLOW_UP,
        unit=U.NUMBER,
        periodicity="mensuelle",
        baseline=Decimal(0),
        baseline_date=months[0],
        target=Decimal(60 + 10 * (index % 3)),
        target_date=year_end,
        definition="Nombre cumulé de personnes (dirigeants, salariés, représentants du personnel) ayant participé "
        "aux temps collectifs de l'action.",
        source="Feuilles d'émargement",
    )
    if created:
        participants.responsible.set(responsible)
        # The last month is left for the pilot to enter (and the reminder to go out).
        rows += _series(participants, months[:-1], PACE[index % len(PACE)], jitter=index)
    satisfaction, created = _indicator(
        "action",
        action,
        "Satisfaction des entreprises accompagnées",
        kind=K.SATISFACTION,
        evaluation=Indicator.Evaluation.EXTERNAL,
        unit=U.PERCENT,
        periodicity="trimestrielle",
        baseline=Decimal(60),
        baseline_date=months[0],
        target=Decimal(80),
        target_date=year_end,
        definition="Part des répondants « satisfaits » ou « très satisfaits » au questionnaire remis après chaque session.",
        source="Questionnaire de satisfaction",
    )
    if created:
        satisfaction.responsible.set(responsible)
        quarters = _periods(today, "trimestrielle", months)
        if index % 4 != 3:  # one action in four has not sent its questionnaire yet: « sans donnée ».
            rows += _series(satisfaction, quarters, PACE[(index + 2) % len(PACE)] * 1.1, jitter=index + 1)
    if action.participations.exclude(status=Participation.Status.WITHDRAWN).exists():
        engaged, created = _indicator(
            "action",
            action,
            "Entreprises engagées dans l'action",
            kind=K.FOLLOW_UP,
            computation="companies_engaged",
            periodicity="mensuelle",
            target=Decimal(max(3, action.participations.count())),
            target_date=year_end,
            definition=str(computed.get("companies_engaged").definition),
            source="Copilote (participations)",
        )
        if created:
            _compute_year(engaged, months, today)
        system, created = _indicator(
            "action",
            action,
            "Entreprises dotées d'un système de prévention structuré",
            kind=K.RESULT,
            computation="companies_prevention_system",
            periodicity="trimestrielle",
            target=Decimal(max(2, action.participations.count() - 1)),
            target_date=year_end,
            definition=str(computed.get("companies_prevention_system").definition),
            source="Copilote (participations)",
        )
        if created:
            _compute_year(system, months, today)
    on_time, created = _indicator(
        "action",
        action,
        "Livrables validés dans les délais",
        kind=K.FOLLOW_UP,
        computation="deliverables_on_time",
        periodicity="trimestrielle",
        baseline=None,
        target=Decimal(90),
        target_date=year_end,
        definition=str(computed.get("deliverables_on_time").definition),
        source="Copilote (livrables)",
    )
    if created:
        _compute_year(on_time, months, today)
    return rows


def _programme_indicators(
    programme: Programme, today: date, months: list[date], managers
) -> list[Measurement]:
    rows: list[Measurement] = []
    # Targets for the years to come, even for a programme whose first period has ended.
    end = max(programme.end_date or today, date(today.year + 1, 12, 31))
    sensitised, created = _indicator(
        "programme",
        programme,
        "Entreprises sensibilisées aux enjeux de prévention",
        is_public=True,
        kind=K.FOLLOW_UP,
        unit=U.NUMBER,
        periodicity="trimestrielle",
        baseline=Decimal(0),
        baseline_date=months[0],
        target=Decimal(200),
        target_date=end,
        definition="Entreprises ayant participé à au moins une réunion d'information ou de sensibilisation.",
        source="Bilans des réunions d'information",
    )
    if created:
        sensitised.responsible.set(managers)
        quarters = _periods(today, "trimestrielle", months)
        rows += _series(sensitised, quarters, 0.9)
        # A promise that is not a straight line: slow start, then the campaign.
        TargetStep.objects.bulk_create(
            [
                TargetStep(
                    indicator=sensitised,
                    period=p,
                    value=Decimal(15 * (i + 1)) + (Decimal(20) if i >= 2 else 0),
                )
                for i, p in enumerate(quarters)
            ]
        )
    for code, name, kind, target in (
        (
            "companies_prevention_system",
            "Entreprises dotées d'un système de prévention structuré (programme)",
            K.RESULT,
            40,
        ),
        ("deliverables_on_time", "Livrables validés dans les délais (programme)", K.FOLLOW_UP, 90),
        ("phases_late", "Phases en retard (programme)", K.FOLLOW_UP, 0),
        ("budget_engaged", "Budget engagé par rapport au prévu", K.FOLLOW_UP, 100),
    ):
        indicator, created = _indicator(
            "programme",
            programme,
            name,
            kind=kind,
            computation=code,
            periodicity="trimestrielle",
            direction=Indicator.Direction.LOWER if code == "phases_late" else Indicator.Direction.HIGHER,
            target=Decimal(target),
            target_date=end,
            definition=str(computed.get(code).definition),
            source="Copilote",
        )
        if created or not indicator.measurements.exists():
            _compute_year(indicator, months, today)
    impact, created = _indicator(
        "programme",
        programme,
        "Salariés couverts par un plan d'action de prévention",
        is_public=True,
        kind=K.IMPACT,
        evaluation=Indicator.Evaluation.EXTERNAL,
        unit=U.NUMBER,
        periodicity="annuelle",
        baseline=Decimal(0),
        target=Decimal(2500),
        target_date=end,
        definition="Effectif cumulé des entreprises dont le plan d'action est formalisé (évaluation externe).",
        source="Enquête de l'évaluateur externe",
    )
    if created:
        impact.responsible.set(managers)  # measured once a year: « sans donnée » until the first survey.
    return rows


def _committee_indicators(today: date, months: list[date]) -> None:
    try:
        from governance.models import Committee
    except ImportError:
        return
    for committee in Committee.objects.filter(programme__code__in=DEMO_PROGRAMMES).order_by("pk")[:4]:
        for code, name, target in (
            ("meetings_held", "Réunions tenues par rapport aux réunions prévues", 100),
            ("attendance_rate", "Taux de présence des membres", 75),
            ("follow_up_on_time", "Suites à donner réalisées dans les délais", 80),
        ):
            indicator, created = _indicator(
                "committee",
                committee,
                name,
                kind=K.GOVERNANCE,
                computation=code,
                periodicity="trimestrielle",
                target=Decimal(target),
                target_date=date(today.year + 1, 12, 31),
                definition=str(computed.get(code).definition),
                source="Copilote (gouvernance)",
            )
            if created or not indicator.measurements.exists():
                _compute_year(indicator, months, today)


def _service_indicators(today: date, months: list[date]) -> list[Measurement]:
    service = Organisation.objects.filter(acronym="AST", kind=Organisation.Kind.SSTI).first()
    if service is None:
        return []
    rows: list[Measurement] = []
    staff = list(
        Person.objects.filter(organisation=service, role=Person.Role.SERVICE_STAFF, user__isnull=False)
    )
    year_end = date(today.year + 1, 12, 31)
    data_months = _member_file_months(service) or months
    for code, name, direction, target, baseline, pace in (
        ("members_contacted_15_days", "Nouveaux adhérents contactés sous 15 jours", "hausse", 90, 60, 0.8),
        ("prevention_visits_in_time", "Rendez-vous de la prévention dans le délai", "hausse", 85, 50, 1.1),
        (
            "satisfaction_rate",
            "Satisfaction des nouveaux adhérents (enquête téléphonique)",
            "hausse",
            80,
            60,
            1.0,
        ),
        ("complaints_delay", "Délai moyen de clôture des réclamations", "baisse", 15, 30, 0.6),
    ):
        entry = computed.get(code)
        if entry.available():
            indicator, created = _indicator(
                "service",
                service,
                name,
                kind=K.SATISFACTION if code in ("satisfaction_rate", "complaints_delay") else K.FOLLOW_UP,
                evaluation=Indicator.Evaluation.EXTERNAL
                if code == "satisfaction_rate"
                else Indicator.Evaluation.INTERNAL,
                computation=code,
                direction=direction,
                periodicity="trimestrielle",
                target=Decimal(target),
                target_date=year_end,
                definition=str(entry.definition),
                source="Copilote (dossiers adhérents)",
            )
            if created:
                for period in sorted({period_start(m, "trimestrielle") for m in data_months}):
                    services.indicator_compute(indicator=indicator, period=period, by=system_actor())
        else:
            indicator, created = _indicator(
                "service",
                service,
                name,
                kind=K.FOLLOW_UP,
                unit=entry.unit,
                direction=direction,
                periodicity="mensuelle",
                baseline=Decimal(baseline),
                baseline_date=months[0],
                target=Decimal(target),
                target_date=year_end,
                definition=str(entry.definition),
                source="Tableau de suivi du service",
            )
            if created:
                indicator.responsible.set(staff)
                rows += _series(indicator, months[:-1], pace)
    return rows


def _member_file_months(service) -> list[date]:
    """The months the service's demo member files cover (the seed's phone survey dates from 2020)."""
    try:
        from adherents.models import Adherent
    except ImportError:
        return []
    dates = Adherent.objects.filter(service=service, validated_on__isnull=False).order_by("validated_on")
    first, last = (
        dates.values_list("validated_on", flat=True).first(),
        dates.values_list("validated_on", flat=True).last(),
    )
    if first is None:
        return []
    return periods_between(first, last + timedelta(days=180), "mensuelle")


def _closed_action_assessment(action: CollectiveAction, author) -> None:
    if ActionAssessment.objects.filter(action=action).exists():
        return
    phases = list(action.phases.order_by("number"))
    first = phases[0].actual_start or action.start_date or timezone.localdate() - timedelta(days=700)
    ApproachEntry.objects.bulk_create(
        [
            ApproachEntry(
                action=action,
                author=author,
                date=first + timedelta(days=60),
                kind=ApproachEntry.Kind.DIFFICULTY,
                text="Mobilisation des plus petites structures plus lente que prévu : dirigeants peu disponibles "
                "pendant la période de renouvellement des agréments.",
            ),
            ApproachEntry(
                action=action,
                author=author,
                date=first + timedelta(days=95),
                kind=ApproachEntry.Kind.ADJUSTMENT,
                text="Temps collectifs déplacés en fin de matinée et complétés par une visioconférence d'une heure "
                "pour les structures éloignées.",
            ),
            ApproachEntry(
                action=action,
                author=author,
                date=first + timedelta(days=300),
                kind=ApproachEntry.Kind.LESSON,
                text="Associer les représentants du personnel dès la réunion de lancement accélère la formalisation "
                "du plan d'action.",
            ),
        ]
    )
    last = phases[-1].actual_end if phases and phases[-1].actual_end else timezone.localdate()
    ActionAssessment.objects.create(
        action=action,
        planned_days=Decimal(45),
        days_spent=Decimal("52.5"),
        budget_engaged_keur=(action.budget_max_keur or Decimal(100)) * Decimal("0.92"),
        results_summary="Les objectifs de participation sont atteints ; la satisfaction des entreprises dépasse la cible. "
        "La structuration du système de prévention reste inégale selon la taille des structures.",
        lessons="Un accompagnement en petits groupes de structures comparables fonctionne mieux qu'un accompagnement "
        "individuel isolé.\nLe document unique devient un outil de dialogue lorsqu'il est construit avec les "
        "salariés.",
        openings="Proposer le kit aux autres branches de l'économie sociale ; intégrer les enseignements à la "
        "convention collective.",
        copil_validated_on=last,
        copil_validation_note=f"COPIL de clôture du {last:%d/%m/%Y}",
    )


def _date_back(today: date) -> None:
    """The demo's indicators were defined when their programme or action started, not on the day the
    demo is loaded: the values they owe (home page, reminders) are counted from then."""
    created_today = Indicator.objects.filter(created_at__date=today).annotate(
        first=Min("measurements__period")
    )
    for indicator in created_today.select_related("action", "programme"):
        scope = indicator.action or indicator.programme
        known = [
            d for d in (indicator.baseline_date, indicator.first, getattr(scope, "start_date", None)) if d
        ]
        if known:
            since = timezone.make_aware(datetime.combine(min(known), time(9)))
            Indicator.objects.filter(pk=indicator.pk).update(
                created_at=since
            )  # not a user's change: no history


def load(stdout) -> None:
    today = timezone.localdate()
    months = _months(today)
    User = get_user_model()
    pilot = Person.objects.filter(user__username="pilote").first()
    consultant = Person.objects.filter(user__username="consultant").first()
    author = User.objects.filter(username="pilote").first()
    measurements: list[Measurement] = []
    closed_actions: list[CollectiveAction] = []
    programmes = list(Programme.objects.filter(code__in=DEMO_PROGRAMMES).prefetch_related("managers"))
    for programme in programmes:
        responsible = [p for p in (pilot if programme.code == "branche-adesatt" else consultant,) if p]
        managers = list(programme.managers.all()) or responsible
        measurements += _programme_indicators(programme, today, months, managers)
        actions = list(programme.actions.order_by("code"))
        for index, action in enumerate(actions):
            measurements += _action_indicators(action, index, today, months, responsible)
            if action.status == CollectiveAction.Status.CLOSED:
                _closed_action_assessment(action, author)
                closed_actions.append(action)
    _committee_indicators(today, months)
    measurements += _service_indicators(today, months)
    Measurement.objects.bulk_create(measurements, ignore_conflicts=True)
    _date_back(today)
    for action in closed_actions:  # closed by the demo, not through action_close: frozen here
        last = action.phases.order_by("-number").first()
        services.indicators_freeze(
            action=action, by=system_actor(), on=(last.actual_end if last and last.actual_end else today)
        )
    stdout.write(
        f"  évaluation : {Indicator.objects.count()} indicateurs, {Measurement.objects.count()} mesures "
        f"({len(programmes)} programmes de démonstration)"
    )
