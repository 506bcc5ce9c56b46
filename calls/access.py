"""Who may see and run a call.

- Admins: everything.
- Run a call (edit it, check eligibility, ask complements, select, score as the committee):
  the managers of its programme, who steer it (the ARACT chargée de mission and the ARS in
  seed 002).
- Read its submitted applications and score them: the runners, plus the members (mandate in
  progress) of its selection committee, a governance committee. Nobody reads a draft: it
  belongs to its applicant until submitted.
- Launch a call: the managers of a programme, for that programme.
- Applicants never log in: they reach their own application through its private link only.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from actions.access import programmes_editable_by
from actions.models import Programme
from core import access as core_access
from directory.access import is_admin
from governance.access import member_committee_ids

from .models import Application, Call


def _runner_q(user) -> Q:
    return Q(programme__managers__user=user)


def _reviewer_q(user) -> Q:
    return _runner_q(user) | Q(selection_committee__in=member_committee_ids(user))


def calls_visible_to(user) -> QuerySet[Call]:
    """The calls a user runs or reviews."""
    qs = Call.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    return qs.filter(pk__in=Call.objects.filter(_reviewer_q(user)).values("pk"))


def calls_run_by(user) -> QuerySet[Call]:
    qs = Call.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    return qs.filter(pk__in=Call.objects.filter(_runner_q(user)).values("pk"))


def can_run_call(user, call: Call) -> bool:
    return bool(user.is_authenticated) and (is_admin(user) or calls_run_by(user).filter(pk=call.pk).exists())


def can_review_call(user, call: Call) -> bool:
    return bool(user.is_authenticated) and (
        is_admin(user) or calls_visible_to(user).filter(pk=call.pk).exists()
    )


def programmes_open_to_new_calls_by(user) -> QuerySet[Programme]:
    """Where a user may launch a call: the programmes they manage."""
    return programmes_editable_by(user)


def can_add_call(user) -> bool:
    return programmes_open_to_new_calls_by(user).exists()


def applications_visible_to(user) -> QuerySet[Application]:
    """The submitted applications of the calls the user reads (never a draft)."""
    return Application.objects.filter(call__in=calls_visible_to(user)).exclude(
        status=Application.Status.DRAFT
    )


def can_run_application(user, application: Application) -> bool:
    """Check eligibility, ask complements, score as the committee: the call's runners."""
    return can_run_call(user, application.call)


def can_score_application(user, application: Application) -> bool:
    return can_review_call(user, application.call)


core_access.register(Call, visible=calls_visible_to, change=can_run_call)
core_access.register(
    Application, visible=applications_visible_to, change=can_run_application, score=can_score_application
)
