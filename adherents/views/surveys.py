"""Views of adherents: surveys."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import object_for
from reports.shortcuts import request_document_and_redirect

from .. import selectors, services
from ..models import Adherent, Survey
from ..survey_exports import XLSX_CONTENT_TYPE, survey_results_filename
from ..survey_exports import survey_results_xlsx as survey_results_xlsx_bytes
from ._common import _staff_only, survey_answer_page


@login_required
@require_GET
def survey_list(request):
    _staff_only(request)
    from django.db.models import Count, Q

    surveys = selectors.surveys_for_user(request.user).annotate(
        reached=Count("responses", filter=Q(responses__reached=True)),
        unreachable=Count("responses", filter=Q(responses__reached=False)),
    )
    return render(request, "adherents/survey_list.html", {"surveys": surveys})


@login_required
@require_GET
def survey_results(request, pk):
    _staff_only(request)
    survey = object_for(request.user, Survey, pk=pk, select_related=("service",))
    q = request.GET.get("q", "").strip()
    to_call = selectors.members_to_survey(request.user, survey, search=q) if survey.is_open else []
    return render(
        request,
        "adherents/survey_results.html",
        {"results": selectors.survey_results(survey), "survey": survey, "to_call": to_call, "q": q},
    )


@login_required
@require_GET
def survey_results_xlsx(request, pk):
    _staff_only(request)
    survey = object_for(request.user, Survey, pk=pk, select_related=("service",))
    response = HttpResponse(
        survey_results_xlsx_bytes(selectors.survey_results(survey)), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition_header(
        True, survey_results_filename(survey, "xlsx")
    )
    return response


@login_required
@require_POST
def survey_results_pdf(request, pk):
    _staff_only(request)
    survey = object_for(request.user, Survey, pk=pk, select_related=("service",))
    return request_document_and_redirect(request, kind="adherents.survey_results", target=survey)


@login_required
@require_http_methods(["GET", "POST"])
def survey_record(request, pk, adherent_pk):
    """Staff record a member's answers to a phone survey."""
    _staff_only(request)
    survey = object_for(request.user, Survey, pk=pk, may="record", select_related=("service",))
    adherent = object_for(
        request.user,
        Adherent,
        pk=adherent_pk,
        service=survey.service,
        may="change",
        select_related=("organisation",),
    )
    return survey_answer_page(
        request,
        survey,
        adherent,
        staff=True,
        back=survey.get_absolute_url(),
        answered=_("This member has already answered the survey."),
        thanks=_("The answers have been recorded."),
        record=lambda form: services.survey_response_record(
            survey=survey,
            adherent=adherent,
            by=request.user,
            reached=form.cleaned_data["reached"],
            respondent=form.cleaned_data.get("respondent", ""),
            answers=form.answers(),
        ),
    )
