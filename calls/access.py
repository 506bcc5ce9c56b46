"""Who may see and run a call.

- Admins: everything.
- Run a call (edit it, check eligibility, ask complements, select): the managers of its
  programme, who steer it (the ARACT chargée de mission and the ARS in seed 002).
- Read its applications and score them: the runners, plus the members (mandate in
  progress) of its selection committee, a governance committee.
- Applicants never log in: they reach their own application through its private link only.
"""

from __future__ import annotations

from django.db.models import Q

from directory.access import is_admin
from governance.access import member_committee_ids

from .models import Application, Call


def _runner_q(user) -> Q:
    return Q(programme__managers__user=user)


def _reviewer_q(user) -> Q:
    return _runner_q(user) | Q(selection_committee__in=member_committee_ids(user))


def visible_calls(user):
    qs = Call.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    return qs.filter(pk__in=Call.objects.filter(_reviewer_q(user)).values("pk"))


def run_calls(user):
    qs = Call.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    return qs.filter(pk__in=Call.objects.filter(_runner_q(user)).values("pk"))


def can_run_call(user, call: Call) -> bool:
    return bool(user.is_authenticated) and (is_admin(user) or run_calls(user).filter(pk=call.pk).exists())


def can_review_call(user, call: Call) -> bool:
    return bool(user.is_authenticated) and (is_admin(user) or visible_calls(user).filter(pk=call.pk).exists())


def visible_applications(user):
    """Staff and reviewers never see drafts: a draft belongs to its applicant until submitted."""
    return Application.objects.filter(call__in=visible_calls(user)).exclude(status=Application.Status.DRAFT)
