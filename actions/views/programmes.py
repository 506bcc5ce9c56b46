"""Views of actions: programmes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import object_for
from core.conflicts import EditConflict
from core.idempotency import create_once, replay_of

from .. import access, selectors, services
from ..forms import AxisFormSet, ProgrammeForm, StepFormSet
from ..models import Programme
from ..phases import PHASES
from ..presenters import matrix_rows
from ..timeline import programme_gantt
from ._common import PAGE_SIZE, line_changes


@login_required
@require_GET
def programme_list(request):
    programmes = selectors.programmes_for_user(request.user)
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "actions/programme_list.html",
        {
            "page_obj": page,
            "programmes": page.object_list,
            "can_create": access.can_add_programme(request.user),
        },
    )


def _programme_formsets(programme, data=None):
    return {
        "axes": AxisFormSet(data, instance=programme, prefix="axes"),
        "steps": StepFormSet(data, instance=programme, prefix="etapes"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request):
    if not access.can_add_programme(request.user):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None)
    formsets = _programme_formsets(Programme(), request.POST or None)
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid() and all(fs.is_valid() for fs in formsets.values()):

        def create() -> Programme:
            return services.programme_create(
                by=request.user,
                axes=line_changes(formsets["axes"]),
                steps=line_changes(formsets["steps"]),
                **form.cleaned_data,
            )

        programme, replay = create_once(request, form, create)
        if replay:
            return replay
        messages.success(request, _("The programme is created."))
        return redirect(programme)
    return render(request, "actions/programme_form.html", {"form": form, **formsets})


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, pk):
    programme = object_for(request.user, Programme, pk=pk, may="change", select_related=("porteur",))
    form = ProgrammeForm(request.POST or None, instance=programme)
    formsets = _programme_formsets(programme, request.POST or None)
    if request.method == "POST" and form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
        try:
            services.programme_update(
                programme=programme,
                by=request.user,
                expected_version=form.expected_version,
                axes=line_changes(formsets["axes"]),
                steps=line_changes(formsets["steps"]),
                **form.cleaned_data,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            programme.refresh_from_db()
        else:
            messages.success(request, _("The programme is saved."))
            return redirect(programme)
    return render(request, "actions/programme_form.html", {"form": form, "programme": programme, **formsets})


@login_required
@require_GET
def programme_detail(request, pk):
    programme = object_for(request.user, Programme, pk=pk, select_related=("porteur",))
    today = timezone.localdate()
    actions = list(selectors.programme_actions(programme, request.user))
    by_phase = {reference.number: 0 for reference in PHASES}
    for action in actions:
        by_phase[action.current_phase_number] += 1
    return render(
        request,
        "actions/programme_detail.html",
        {
            "programme": programme,
            "axes": list(programme.axes.all()),
            "steps": list(programme.steps.all()),
            "managers": list(programme.managers.select_related("organisation")),
            "actions": actions,
            "phase_counts": [(reference, by_phase[reference.number]) for reference in PHASES],
            "gantt": programme_gantt(actions, today),
            "can_edit": access.can_edit_programme(request.user, programme),
            "can_add_action": access.can_add_action(request.user, programme),
            "today": today,
        },
    )


@login_required
@require_GET
def programme_matrix(request, pk):
    programme = object_for(request.user, Programme, pk=pk, select_related=("porteur",))
    actions = list(access.actions_visible_to(request.user).filter(programme=programme).order_by("code"))
    rows, unrated = matrix_rows(actions)
    return render(
        request,
        "actions/programme_matrix.html",
        {"programme": programme, "rows": rows, "unrated": unrated, "columns": range(1, 6)},
    )


@login_required
@require_GET
def programme_recap(request, pk):
    programme = object_for(request.user, Programme, pk=pk, select_related=("porteur",))
    actions = list(access.actions_visible_to(request.user).filter(programme=programme).order_by("code"))
    return render(request, "actions/programme_recap.html", {"programme": programme, "actions": actions})
