"""The data set of the load test (`bench/load.py`), built with the real models and services.

One programme, and for every simulated user: an account (a pilot with a password), the
action they pilot, its RACI matrix (validated, so that the first change brings it back to
draft), three monthly indicators they fill in, and the COPIL of their action with a
meeting and its invitees. Each user writes only to their own objects there, so the final
state of the database can be checked against what each client sent. Nobody manages the
programme: a pilot reaches it (and its dashboard) through their own action, as in real life.

A shared action gathers every user in its team: a RACI matrix (empty cells, which they fill
and validate), an indicator and a meeting that all users write to at the same time (same
cells, same periods, same attendance list) — the races.

Everything is named with the run's tag, so a second run in the same database does not
collide with the first one and the checks only look at this run's objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

PASSWORD = "charge-copilote-2026"
ROLE_NAMES = ("Pilote", "Consultant ARACT", "Service de santé au travail", "Direction", "CSE")
ACTIVITY_NAMES = (
    "Cadrer la démarche",
    "Constituer le COPIL",
    "Réaliser le diagnostic",
    "Restituer le diagnostic",
    "Construire le plan d'action",
    "Évaluer la démarche",
)
SHARED_ROLES = ("Pilote", "Consultant ARACT", "Service de santé au travail")
SHARED_ACTIVITIES = ("Diagnostic partagé", "Plan d'action commun", "Bilan collectif")
INDICATORS_PER_USER = 3
INVITEES_PER_MEETING = 6


@dataclass
class UserPlan:
    """What one simulated user owns, with the primary keys its client needs."""

    index: int
    username: str
    user_id: int
    person_id: int
    action_id: int
    matrix_id: int
    activity_ids: list[int]
    role_ids: list[int]
    # (activity pk, role pk) -> letters at the start.
    initial_cells: dict[tuple[int, int], str]
    indicator_ids: list[int]
    committee_id: int
    meeting_id: int
    # Attendance pk -> status at the start.
    initial_attendance: dict[int, str]
    shared_attendance_id: int = 0


@dataclass
class Plan:
    tag: str
    programme_id: int
    shared_action_id: int
    shared_matrix_id: int
    shared_activity_ids: list[int]
    shared_role_ids: list[int]
    shared_indicator_id: int
    shared_meeting_id: int
    # The periods (first day of the month) a measurement may be entered for, as the form offers them.
    periods: list[date]
    users: list[UserPlan] = field(default_factory=list)

    @property
    def user_ids(self) -> list[int]:
        return [u.user_id for u in self.users]


def entry_periods() -> list[date]:
    """The 25 months the measurement form offers for a monthly indicator (this month and the 24 before)."""
    from django.utils import timezone

    from evaluation.periods import Periodicity, add_periods, period_start

    current = period_start(timezone.localdate(), Periodicity.MONTHLY)
    return [add_periods(current, Periodicity.MONTHLY, -i) for i in range(25)]


def build(*, tag: str, users: int) -> Plan:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from actions.models import CollectiveAction, Programme, TeamMember
    from actions.services import action_create
    from core.history import set_history_author
    from directory.models import College, Organisation, Person
    from evaluation.models import Indicator
    from governance.models import Committee, Membership
    from governance.services.committees import committee_create, membership_add
    from governance.services.meetings import meeting_create
    from raci.models import Activity, Assignment, Matrix, Role
    from raci.services import matrix_create

    User = get_user_model()
    colleges = [c for c, _label in College.choices]
    when = timezone.now() + timedelta(days=14)

    with transaction.atomic():
        aract = Organisation.objects.create(
            name=f"ARACT de charge {tag}", kind=Organisation.Kind.ARACT, acronym="ARACT"
        )
        company = Organisation.objects.create(
            name=f"Entreprise de charge {tag}", kind=Organisation.Kind.COMPANY
        )
        programme = Programme.objects.create(
            name=f"Programme de charge {tag}",
            code=f"charge-{tag}",
            kind=Programme.Kind.TERRITORIAL,
            territory="Auvergne-Rhône-Alpes",
            start_date=date(2025, 1, 1),
            end_date=date(2028, 12, 31),
            porteur=aract,
        )
        accounts = []
        for i in range(1, users + 1):
            username = f"charge-{tag}-{i:02d}"
            user = User(
                username=username,
                first_name="Pilote",
                last_name=f"Charge {i:02d}",
                email=f"{username}@example.org",
            )
            user.set_password(PASSWORD)
            user.save()
            person = Person.objects.create(
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email,
                organisation=aract,
                role=Person.Role.PILOT,
                user=user,
                college=colleges[i % len(colleges)],
            )
            accounts.append((user, person))

        periods = entry_periods()
        plan_users: list[UserPlan] = []
        for i, (user, person) in enumerate(accounts, start=1):
            action = action_create(
                by=user,
                programme=programme,
                code=f"C{i:02d}",
                title=f"Action de charge {i:02d}",
                status=CollectiveAction.Status.ONGOING,
                territory="Isère",
                description="Action créée par le test de charge.",
            )
            matrix = matrix_create(title=f"RACI de l'action C{i:02d}", by=user, action=action)
            roles = [
                Role.objects.create(matrix=matrix, name=name, order=n) for n, name in enumerate(ROLE_NAMES)
            ]
            activities = [
                Activity.objects.create(
                    matrix=matrix,
                    order=n,
                    axis="Axe 1",
                    step=f"Étape {n // 2 + 1}",
                    name=name,
                    workload_hours=Decimal(2 + n),
                )
                for n, name in enumerate(ACTIVITY_NAMES)
            ]
            cells = {}
            for n, activity in enumerate(activities):
                # A pilot responsible and accountable on every row, a consultant consulted on one row out of two.
                cells[(activity.pk, roles[0].pk)] = "RA"
                if n % 2 == 0:
                    cells[(activity.pk, roles[1].pk)] = "C"
            for (activity_pk, role_pk), letters in cells.items():
                set_history_author(
                    Assignment(activity_id=activity_pk, role_id=role_pk, letters=letters), user
                ).save()
            Matrix.objects.filter(pk=matrix.pk).update(
                status=Matrix.Status.VALIDATED, validated_by=user, validated_at=timezone.now()
            )
            indicators = []
            for n in range(INDICATORS_PER_USER):
                indicator = Indicator.objects.create(
                    name=f"Indicateur {n + 1} de l'action C{i:02d}",
                    action=action,
                    unit=Indicator.Unit.NUMBER,
                    periodicity="mensuelle",
                    baseline=Decimal("0"),
                    baseline_date=periods[-1],
                    target=Decimal("100"),
                    target_date=periods[0] + timedelta(days=365),
                    definition="Indicateur saisi par le test de charge.",
                )
                indicator.responsible.add(person)
                indicators.append(indicator)
            committee = committee_create(
                kind=Committee.Kind.COPIL, name=f"COPIL de l'action C{i:02d}", action=action, by=user
            )
            membership_add(committee=committee, person=person, role=Membership.Role.PILOT, by=user)
            for n in range(INVITEES_PER_MEETING - 1):
                invitee = Person.objects.create(
                    first_name="Invité",
                    last_name=f"{i:02d}-{n + 1}",
                    organisation=company,
                    college=colleges[n % len(colleges)],
                    email=f"invite-{tag}-{i}-{n}@example.org",
                )
                membership_add(committee=committee, person=invitee, role=Membership.Role.MEMBER, by=user)
            meeting = meeting_create(
                committee=committee, starts_at=when, title=f"COPIL 1 de l'action C{i:02d}", by=user
            )
            plan_users.append(
                UserPlan(
                    index=i,
                    username=user.username,
                    user_id=user.pk,
                    person_id=person.pk,
                    action_id=action.pk,
                    matrix_id=matrix.pk,
                    activity_ids=[a.pk for a in activities],
                    role_ids=[r.pk for r in roles],
                    initial_cells=dict(cells),
                    indicator_ids=[ind.pk for ind in indicators],
                    committee_id=committee.pk,
                    meeting_id=meeting.pk,
                    initial_attendance=dict(meeting.attendances.values_list("pk", "status")),
                )
            )

        # The shared objects: every user is in the team of one more action.
        first_user = accounts[0][0]
        shared = action_create(
            by=first_user,
            programme=programme,
            code="CPART",
            title="Action partagée du test de charge",
            status=CollectiveAction.Status.ONGOING,
            territory="Isère",
        )
        for _user, person in accounts[1:]:
            TeamMember.objects.create(action=shared, person=person, role=TeamMember.Role.CONTRIBUTOR)
        shared_matrix = matrix_create(title="RACI partagée", by=first_user, action=shared)
        shared_roles = [
            Role.objects.create(matrix=shared_matrix, name=n, order=k) for k, n in enumerate(SHARED_ROLES)
        ]
        shared_activities = [
            Activity.objects.create(matrix=shared_matrix, order=k, name=n)
            for k, n in enumerate(SHARED_ACTIVITIES)
        ]
        # The first column carries out and approves every row and is never written during the run:
        # the matrix can always be validated, and the other columns start empty (the users fill them).
        for activity in shared_activities:
            set_history_author(
                Assignment(activity=activity, role=shared_roles[0], letters="RA"), first_user
            ).save()
        shared_indicator = Indicator.objects.create(
            name="Indicateur partagé",
            action=shared,
            unit=Indicator.Unit.NUMBER,
            periodicity="mensuelle",
        )
        shared_committee = committee_create(
            kind=Committee.Kind.FOLLOW_UP, name="Comité de suivi partagé", action=shared, by=first_user
        )
        for _user, person in accounts:
            membership_add(
                committee=shared_committee, person=person, role=Membership.Role.MEMBER, by=first_user
            )
        shared_meeting = meeting_create(
            committee=shared_committee, starts_at=when, title="Comité de suivi partagé 1", by=first_user
        )
        shared_rows = dict(shared_meeting.attendances.values_list("person_id", "pk"))
        for plan_user in plan_users:
            plan_user.shared_attendance_id = shared_rows[plan_user.person_id]

    return Plan(
        tag=tag,
        programme_id=programme.pk,
        shared_action_id=shared.pk,
        shared_matrix_id=shared_matrix.pk,
        shared_activity_ids=[a.pk for a in shared_activities],
        shared_role_ids=[r.pk for r in shared_roles],
        shared_indicator_id=shared_indicator.pk,
        shared_meeting_id=shared_meeting.pk,
        periods=periods,
        users=plan_users,
    )


def attendance_statuses() -> list[str]:
    from governance.models import Attendance

    # « Represented » needs a proxy chosen on the page: the load test writes the statuses alone.
    return [value for value, _label in Attendance.Status.choices if value != Attendance.Status.REPRESENTED]
