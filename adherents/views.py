"""Thin views: fetch through core's lookup from `adherents.access` (404 outside the user's
reach, 403 seen but not allowed), validate a form, call one service, redirect with a French message."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import get_visible_or_404, object_for, require
from core.client import rate_limited
from core.conflicts import EditConflict
from core.form_errors import add_service_errors
from core.idempotency import create_once, replay_of
from core.portal import portal_allowed
from reports.shortcuts import request_document_and_redirect

from . import access, selectors, services
from .filters import AdherentFilter
from .forms import (
    ActionPlanItemForm,
    AdherentForm,
    ApplicationRejectForm,
    ApplicationValidateForm,
    ComplaintForm,
    ContactAttemptForm,
    MembershipApplicationForm,
    PortalContactsForm,
    PreventionVisitForm,
    RestitutionSentForm,
    StaffNoteForm,
    StepCompleteForm,
    SurveyAnswerForm,
    WorkUnitForm,
)
from .models import (
    ActionPlanItem,
    Adherent,
    Complaint,
    MembershipApplication,
    PreventionVisit,
    Survey,
    SurveyResponse,
    WorkUnit,
    WorkUnitPhoto,
)
from .survey_exports import XLSX_CONTENT_TYPE, survey_results_filename
from .survey_exports import survey_results_xlsx as survey_results_xlsx_bytes


def _staff_only(request) -> None:
    """The staff side exists only for service staff and administrators: others get a 404."""
    if not access.can_use_staff_side(request.user):
        raise Http404


def _posted(request):
    """The POST data of a POST (even empty, so that a blank form shows its errors), else None."""
    return request.POST if request.method == "POST" else None


# --- Member list and page ------------------------------------------------------------
@login_required
@require_GET
def adherent_list(request):
    _staff_only(request)
    today = timezone.localdate()
    base = selectors.adherent_list(request.user, today=today)
    filterset = AdherentFilter(request.GET or None, queryset=base, services=access.services_staffed_by(request.user))
    queryset = filterset.qs if filterset.is_bound else base
    page = Paginator(queryset, 30).get_page(request.GET.get("page"))
    counts = selectors.step_dashboard_counts(access.adherents_visible_to(request.user), today)
    return render(
        request,
        "adherents/adherent_list.html",
        {"filter": filterset, "page_obj": page, "adherents": page.object_list, "counts": counts, "today": today},
    )


@login_required
@require_GET
def adherent_detail(request, pk):
    _staff_only(request)
    adherent = object_for(request.user, Adherent, pk=pk, select_related=selectors.ADHERENT_RELATED)
    today = timezone.localdate()
    steps = selectors.trajectory(adherent)
    return render(
        request,
        "adherents/adherent_detail.html",
        {
            "adherent": adherent,
            "today": today,
            "groups": selectors.trajectory_groups(steps, today),
            "contacts": selectors.recent_contacts(adherent),
            "visits": selectors.visits_of(adherent),
            "action_items": list(adherent.action_items.select_related("visit")),
            "notes": list(adherent.staff_notes.select_related("author"))
            if access.can_read_staff_notes(request.user, adherent)
            else [],
            "changes": selectors.history_changes(adherent),
            "complaints": list(adherent.complaints.all()[:10]),
            "contact_form": ContactAttemptForm(adherent=adherent),
            "note_form": StaffNoteForm(),
        },
    )


@login_required
def adherent_edit(request, pk):
    _staff_only(request)
    adherent = object_for(request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED)
    form = AdherentForm(_posted(request), instance=adherent)
    if request.method == "POST" and form.is_valid():
        try:
            services.adherent_update(adherent=form.instance, by=request.user, data={},
                                     expected_version=form.expected_version)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The member file has been saved."))
            return redirect(adherent)
    return render(request, "adherents/form_page.html", {"form": form, "adherent": adherent, "title": _("Edit the member file")})


# --- Trajectory ----------------------------------------------------------------------
@login_required
def step_complete(request, pk, step_pk):
    _staff_only(request)
    adherent = object_for(request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED)
    instance = get_visible_or_404(adherent.steps.select_related("step", "adherent__unit"), pk=step_pk)
    form = StepCompleteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.step_complete(
                instance=instance,
                by=request.user,
                completed_on=form.cleaned_data["completed_on"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Step “%(step)s” marked as done.") % {"step": instance.step.name})
            return redirect(instance.adherent)
    return render(
        request,
        "adherents/form_page.html",
        {"form": form, "adherent": instance.adherent, "title": _("Complete the step: %(step)s") % {"step": instance.step.name}},
    )


@login_required
@require_POST
def step_reopen(request, pk, step_pk):
    _staff_only(request)
    adherent = object_for(request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED)
    instance = get_visible_or_404(adherent.steps.select_related("step", "adherent__unit"), pk=step_pk)
    services.step_reopen(instance=instance, by=request.user)
    messages.info(request, _("The step is open again."))
    return redirect(instance.adherent)


# --- Contacts and notes ------------------------------------------------------------
@login_required
def contact_create(request, pk):
    _staff_only(request)
    adherent = object_for(request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED)
    form = ContactAttemptForm(_posted(request), adherent=adherent)
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contacts_url = reverse("adherents:adherent_detail", args=[adherent.pk]) + "#contacts"
        try:
            _attempt, replay = create_once(request, form, lambda: services.contact_log(
                adherent=adherent,
                by=request.user,
                channel=data["channel"],
                outcome=data["outcome"],
                happened_at=data["happened_at"],
                person_reached=data["person_reached"],
                summary=data["summary"],
                step=data["step"],
            ), url=lambda _attempt: contacts_url, label=lambda _attempt: str(adherent))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if replay:
                return replay
            messages.success(request, _("The contact has been logged."))
            return redirect(reverse("adherents:adherent_detail", args=[adherent.pk]) + "#contacts")
    return render(request, "adherents/form_page.html", {"form": form, "adherent": adherent, "title": _("Log a contact")})


@login_required
def note_create(request, pk):
    _staff_only(request)
    adherent = object_for(request.user, Adherent, pk=pk, may="add_note", select_related=selectors.ADHERENT_RELATED)
    form = StaffNoteForm(_posted(request))
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid():
        try:
            _note, replay = create_once(
                request, form,
                lambda: services.staff_note_add(adherent=adherent, by=request.user, body=form.cleaned_data["body"]),
                url=lambda _note: reverse("adherents:adherent_detail", args=[adherent.pk]) + "#notes",
                label=lambda _note: str(adherent),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if replay:
                return replay
            messages.success(request, _("The note has been added (visible to the service's staff only)."))
            return redirect(reverse("adherents:adherent_detail", args=[adherent.pk]) + "#notes")
    return render(request, "adherents/form_page.html", {"form": form, "adherent": adherent, "title": _("Add a staff note")})


# --- Prevention visit --------------------------------------------------------------
@login_required
def visit_create(request, pk):
    _staff_only(request)
    adherent = object_for(request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED)
    visit = PreventionVisit(adherent=adherent, performed_by=request.user, physician=adherent.unit.physician if adherent.unit else "")
    form = PreventionVisitForm(_posted(request), instance=visit)
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid():
        try:
            _visit, replay = create_once(request, form, lambda: services.visit_save(visit=form.instance, by=request.user))
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if replay:
                return replay
            messages.success(request, _("The prevention visit has been recorded: add its work units."))
            return redirect(form.instance)
    return render(request, "adherents/visit_form.html", {"form": form, "adherent": adherent, "title": _("New prevention visit")})


@login_required
@require_GET
def visit_detail(request, pk):
    _staff_only(request)
    visit = object_for(request.user, PreventionVisit, pk=pk, select_related=selectors.VISIT_RELATED)
    units = selectors.work_units_with_hazards(visit)
    return render(
        request,
        "adherents/visit_detail.html",
        {
            "visit": visit,
            "adherent": visit.adherent,
            "units": units,
            "map": selectors.hazard_map(units),
            "action_items": list(visit.action_items.all()),
            "sent_form": RestitutionSentForm(),
        },
    )


@login_required
@require_GET
def visit_photo(request, pk):
    """A work-unit photo, served only to the staff who can see the visit (media has no public URL)."""
    _staff_only(request)
    photo = object_for(request.user, WorkUnitPhoto, pk=pk)
    try:
        handle = photo.image.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(handle, content_type=mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream")


@login_required
def visit_edit(request, pk):
    _staff_only(request)
    visit = object_for(request.user, PreventionVisit, pk=pk, may="change", select_related=selectors.VISIT_RELATED)
    form = PreventionVisitForm(_posted(request), instance=visit)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_save(visit=form.instance, by=request.user, expected_version=form.expected_version)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The prevention visit has been saved."))
            return redirect(visit)
    return render(request, "adherents/visit_form.html", {"form": form, "adherent": visit.adherent, "visit": visit, "title": _("Edit the prevention visit")})


def _work_unit_page(request, visit, unit):
    form = WorkUnitForm(_posted(request), request.FILES or None, instance=unit)
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid():
        try:
            _unit, replay = create_once(request, form, lambda: services.work_unit_save(
                unit=form.instance, by=request.user, hazards=form.hazards(), photo=form.photo_data(),
                expected_version=form.expected_version,
            ), url=lambda unit: unit.visit.get_absolute_url(), label=lambda unit: unit.name)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if replay:
                return replay
            messages.success(request, _("Work unit “%(name)s” saved.") % {"name": form.instance.name})
            if "add_another" in request.POST:
                return redirect("adherents:work_unit_create", pk=visit.pk)
            return redirect(visit)
    return render(request, "adherents/work_unit_form.html", {"form": form, "visit": visit, "adherent": visit.adherent})


@login_required
def work_unit_create(request, pk):
    _staff_only(request)
    visit = object_for(request.user, PreventionVisit, pk=pk, may="change", select_related=selectors.VISIT_RELATED)
    return _work_unit_page(request, visit, WorkUnit(visit=visit))


@login_required
def work_unit_edit(request, pk, unit_pk):
    _staff_only(request)
    visit = object_for(request.user, PreventionVisit, pk=pk, may="change", select_related=selectors.VISIT_RELATED)
    unit = get_visible_or_404(visit.work_units.prefetch_related("hazards"), pk=unit_pk)
    return _work_unit_page(request, visit, unit)


@login_required
@require_POST
def visit_document(request, pk, kind):
    _staff_only(request)
    visit = object_for(request.user, PreventionVisit, pk=pk, may="change", select_related=selectors.VISIT_RELATED)
    if kind not in ("restitution", "synthese"):
        raise Http404
    if not visit.work_units.exists():
        messages.error(request, _("Record at least one work unit before producing a document."))
        return redirect(visit)
    key = "adherents.restitution" if kind == "restitution" else "adherents.synthesis"
    return request_document_and_redirect(request, kind=key, target=visit)


@login_required
@require_POST
def restitution_sent(request, pk):
    _staff_only(request)
    visit = object_for(request.user, PreventionVisit, pk=pk, may="change", select_related=selectors.VISIT_RELATED)
    form = RestitutionSentForm(request.POST)
    if form.is_valid():
        try:
            services.restitution_mark_sent(visit=visit, by=request.user, sent_on=form.cleaned_data["sent_on"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The restitution is marked as sent: the member sees it on its portal."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(visit)


# --- Action plan -------------------------------------------------------------------
def _action_page(request, adherent, item):
    form = ActionPlanItemForm(_posted(request), instance=item, adherent=adherent)
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid():
        try:
            _item, replay = create_once(
                request, form,
                lambda: services.action_item_save(item=form.instance, by=request.user,
                                                  expected_version=form.expected_version),
                url=lambda _item: reverse("adherents:adherent_detail", args=[adherent.pk]) + "#plan",
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if replay:
                return replay
            messages.success(request, _("The action has been saved."))
            return redirect(reverse("adherents:adherent_detail", args=[adherent.pk]) + "#plan")
    return render(request, "adherents/form_page.html", {"form": form, "adherent": adherent, "title": _("Action plan")})


@login_required
def action_create(request, pk):
    _staff_only(request)
    adherent = object_for(request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED)
    visit = adherent.visits.filter(pk=request.GET.get("visite")).first() if request.GET.get("visite", "").isdigit() else None
    return _action_page(request, adherent, ActionPlanItem(adherent=adherent, visit=visit))


@login_required
def action_edit(request, pk, item_pk):
    _staff_only(request)
    adherent = object_for(request.user, Adherent, pk=pk, may="change", select_related=selectors.ADHERENT_RELATED)
    item = get_visible_or_404(adherent.action_items.all(), pk=item_pk)
    return _action_page(request, adherent, item)


# --- Membership applications -------------------------------------------------------
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
        {"page_obj": page, "applications": page.object_list, "status": status, "statuses": MembershipApplication.Status.choices},
    )


@login_required
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
            validate_form = ApplicationValidateForm(request.POST, service=application.service, prefix="valider")
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
                        application=application, by=request.user, reason=reject_form.cleaned_data["rejection_reason"]
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


# --- Surveys -----------------------------------------------------------------------
@login_required
@require_GET
def survey_list(request):
    _staff_only(request)
    from django.db.models import Count, Q

    surveys = selectors.surveys_for_user(request.user).annotate(
        reached=Count("responses", filter=Q(responses__reached=True)),
        unreachable=Count("responses", filter=Q(responses__reached=False)),
    )
    return render(request, "adherents/survey_list.html", {"surveys": surveys})


@login_required
@require_GET
def survey_results(request, pk):
    _staff_only(request)
    survey = object_for(request.user, Survey, pk=pk, select_related=("service",))
    q = request.GET.get("q", "").strip()
    to_call = selectors.members_to_survey(request.user, survey, search=q) if survey.is_open else []
    return render(
        request,
        "adherents/survey_results.html",
        {"results": selectors.survey_results(survey), "survey": survey, "to_call": to_call, "q": q},
    )


@login_required
@require_GET
def survey_results_xlsx(request, pk):
    _staff_only(request)
    survey = object_for(request.user, Survey, pk=pk, select_related=("service",))
    response = HttpResponse(survey_results_xlsx_bytes(selectors.survey_results(survey)), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, survey_results_filename(survey, "xlsx"))
    return response


@login_required
@require_POST
def survey_results_pdf(request, pk):
    _staff_only(request)
    survey = object_for(request.user, Survey, pk=pk, select_related=("service",))
    return request_document_and_redirect(request, kind="adherents.survey_results", target=survey)


@login_required
def survey_record(request, pk, adherent_pk):
    """Staff record a member's answers to a phone survey."""
    _staff_only(request)
    survey = object_for(request.user, Survey, pk=pk, may="record", select_related=("service",))
    adherent = object_for(
        request.user, Adherent, pk=adherent_pk, service=survey.service, may="change", select_related=("organisation",)
    )
    if (replay := replay_of(request)) is not None:
        return replay
    if SurveyResponse.objects.filter(survey=survey, adherent=adherent).exists():
        messages.info(request, _("This member has already answered the survey."))
        return redirect(survey)
    questions = list(survey.questions.prefetch_related("choices").select_related("asked_if"))
    form = SurveyAnswerForm(_posted(request), survey=survey, questions=questions, staff=True)
    if request.method == "POST" and form.is_valid():
        try:
            _response, replay = create_once(request, form, lambda: services.survey_response_record(
                survey=survey,
                adherent=adherent,
                by=request.user,
                reached=form.cleaned_data["reached"],
                respondent=form.cleaned_data.get("respondent", ""),
                answers=form.answers(),
            ), url=lambda _response: survey.get_absolute_url(), label=lambda _response: str(adherent))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if replay:
                return replay
            messages.success(request, _("The answers have been recorded."))
            return redirect(survey)
    return render(request, "adherents/survey_answer.html", {"form": form, "survey": survey, "adherent": adherent, "staff": True})


