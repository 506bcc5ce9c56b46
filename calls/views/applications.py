"""Views of calls: staff pages: applications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import object_for
from core.idempotency import edit_response
from reports.shortcuts import request_document_and_redirect

from .. import access, selectors, services
from ..forms import ComplementRequestForm, EligibilityForm, ScoreForm
from ..models import Application


def _score_form(request, application, data=None):
    criteria = [c for c in application.call.priority_criteria.all() if c.applies_to(application)]
    as_committee = bool(data and data.get("as_committee"))
    own = {
        s.criterion_id: s
        for s in application.scores.all()
        if (s.scorer_id is None if as_committee else s.scorer_id == request.user.pk)
    }
    return ScoreForm(
        data,
        criteria=criteria,
        scores=own,
        can_score_as_committee=access.can_run_application(request.user, application),
    )


def _application_page(request, application, **forms):
    can_run = access.can_run_application(request.user, application)
    criteria = list(application.call.priority_criteria.all())
    context = {
        "application": application,
        "call": application.call,
        "scoring": selectors.scoring_of(application, criteria),
        "can_run": can_run,
        "can_score": application.eligibility == Application.Eligibility.ELIGIBLE
        and not application.call.decided_at,
        "eligibility_form": forms.get("eligibility_form")
        or EligibilityForm(
            initial={
                "eligible": {"eligible": "oui", "non_eligible": "non"}.get(application.eligibility),
                "note": application.eligibility_note,
            }
        ),
        "complement_form": forms.get("complement_form") or ComplementRequestForm(),
        "score_form": forms.get("score_form") or _score_form(request, application),
        "answers": [
            (c, application.eligibility_answers.get(str(c.pk)))
            for c in application.call.eligibility_criteria.all()
        ],
    }
    return render(request, "calls/application_detail.html", context, status=400 if forms else 200)


@login_required
@require_GET
def application_detail(request, pk):
    return _application_page(
        request, object_for(request.user, Application, pk=pk, **selectors.application_page())
    )


@login_required
@require_POST
def application_eligibility(request, pk):
    application = object_for(request.user, Application, pk=pk, may="change", **selectors.application_page())
    form = EligibilityForm(request.POST)
    if done := edit_response(
        request,
        form,
        lambda: services.application_check_eligibility(
            application=application,
            eligible=form.cleaned_data["eligible"],
            note=form.cleaned_data["note"],
            by=request.user,
        ),
        message=_("The eligibility has been recorded."),
        to=application.get_absolute_url(),
    ):
        return done
    return _application_page(request, application, eligibility_form=form)


@login_required
@require_POST
def application_complement(request, pk):
    application = object_for(request.user, Application, pk=pk, may="change", **selectors.application_page())
    form = ComplementRequestForm(request.POST)
    if done := edit_response(
        request,
        form,
        lambda: services.complement_request(
            application=application, question=form.cleaned_data["question"], by=request.user
        ),
        message=_("The request has been e-mailed to the applicant with a renewed private link."),
        to=application.get_absolute_url(),
    ):
        return done
    return _application_page(request, application, complement_form=form)


@login_required
@require_POST
def application_score(request, pk):
    application = object_for(request.user, Application, pk=pk, may="score", **selectors.application_page())
    form = _score_form(request, application, data=request.POST)
    if done := edit_response(
        request,
        form,
        lambda: services.scores_set(
            application=application,
            scorer=None if form.cleaned_data.get("as_committee") else request.user,
            scores=[
                services.ScoreInput(
                    criterion=criterion,
                    value=form.cleaned_data.get(f"score_{criterion.pk}"),
                    comment=form.cleaned_data.get(f"comment_{criterion.pk}", ""),
                )
                for criterion in form.criteria
            ],
            by=request.user,
        ),
        message=_("The scores have been saved."),
        to=application.get_absolute_url(),
    ):
        return done
    return _application_page(request, application, score_form=form)


@login_required
@require_POST
def application_pdf(request, pk):
    application = object_for(request.user, Application, pk=pk, select_related=("call",))
    return request_document_and_redirect(
        request,
        kind="calls.application",
        target=application,
        title=_("Application — %(name)s") % {"name": application},
    )
