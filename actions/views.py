"""Programme and action pages.

Who sees what: an action's team and its programme's managers edit it; readers granted
by other apps (committee members through governance) read it; anybody else gets a
404. A reader who posts gets a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import get_visible_or_404, object_for
from core.conflicts import EditConflict
from core.form_errors import error_text, form_errors_as_messages
from core.idempotency import create_once, replay_of
from core.tabular import ImportRejected, csv_response_rows
from reports.shortcuts import request_document_and_redirect

from . import access, selectors, services
from .filters import ActionFilter
from .forms import (
    ActionCreateForm,
    ActionForm,
    AxisFormSet,
    DeliverableForm,
    DeliverableStatusForm,
    DeliverableUploadForm,
    DeliverableValidateForm,
    FicheRestoreForm,
    FinancingLineFormSet,
    ParticipationForm,
    ParticipationImportForm,
    PhaseAdvanceForm,
    PhaseForm,
    ProgrammeChoiceForm,
    ProgrammeForm,
    ReopenForm,
    StepFormSet,
    SuccessConditionFormSet,
    TeamFormSet,
    TextItemFormSet,
    text_items_initial,
)
from .models import CollectiveAction, Deliverable, Participation, Programme
from .phases import PHASE_COUNT, PHASES
from .presenters import action_context, matrix_rows
from .storage import file_download
from .timeline import programme_gantt

PAGE_SIZE = 25


# --- Actions -------------------------------------------------------------------------
@login_required
@require_GET
def action_list(request):
    visible = access.actions_visible_to(request.user)
    filterset = ActionFilter(request.GET or None, queryset=selectors.actions_for_user(request.user), visible=visible)
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
    programme = programmes.filter(pk=programme_id).first() if programme_id and programme_id.isdigit() else None
    if programme is None:
        choice = ProgrammeChoiceForm(programmes=programmes)
        return render(request, "actions/action_create.html", {"choice_form": choice})
    form = ActionCreateForm(request.POST or None, programme=programme, instance=CollectiveAction(programme=programme))
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "themes"}
        try:
            action, replay = create_once(request, form, lambda: services.action_create(
                by=request.user, programme=programme, themes=form.cleaned_data["themes"], **data,
            ), url=lambda action: reverse("actions:action_edit", args=[action.pk]))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if replay:
                return replay
            messages.success(request, _("The action is created with its 7 phases: complete its fiche."))
            return redirect("actions:action_edit", pk=action.pk)
    return render(request, "actions/action_create.html", {"form": form, "programme": programme})


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
        current_row = next((row for row in context["phase_rows"] if row["phase"].number == action.current_phase_number), None)
        context.update(
            forward_blocker=services.forward_blocker(action, closing=action.current_phase_number == PHASE_COUNT),
            back_blocker=services.back_blocker(action),
            missing_required=[
                d for d in (current_row["deliverables"] if current_row else [])
                if d.is_required and d.status != Deliverable.Status.VALIDATED
            ],
        )
    return render(request, "actions/action_detail.html", context)


def _save_lines(formset, *, by, save, delete):
    """Save a validated inline formset line by line through the services (deletions first, so
    that a removed number may be taken again), each change recorded in its object's history."""
    changed = formset.save(commit=False)
    for obj in formset.deleted_objects:
        delete(obj, by)
    for obj in changed:
        save(obj, by)


def _save_programme_lines(formsets, *, by):
    _save_lines(
        formsets["axes"], by=by,
        save=lambda obj, by: services.programme_axis_save(axis=obj, by=by),
        delete=lambda obj, by: services.programme_axis_delete(axis=obj, by=by),
    )
    _save_lines(
        formsets["steps"], by=by,
        save=lambda obj, by: services.programme_step_save(step=obj, by=by),
        delete=lambda obj, by: services.programme_step_delete(step=obj, by=by),
    )


