"""The weekly digest: per user, the new publications, decisions and upcoming meetings of what they follow.

Sent once per user and per week: the week is claimed with a conditional UPDATE on the
user's preference before the e-mail goes out, so a task run twice sends once. Every
e-mail carries a signed one-click unsubscribe link (and the List-Unsubscribe headers),
which signs the preference's nonce too: drawing a new nonce revokes every link sent before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actions.access import programmes_visible_to

from .access import publications_visible_to
from .models import DigestPreference, ProgrammeFollow

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "library.digest.unsubscribe"
UPCOMING_DAYS = 14


def unsubscribe_token(user) -> str:
    """The signed token of the user's unsubscribe links: valid until their nonce is drawn again."""
    preference, _created = DigestPreference.objects.get_or_create(user=user)
    return signing.dumps({"u": user.pk, "n": preference.unsubscribe_nonce}, salt=UNSUBSCRIBE_SALT)


@dataclass(frozen=True)
class UnsubscribeLink:
    """What an unsubscribe link opens: its user, or why it opens nothing."""

    user: object | None = None
    #: Signed by us but revoked since (a new nonce was drawn), or sent before links could be revoked.
    revoked: bool = False


def unsubscribe_link(token: str) -> UnsubscribeLink:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return UnsubscribeLink()
    if not isinstance(data, dict):
        return UnsubscribeLink()
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None:
        return UnsubscribeLink()
    nonce = DigestPreference.objects.filter(user=user).values_list("unsubscribe_nonce", flat=True).first()
    if nonce is None or data.get("n") != nonce:
        return UnsubscribeLink(revoked=True)
    return UnsubscribeLink(user=user)


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class DigestContent:
    publications: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    meetings: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.publications or self.decisions or self.meetings)


def followed_programme_ids(user) -> set[int]:
    ids = set(ProgrammeFollow.objects.filter(user=user).values_list("programme_id", flat=True))
    ids |= set(
        apps.get_model("actions", "CollectiveAction")
        .objects.filter(followers=user)
        .values_list("programme_id", flat=True)
    )
    return ids


def _governance_model(name):
    from .sources import _governance_ready

    if not _governance_ready():
        return None
    try:
        return apps.get_model("governance", name)
    except LookupError:
        return None


def digest_content(user, *, now=None) -> DigestContent:
    now = now or timezone.now()
    since = now - timedelta(days=7)
    followed = followed_programme_ids(user)
    if not followed:
        return DigestContent()
    readable = set(programmes_visible_to(user).filter(pk__in=followed).values_list("pk", flat=True))
    content = DigestContent(
        publications=list(
            publications_visible_to(user)
            .filter(programme_id__in=followed, published_at__gte=since)
            .select_related("programme")
            .order_by("-published_at")[:30]
        )
    )
    in_programmes = Q(meeting__committee__programme_id__in=readable) | Q(
        meeting__committee__action__programme_id__in=readable
    )
    Decision = _governance_model("Decision")
    if Decision is not None and readable:
        content.decisions = list(
            Decision.objects.filter(in_programmes, created_at__gte=since)
            .select_related("meeting", "meeting__committee")
            .order_by("-created_at")[:30]
        )
    Meeting = _governance_model("Meeting")
    if Meeting is not None and readable:
        content.meetings = list(
            Meeting.objects.filter(
                Q(committee__programme_id__in=readable) | Q(committee__action__programme_id__in=readable),
                starts_at__gte=now,
                starts_at__lt=now + timedelta(days=UPCOMING_DAYS),
            )
            .exclude(status="annulee")
            .select_related("committee")
            .order_by("starts_at")[:30]
        )
    return content


def _claim(user, week: date) -> bool:
    preference, _created = DigestPreference.objects.get_or_create(user=user)
    if not preference.weekly_digest:
        return False
    return bool(
        DigestPreference.objects.filter(pk=preference.pk, weekly_digest=True)
        .exclude(last_week_sent=week)
        .update(last_week_sent=week)
    )


def digest_send(user, content: DigestContent, *, week: date) -> None:
    base = settings.SITE_URL.rstrip("/")
    unsubscribe = base + reverse("library:unsubscribe", args=[unsubscribe_token(user)])
    context = {"user": user, "content": content, "base": base, "unsubscribe": unsubscribe, "week": week}
    message = EmailMultiAlternatives(
        subject=_("Copilote — your week of %(date)s") % {"date": week.strftime("%d/%m/%Y")},
        body=render_to_string("library/email/digest.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("library/email/digest.html", context), "text/html")
    message.send(fail_silently=False)


def digest_send_all(*, now=None) -> int:
    """Send this week's digest to every user who has something new and has not switched it off."""
    now = now or timezone.now()
    week = week_of(timezone.localtime(now).date())
    sent = 0
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .exclude(digest_preference__weekly_digest=False)
    )
    for user in users.iterator():
        content = digest_content(user, now=now)
        if content.is_empty or not _claim(user, week):
            continue
        try:
            digest_send(user, content, week=week)
        except Exception as exc:  # SMTP and friends: the week is released, the next run tries again
            logger.warning("Digest to %s failed: %s", user.pk, exc)
            DigestPreference.objects.filter(user=user, last_week_sent=week).update(last_week_sent=None)
            continue
        sent += 1
    return sent
