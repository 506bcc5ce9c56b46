"""Views of adherents: what several topics share."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from core.idempotency import creation_response, replay_of

from .. import access, selectors
from ..forms import SurveyAnswerForm


def _staff_only(request) -> None:
    """The staff side exists only for service staff and administrators: others get a 404."""
    if not access.can_use_staff_side(request.user):
        raise Http404


def _posted(request):
    """The POST data of a POST (even empty, so that a blank form shows its errors), else None."""
    return request.POST if request.method == "POST" else None


def member_form_page(request, adherent, form, title: str):
    """The page of a form about one member company: its file, a contact, a note, a step, its plan."""
    return render(request, "adherents/form_page.html", {"form": form, "adherent": adherent, "title": title})


def member_creation(request, adherent, form, create, *, message: str, anchor: str, title: str):
    """A form that adds to a member's file (`create`, the service): then back to the file at `anchor`."""
    response = creation_response(
        request,
        form,
        create,
        message=message,
        url=lambda _created: reverse("adherents:adherent_detail", args=[adherent.pk]) + anchor,
        label=lambda _created: str(adherent),
    )
    return response or member_form_page(request, adherent, form, title)


def survey_answer_page(
    request, survey, adherent, *, staff: bool, back: str, answered: str, thanks: str, record
):
    """A member company's answers to a survey: typed by the member on the portal, or by staff during the
    phone call (`staff`). A member answers once: a second visit says `answered` and goes `back`, as does a
    recorded answer (with `thanks`). `record(form)` records the answers through the service."""
    if (replay := replay_of(request)) is not None:
        return replay
    if selectors.survey_answered(survey, adherent):
        messages.info(request, answered)
        return redirect(back)
    questions = list(survey.questions.prefetch_related("choices").select_related("asked_if"))
    form = SurveyAnswerForm(_posted(request), survey=survey, questions=questions, staff=staff)
    response = creation_response(
        request,
        form,
        lambda: record(form),
        message=thanks,
        url=lambda _response: back,
        label=lambda _response: survey.title if not staff else str(adherent),
    )
    return response or render(
        request,
        "adherents/survey_answer.html",
        {"form": form, "survey": survey, "adherent": adherent, "staff": staff},
    )
