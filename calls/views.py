"""Calls for applications.

Public pages (no account): the call, its application form, the private link of an
application. They show the call and the visitor's own application, nothing else.
Staff pages: the programme's managers run the call; the selection committee reads and
scores the submitted applications. Others get a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.models import Programme, ProgrammeAxis
from core.access import object_for, require
from core.client import rate_limited
from core.conflicts import EditConflict
from core.form_errors import add_service_errors
from core.idempotency import create_once, replay_of
from reports.shortcuts import request_document_and_redirect

from . import access, selectors, services
from .forms import (
    ApplicationForm,
    CallForm,
    ComplementAnswerForm,
    ComplementRequestForm,
    EligibilityForm,
    EligibilityFormSet,
    PriorityFormSet,
    ScoreForm,
    SelectionForm,
    SelectionReopenForm,
    team_formset,
    team_rows,
)
from .models import Application, Call

#: Posts per client address and per hour: the public form (each post creates a draft) and the private links.
PUBLIC_FORM_RATE = "10/h"
PRIVATE_LINK_RATE = "60/h"


def _private_headers(response):
    # The private link never leaves the site as a Referer: the site-wide policy is same-origin
    # ("no-referrer" here would make the browser post with `Origin: null`, refused by the CSRF check).
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# --- Public pages -------------------------------------------------------------------
@login_not_required
@require_GET
def public_call(request, slug):
    call = selectors.public_call(slug)
    if call is None:
        raise Http404
    return render(request, "calls/public_call.html", {"call": call, "window": call.window_status()})


def _render_application_form(request, *, call, form, formset, action_url, link=None, status=200):
    response = render(
        request,
        "calls/application_form.html",
        {"call": call, "form": form, "formset": formset, "action_url": action_url, "link": link,
         "window": call.window_status()},
        status=status,
    )
    return _private_headers(response)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    call = selectors.public_call(slug)
    if call is None:
        raise Http404
    if call.window_status() == "closed":
        messages.error(request, _("Applications to this call are closed."))
        return redirect(call.get_public_url())
    action_url = reverse("calls:apply", args=[slug])
    if request.method == "GET":
        return _render_application_form(
            request, call=call, form=ApplicationForm(call=call), formset=team_formset(), action_url=action_url
        )
    if (replay := replay_of(request)) is not None:
        messages.info(request, _("Its private link has been e-mailed to the contact address given in the form."))
        return replay
    form = ApplicationForm(request.POST, call=call)
    formset = team_formset(data=request.POST)
    if rate_limited(request, group="calls.apply", rate=PUBLIC_FORM_RATE):
        form.add_error(None, _("Too many submissions from your connection: try again in an hour."))
        return _render_application_form(request, call=call, form=form, formset=formset, action_url=action_url,
                                        status=429)
    if form.is_spam():
        form.add_error(None, _("Your submission could not be processed."))
        return _render_application_form(request, call=call, form=form, formset=formset, action_url=action_url,
                                        status=400)
    if not (form.is_valid() and formset.is_valid()):
        return _render_application_form(request, call=call, form=form, formset=formset, action_url=action_url)
    try:
        started, replay = create_once(
            request, form,
            lambda: services.application_start(
                call=call, data=form.application_data(), team=team_rows(formset), answers=form.eligibility_answers()
            ),
            # Never the private link: it is not stored in clear.
            url=lambda _started: call.get_public_url(), label=lambda started: str(started[0]),
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_application_form(request, call=call, form=form, formset=formset, action_url=action_url)
    if replay:
        messages.info(request, _("Its private link has been e-mailed to the contact address given in the form."))
        return replay
    application, token = started
    link_url = reverse("calls:application_edit", args=[token])
    if "submit" in request.POST:
        try:
            services.application_submit(application=application)
        except ValidationError as error:
            add_service_errors(form, error)
            messages.warning(
                request,
                _("Your draft is saved, but it cannot be submitted yet: complete what is indicated below."),
            )
            return _render_application_form(request, call=call, form=form, formset=formset, action_url=link_url,
                                            link=services.private_link(token))
        messages.success(request, _("Your application has been submitted. An acknowledgement has been e-mailed."))
    else:
        messages.success(
            request, _("Your draft is saved. Keep this page's address: it is your private link to finish it later.")
        )
    return redirect(link_url)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def application_edit(request, token):
    application = selectors.application_by_token(token)
    if application is None:
        return _private_headers(render(request, "calls/link_invalid.html", status=404))
    call = application.call
    link = services.private_link(token)
    if request.method == "POST" and rate_limited(request, group="calls.private_link", rate=PRIVATE_LINK_RATE):
        messages.error(request, _("Too many submissions from your connection: try again in an hour."))
        return redirect(request.path)
    if not application.is_editable_by_applicant:
        if request.method == "POST" and "submit" in request.POST:
            # « Déposer » clicked twice, or the back button: it was submitted once.
            messages.info(request, _("Your application had already been submitted: here it is."))
            return redirect(request.path)
        return _application_submitted_view(request, application, link)
    if request.method == "GET":
        return _render_application_form(
            request, call=call, form=ApplicationForm(instance=application, call=call),
            formset=team_formset(application=application), action_url=request.path, link=link,
        )
    form = ApplicationForm(request.POST, instance=application, call=call)
    formset = team_formset(data=request.POST, application=application)
    if form.is_spam():
        form.add_error(None, _("Your submission could not be processed."))
        return _render_application_form(request, call=call, form=form, formset=formset, action_url=request.path,
                                        link=link, status=400)
    if not (form.is_valid() and formset.is_valid()):
        return _render_application_form(request, call=call, form=form, formset=formset, action_url=request.path,
                                        link=link)
    try:
        services.application_save_draft(
            application=application, data=form.application_data(), team=team_rows(formset),
            answers=form.eligibility_answers(), expected_version=form.expected_version, team_seen=form.list_seen,
        )
        if "submit" in request.POST:
            services.application_submit(application=application)
    except EditConflict as conflict:
        form.show_conflict(conflict)
        if conflict.merged.get("team"):  # only the other person changed the team: theirs is shown
            formset = team_formset(application=application)
        return _render_application_form(request, call=call, form=form, formset=formset, action_url=request.path,
                                        link=link)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_application_form(request, call=call, form=form, formset=formset, action_url=request.path,
                                        link=link)
    if "submit" in request.POST:
        messages.success(request, _("Your application has been submitted. An acknowledgement has been e-mailed."))
    else:
        messages.success(request, _("Your draft is saved."))
    return redirect(request.path)


def _application_submitted_view(request, application, link):
    """Read-only once submitted; the applicant may only answer the complements asked."""
    answer_forms = {}
    pending = [c for c in application.complements.all() if not c.is_answered]
    if request.method == "POST":
        complement = next((c for c in pending if f"answer_{c.pk}" in request.POST), None)
        if complement is None:
            messages.error(request, _("A submitted application can no longer be changed."))
            return redirect(request.path)
        form = ComplementAnswerForm(request.POST, prefix=f"c{complement.pk}")
        if form.is_valid():
            try:
                services.complement_answer(complement=complement, answer=form.cleaned_data["answer"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your answer has been sent. Thank you."))
                return redirect(request.path)
        answer_forms[complement.pk] = form
    for complement in pending:
        answer_forms.setdefault(complement.pk, ComplementAnswerForm(prefix=f"c{complement.pk}"))
    return _private_headers(render(
        request,
        "calls/application_submitted.html",
        {"application": application, "call": application.call, "link": link,
         "pending": [(c, answer_forms[c.pk]) for c in pending],
         "answered": [c for c in application.complements.all() if c.is_answered]},
    ))


# --- Staff pages: calls -------------------------------------------------------------
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
            prefix="eligibilite", initial=[{"text": c.text} for c in call.eligibility_criteria.all()] if call.pk else []
        )
        priorities = PriorityFormSet(
            prefix="priorite", form_kwargs={"axes": axes},
            initial=[{"text": c.text, "axis": c.axis, "weight": c.weight} for c in call.priority_criteria.all()]
            if call.pk else [],
        )
    return eligibility, priorities


def _call_form_view(request, call: Call):
    programmes = access.programmes_open_to_new_calls_by(request.user)
    if call.pk:
        programmes = Programme.objects.filter(pk=call.programme_id)
    axes = ProgrammeAxis.objects.filter(programme__in=programmes).select_related("programme")
    if call.pk is None and (replay := replay_of(request)) is not None:
        return replay
    form = CallForm(request.POST or None, instance=call, programmes=programmes)
    eligibility, priorities = _criteria_formsets(request.POST if request.method == "POST" else None, call, axes)
    if request.method == "POST" and form.is_valid() and eligibility.is_valid() and priorities.is_valid():
        call = form.save(commit=False)
        try:
            saved, replay = create_once(request, form, lambda: services.call_save(
                call=call, by=request.user, axes=list(form.cleaned_data["axes"]),
                eligibility=[f.cleaned_data["text"].strip() for f in eligibility if f.cleaned_data.get("text")],
                priorities=[
                    services.PriorityInput(text=f.cleaned_data["text"].strip(),
                                           weight=f.cleaned_data.get("weight") or 1, axis=f.cleaned_data.get("axis"))
                    for f in priorities if f.cleaned_data.get("text")
                ],
                expected_version=form.expected_version, criteria_seen=form.list_seen,
            ))
        except EditConflict as conflict:
            form.show_conflict(conflict)
            if conflict.merged.get("criteria"):  # only the other person changed the criteria: theirs are shown
                eligibility, priorities = _criteria_formsets(None, call, axes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if replay:
                return replay
            messages.success(request, _("The call has been saved."))
            return redirect(saved.get_absolute_url())
    return render(request, "calls/call_form.html",
                  {"form": form, "eligibility": eligibility, "priorities": priorities, "call": call})


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
    return render(request, "calls/call_detail.html", {
        "call": call, "rows": rows, "window": call.window_status(),
        "can_run": access.can_run_call(request.user, call),
        "reopening": None if call.decided_at else selectors.last_reopening(call),
        "public_url": request.build_absolute_uri(call.get_public_url()),
    })


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


# --- Staff pages: applications --------------------------------------------------------
def _score_form(request, application, data=None):
    criteria = [c for c in application.call.priority_criteria.all() if c.applies_to(application)]
    as_committee = bool(data and data.get("as_committee"))
    own = {s.criterion_id: s for s in application.scores.all()
           if (s.scorer_id is None if as_committee else s.scorer_id == request.user.pk)}
    return ScoreForm(data, criteria=criteria, scores=own,
                     can_score_as_committee=access.can_run_application(request.user, application))


def _application_page(request, application, **forms):
    can_run = access.can_run_application(request.user, application)
    criteria = list(application.call.priority_criteria.all())
    context = {
        "application": application,
        "call": application.call,
        "scoring": selectors.scoring_of(application, criteria),
        "can_run": can_run,
        "can_score": application.eligibility == Application.Eligibility.ELIGIBLE and not application.call.decided_at,
        "eligibility_form": forms.get("eligibility_form") or EligibilityForm(
            initial={"eligible": {"eligible": "oui", "non_eligible": "non"}.get(application.eligibility),
                     "note": application.eligibility_note}),
        "complement_form": forms.get("complement_form") or ComplementRequestForm(),
        "score_form": forms.get("score_form") or _score_form(request, application),
        "answers": [
            (c, application.eligibility_answers.get(str(c.pk))) for c in application.call.eligibility_criteria.all()
        ],
    }
    return render(request, "calls/application_detail.html", context, status=400 if forms else 200)


@login_required
@require_GET
def application_detail(request, pk):
    return _application_page(request, object_for(request.user, Application, pk=pk, **selectors.application_page()))


@login_required
@require_POST
def application_eligibility(request, pk):
    application = object_for(request.user, Application, pk=pk, may="change", **selectors.application_page())
    form = EligibilityForm(request.POST)
    if form.is_valid():
        try:
            services.application_check_eligibility(
                application=application, eligible=form.cleaned_data["eligible"], note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The eligibility has been recorded."))
            return redirect(application.get_absolute_url())
    return _application_page(request, application, eligibility_form=form)


@login_required
@require_POST
def application_complement(request, pk):
    application = object_for(request.user, Application, pk=pk, may="change", **selectors.application_page())
    form = ComplementRequestForm(request.POST)
    if form.is_valid():
        try:
            services.complement_request(application=application, question=form.cleaned_data["question"],
                                        by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request has been e-mailed to the applicant with a renewed private link."))
            return redirect(application.get_absolute_url())
    return _application_page(request, application, complement_form=form)


@login_required
@require_POST
def application_score(request, pk):
    application = object_for(request.user, Application, pk=pk, may="score", **selectors.application_page())
    form = _score_form(request, application, data=request.POST)
    if form.is_valid():
        as_committee = bool(form.cleaned_data.get("as_committee"))
        try:
            for criterion in form.criteria:
                services.score_set(
                    application=application, criterion=criterion, scorer=None if as_committee else request.user,
                    value=form.cleaned_data.get(f"score_{criterion.pk}"),
                    comment=form.cleaned_data.get(f"comment_{criterion.pk}", ""), by=request.user,
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The scores have been saved."))
            return redirect(application.get_absolute_url())
    return _application_page(request, application, score_form=form)


@login_required
@require_POST
def application_pdf(request, pk):
    application = object_for(request.user, Application, pk=pk, select_related=("call",))
    return request_document_and_redirect(
        request, kind="calls.application", target=application,
        title=_("Application — %(name)s") % {"name": application},
    )


# --- Staff pages: selection -------------------------------------------------------------
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
    form = SelectionForm(request.POST or None, rows=eligible_rows, initial={
        **{f"selected_{r.application.pk}": r.application.status == Application.Status.SELECTED for r in eligible_rows},
        **{f"reason_{r.application.pk}": r.application.decision_reason for r in eligible_rows},
    })
    plan = None
    if request.method == "POST":
        require(can_run)
        if "back" in request.POST:
            # Back to the choices, as posted: nothing is checked nor decided.
            return _render_selection(request, call, rows, form, can_run, status=200)
        if form.is_valid():
            try:
                if request.POST.get("confirm") == "1":
                    services.call_select(call=call, decisions=form.decisions(), by=request.user,
                                         expected_version=_posted_version(request))
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
                    messages.success(request, _("The selection is decided: the applicants have been notified."))
                    return redirect(call.get_absolute_url())
    return _render_selection(request, call, rows, form, can_run, plan=plan, status=400 if form.errors else 200)


def _render_selection(request, call, rows, form, can_run, *, plan=None, status=200):
    return render(request, "calls/call_selection.html", {
        "call": call, "rows": rows, "form": form, "can_run": can_run, "window": call.window_status(),
        "plan": plan, "reopening": None if call.decided_at else selectors.last_reopening(call),
    }, status=status)


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
    return render(request, "calls/call_selection_reopen.html", {"call": call, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def call_selection_pdf(request, pk):
    call = object_for(request.user, Call, pk=pk)
    return request_document_and_redirect(
        request, kind="calls.selection_table", target=call,
        title=_("Selection table — %(call)s") % {"call": call},
    )

