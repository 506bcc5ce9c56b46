"""Views of adherents: member portal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import get_visible_or_404, require
from core.conflicts import EditConflict
from core.portal import portal_allowed
from reports.shortcuts import request_document_and_redirect

from .. import access, selectors, services
from ..forms import PortalContactsForm
from ..models import ActionPlanItem
from ._common import _posted, survey_answer_page


@portal_allowed
@login_required
@require_GET
def portal_home(request):
    adherent = get_visible_or_404(selectors.portal_file(request.user))
    today = timezone.localdate()
    visits = selectors.portal_visits(adherent)
    documents = selectors.restitution_documents(visits)
    for visit in visits:
        visit.restitution_document = documents.get(visit.pk)
    return render(
        request,
        "adherents/portal_home.html",
        {
            "adherent": adherent,
            "path": selectors.portal_path(adherent, today),
            "visits": visits,
            "surveys": selectors.open_surveys_for(adherent),
            "action_items": list(adherent.action_items.exclude(status=ActionPlanItem.Status.ABANDONED)),
            "today": today,
        },
    )


@portal_allowed
@login_required
@require_http_methods(["GET", "POST"])
def portal_contacts(request):
    adherent = get_visible_or_404(selectors.portal_file(request.user))
    require(access.can_update_portal_contacts(request.user, adherent))
    form = PortalContactsForm(_posted(request), instance=adherent)
    if request.method == "POST" and form.is_valid():
        try:
            services.portal_contacts_update(
                adherent=adherent,
                by=request.user,
                data=form.cleaned_data,
                expected_version=form.expected_version,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(
                request, _("Your contacts have been updated: the service has been told of the change.")
            )
            return redirect("adherents:portal_home")
    return render(request, "adherents/portal_contacts.html", {"form": form, "adherent": adherent})


@portal_allowed
@login_required
@require_http_methods(["GET", "POST"])
def portal_survey(request, pk):
    adherent = get_visible_or_404(selectors.portal_file(request.user))
    survey = get_visible_or_404(access.portal_surveys_of(adherent), pk=pk)
    return survey_answer_page(
        request,
        survey,
        adherent,
        staff=False,
        back=reverse("adherents:portal_home"),
        answered=_("You have already answered this survey: thank you."),
        thanks=_("Thank you for your answers."),
        record=lambda form: services.survey_response_record(
            survey=survey, adherent=adherent, by=request.user, reached=True, answers=form.answers()
        ),
    )


@portal_allowed
@login_required
@require_POST
def portal_restitution_pdf(request, pk):
    adherent = get_visible_or_404(selectors.portal_file(request.user))
    visit = get_visible_or_404(access.portal_visits_of(adherent), pk=pk)
    return request_document_and_redirect(request, kind="adherents.restitution", target=visit)
