"""The tokens page: a person lists, creates and revokes their own API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import object_for
from core.idempotency import create_once, replay_of

from .access import tokens_visible_to
from .forms import ApiTokenForm
from .models import ApiToken
from .services import token_create, token_revoke

NEW_KEY = "api_new_token_key"


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    """My tokens; the form creating one; the new key, shown once, right after creation."""
    if (replay := replay_of(request)) is not None:
        return replay
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created, replay = create_once(
            request,
            form,
            lambda: token_create(
                owner=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                by=request.user,
            ),
            url=lambda created: reverse("api:token_list"),
            label=lambda created: str(created[0]),
        )
        if replay:
            return replay
        # Post/redirect/get: reloading the page cannot create a second token; the key is shown once.
        request.session[NEW_KEY] = created[1]
        messages.success(request, _("Your token is created. Copy its key now: it will not be shown again."))
        return redirect("api:token_list")
    new_key = request.session.pop(NEW_KEY, None) if request.method == "GET" else None
    tokens = tokens_visible_to(request.user).order_by("revoked_at", "-created_at")
    return render(request, "api/token_list.html", {"form": form, "tokens": tokens, "new_key": new_key})


@login_required
@require_POST
def token_revoke_view(request, pk):
    token = object_for(request.user, ApiToken, pk=pk)
    token_revoke(token=token, by=request.user)
    messages.success(request, _("The token « %(name)s » is revoked.") % {"name": token.name})
    return redirect("api:token_list")