def _fiche_formsets(action, data=None):
    return {
        "objectives": TextItemFormSet(data, prefix="objectifs", initial=text_items_initial(action.objectives)),
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
                with transaction.atomic():
                    action = form.save(commit=False)
                    action.objectives = formsets["objectives"].items()
                    action.means = formsets["means"].items()
                    action.steps = formsets["steps"].items()
                    services.action_update(action=action, by=request.user, themes=form.cleaned_data["themes"],
                                           expected_version=form.expected_version)
                    _save_lines(
                        formsets["conditions"], by=request.user,
                        save=lambda obj, by: services.success_condition_save(condition=obj, by=by),
                        delete=lambda obj, by: services.success_condition_delete(condition=obj, by=by),
                    )
                    for name in ("financing", "team"):
                        formsets[name].save()
                    services.success_conditions_renumber(action=action, by=request.user)
            except EditConflict as conflict:
                form.show_conflict(conflict)
                action.refresh_from_db()
                # A list only the other person changed comes back as they left it, so saving again keeps it.
                for name, prefix in (("objectives", "objectifs"), ("means", "moyens"), ("steps", "etapes")):
                    if name in conflict.merged:
                        formsets[name] = TextItemFormSet(prefix=prefix, initial=text_items_initial(conflict.merged[name]))
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
    entries = selectors.action_history_entries(action, can_restore=access.can_edit_action(request.user, action))
    return render(
        request, "actions/action_history.html",
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
                action=action, record_id=record.history_id, by=request.user, expected_version=form.expected_version
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if changed:
                messages.success(request, _("The texts of this version are restored: it is a new version of the fiche."))
            else:
                messages.info(request, _("The fiche already has the texts of this version: nothing changed."))
            return redirect("actions:action_history", pk=action.pk)
    return render(request, "actions/action_restore.html", {
        "action": action, "record": record, "form": form,
        "differences": selectors.fiche_text_differences(action, record),
    })


@login_required
@require_POST
def action_follow(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=("programme",))
    follow = request.POST.get("follow") == "1"
    services.action_follow(action=action, by=request.user, follow=follow)
    messages.success(request, _("You follow this action.") if follow else _("You no longer follow this action."))
    return redirect(action)


# --- Phases --------------------------------------------------------------------------
def _posted_reason(request, form) -> str | None:
    """The override reason when the form asked for it (None otherwise: the service then refuses
    a move with missing deliverables, saying why)."""
    if "override_reason" not in form.fields or "override_reason" not in request.POST:
        return None
    return form.cleaned_data.get("override_reason") or ""


def _move_forward(request, pk, *, closing: bool):
    """The confirmation page of a move forward (next phase, or closing from the last one), and the move."""
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    phases = {p.number: p for p in action.phases.all()}
    current = phases[action.current_phase_number]
    missing = [d for d in current.deliverables.order_by("pk") if d.is_required and d.status != Deliverable.Status.VALIDATED]
    blocker = services.forward_blocker(action, closing=closing)
    label = _("Close the action") if closing else _("Move on to the next phase")
    form = PhaseAdvanceForm(
        request.POST if request.method == "POST" else None, needs_reason=bool(missing) and not blocker,
        submit_label=label, initial={"phase": action.current_phase_number},
    )
    refusal = ""
    if request.method == "POST":
        if not form.is_valid():
            refusal = " ".join(str(e) for errors in form.errors.values() for e in errors)
        else:
            expected = form.cleaned_data.get("phase")
            reason = _posted_reason(request, form)
            try:
                if closing:
                    services.action_close(action=action, by=request.user, override_reason=reason, expected_number=expected)
                else:
                    following = services.phase_advance(
                        action=action, by=request.user, override_reason=reason, expected_number=expected,
                    )
            except services.AlreadyMoved as exc:
                messages.info(request, error_text(exc))
                return redirect(action)
            except ValidationError as exc:
                refusal = error_text(exc)
            else:
                if closing:
                    messages.success(request, _("The action is closed."))
                else:
                    messages.success(
                        request,
                        _("The action is now in the phase « %(phase)s ».") % {"phase": following.reference.name},
                    )
                return redirect(action)
    following = phases.get(action.current_phase_number + 1)
    return render(
        request,
        "actions/phase_advance.html",
        {"action": action, "current": current, "following": following, "missing": missing, "refusal": refusal,
         "blocker": blocker, "form": form, "closing": closing, "today": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def phase_advance(request, pk):
    return _move_forward(request, pk, closing=False)


@login_required
@require_http_methods(["GET", "POST"])
def action_close(request, pk):
    return _move_forward(request, pk, closing=True)


def _move_back(request, pk, *, whole_action: bool):
    """The page of a way back (the previous phase, or a closed action), with its required reason."""
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    phases = {p.number: p for p in action.phases.all()}
    current = phases[action.current_phase_number]
    blocker = services.reopen_blocker(action) if whole_action else services.back_blocker(action)
    label = _("Reopen the action") if whole_action else _("Reopen the previous phase")
    form = ReopenForm(
        request.POST if request.method == "POST" else None, submit_label=label,
        initial={"phase": action.current_phase_number},
    )
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if whole_action:
                services.action_reopen(action=action, by=request.user, reason=reason)
            else:
                reopened = services.phase_reopen(
                    action=action, by=request.user, reason=reason, expected_number=form.cleaned_data.get("phase"),
                )
        except services.AlreadyMoved as exc:
            messages.info(request, error_text(exc))
            return redirect(action)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if whole_action:
                messages.success(request, _("The action is reopened: it is ongoing again in its last phase."))
            else:
                messages.success(
                    request, _("The phase « %(phase)s » is in progress again.") % {"phase": reopened.reference.name}
                )
            return redirect(action)
    return render(
        request,
        "actions/phase_reopen.html",
        {"action": action, "current": current, "previous": phases.get(action.current_phase_number - 1),
         "blocker": blocker, "form": form, "whole_action": whole_action, "today": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def phase_reopen(request, pk):
    return _move_back(request, pk, whole_action=False)


@login_required
@require_http_methods(["GET", "POST"])
def action_reopen(request, pk):
    return _move_back(request, pk, whole_action=True)


@login_required
@require_http_methods(["GET", "POST"])
def phase_edit(request, pk, number):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    phase = get_visible_or_404(action.phases.all(), number=number)
    form = PhaseForm(request.POST or None, instance=phase)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_update(phase=phase, by=request.user, expected_version=form.expected_version,
                                  **form.cleaned_data)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("The phase dates are saved."))
            return redirect(f"{action.get_absolute_url()}#phase-{phase.number}")
    return render(request, "actions/phase_form.html", {"action": action, "phase": phase, "form": form})


# --- Deliverables --------------------------------------------------------------------
def _deliverable(action, deliverable_pk) -> Deliverable:
    return get_visible_or_404(
        action.deliverables.select_related("phase", "validated_by", "uploaded_by"), pk=deliverable_pk
    )


def _deliverable_page(request, action, deliverable, **forms):
    can_edit = access.can_edit_action(request.user, action)
    context = {
        "action": action,
        "deliverable": deliverable,
        "can_edit": can_edit,
        "upload_form": forms.get("upload_form") or DeliverableUploadForm(),
        "validate_form": forms.get("validate_form") or DeliverableValidateForm(),
        "status_form": forms.get("status_form") or DeliverableStatusForm(initial={"status": deliverable.status}),
        "history": deliverable.history.select_related("history_user").order_by("-history_date")[:30],
    }
    return render(request, "actions/deliverable_detail.html", context)


@login_required
@require_GET
def deliverable_detail(request, pk, deliverable_pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=("programme",))
    return _deliverable_page(request, action, _deliverable(action, deliverable_pk))


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_create(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    form = DeliverableForm(request.POST or None, action=action,
                           initial={"phase": action.phases.filter(number=action.current_phase_number).first()})
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        phase = data.pop("phase")
        deliverable, replay = create_once(
            request, form, lambda: services.deliverable_create(action=action, phase=phase, by=request.user, **data)
        )
        if replay:
            return replay
        messages.success(request, _("The deliverable is added."))
        return redirect(deliverable)
    return render(request, "actions/deliverable_form.html", {"action": action, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_edit(request, pk, deliverable_pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    deliverable = _deliverable(action, deliverable_pk)
    form = DeliverableForm(request.POST or None, action=action, instance=deliverable)
    if request.method == "POST" and form.is_valid():
        try:
            services.deliverable_update(deliverable=deliverable, by=request.user,
                                        expected_version=form.expected_version, **form.cleaned_data)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("The deliverable is saved."))
            return redirect(deliverable)
    return render(request, "actions/deliverable_form.html", {"action": action, "form": form, "deliverable": deliverable})


@login_required
@require_POST
def deliverable_upload(request, pk, deliverable_pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    deliverable = _deliverable(action, deliverable_pk)
    form = DeliverableUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.deliverable_upload(deliverable=deliverable, upload=form.cleaned_data["file"], by=request.user)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("The file is uploaded: the deliverable is submitted for validation."))
            return redirect(deliverable)
    return _deliverable_page(request, action, deliverable, upload_form=form)


@login_required
@require_POST
def deliverable_validate(request, pk, deliverable_pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    deliverable = _deliverable(action, deliverable_pk)
    form = DeliverableValidateForm(request.POST)
    if form.is_valid():
        try:
            services.deliverable_validate(deliverable=deliverable, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The deliverable is validated."))
            return redirect(deliverable)
    if _hides_status_forms(deliverable):
        form_errors_as_messages(request, form)
    return _deliverable_page(request, action, deliverable, validate_form=form)


def _hides_status_forms(deliverable) -> bool:
    """A validated deliverable's page shows neither the validation nor the status form."""
    return deliverable.status == Deliverable.Status.VALIDATED


@login_required
@require_POST
def deliverable_status(request, pk, deliverable_pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    deliverable = _deliverable(action, deliverable_pk)
    form = DeliverableStatusForm(request.POST)
    if form.is_valid():
        try:
            services.deliverable_set_status(deliverable=deliverable, status=form.cleaned_data["status"], by=request.user)
        except ValidationError as exc:
            form.add_error("status", exc)
        else:
            messages.success(request, _("The status of the deliverable is changed."))
            return redirect(deliverable)
    if _hides_status_forms(deliverable):
        form_errors_as_messages(request, form)
    return _deliverable_page(request, action, deliverable, status_form=form)


@login_required
@require_POST
def deliverable_publish(request, pk, deliverable_pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    deliverable = _deliverable(action, deliverable_pk)
    try:
        services.deliverable_publish(deliverable=deliverable, by=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The deliverable is published: the team and the followers are notified."))
    return redirect(deliverable)


@login_required
@require_GET
def deliverable_download(request, pk, deliverable_pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=("programme",))
    deliverable = _deliverable(action, deliverable_pk)
    return file_download(deliverable.file, kind=deliverable.file_kind, stem=deliverable.file_stem)


# --- Participations ------------------------------------------------------------------
@login_required
@require_GET
def participation_list(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=("programme",))
    participations = action.participations.select_related("organisation").order_by("group", "organisation__name")
    return render(
        request, "actions/participation_list.html",
        {"action": action, "participations": participations, "can_edit": access.can_edit_action(request.user, action),
         "import_form": ParticipationImportForm(), "figures": selectors.action_figures(action)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def participation_create(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    form = ParticipationForm(request.POST or None, action=action, instance=Participation(action=action))
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid():
        _participation, replay = create_once(
            request, form, lambda: services.participation_save(participation=form.save(commit=False), by=request.user),
            url=lambda _participation: reverse("actions:participation_list", args=[action.pk]),
        )
        if replay:
            return replay
        messages.success(request, _("The company is added to the action."))
        return redirect("actions:participation_list", pk=action.pk)
    return render(request, "actions/participation_form.html", {"action": action, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def participation_edit(request, pk, participation_pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    participation = get_visible_or_404(action.participations.select_related("organisation"), pk=participation_pk)
    form = ParticipationForm(request.POST or None, action=action, instance=participation)
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_save(participation=form.save(commit=False), by=request.user,
                                        expected_version=form.expected_version)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("The company's participation is saved."))
            return redirect("actions:participation_list", pk=action.pk)
    return render(
        request, "actions/participation_form.html", {"action": action, "form": form, "participation": participation}
    )


@login_required
@require_http_methods(["GET", "POST"])
def participation_import(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    form = ParticipationImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            count = services.participation_import(action=action, upload=form.cleaned_data["file"], by=request.user)
        except ImportRejected as exc:
            errors = exc.errors
        else:
            messages.success(request, _("%(count)s companies imported.") % {"count": count})
            return redirect("actions:participation_list", pk=action.pk)
    return render(
        request, "actions/participation_import.html",
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


# --- PDFs ----------------------------------------------------------------------------
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


# --- Programmes ----------------------------------------------------------------------
@login_required
@require_GET
def programme_list(request):
    programmes = selectors.programmes_for_user(request.user)
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "actions/programme_list.html",
        {"page_obj": page, "programmes": page.object_list, "can_create": access.can_add_programme(request.user)},
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
            with transaction.atomic():
                programme = services.programme_create(by=request.user, **form.cleaned_data)
                bound = _programme_formsets(programme, request.POST)
                for formset in bound.values():
                    formset.is_valid()
                _save_programme_lines(bound, by=request.user)
            return programme

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
            with transaction.atomic():
                services.programme_update(programme=programme, by=request.user,
                                          expected_version=form.expected_version, **form.cleaned_data)
                _save_programme_lines(formsets, by=request.user)
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
        request, "actions/programme_detail.html",
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
        request, "actions/programme_matrix.html",
        {"programme": programme, "rows": rows, "unrated": unrated, "columns": range(1, 6)},
    )


@login_required
@require_GET
def programme_recap(request, pk):
    programme = object_for(request.user, Programme, pk=pk, select_related=("porteur",))
    actions = list(access.actions_visible_to(request.user).filter(programme=programme).order_by("code"))
    return render(request, "actions/programme_recap.html", {"programme": programme, "actions": actions})
