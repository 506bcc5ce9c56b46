"""Views of actions: deliverables."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import get_visible_or_404, object_for
from core.form_errors import error_text, form_errors_as_messages
from core.idempotency import creation_response, edit_response

from .. import access, services
from ..forms import DeliverableForm, DeliverableStatusForm, DeliverableUploadForm, DeliverableValidateForm
from ..models import CollectiveAction, Deliverable
from ..storage import file_download


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
        "status_form": forms.get("status_form")
        or DeliverableStatusForm(initial={"status": deliverable.status}),
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
    form = DeliverableForm(
        request.POST or None,
        action=action,
        initial={"phase": action.phases.filter(number=action.current_phase_number).first()},
    )
    response = creation_response(
        request,
        form,
        lambda: services.deliverable_create(
            action=action,
            by=request.user,
            **form.cleaned_data,
        ),
        message=_("The deliverable is added."),
    )
    return response or render(request, "actions/deliverable_form.html", {"action": action, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_edit(request, pk, deliverable_pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    deliverable = _deliverable(action, deliverable_pk)
    form = DeliverableForm(request.POST or None, action=action, instance=deliverable)
    response = edit_response(
        request,
        form,
        lambda: services.deliverable_update(
            deliverable=deliverable,
            by=request.user,
            expected_version=form.expected_version,
            **form.cleaned_data,
        ),
        message=_("The deliverable is saved."),
        to=deliverable,
    )
    return response or render(
        request, "actions/deliverable_form.html", {"action": action, "form": form, "deliverable": deliverable}
    )


@login_required
@require_POST
def deliverable_upload(request, pk, deliverable_pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    deliverable = _deliverable(action, deliverable_pk)
    form = DeliverableUploadForm(request.POST, request.FILES)
    if done := edit_response(
        request,
        form,
        lambda: services.deliverable_upload(
            deliverable=deliverable, upload=form.cleaned_data["file"], by=request.user
        ),
        message=_("The file is uploaded: the deliverable is submitted for validation."),
        to=deliverable,
        field="file",
    ):
        return done
    return _deliverable_page(request, action, deliverable, upload_form=form)


@login_required
@require_POST
def deliverable_validate(request, pk, deliverable_pk):
    action = object_for(request.user, CollectiveAction, pk=pk, may="change", select_related=("programme",))
    deliverable = _deliverable(action, deliverable_pk)
    form = DeliverableValidateForm(request.POST)
    if done := edit_response(
        request,
        form,
        lambda: services.deliverable_validate(
            deliverable=deliverable, by=request.user, note=form.cleaned_data["note"]
        ),
        message=_("The deliverable is validated."),
        to=deliverable,
    ):
        return done
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
    if done := edit_response(
        request,
        form,
        lambda: services.deliverable_set_status(
            deliverable=deliverable, status=form.cleaned_data["status"], by=request.user
        ),
        message=_("The status of the deliverable is changed."),
        to=deliverable,
        field="status",
    ):
        return done
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
