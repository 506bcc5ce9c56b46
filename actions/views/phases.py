"""Views of actions: phases."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.access import get_visible_or_404, object_for
from core.form_errors import error_text
from core.idempotency import edit_response

from .. import services
from ..forms import PhaseAdvanceForm, PhaseForm, ReopenForm
from ..models import CollectiveAction, Deliverable


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
    missing = [
        d
        for d in current.deliverables.order_by("pk")
        if d.is_required and d.status != Deliverable.Status.VALIDATED
    ]
    blocker = services.forward_blocker(action, closing=closing)
    label = _("Close the action") if closing else _("Move on to the next phase")
    form = PhaseAdvanceForm(
        request.POST if request.method == "POST" else None,
        needs_reason=bool(missing) and not blocker,
        submit_label=label,
        initial={"phase": action.current_phase_number},
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
                    services.action_close(
                        action=action, by=request.user, override_reason=reason, expected_number=expected
                    )
                else:
                    following = services.phase_advance(
                        action=action,
                        by=request.user,
                        override_reason=reason,
                        expected_number=expected,
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
                        _("The action is now in the phase « %(phase)s ».")
                        % {"phase": following.reference.name},
                    )
                return redirect(action)
    following = phases.get(action.current_phase_number + 1)
    return render(
        request,
        "actions/phase_advance.html",
        {
            "action": action,
            "current": current,
            "following": following,
            "missing": missing,
            "refusal": refusal,
            "blocker": blocker,
            "form": form,
            "closing": closing,
            "today": timezone.localdate(),
        },
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
        request.POST if request.method == "POST" else None,
        submit_label=label,
        initial={"phase": action.current_phase_number},
    )
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if whole_action:
                services.action_reopen(action=action, by=request.user, reason=reason)
            else:
                reopened = services.phase_reopen(
                    action=action,
                    by=request.user,
                    reason=reason,
                    expected_number=form.cleaned_data.get("phase"),
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
                    request,
                    _("The phase « %(phase)s » is in progress again.") % {"phase": reopened.reference.name},
                )
            return redirect(action)
    return render(
        request,
        "actions/phase_reopen.html",
        {
            "action": action,
            "current": current,
            "previous": phases.get(action.current_phase_number - 1),
            "blocker": blocker,
            "form": form,
            "whole_action": whole_action,
            "today": timezone.localdate(),
        },
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
    response = edit_response(
        request,
        form,
        lambda: services.phase_update(
            phase=phase, by=request.user, expected_version=form.expected_version, **form.cleaned_data
        ),
        message=_("The phase dates are saved."),
        to=f"{action.get_absolute_url()}#phase-{phase.number}",
    )
    return response or render(
        request, "actions/phase_form.html", {"action": action, "phase": phase, "form": form}
    )
