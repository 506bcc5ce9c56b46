"""API tokens: a person's keys for other systems, stored hashed (sha256), shown once."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import created_stamp

PREFIX_LENGTH = 8


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE_MEASUREMENTS = "write_measurements", _("Read and write measurements")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=120)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, db_index=True, editable=False)
    key_hash = models.CharField(_("key fingerprint"), max_length=64, unique=True, editable=False)
    created_at = created_stamp(_("created at"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def new_key() -> str:
        return "cp_" + secrets.token_urlsafe(32)


class ApiWriteLog(models.Model):
    """One write through the API: which token, when, and what it changed."""

    token = models.ForeignKey(
        ApiToken, verbose_name=_("token"), on_delete=models.PROTECT, related_name="writes"
    )
    created_at = created_stamp(_("created at"))
    endpoint = models.CharField(_("endpoint"), max_length=120)
    lines = models.PositiveIntegerField(_("lines"))
    created = models.PositiveIntegerField(_("values recorded"))
    updated = models.PositiveIntegerField(_("values corrected"))
    unchanged = models.PositiveIntegerField(_("values unchanged"))

    class Meta:
        verbose_name = _("API write")
        verbose_name_plural = _("API writes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.token} {self.endpoint} {self.created_at:%Y-%m-%d %H:%M}"
