"""The user's calendar by month, the private subscription feed and the multi-year plan."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from actions.models import Programme
from core.access import object_for

from .. import selectors, services
from ..ical import meetings_ics_bytes
from ..models import CalendarToken


# --- Planning -----------------------------------------------------------------------
def _month_from(value: str | None) -> tuple[int, int]:
    today = timezone.localdate()
    if value:
        try:
            year, month = (int(part) for part in value.split("-"))
            if 2000 <= year <= 2100 and 1 <= month <= 12:
                return year, month
        except ValueError:
            pass
    return today.year, today.month


@login_required
@require_GET
def calendar_view(request):
    year, month = _month_from(request.GET.get("mois"))
    weeks, meetings = selectors.calendar_weeks(request.user, year, month)
    previous = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    token = CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).first()
    return render(
        request,
        "governance/calendar.html",
        {
            "weeks": weeks,
            "meetings": meetings,
            "month_label": f"{MONTHS[month]} {year}",
            "previous": previous.strftime("%Y-%m"),
            "following": following.strftime("%Y-%m"),
            "today": timezone.localdate(),
            "token": token,
            "feed_url": _feed_url_shown_once(request, token),
            "weekdays": [WEEKDAYS_ABBR[i] for i in range(7)],
        },
    )


# The plain feed token is not stored: the page that follows its creation shows it, once. It waits
# in the user's own session for that one page only.
_NEW_FEED_TOKEN = "governance.new_calendar_token"


def _feed_url_shown_once(request, token: CalendarToken | None) -> str:
    plain = request.session.pop(_NEW_FEED_TOKEN, None)
    if token is None or plain is None or CalendarToken.objects.live(plain) != token:
        return ""
    token.token = plain
    return request.build_absolute_uri(token.get_feed_url())


@login_required
@require_POST
def calendar_token(request, op):
    if op == "create":
        token = services.calendar_token_get_or_create(user=request.user)
        if token.token:
            request.session[_NEW_FEED_TOKEN] = token.token
            messages.success(
                request, _("Your private calendar address is ready: copy it into your calendar.")
            )
        else:
            messages.info(
                request,
                _(
                    "You already have a private address. Lost it? Get a new one: the old one will stop working."
                ),
            )
    elif op == "renew":
        token = services.calendar_token_revoke(user=request.user, renew=True)
        request.session[_NEW_FEED_TOKEN] = token.token
        messages.success(request, _("A new address replaces the old one, which no longer works."))
    elif op == "revoke":
        services.calendar_token_revoke(user=request.user, renew=False)
        messages.success(request, _("Your calendar address is revoked."))
    else:
        raise Http404
    return redirect(reverse("governance:calendar") + "#abonnement")


@login_not_required
@never_cache
@require_GET
def calendar_feed(request, token):
    """The private subscription feed: no session, the token in the URL is the key."""
    row = CalendarToken.objects.live(token)
    if row is None or not row.user.is_active:
        raise Http404
    CalendarToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    body = meetings_ics_bytes(selectors.feed_meetings(row.user), name=_("Copilote — my meetings"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="copilote.ics"'
    return response


@login_required
@require_GET
def programme_plan(request, pk=None):
    programmes = list(selectors.plan_programmes(request.user))
    if pk is None:
        if not programmes:
            return render(request, "governance/plan.html", {"programmes": [], "programme": None})
        return redirect("governance:programme_plan", pk=programmes[0].pk)
    programme = object_for(request.user, Programme, pk=pk)
    default_year = programme.start_date.year if programme.start_date else timezone.localdate().year
    try:
        first_year = int(request.GET.get("debut", default_year))
        years = int(request.GET.get("annees", 4))
    except ValueError:
        first_year, years = default_year, 4
    first_year = min(max(first_year, 2000), 2100)
    years = min(max(years, 1), 4)
    months, rows = selectors.programme_plan(
        user=request.user, programme=programme, first_year=first_year, years=years
    )
    year_spans = [(first_year + i, 12) for i in range(years)]
    return render(
        request,
        "governance/plan.html",
        {
            "programmes": programmes,
            "programme": programme,
            "months": months,
            "rows": rows,
            "year_spans": year_spans,
            "first_year": first_year,
            "years": years,
            "year_choices": [1, 2, 3, 4],
            "month_initials": [str(MONTHS[m])[:1].upper() for m in range(1, 13)],
            "previous_year": first_year - 1,
            "next_year": first_year + 1,
            "now_month": (timezone.localdate().year, timezone.localdate().month),
        },
    )
