"""Views of calls: staff pages: calls."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.models import Programme, ProgrammeAxis
from core.access import object_for
from core.idempotency import creation_response

from .. import access, selectors, services
from ..forms import CallForm, EligibilityFormSet, PriorityFormSet
from ..models import Call


@login_required
@require_GET
def call_list(request):
    """Lists only the calls the user runs or reviews (empty for anybody else: it reveals nothing)."""
    calls = selectors.calls_for_user(request.user)
    can_create = access.can_add_call(request.user)
    return render(request, "calls/call_list.html", {"calls": calls, "can_create": can_create})


def _criteria_formsets(data, call, axes):
    """The criteria as posted (`data`), or as stored when `data` is None."""
    if data is not None:
        eligibility = EligibilityFormSet(data, prefix="eligibilite")
        priorities = PriorityFormSet(data, prefix="priorite", form_kwargs={"axes": axes})
    else:
        eligibility = EligibilityFormSet(
            prefix="eligibilite",
            initial=[{"text": c.text} for c in call.eligibility_criteria.all()] if call.pk else [],
        )
        priorities = PriorityFormSet(
            prefix="priorite",
            form_kwargs={"axes": axes},
            initial=[
                {"text": c.text, "axis": c.axis, "weight": c.weight} for c in call.priority_criteria.all()
            ]
            if call.pk
            else [],
        )
    return eligibility, priorities


def _call_form_view(request, call: Call):
    programmes = access.programmes_open_to_new_calls_by(request.user)
    if call.pk:
        programmes = Programme.objects.filter(pk=call.programme_id)
    axes = ProgrammeAxis.objects.filter(programme__in=programmes).select_related("programme")
    form = CallForm(request.POST or None, instance=call, programmes=programmes)
    eligibility, priorities = _criteria_formsets(
        request.POST if request.method == "POST" else None, call, axes
    )

    def save() -> Call:
        return services.call_save(
            call=form.save(commit=False),
            by=request.user,
            axes=list(form.cleaned_data["axes"]),
            eligibility=[f.cleaned_data["text"].strip() for f in eligibility if f.cleaned_data.get("text")],
            priorities=[
                services.PriorityInput(
                    text=f.cleaned_data["text"].strip(),
                    weight=f.cleaned_data.get("weight") or 1,
                    axis=f.cleaned_data.get("axis"),
                )
                for f in priorities
                if f.cleaned_data.get("text")
            ],
            expected_version=form.expected_version,
            criteria_seen=form.list_seen,
        )

    response = creation_response(
        request, form, save, message=_("The call has been saved."), formsets=(eligibility, priorities)
    )
    if response is not None:
        return response
    conflict = getattr(form, "conflict", None)
    if conflict is not None and conflict.merged.get("criteria"):  # only the other person changed them: theirs
        eligibility, priorities = _criteria_formsets(None, call, axes)
    return render(
        request,
        "calls/call_form.html",
        {"form": form, "eligibility": eligibility, "priorities": priorities, "call": call},
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request):
    if not access.can_add_call(request.user):
        raise Http404
    return _call_form_view(request, Call())


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request, pk):
    call = object_for(request.user, Call, pk=pk, may="change", **selectors.call_page())
    return _call_form_view(request, call)


@login_required
@require_GET
def call_detail(request, pk):
    call = object_for(request.user, Call, pk=pk, **selectors.call_page())
    rows = selectors.selection_table(call)
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "rows": rows,
            "window": call.window_status(),
            "can_run": access.can_run_call(request.user, call),
            "reopening": None if call.decided_at else selectors.last_reopening(call),
            "public_url": request.build_absolute_uri(call.get_public_url()),
        },
    )


@login_required
@require_POST
def call_publish(request, pk):
    call = object_for(request.user, Call, pk=pk, may="change")
    publish = request.POST.get("publish") == "1"
    try:
        services.call_publish(call=call, publish=publish, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The call is online.") if publish else _("The call is offline."))
    return redirect(call.get_absolute_url())