# --- Complaints --------------------------------------------------------------------
@login_required
@require_GET
def complaint_list(request):
    _staff_only(request)
    queryset = selectors.complaints_for_user(request.user)
    status = request.GET.get("statut", "")
    listed = queryset.filter(status=status) if status in Complaint.Status.values else queryset
    page = Paginator(listed, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "adherents/complaint_list.html",
        {
            "page_obj": page,
            "complaints": page.object_list,
            "summary": selectors.complaints_summary(queryset),
            "status": status,
            "statuses": Complaint.Status.choices,
        },
    )


@login_required
def complaint_create(request):
    _staff_only(request)
    service = access.service_of_staff(request.user)
    if service is None and request.GET.get("service", "").isdigit():
        service = access.services_staffed_by(request.user).filter(pk=request.GET["service"]).first()
    complaint = Complaint(service=service)
    if service is not None and request.GET.get("adherent", "").isdigit():
        complaint.adherent = (
            access.adherents_visible_to(request.user).filter(service=service, pk=request.GET["adherent"]).first()
        )
    return _complaint_page(request, complaint, _("New complaint or non-conformity"))


@login_required
def complaint_edit(request, pk):
    _staff_only(request)
    complaint = object_for(
        request.user, Complaint, pk=pk, may="change", select_related=("adherent__organisation", "handled_by", "service")
    )
    return _complaint_page(request, complaint, _("Complaint: %(subject)s") % {"subject": complaint.subject})


