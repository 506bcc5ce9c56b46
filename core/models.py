"""What the foundation stores itself: the one-time tokens of creation forms (see `core.idempotency`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """A creation form's one-time token, claimed by the post that created something with it.

    A technical row (no history): it only lets a second post of the same form (a double click, the back
    button, a retry after a timeout) find what the first one created instead of creating it again.
    """

    token = models.CharField(_("token"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField(_("address of what was created"), max_length=500, blank=True)
    label = models.CharField(_("what was created"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        constraints = [models.UniqueConstraint(fields=["token"], name="core_form_token_used_once")]

    def __str__(self) -> str:
        return self.label or self.token[:8]
