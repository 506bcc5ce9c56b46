from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import created_stamp
from core.states import state_flags


class RetentionKind(models.TextChoices):
    """What the periodic task removes or anonymises once its retention period has passed."""

    LOGIN_ATTEMPTS = "login_attempts", _("Login attempts")
    OUTGOING_EMAILS = "outgoing_emails", _("Outbox e-mails")
    NOTIFICATIONS = "notifications", _("Notices")
    CONTACT_ATTEMPTS = "contact_attempts", _("Contacts with member companies")
    MEMBERSHIP_APPLICATIONS_REJECTED = (
        "membership_applications_rejected",
        _("Rejected membership applications"),
    )
    CALL_APPLICATIONS_REJECTED = "call_applications_rejected", _("Applications not selected")
    HISTORY_USERS = "history_users", _("Authors of history rows")
    READ_LOG = "read_log", _("Log of who read member files")


DEFAULT_MONTHS = {
    RetentionKind.LOGIN_ATTEMPTS: 6,
    RetentionKind.OUTGOING_EMAILS: 12,
    RetentionKind.NOTIFICATIONS: 12,
    RetentionKind.CONTACT_ATTEMPTS: 36,
    RetentionKind.MEMBERSHIP_APPLICATIONS_REJECTED: 24,
    RetentionKind.CALL_APPLICATIONS_REJECTED: 24,
    RetentionKind.HISTORY_USERS: 60,
    RetentionKind.READ_LOG: 12,
}


class RetentionRule(models.Model):
    """How long one kind of personal data is kept. Edited in the Django admin only."""

    kind = models.CharField(_("kind of data"), max_length=40, choices=RetentionKind.choices, unique=True)
    months = models.PositiveIntegerField(
        _("retention period (months)"),
        validators=[MinValueValidator(1, _("The retention period must be at least one month."))],
        help_text=_("Past this period the data is deleted or anonymised by the nightly task."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(condition=models.Q(months__gte=1), name="retention_at_least_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} : {self.months}"


class RetentionRun(models.Model):
    """One real pass of the retention task: who ran it, when, and what it did per kind."""

    started_at = created_stamp(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    results = models.JSONField(_("what was done"), default=list, blank=True)
    """[{"kind": …, "action": "deleted" | "anonymised", "count": n, "before": "YYYY-MM-DD"}, …]"""

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return str(self.started_at)

    @property
    def total(self) -> int:
        return sum(row["count"] for row in self.results)


class PersonErasure(models.Model):
    """A person anonymised on request: their pseudonym's number, who did it, when and why.

    The person's record stays (its links keep the counts and the decisions), renamed « Personne
    anonymisée n° <number> »; `person_id` is a plain number so that this record names nobody.
    """

    person_id = models.PositiveBigIntegerField(_("person (number in the directory)"), db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anonymised by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    done_at = created_stamp(_("anonymised at"))
    rows = models.JSONField(_("rows rewritten per table"), default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person anonymised")
        verbose_name_plural = _("people anonymised")
        ordering = ["-done_at"]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def pseudonym(self) -> str:
        return pseudonym(self.pk)


def pseudonym(number: int) -> str:
    return f"Personne anonymisée n°\u00a0{number}"


@state_flags(tones={"QUEUED": "secondary", "RUNNING": "secondary", "DONE": "success", "FAILED": "danger"})
class PersonExport(models.Model):
    """A person's file (everything Copilote holds about them, as one ZIP), built by a Celery job."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    person = models.ForeignKey(
        "directory.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(_("file"), upload_to="personal-data/%Y/%m/", blank=True)
    in_text = models.BooleanField(
        _("mentions in texts included"),
        default=True,
        help_text=_("Also the rows naming the person in free text (minutes, notes): the controller's file."),
    )
    tables = models.PositiveIntegerField(_("tables"), default=0)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = created_stamp(_("requested at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal data file")
        verbose_name_plural = _("personal data files")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.person} — {self.created_at:%Y-%m-%d}"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class ReadKind(models.TextChoices):
    """What a logged page shows (`privacy.reads`)."""

    MEMBER_FILE = "member_file", _("Member file and staff notes")
    VISIT = "visit", _("Prevention visit")
    VISIT_DOCUMENT = "visit_document", _("Visit document (PDF)")
    VISIT_PHOTO = "visit_photo", _("Work unit photo")


class ReadLogEntry(models.Model):
    """One page of a member company's file read by somebody: who, when, what (`privacy.reads`).

    Written by `privacy.reads.ReadLogMiddleware` after the page was served; never changed afterwards,
    deleted by the retention task past its period (`RetentionKind.READ_LOG`).
    """

    read_at = models.DateTimeField(_("read at"), auto_now_add=True, db_index=True)
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("what was read"), max_length=20, choices=ReadKind.choices)
    service = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("service"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    member_file_id = models.PositiveBigIntegerField(_("member file (number)"), db_index=True)
    subject = models.CharField(_("member company"), max_length=250)
    path = models.CharField(_("page"), max_length=300)

    class Meta:
        verbose_name = _("read of a member file")
        verbose_name_plural = _("reads of member files")
        ordering = ["-read_at", "-pk"]
        indexes = [models.Index(fields=["service", "-read_at"], name="read_log_service_idx")]

    def __str__(self) -> str:
        return f"{self.read_at:%Y-%m-%d %H:%M} {self.reader} {self.subject}"