def _complaint_page(request, complaint, title):
    form = ComplaintForm(
        _posted(request),
        instance=complaint,
        service=complaint.service if complaint.service_id else None,
        services=access.services_staffed_by(request.user),
    )
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid():
        try:
            _complaint, replay = create_once(
                request, form,
                lambda: services.complaint_save(complaint=form.instance, by=request.user,
                                                expected_version=form.expected_version),
                url=lambda _complaint: reverse("adherents:complaint_list"),
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if replay:
                return replay
            messages.success(request, _("The complaint has been saved."))
            return redirect("adherents:complaint_list")
    return render(request, "adherents/complaint_form.html", {"form": form, "complaint": complaint, "title": title})


# --- Member portal -----------------------------------------------------------------
@portal_allowed
@login_required
@require_GET
def portal_home(request):
    adherent = get_visible_or_404(selectors.portal_file(request.user))
    today = timezone.localdate()
    visits = selectors.portal_visits(adherent)
    documents = selectors.restitution_documents(visits)
    for visit in visits:
        visit.restitution_document = documents.get(visit.pk)
    return render(
        request,
        "adherents/portal_home.html",
        {
            "adherent": adherent,
            "path": selectors.portal_path(adherent, today),
            "visits": visits,
            "surveys": selectors.open_surveys_for(adherent),
            "action_items": list(adherent.action_items.exclude(status=ActionPlanItem.Status.ABANDONED)),
            "today": today,
        },
    )


@portal_allowed
@login_required
def portal_contacts(request):
    adherent = get_visible_or_404(selectors.portal_file(request.user))
    require(access.can_update_portal_contacts(request.user, adherent))
    form = PortalContactsForm(_posted(request), instance=adherent)
    if request.method == "POST" and form.is_valid():
        try:
            services.portal_contacts_update(adherent=adherent, by=request.user, data=form.cleaned_data,
                                            expected_version=form.expected_version)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Your contacts have been updated: the service has been told of the change."))
            return redirect("adherents:portal_home")
    return render(request, "adherents/portal_contacts.html", {"form": form, "adherent": adherent})


@portal_allowed
@login_required
def portal_survey(request, pk):
    adherent = get_visible_or_404(selectors.portal_file(request.user))
    survey = get_visible_or_404(access.portal_surveys_of(adherent), pk=pk)
    if (replay := replay_of(request)) is not None:
        return replay
    if SurveyResponse.objects.filter(survey=survey, adherent=adherent).exists():
        messages.info(request, _("You have already answered this survey: thank you."))
        return redirect("adherents:portal_home")
    questions = list(survey.questions.prefetch_related("choices").select_related("asked_if"))
    form = SurveyAnswerForm(_posted(request), survey=survey, questions=questions, staff=False)
    if request.method == "POST" and form.is_valid():
        try:
            _response, replay = create_once(request, form, lambda: services.survey_response_record(
                survey=survey, adherent=adherent, by=request.user, reached=True, answers=form.answers()
            ), url=lambda _response: reverse("adherents:portal_home"), label=lambda _response: survey.title)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if replay:
                return replay
            messages.success(request, _("Thank you for your answers."))
            return redirect("adherents:portal_home")
    return render(request, "adherents/survey_answer.html", {"form": form, "survey": survey, "adherent": adherent, "staff": False})


@portal_allowed
@login_required
@require_POST
def portal_restitution_pdf(request, pk):
    adherent = get_visible_or_404(selectors.portal_file(request.user))
    visit = get_visible_or_404(access.portal_visits_of(adherent), pk=pk)
    return request_document_and_redirect(request, kind="adherents.restitution", target=visit)


# --- Public online membership ------------------------------------------------------
#: Online membership applications accepted per client address and per hour.
APPLICATIONS_RATE = "5/h"


@login_not_required
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
            with transaction.atomic():
                _application, replay = create_once(request, form, lambda: services.application_submit(
                    data=form.application_data(), service=form.cleaned_data["service"],
                    by=request.user if request.user.is_authenticated else None,
                ), url=lambda _application: reverse("adherents:apply_thanks"),
                   label=lambda application: application.company_name)
            return replay or redirect("adherents:apply_thanks")
        if form.has_error("__all__", code="honeypot"):
            rate_limited(request, group="adherents.apply", rate=APPLICATIONS_RATE)
    return render(request, "adherents/apply.html", {"form": form})


@login_not_required
@require_GET
def membership_apply_thanks(request):
    return render(request, "adherents/apply_thanks.html")
