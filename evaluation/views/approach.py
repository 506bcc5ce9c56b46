"""Views of evaluation: approach and assessment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from actions.models import CollectiveAction
from core.access import object_for, require_perm
from core.conflicts import EditConflict
from core.form_errors import add_service_errors
from core.idempotency import create_once, replay_of

from .. import services
from ..forms import ApproachEntryForm, AssessmentForm
from ..models import ActionAssessment
from ._common import ACTION_RELATED, _in_french


@login_required
@require_POST
def approach_entry_add(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=ACTION_RELATED)
    require_perm(request.user, "evaluation.change_action_evaluation", action)
    if (replay := replay_of(request)) is not None:
        return replay
    form = ApproachEntryForm(request.POST)
    if form.is_valid():
        section = reverse("evaluation:action_dashboard", args=[action.pk]) + "#titre-demarche"
        try:
            _entry, replay = create_once(
                request,
                form,
                lambda: services.approach_entry_add(
                    action=action,
                    by=request.user,
                    on=form.cleaned_data["date"],
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                ),
                url=lambda _entry: section,
                label=lambda entry: entry.get_kind_display(),
            )
        except ValidationError as exc:
            messages.error(
                request, _("The entry was not recorded: %(errors)s") % {"errors": " ".join(exc.messages)}
            )
            return redirect(section)
        if replay:
            return replay
        messages.success(request, _("The entry was recorded in the evaluation of the approach."))
    else:
        messages.error(
            request,
            _("The entry was not recorded: %(errors)s")
            % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
    return redirect("evaluation:action_dashboard", pk=action.pk)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=ACTION_RELATED)
    require_perm(request.user, "evaluation.change_action_evaluation", action)
    instance = ActionAssessment.objects.filter(action=action).first()
    form = AssessmentForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(
                action=action, by=request.user, expected_version=form.expected_version, **form.cleaned_data
            )
        except EditConflict as conflict:
            form.show_conflict(_in_french(conflict))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The assessment of the action was saved."))
            return redirect("evaluation:action_dashboard", pk=action.pk)
    return render(request, "evaluation/assessment_form.html", {"form": form, "action": action})
