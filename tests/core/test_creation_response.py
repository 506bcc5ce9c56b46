"""`core.idempotency.creation_response`, the one end of the views that create, or create and edit."""

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from core.conflicts import EditConflict
from core.idempotency import creation_response


class NameForm(forms.Form):
    name = forms.CharField()


class ConflictAwareForm(NameForm):
    shown = None

    def show_conflict(self, conflict):
        self.shown = conflict


class Saved:
    pk = 7

    def get_absolute_url(self):
        return "/saved/7/"


def _post(user=None):
    request = RequestFactory().post("/x/", {"name": "Atelier"})
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _conflict():
    return EditConflict(instance=None, version=3, fields=[], authors=["Claire"], when=timezone.now())


@pytest.mark.django_db
def test_a_valid_form_is_saved_with_its_message_and_goes_to_the_object(django_user_model):
    request = _post(django_user_model.objects.create_user("ana"))
    form = NameForm(request.POST)
    response = creation_response(request, form, Saved, message="Enregistré.")
    assert response.status_code == 302 and response.url == "/saved/7/"
    assert [str(m) for m in request._messages] == ["Enregistré."]


@pytest.mark.django_db
def test_an_edit_conflict_is_shown_on_the_form_and_the_page_stays(django_user_model):
    request = _post(django_user_model.objects.create_user("ana"))
    form = ConflictAwareForm(request.POST)
    conflict = _conflict()

    def save():
        raise conflict

    assert creation_response(request, form, save, message="Enregistré.") is None
    assert form.shown is conflict
    assert list(request._messages) == []


@pytest.mark.django_db
def test_an_edit_conflict_on_a_form_that_cannot_show_it_is_not_swallowed(django_user_model):
    request = _post(django_user_model.objects.create_user("ana"))

    def save():
        raise _conflict()

    with pytest.raises(EditConflict):
        creation_response(request, NameForm(request.POST), save, message="Enregistré.")


@pytest.mark.django_db
def test_a_refusal_lands_on_the_form(django_user_model):
    request = _post(django_user_model.objects.create_user("ana"))
    form = NameForm(request.POST)

    def save():
        raise ValidationError({"name": "Ce nom est déjà pris."})

    assert creation_response(request, form, save, message="Enregistré.") is None
    assert form.errors["name"] == ["Ce nom est déjà pris."]
