"""Views of calls: staff pages: selection."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import object_for, require
from core.form_errors import add_service_errors
from reports.shortcuts import request_document_and_redirect

from .. import access, selectors, services
from ..forms import SelectionForm, SelectionReopenForm
from ..models import Application, Call


def _posted_version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def call_selection(request, pk):
    """The selection in two steps: choose, then confirm what will happen (« Revenir au choix » keeps the choices)."""
    call = object_for(request.user, Call, pk=pk, **selectors.call_page())
    rows = selectors.selection_table(call)
    can_run = access.can_run_call(request.user, call)
    eligible_rows = [r for r in rows if r.application.eligibility == Application.Eligibility.ELIGIBLE]
    form = SelectionForm(
        request.POST or None,
        rows=eligible_rows,
        initial={
            **{
                f"selected_{r.application.pk}": r.application.status == Application.Status.SELECTED
                for r in eligible_rows
            },
            **{f"reason_{r.application.pk}": r.application.decision_reason for r in eligible_rows},
        },
    )
    plan = None
    if request.method == "POST":
        require(can_run)
        if "back" in request.POST:
            # Back to the choices, as posted: nothing is checked nor decided.
            return _render_selection(request, call, rows, form, can_run, status=200)
        if form.is_valid():
            try:
                if request.POST.get("confirm") == "1":
                    services.call_select(
                        call=call,
                        decisions=form.decisions(),
                        by=request.user,
                        expected_version=_posted_version(request),
                    )
                else:
                    plan = services.selection_plan(call=call, decisions=form.decisions())
            except (services.SelectionAlreadyDecided, services.SelectionChanged) as error:
                for message in error.messages:
                    messages.warning(request, message)
                if isinstance(error, services.SelectionAlreadyDecided):
                    return redirect(call.get_absolute_url())
                return redirect(reverse("calls:call_selection", args=[call.pk]))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if plan is None:
                    messages.success(
                        request, _("The selection is decided: the applicants have been notified.")
                    )
                    return redirect(call.get_absolute_url())
    return _render_selection(
        request, call, rows, form, can_run, plan=plan, status=400 if form.errors else 200
    )


def _render_selection(request, call, rows, form, can_run, *, plan=None, status=200):
    return render(
        request,
        "calls/call_selection.html",
        {
            "call": call,
            "rows": rows,
            "form": form,
            "can_run": can_run,
            "window": call.window_status(),
            "plan": plan,
            "reopening": None if call.decided_at else selectors.last_reopening(call),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_selection_reopen(request, pk):
    """Confirm page of « Rouvrir la sélection », with the reason kept in the call's history."""
    call = object_for(request.user, Call, pk=pk, may="change")
    form = SelectionReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_selection_reopen(call=call, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The selection is reopened: correct the decisions, then decide it again.")
            )
            return redirect(reverse("calls:call_selection", args=[call.pk]))
    return render(
        request,
        "calls/call_selection_reopen.html",
        {"call": call, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def call_selection_pdf(request, pk):
    call = object_for(request.user, Call, pk=pk)
    return request_document_and_redirect(
        request,
        kind="calls.selection_table",
        target=call,
        title=_("Selection table — %(call)s") % {"call": call},
    )
