"""The one-time token of creation forms (core.idempotency): the form side, and the claim."""

import re

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from core.forms import Form
from core.idempotency import FIELD, SubmitOnceMixin, create_once
from core.models import FormSubmission

TOKEN = "a" * 43


class NameForm(SubmitOnceMixin, Form):
    name = forms.CharField()


def _request(user):
    request = RequestFactory().post("/creer/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_the_form_carries_a_fresh_hidden_token_each_time_it_is_shown():
    first, second = str(NameForm().as_p()), str(NameForm().as_p())
    pattern = re.compile(rf'type="hidden" name="{FIELD}" value="([\w-]+)"')
    assert pattern.search(first) and pattern.search(first).group(1) != pattern.search(second).group(1)


def test_the_token_is_kept_out_of_the_cleaned_data():
    form = NameForm({"name": "COPIL", FIELD: TOKEN})
    assert form.is_valid() and form.cleaned_data == {"name": "COPIL"} and form.submission_token == TOKEN
    odd = NameForm({"name": "COPIL", FIELD: "<script>"})
    assert odd.is_valid() and odd.submission_token == ""


@pytest.mark.django_db
def test_a_second_post_of_the_same_form_creates_nothing_and_goes_to_the_first_creation(pilot):
    created = []

    def create():
        created.append(len(created) + 1)
        return type(
            "Thing", (), {"get_absolute_url": lambda self: "/chose/1/", "__str__": lambda self: "COPIL 1"}
        )()

    form = NameForm({"name": "COPIL", FIELD: TOKEN})
    assert form.is_valid()
    thing, replay = create_once(_request(pilot), form, create)
    assert thing is not None and replay is None
    request = _request(pilot)
    thing, replay = create_once(request, form, create)
    assert thing is None and replay["Location"] == "/chose/1/" and created == [1]
    assert [str(m) for m in request._messages] == [
        "Ce formulaire avait déjà été enregistré\u00a0: voici «\u00a0COPIL 1\u00a0»."
    ]
    assert FormSubmission.objects.get(token=TOKEN).user == pilot


@pytest.mark.django_db
def test_a_refused_creation_leaves_the_token_free_for_the_corrected_form(pilot):
    form = NameForm({"name": "COPIL", FIELD: TOKEN})
    assert form.is_valid()

    def refuse():
        raise ValidationError("Non.")

    with pytest.raises(ValidationError):
        create_once(_request(pilot), form, refuse)
    assert not FormSubmission.objects.exists()


@pytest.mark.django_db
def test_a_form_without_token_simply_creates(pilot):
    form = NameForm({"name": "COPIL"})
    assert form.is_valid()
    calls = []
    for _ in range(2):
        create_once(_request(pilot), form, lambda: calls.append(1) or "fait")
    assert calls == [1, 1] and not FormSubmission.objects.exists()
