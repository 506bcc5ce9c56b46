"""Committees, their members and the composition rule."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.conflicts import checked_values
from core.history import records_actor
from core.locking import locked
from core.types import Actor
from directory.models import College, Person

from ..models import Attendance, Committee, Meeting, Membership, QuorumRule

if TYPE_CHECKING:
    from actions.models import CollectiveAction, Programme


# --- Committees and members ---------------------------------------------------------
@records_actor
def committee_create(
    *,
    kind: str,
    name: str,
    by: Actor,
    programme: Programme | None = None,
    action: CollectiveAction | None = None,
    mandate: str = "",
    default_duration_minutes: int = 180,
    default_place: str = "",
) -> Committee:
    if bool(programme) == bool(action):
        raise ValidationError(_("A committee is scoped to a programme or to an action, not both."))
    with transaction.atomic():
        committee = Committee(
            kind=kind,
            name=name,
            programme=programme,
            action=action,
            mandate=mandate,
            default_duration_minutes=default_duration_minutes,
            default_place=default_place,
        )
        committee.full_clean()
        committee.save()
    return committee


@records_actor
def committee_update(
    *, committee: Committee, by: User, expected_version: int | None = None, **fields: Any
) -> Committee:
    with transaction.atomic():
        fields = checked_values(committee, fields, expected_version)
        locked(committee)
        for name, value in fields.items():
            setattr(committee, name, value)
        committee.full_clean()
        committee.save()
    return committee


@records_actor
def composition_rule_set(
    *, committee: Committee, by: User, colleges: dict[str, int], roles: dict[str, int]
) -> Committee:
    """Expected counts per college and per role (zero or missing: no requirement)."""
    valid_colleges = {value for value, _label in College.choices}
    valid_roles = {value for value, _label in Membership.Role.choices}
    rule = {
        "colleges": {k: int(v) for k, v in colleges.items() if k in valid_colleges and v},
        "roles": {k: int(v) for k, v in roles.items() if k in valid_roles and v},
    }
    if any(v < 0 for part in rule.values() for v in part.values()):
        raise ValidationError(_("Expected counts cannot be negative."))
    rule = {k: v for k, v in rule.items() if v}
    with transaction.atomic():
        locked(committee)
        committee.composition_rule = rule
        committee.save(update_fields=["composition_rule", "updated_at"])
    return committee


@records_actor
def committee_quorum_set(
    *,
    committee: Committee,
    by: User,
    rule: str,
    share: int | None = None,
    colleges: dict[str, int] | None = None,
    max_proxies: int = 1,
) -> Committee:
    """The quorum rule (none, a share of the members, a minimum per college) and the proxies one member may hold."""
    if rule not in {value for value, _label in QuorumRule.choices}:
        raise ValidationError(_("Unknown quorum rule."))
    valid_colleges = {value for value, _label in College.choices}
    minimums = {k: int(v) for k, v in (colleges or {}).items() if k in valid_colleges and v}
    if any(v < 0 for v in minimums.values()):
        raise ValidationError(_("Expected counts cannot be negative."))
    if rule == QuorumRule.SHARE and not share:
        raise ValidationError(_("Give the share of the members needed."))
    if rule == QuorumRule.PER_COLLEGE and not minimums:
        raise ValidationError(_("Give the minimum of at least one college."))
    with transaction.atomic():
        locked(committee)
        committee.quorum_rule = rule
        if share:
            committee.quorum_share = share
        committee.quorum_colleges = minimums if rule == QuorumRule.PER_COLLEGE else {}
        committee.max_proxies = max_proxies
        committee.full_clean()
        committee.save(
            update_fields=["quorum_rule", "quorum_share", "quorum_colleges", "max_proxies", "updated_at"]
        )
    return committee


@records_actor
def committee_rules_set(
    *, committee: Committee, by: User, colleges: dict[str, int], roles: dict[str, int], quorum: dict[str, Any]
) -> Committee:
    """The composition rule and the quorum as one page sets them: both saved, or neither (`quorum`: the
    arguments of `committee_quorum_set`)."""
    with transaction.atomic():
        composition_rule_set(committee=committee, by=by, colleges=colleges, roles=roles)
        return committee_quorum_set(committee=committee, by=by, **quorum)


@records_actor
def membership_add(
    *,
    committee: Committee,
    person: Person,
    role: str,
    by: Actor,
    college: str = "",
    start_date: date | None = None,
    end_date: date | None = None,
) -> Membership:
    with transaction.atomic():
        locked(committee)
        if Membership.objects.filter(committee=committee, person=person).exists():
            raise ValidationError(_("%(person)s is already a member of this committee.") % {"person": person})
        membership = Membership(
            committee=committee,
            person=person,
            role=role,
            college=college or person.college,
            start_date=start_date,
            end_date=end_date,
        )
        membership.full_clean()
        membership.save()
        # Invite the new member to the meetings still being prepared.
        for meeting in committee.meetings.filter(
            status__in=[Meeting.Status.PLANNED, Meeting.Status.CONVENED], starts_at__gte=timezone.now()
        ):
            Attendance.objects.get_or_create(
                meeting=meeting, person=person, defaults={"college": membership.college}
            )
    return membership


@records_actor
def membership_update(
    *,
    membership: Membership,
    by: User,
    role: str,
    college: str,
    start_date: date | None,
    end_date: date | None,
    expected_version: int | None = None,
) -> Membership:
    with transaction.atomic():
        values = checked_values(
            membership,
            {"role": role, "college": college, "start_date": start_date, "end_date": end_date},
            expected_version,
        )
        locked(membership)
        for name, value in values.items():
            setattr(membership, name, value)
        membership.full_clean()
        membership.save()
    return membership


@records_actor
def membership_end(*, membership: Membership, by: User, end_date: date | None = None) -> Membership:
    end_date = end_date or timezone.localdate()
    with transaction.atomic():
        locked(membership)
        if membership.start_date and end_date < membership.start_date:
            raise ValidationError(_("The end of the mandate cannot precede its start."))
        membership.end_date = end_date
        membership.save(update_fields=["end_date"])
    return membership


@dataclass
class CompositionCheck:
    label: str
    expected: int
    actual: int

    @property
    def ok(self) -> bool:
        return self.actual == self.expected


def composition_check(committee: Committee, memberships: Iterable[Membership]) -> list[CompositionCheck]:
    """Compare the active memberships with the committee's rule (empty list: no rule)."""
    rule = committee.composition_rule or {}
    active = [m for m in memberships if m.is_active()]
    college_labels = dict(College.choices)
    role_labels = dict(Membership.Role.choices)
    checks = []
    for college, expected in (rule.get("colleges") or {}).items():
        actual = sum(1 for m in active if m.college == college)
        checks.append(CompositionCheck(str(college_labels.get(college, college)), expected, actual))
    for role, expected in (rule.get("roles") or {}).items():
        actual = sum(1 for m in active if m.role == role)
        checks.append(CompositionCheck(str(role_labels.get(role, role)), expected, actual))
    return checks
