"""Views of actions: actions, pdfs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import get_visible_or_404, object_for
from core.conflicts import EditConflict
from core.form_errors import add_service_errors
from core.idempotency import creation_response
from reports.shortcuts import request_document_and_redirect

from .. import access, selectors, services
from ..filters import ActionFilter
from ..forms import (
    ActionCreateForm,
    ActionForm,
    FicheRestoreForm,
    FinancingLineFormSet,
    ProgrammeChoiceForm,
    SuccessConditionFormSet,
    TeamFormSet,
    TextItemFormSet,
    text_items_initial,
)
from ..models import CollectiveAction, Deliverable, Programme
from ..phases import PHASE_COUNT
from ..presenters import action_context
from ._common import PAGE_SIZE, line_changes


@login_required
@require_GET
def action_list(request):
    visible = access.actions_visible_to(request.user)
    filterset = ActionFilter(
        request.GET or None, queryset=selectors.actions_for_user(request.user), visible=visible
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "actions/action_list.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "actions": page.object_list,
            "can_create": access.programmes_open_to_new_actions_by(request.user).exists(),
            "sort": request.GET.get("tri", ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request):
    programmes = access.programmes_open_to_new_actions_by(request.user).order_by("name")
    if not programmes.exists():
        raise PermissionDenied
    programme_id = request.POST.get("programme") or request.GET.get("programme")
    programme = (
        programmes.filter(pk=programme_id).first() if programme_id and programme_id.isdigit() else None
    )
    if programme is None:
        choice = ProgrammeChoiceForm(programmes=programmes)
        return render(request, "actions/action_create.html", {"choice_form": choice})
    form = ActionCreateForm(
        request.POST or None, programme=programme, instance=CollectiveAction(programme=programme)
    )
    response = creation_response(
        request,
        form,
        lambda: services.action_create(
            by=request.user,
            programme=programme,
            themes=form.cleaned_data["themes"],
            **{k: v for k, v in form.cleaned_data.items() if k != "themes"},
        ),
        message=_("The action is created with its 7 phases: complete its fiche."),
        url=lambda action: reverse("actions:action_edit", args=[action.pk]),
    )
    return response or render(request, "actions/action_create.html", {"form": form, "programme": programme})


@login_required
@require_GET
def action_detail(request, pk):
    action = get_visible_or_404(selectors.action_detail_for_user(request.user), pk=pk)
    context = action_context(action)
    can_edit = access.can_edit_action(request.user, action)
    context.update(
        can_edit=can_edit,
        is_following=action.followers.filter(pk=request.user.pk).exists(),
        advance_url=reverse("actions:phase_advance", args=[action.pk]),
    )
    if can_edit:
        current_row = next(
            (row for row in context["phase_rows"] if row["phase"].number == action.current_phase_number), None
        )
        context.update(
            forward_blocker=services.forward_blocker(
                action, closing=action.current_phase_number == PHASE_COUNT
            ),
            back_blocker=services.back_blocker(action),
            missing_required=[
                d
                for d in (current_row["deliverables"] if current_row else [])
                if d.is_required and d.status != Deliverable.Status.VALIDATED
            ],
        )
    return render(request, "actions/action_detail.html", context)


def _fiche_formsets(action, data=None):
    return {
        "objectives": TextItemFormSet(
            data, prefix="objectifs", initial=text_items_initial(action.objectives)
        ),
        "means": TextItemFormSet(data, prefix="moyens", initial=text_items_initial(action.means)),
        "steps": TextItemFormSet(data, prefix="etapes", initial=text_items_initial(action.steps)),
        "conditions": SuccessConditionFormSet(data, instance=action, prefix="conditions"),
        "financing": FinancingLineFormSet(data, instance=action, prefix="financements"),
        "team": TeamFormSet(data, instance=action, prefix="equipe"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    form = ActionForm(request.POST or None, instance=action, programme=action.programme)
    formsets = _fiche_formsets(action, request.POST or None)
    if request.method == "POST":
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            try:
                services.action_fiche_save(
                    action=form.save(commit=False),
                    by=request.user,
                    themes=form.cleaned_data["themes"],
                    expected_version=form.expected_version,
                    objectives=formsets["objectives"].items(),
                    means=formsets["means"].items(),
                    steps=formsets["steps"].items(),
                    conditions=line_changes(formsets["conditions"]),
                    financing=line_changes(formsets["financing"]),
                    team=line_changes(formsets["team"]),
                )
            except EditConflict as conflict:
                form.show_conflict(conflict)
                action.refresh_from_db()
                # A list only the other person changed comes back as they left it, so saving again keeps it.
                for name, prefix in (("objectives", "objectifs"), ("means", "moyens"), ("steps", "etapes")):
                    if name in conflict.merged:
                        formsets[name] = TextItemFormSet(
                            prefix=prefix, initial=text_items_initial(conflict.merged[name])
                        )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The fiche-action is saved."))
                return redirect(action)
        else:
            messages.error(request, _("Some fields need correcting: see the messages below."))
    return render(request, "actions/action_form.html", {"action": action, "form": form, **formsets})


@login_required
@require_GET
def action_history(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=("programme",))
    entries = selectors.action_history_entries(
        action, can_restore=access.can_edit_action(request.user, action)
    )
    return render(
        request,
        "actions/action_history.html",
        {"action": action, "entries": entries, "transitions": action.transitions.select_related("by")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_restore(request, pk, history_id):
    """Bring back the fiche's texts of an earlier version: their texts side by side, then a confirmation."""
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    record = get_visible_or_404(
        action.history.exclude(history_type="-").select_related("history_user"), history_id=history_id
    )
    form = FicheRestoreForm(request.POST or None, versioned=action)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.action_text_restore(
                action=action,
                record_id=record.history_id,
                by=request.user,
                expected_version=form.expected_version,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if changed:
                messages.success(
                    request, _("The texts of this version are restored: it is a new version of the fiche.")
                )
            else:
                messages.info(request, _("The fiche already has the texts of this version: nothing changed."))
            return redirect("actions:action_history", pk=action.pk)
    return render(
        request,
        "actions/action_restore.html",
        {
            "action": action,
            "record": record,
            "form": form,
            "differences": selectors.fiche_text_differences(action, record),
        },
    )


@login_required
@require_POST
def action_follow(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=("programme",))
    follow = request.POST.get("follow") == "1"
    services.action_follow(action=action, by=request.user, follow=follow)
    messages.success(
        request, _("You follow this action.") if follow else _("You no longer follow this action.")
    )
    return redirect(action)


@login_required
@require_POST
def action_fiche_pdf(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=("programme",))
    return request_document_and_redirect(request, kind="actions.fiche", target=action)


@login_required
@require_POST
def programme_recap_pdf(request, pk):
    programme = object_for(request.user, Programme, pk=pk, select_related=("porteur",))
    return request_document_and_redirect(request, kind="actions.recap", target=programme)
