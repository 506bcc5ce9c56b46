"""Views of calls: public pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.client import rate_limited
from core.conflicts import EditConflict
from core.form_errors import add_service_errors
from core.idempotency import create_once, replay_of

from .. import selectors, services
from ..forms import ApplicationForm, ComplementAnswerForm, team_formset, team_rows
from ._common import PRIVATE_LINK_RATE, PUBLIC_FORM_RATE, _private_headers


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
        {
            "call": call,
            "form": form,
            "formset": formset,
            "action_url": action_url,
            "link": link,
            "window": call.window_status(),
        },
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
    if call.window_status().is_closed:
        messages.error(request, _("Applications to this call are closed."))
        return redirect(call.get_public_url())
    action_url = reverse("calls:apply", args=[slug])
    if request.method == "GET":
        return _render_application_form(
            request, call=call, form=ApplicationForm(call=call), formset=team_formset(), action_url=action_url
        )
    if (replay := replay_of(request)) is not None:
        messages.info(
            request, _("Its private link has been e-mailed to the contact address given in the form.")
        )
        return replay
    form = ApplicationForm(request.POST, call=call)
    formset = team_formset(data=request.POST)
    if rate_limited(request, group="calls.apply", rate=PUBLIC_FORM_RATE):
        form.add_error(None, _("Too many submissions from your connection: try again in an hour."))
        return _render_application_form(
            request, call=call, form=form, formset=formset, action_url=action_url, status=429
        )
    if form.is_spam():
        form.add_error(None, _("Your submission could not be processed."))
        return _render_application_form(
            request, call=call, form=form, formset=formset, action_url=action_url, status=400
        )
    if not (form.is_valid() and formset.is_valid()):
        return _render_application_form(request, call=call, form=form, formset=formset, action_url=action_url)
    try:
        started, replay = create_once(
            request,
            form,
            lambda: services.application_start(
                call=call,
                data=form.application_data(),
                team=team_rows(formset),
                answers=form.eligibility_answers(),
            ),
            # Never the private link: it is not stored in clear.
            url=lambda _started: call.get_public_url(),
            label=lambda started: str(started[0]),
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_application_form(request, call=call, form=form, formset=formset, action_url=action_url)
    if replay:
        messages.info(
            request, _("Its private link has been e-mailed to the contact address given in the form.")
        )
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
            return _render_application_form(
                request,
                call=call,
                form=form,
                formset=formset,
                action_url=link_url,
                link=services.private_link(token),
            )
        messages.success(
            request, _("Your application has been submitted. An acknowledgement has been e-mailed.")
        )
    else:
        messages.success(
            request,
            _("Your draft is saved. Keep this page's address: it is your private link to finish it later."),
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
            request,
            call=call,
            form=ApplicationForm(instance=application, call=call),
            formset=team_formset(application=application),
            action_url=request.path,
            link=link,
        )
    form = ApplicationForm(request.POST, instance=application, call=call)
    formset = team_formset(data=request.POST, application=application)
    if form.is_spam():
        form.add_error(None, _("Your submission could not be processed."))
        return _render_application_form(
            request, call=call, form=form, formset=formset, action_url=request.path, link=link, status=400
        )
    if not (form.is_valid() and formset.is_valid()):
        return _render_application_form(
            request, call=call, form=form, formset=formset, action_url=request.path, link=link
        )
    try:
        services.application_save_draft(
            application=application,
            data=form.application_data(),
            team=team_rows(formset),
            answers=form.eligibility_answers(),
            expected_version=form.expected_version,
            team_seen=form.list_seen,
        )
        if "submit" in request.POST:
            services.application_submit(application=application)
    except EditConflict as conflict:
        form.show_conflict(conflict)
        if conflict.merged.get("team"):  # only the other person changed the team: theirs is shown
            formset = team_formset(application=application)
        return _render_application_form(
            request, call=call, form=form, formset=formset, action_url=request.path, link=link
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_application_form(
            request, call=call, form=form, formset=formset, action_url=request.path, link=link
        )
    if "submit" in request.POST:
        messages.success(
            request, _("Your application has been submitted. An acknowledgement has been e-mailed.")
        )
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
    return _private_headers(
        render(
            request,
            "calls/application_submitted.html",
            {
                "application": application,
                "call": application.call,
                "link": link,
                "pending": [(c, answer_forms[c.pk]) for c in pending],
                "answered": [c for c in application.complements.all() if c.is_answered],
            },
        )
    )
