from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, updated_stamp


class SentReminder(models.Model):
    """The sent-log: a row is claimed (inserted) before the e-mail goes out.

    The unique constraint on (rule, object, due date, recipient) is what makes a
    reminder go out once, however often and however concurrently the scan runs.
    """

    class Status(models.TextChoices):
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    rule = models.CharField(_("rule"), max_length=80)
    object_key = models.CharField(_("object"), max_length=120)
    due_date = models.DateField(_("due date"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=255)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    error = models.TextField(_("error"), blank=True)
    created_at = created_stamp(_("claimed at"))
    attempted_at = models.DateTimeField(_("last attempt at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "object_key", "due_date", "recipient"], name="reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} → {self.recipient} ({self.due_date})"


class Notification(models.Model):
    """An in-app notice, shown in the navigation bar until read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("title"), max_length=255)
    message = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    """A short stable name of what happened (« deliverable_published », « minutes_circulated »…)."""
    about_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("about (type)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    about_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    about_label = models.CharField(_("about (name)"), max_length=255, blank=True)
    """The object named as its reader knows it (« Action « Prévenir les TMS » »): the heading of its group."""
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = created_stamp(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    digest_due = models.BooleanField(_("for the daily digest"), default=False)
    """Its recipient reads their notices in a daily digest: this one waits for the next."""
    digested_at = models.DateTimeField(_("sent in a digest at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(
                fields=["digest_due", "digested_at"],
                name="notification_digest_idx",
                condition=models.Q(digest_due=True, digested_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """How a person wants their notices: in the app only, each by e-mail at once, or one e-mail a day."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("In the app and by e-mail at once")
        DIGEST = "digest", _("In the app and in one e-mail a day (daily digest)")
        IN_APP = "in_app", _("In the app only, no e-mail")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    delivery = models.CharField(
        _("notices"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    updated_at = updated_stamp(_("updated at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user} : {self.get_delivery_display()}"


class OutgoingEmail(models.Model):
    """An e-mail to send (convocation, acknowledgement, notice), one row per address.

    Written in the same transaction as what it announces, sent by a Celery job once that
    transaction is committed. A mail server that refuses it leaves the row `failed` with
    its error; it is tried again a bounded number of times (MAX_SEND_ATTEMPTS), then stays
    failed for an administrator to see and send again.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("recipient address"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    """[{"filename": …, "mimetype": …, "content": base64}, …]: small files only (an .ics)."""
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    attempted_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "attempted_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
