"""Creation forms posted twice create once.

Every creation form carries a hidden one-time token (`SubmitOnceMixin`). The view creates through
`create_once`, which claims the token (a `FormSubmission` row, unique) in the same transaction as the
creation. A second post of the same form — a double click, the back button, a retry after a timeout —
finds the claim and is sent to what the first post created, with a message; two posts at the very same
moment wait for each other on the unique key, and the second one is sent there too. A form posted
without a token (an old page, a script) simply creates.

    class MeetingForm(SubmitOnceMixin, core.forms.ModelForm): ...

    if (replay := replay_of(request)) is not None:   # before the form is validated
        return replay
    if request.method == "POST" and form.is_valid():
        meeting, replay = create_once(request, form, lambda: services.meeting_create(...))
        if replay:
            return replay
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .conflicts import EditConflict
from .form_errors import add_service_errors
from .models import FormSubmission
from .tokens import new_token
from .types import Actor

FIELD = "form_token"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")

T = TypeVar("T")


if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class SubmitOnceMixin(_FormBase):
    """A hidden one-time token on a creation form (put it before `core.forms.Form` / `ModelForm`).

    The token is drawn when the form is shown and sent back with it (kept when the form comes back with
    errors); after validation it is in `form.submission_token`, not in `cleaned_data`.
    """

    submission_token = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.CharField(widget=forms.HiddenInput, required=False, initial=new_token)
        helper = getattr(self, "helper", None)
        if helper is not None:
            helper.render_hidden_fields = True  # rendered even where the layout names its fields

    @property
    def changed_data(self) -> list[str]:
        # The token is drawn anew on each page: it is never a change the user made.
        return [name for name in super().changed_data if name != FIELD]

    def full_clean(self) -> None:
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            token = self.cleaned_data.pop(FIELD, "") or ""
            self.submission_token = token if _TOKEN.match(token) else ""


def _author(request: HttpRequest) -> Actor:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _earlier(token: str, user: Actor) -> FormSubmission | None:
    return FormSubmission.objects.filter(token=token, user=user).first()


def _replay(request: HttpRequest, earlier: FormSubmission, fallback: str) -> HttpResponseRedirect:
    if earlier.label:
        messages.info(
            request,
            _("This form had already been saved: here is « %(object)s ».")
            % {
                "object": earlier.label,
            },
        )
    else:
        messages.info(request, _("This form had already been saved: here is what it created."))
    url = earlier.url if earlier.url.startswith("/") and not earlier.url.startswith("//") else fallback
    return HttpResponseRedirect(url)


def replay_of(request: HttpRequest) -> HttpResponseRedirect | None:
    """Before validating a posted creation form: if its token was used already, the redirect to what it
    created (checked first, so that the second post is not refused for a name the first one took)."""
    token = request.POST.get(FIELD, "") if request.method == "POST" else ""
    if not _TOKEN.match(token):
        return None
    earlier = _earlier(token, _author(request))
    return _replay(request, earlier, request.path) if earlier is not None else None


def create_once(
    request: HttpRequest,
    form: forms.BaseForm,
    create: Callable[[], T],
    *,
    url: Callable[[T], str] | None = None,
    label: Callable[[T], str] | None = None,
) -> tuple[T | None, HttpResponseRedirect | None]:
    """Run `create()` unless this form's token was used already.

    Only creations are guarded: a model form editing a stored object simply runs `create()` (a form
    shared by the creation and the edit pages can call this in both). Returns `(created, None)`, or `(None, redirect)` to what the first post of the same form created
    (`url(created)`, by default its `get_absolute_url()`; `label(created)` names it in the message, by
    default `str(created)`). A `ValidationError` raised by `create` leaves the token unused, so the form
    can be corrected and posted again.
    """
    token = getattr(form, "submission_token", "")
    if not token or getattr(getattr(form, "instance", None), "pk", None) is not None:
        return create(), None  # no token (an old page, a script), or an edit form: saved as it comes
    user = _author(request)
    earlier = _earlier(token, user)
    if earlier is not None:
        return None, _replay(request, earlier, request.path)
    try:
        with transaction.atomic():
            # Claimed first: a twin post arriving now waits here until this one commits, then finds it.
            submission = FormSubmission.objects.create(token=token, user=user)
            created = create()
            submission.url = (url(created) if url else created.get_absolute_url())[:500]  # type: ignore[attr-defined]  # `url` is given when it has none
            submission.label = (label(created) if label else str(created))[:200]
            submission.save(update_fields=["url", "label"])
    except IntegrityError:
        earlier = _earlier(token, user)
        if earlier is None:
            if FormSubmission.objects.filter(token=token).exists():  # someone else's token: a copied form
                raise ValidationError(
                    _("This form was already sent. Reload the page to start again.")
                ) from None
            raise
        return None, _replay(request, earlier, request.path)
    return created, None


def creation_response(
    request: HttpRequest,
    form: forms.BaseForm,
    create: Callable[[], T],
    *,
    message: str | Callable[[T], str],
    url: Callable[[T], str] | None = None,
    label: Callable[[T], str] | None = None,
    formsets: Iterable[forms.BaseFormSet] = (),
) -> HttpResponse | None:
    """The end of a creation view, the same everywhere: the answer to send, or None to show the form page
    (on a GET, or again with its errors).

    A post whose token was used already goes to what the first one created; a valid form (and valid
    `formsets` posted with it) creates once
    (`create_once`), says `message` and goes to the new object (`url(created)`, by default its
    `get_absolute_url()`); a service's refusal (`ValidationError`) lands on the form's fields.
    A page that both creates and edits ends the same way: an edit is saved as it comes, and an edit
    that crossed another person's (`EditConflict`) is shown on the form (`form.show_conflict`).

        form = DecisionForm(request.POST or None, meeting=meeting)
        if (response := creation_response(request, form, lambda: services.decision_record(...),
                                          message=_("The decision is recorded."))) is not None:
            return response
        return _form_page(request, form=form, ...)
    """
    if (replay := replay_of(request)) is not None:
        return replay
    if request.method != "POST" or not all([form.is_valid(), *(formset.is_valid() for formset in formsets)]):
        return None
    try:
        outcome = create_once(
            request,
            form,
            create,
            url=cast("Callable[[Any], str] | None", url),
            label=cast("Callable[[Any], str] | None", label),
        )
    except EditConflict as conflict:
        show_conflict = getattr(form, "show_conflict", None)
        if show_conflict is None:
            raise
        show_conflict(conflict)
        return None
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    created, replay = outcome
    if replay is not None:
        return replay
    assert created is not None
    messages.success(request, message(created) if callable(message) else message)
    return redirect(url(created) if url else created.get_absolute_url())


def edit_response(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], object],
    *,
    message: str,
    to: Any,
    field: str | None = None,
) -> HttpResponse | None:
    """The end of an edit view, the same everywhere: the answer to send, or None to show the form page
    (on a GET, or again with its errors).

    A valid form is saved by `save()` (the service, given the version the form was opened on); an edit
    that crossed another person's (`EditConflict`) is shown on the form (`form.show_conflict`), a
    service's refusal (`ValidationError`) on the fields it names (a plain one above the form, or beside
    `field`); a saved edit says `message` and goes to `to` (what `redirect` takes: an object, a URL).

        form = MeetingForm(request.POST or None, instance=meeting, committee=meeting.committee)
        save = lambda: services.meeting_update(meeting=meeting, by=request.user,
                                               expected_version=form.expected_version, **form.cleaned_data)
        if (response := edit_response(request, form, save, message=_("The meeting is saved."),
                                      to=meeting)) is not None:
            return response
        return _meeting_form_page(request, meeting, form=form, title=_("Edit the meeting"))
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        save()
    except EditConflict as conflict:
        cast(Any, form).show_conflict(conflict)
        return None
    except ValidationError as error:
        if field is not None and not hasattr(error, "error_dict"):
            form.add_error(field, error)
        else:
            add_service_errors(form, error)
        return None
    messages.success(request, message)
    return redirect(to)
