"""The capitalisation library: what the actions produce, published for diffusion.

A `Publication` points at its source (a deliverable, a fiche-action, approved minutes…)
through a generic relation, so the library imports no domain app: the sources register
themselves in `library.registry` (see `library/sources.py`). The searchable text is
copied on the publication when it is published (with the text of an uploaded PDF or
DOCX), and indexed in a stored French `tsvector` on PostgreSQL.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actions.models import Programme, QvtTheme
from core.fields import created_stamp


class Publication(models.Model):
    class Audience(models.TextChoices):
        PARTNERS = "partenaires", _("Partners of the programme")
        USERS = "utilisateurs", _("All users of Copilote")
        PUBLIC = "public", _("Public (showcase page)")

    class DocType(models.TextChoices):
        DELIVERABLE = "livrable", _("Deliverable")
        MINUTES = "compte_rendu", _("Approved minutes")
        FICHE = "fiche_action", _("Fiche-action")
        FINAL_REPORT = "rapport_final", _("Final report")
        TOOL = "outil", _("Tool or guide")
        OTHER = "autre", _("Other document")

    class CompanySize(models.TextChoices):
        ALL = "toutes", _("Every size")
        TPE = "tpe", _("Micro-enterprises (TPE, under 10)")
        PME = "pme", _("SMEs (PME, under 250)")
        LARGE = "grandes", _("Large companies (250 and more)")

    source = models.CharField(_("kind of source"), max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="publications"
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    body_text = models.TextField(_("searchable text"), blank=True, editable=False)
    has_file = models.BooleanField(_("has a file"), default=False, editable=False)
    file_kind = models.CharField(_("file type"), max_length=10, blank=True, editable=False)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.PARTNERS
    )
    doc_type = models.CharField(_("type of document"), max_length=20, choices=DocType.choices)
    themes = models.ManyToManyField(
        QvtTheme, verbose_name=_("themes"), blank=True, related_name="publications"
    )
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    company_size = models.CharField(
        _("company size"), max_length=10, choices=CompanySize.choices, default=CompanySize.ALL
    )
    year = models.PositiveSmallIntegerField(_("year"))
    is_published = models.BooleanField(_("published"), default=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    view_count = models.PositiveIntegerField(_("consultations"), default=0, editable=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    # Filled by the service on PostgreSQL (French configuration); a GIN index is created by
    # migration 0002 on PostgreSQL only, so the embedded SQLite default still migrates.
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["body_text", "search_vector", "view_count", "download_count"]
    )

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="publication_once_per_source"),
        ]
        indexes = [
            models.Index(fields=["is_published", "audience", "programme"]),
            models.Index(fields=["-published_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:publication_detail", args=[self.pk])


class ProgrammeFollow(models.Model):
    """A user follows a programme: alerted of its publications, and they fill the weekly digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_programmes"
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="library_followers")
    created_at = created_stamp(_("created at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme followed")
        verbose_name_plural = _("programmes followed")
        constraints = [models.UniqueConstraint(fields=["user", "programme"], name="programme_followed_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.programme}"


def new_unsubscribe_nonce() -> str:
    return secrets.token_urlsafe(12)


class DigestPreference(models.Model):
    """Whether a user receives the weekly digest, and the week last sent (claimed before sending).

    `unsubscribe_nonce` is signed into every unsubscribe link (library/digest.py): drawing a new one
    revokes all the links sent so far (done when the user subscribes again, or by an administrator).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    weekly_digest = models.BooleanField(_("weekly digest e-mail"), default=True)
    last_week_sent = models.DateField(_("week last sent"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    unsubscribe_nonce = models.CharField(
        _("unsubscribe links key"), max_length=32, default=new_unsubscribe_nonce, editable=False
    )
    unsubscribe_links_revoked_at = models.DateTimeField(
        _("unsubscribe links revoked at"), null=True, blank=True
    )

    history = HistoricalRecords(excluded_fields=["unsubscribe_nonce", "last_week_sent"])

    class Meta:
        verbose_name = _("digest preference")
        verbose_name_plural = _("digest preferences")

    def __str__(self) -> str:
        return str(self.user)


class PublicationHit(models.Model):
    """One consultation or download, dated: the reach over a period (the seed's evaluation criteria)."""

    class Kind(models.TextChoices):
        VIEW = "consultation", _("Consultation")
        DOWNLOAD = "telechargement", _("Download")

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="hits")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    at = created_stamp(_("at"))

    class Meta:
        verbose_name = _("consultation or download")
        verbose_name_plural = _("consultations and downloads")
        indexes = [models.Index(fields=["publication", "kind", "at"])]

    def __str__(self) -> str:
        return f"{self.publication_id} {self.kind} {self.at:%Y-%m-%d}"
