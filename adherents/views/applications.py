"""Views of adherents: membership applications, public online membership."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import object_for
from core.client import rate_limited
from core.form_errors import add_service_errors
from core.idempotency import create_once, replay_of

from .. import selectors, services
from ..forms import ApplicationRejectForm, ApplicationValidateForm, MembershipApplicationForm
from ..models import MembershipApplication
from ._common import _posted, _staff_only


@login_required
@require_GET
def application_list(request):
    _staff_only(request)
    status = request.GET.get("statut", MembershipApplication.Status.SUBMITTED)
    queryset = selectors.applications_for_user(request.user)
    if status in MembershipApplication.Status.values:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "adherents/application_list.html",
        {
            "page_obj": page,
            "applications": page.object_list,
            "status": status,
            "statuses": MembershipApplication.Status.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request, pk):
    _staff_only(request)
    application = object_for(
        request.user,
        MembershipApplication,
        pk=pk,
        may="review" if request.method == "POST" else None,
        select_related=("service", "adherent"),
    )
    validate_form = ApplicationValidateForm(service=application.service, prefix="valider")
    reject_form = ApplicationRejectForm(prefix="refuser")
    if request.method == "POST":
        if application.status != MembershipApplication.Status.SUBMITTED:
            messages.error(request, _("This application has already been reviewed."))
            return redirect(application)
        if "valider-validated_on" in request.POST:
            validate_form = ApplicationValidateForm(
                request.POST, service=application.service, prefix="valider"
            )
            if validate_form.is_valid():
                data = validate_form.cleaned_data
                try:
                    adherent = services.application_validate(
                        application=application,
                        by=request.user,
                        sector=data["sector"],
                        unit=data["unit"],
                        validated_on=data["validated_on"],
                    )
                except ValidationError as exc:
                    add_service_errors(validate_form, exc)
                else:
                    messages.success(request, _("The membership is validated: the trajectory has started."))
                    return redirect(adherent)
        else:
            reject_form = ApplicationRejectForm(request.POST, prefix="refuser")
            if reject_form.is_valid():
                try:
                    services.application_reject(
                        application=application,
                        by=request.user,
                        reason=reject_form.cleaned_data["rejection_reason"],
                    )
                except ValidationError as exc:
                    add_service_errors(reject_form, exc)
                else:
                    messages.info(request, _("The application has been rejected."))
                    return redirect("adherents:application_list")
    return render(
        request,
        "adherents/application_detail.html",
        {"application": application, "validate_form": validate_form, "reject_form": reject_form},
    )


#: Online membership applications accepted per client address and per hour.
APPLICATIONS_RATE = "5/h"


@login_not_required
@require_http_methods(["GET", "POST"])
def membership_apply(request):
    """Public, no account. Only accepted applications (and robots caught by the honeypot)
    count towards the limit, so a person correcting an incomplete form is never blocked."""
    form = MembershipApplicationForm(_posted(request))
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST":
        if rate_limited(request, group="adherents.apply", rate=APPLICATIONS_RATE, count=False):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Too many applications were sent from your connection in the last hour. "
                    "Please try again later or call the service."
                ),
            )
            return render(request, "adherents/apply.html", {"form": form}, status=429)
        if form.is_valid():
            rate_limited(request, group="adherents.apply", rate=APPLICATIONS_RATE)
            _application, replay = create_once(
                request,
                form,
                lambda: services.application_submit(
                    data=form.application_data(),
                    service=form.cleaned_data["service"],
                    by=request.user if request.user.is_authenticated else None,
                ),
                url=lambda _application: reverse("adherents:apply_thanks"),
                label=lambda application: application.company_name,
            )
            return replay or redirect("adherents:apply_thanks")
        if form.has_error("__all__", code="honeypot"):
            rate_limited(request, group="adherents.apply", rate=APPLICATIONS_RATE)
    return render(request, "adherents/apply.html", {"form": form})


@login_not_required
@require_GET
def membership_apply_thanks(request):
    return render(request, "adherents/apply_thanks.html")
