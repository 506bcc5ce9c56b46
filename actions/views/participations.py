"""Views of actions: participations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import get_visible_or_404, object_for
from core.idempotency import creation_response, edit_response
from core.tabular import ImportRejected, csv_response_rows

from .. import access, selectors, services
from ..forms import ParticipationForm, ParticipationImportForm
from ..models import CollectiveAction, Participation


@login_required
@require_GET
def participation_list(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=("programme",))
    participations = action.participations.select_related("organisation").order_by(
        "group", "organisation__name"
    )
    return render(
        request,
        "actions/participation_list.html",
        {
            "action": action,
            "participations": participations,
            "can_edit": access.can_edit_action(request.user, action),
            "import_form": ParticipationImportForm(),
            "figures": selectors.action_figures(action),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def participation_create(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    form = ParticipationForm(request.POST or None, action=action, instance=Participation(action=action))
    response = creation_response(
        request,
        form,
        lambda: services.participation_save(participation=form.save(commit=False), by=request.user),
        message=_("The company is added to the action."),
        url=lambda _participation: reverse("actions:participation_list", args=[action.pk]),
    )
    return response or render(request, "actions/participation_form.html", {"action": action, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def participation_edit(request, pk, participation_pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    participation = get_visible_or_404(
        action.participations.select_related("organisation"), pk=participation_pk
    )
    form = ParticipationForm(request.POST or None, action=action, instance=participation)
    response = edit_response(
        request,
        form,
        lambda: services.participation_save(
            participation=form.save(commit=False), by=request.user, expected_version=form.expected_version
        ),
        message=_("The company's participation is saved."),
        to=reverse("actions:participation_list", args=[action.pk]),
    )
    return response or render(
        request,
        "actions/participation_form.html",
        {"action": action, "form": form, "participation": participation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def participation_import(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    form = ParticipationImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            count = services.participation_import(
                action=action, upload=form.cleaned_data["file"], by=request.user
            )
        except ImportRejected as exc:
            errors = exc.errors
        else:
            messages.success(request, _("%(count)s companies imported.") % {"count": count})
            return redirect("actions:participation_list", pk=action.pk)
    return render(
        request,
        "actions/participation_import.html",
        {"action": action, "form": form, "errors": errors, "columns": list(services.IMPORT_COLUMN_LABELS)},
    )


@login_required
@require_GET
def participation_template(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=("programme",))
    content = csv_response_rows(
        list(services.IMPORT_COLUMN_LABELS),
        [["Entreprise exemple", "", "Ciblée", "Groupe 1", "", "", "", "", ""]],
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="entreprises-{action.pk}.csv"'
    return response
