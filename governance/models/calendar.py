"""Models of governance: calendar."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import created_stamp
from core.tokens import hash_token, new_token


class CalendarTokenQuerySet(models.QuerySet):
    def live(self, token: str) -> CalendarToken | None:
        """The live row a feed URL's token opens, if any."""
        if not token or len(token) > 100:
            return None
        return (
            self.select_related("user").filter(token_hash=hash_token(token), revoked_at__isnull=True).first()
        )


class CalendarToken(models.Model):
    """The secret in a user's private calendar subscription URL; revoking it kills the URL.

    Only the token's SHA-256 is stored (core/tokens.py). The plain token exists on the instance
    that drew it, when first saved (`token`), to be shown to its user once; never afterwards.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = created_stamp(_("created at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    objects = CalendarTokenQuerySet.as_manager()

    #: The plain token: set on the instance that drew it only, never stored.
    token: str | None = None

    class Meta:
        verbose_name = _("calendar subscription token")
        verbose_name_plural = _("calendar subscription tokens")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="one_live_calendar_token"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not self.token_hash:
            self.token = new_token()
            self.token_hash = hash_token(self.token)
        super().save(*args, **kwargs)

    def get_feed_url(self) -> str:
        """The subscription path; only on the instance that drew the token (it is not stored)."""
        if not self.token:
            raise ValueError("The plain token is known only when it is drawn.")
        return reverse("governance:calendar_feed", args=[self.token])
