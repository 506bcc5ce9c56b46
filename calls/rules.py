import rules

from . import access
from .models import Application, Call


@rules.predicate
def can_run_call(user, call: Call | None):
    return call is not None and access.can_run_call(user, call)


@rules.predicate
def can_review_call(user, call: Call | None):
    return call is not None and access.can_review_call(user, call)


@rules.predicate
def can_run_application(user, application: Application | None):
    return application is not None and access.can_run_call(user, application.call)


@rules.predicate
def can_score_application(user, application: Application | None):
    return application is not None and access.can_review_call(user, application.call)


rules.add_perm("calls.change_call", can_run_call)
rules.add_perm("calls.view_call", can_review_call)
rules.add_perm("calls.change_application", can_run_application)
rules.add_perm("calls.score_application", can_score_application)
