"""Who may see and run a call.

- Admins: everything.
- Run a call (edit it, check eligibility, ask complements, select): the managers of its
  programme, who steer it (the ARACT chargée de mission and the ARS in seed 002).
- Read its applications and score them: the runners, plus the members of its selection
  committee (registered by `register_reviewer_scope` once governance provides it).
- Applicants never log in: they reach their own application through its private link only.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from directory.roles import is_admin

from .models import Application, Call

# Each scope: (user) -> Q over Call the user may read and score.
ReviewerScope = Callable[[object], Q]
_reviewer_scopes: list[ReviewerScope] = []


def register_reviewer_scope(scope: ReviewerScope) -> ReviewerScope:
    if scope not in _reviewer_scopes:
        _reviewer_scopes.append(scope)
    return scope


def _runner_q(user) -> Q:
    return Q(programme__managers__user=user)


def _reviewer_q(user) -> Q:
    q = _runner_q(user)
    for scope in _reviewer_scopes:
        q |= scope(user)
    return q


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
