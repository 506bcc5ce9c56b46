"""Models of actions: deliverables."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, optional_user
from core.states import state_flags

from ..storage import private_storage
from .actions import ActionPhase, CollectiveAction


@state_flags(tones={"IN_PROGRESS": "info", "SUBMITTED": "warning", "VALIDATED": "success"})
class Deliverable(models.Model):
    """An expected outcome (débouché) of a phase."""

    class Status(models.TextChoices):
        TO_DO = "a_produire", _("To be produced")
        IN_PROGRESS = "en_cours", _("In progress")
        SUBMITTED = "soumis", _("Submitted")
        VALIDATED = "valide", _("Validated")

    action = models.ForeignKey(CollectiveAction, on_delete=models.CASCADE, related_name="deliverables")
    phase = models.ForeignKey(
        ActionPhase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="deliverables"
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    is_required = models.BooleanField(
        _("required to leave the phase"),
        default=True,
        help_text=_(
            "The phase cannot be closed before this deliverable is validated (unless overridden with a reason)."
        ),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TO_DO)
    # Stored outside MEDIA_ROOT: never reachable through a public URL, only through the
    # permission-checked download view.
    file = models.FileField(
        _("file"), upload_to="deliverables/", storage=private_storage, blank=True, max_length=255
    )
    file_kind = models.CharField(_("file type"), max_length=10, blank=True)
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True)
    validated_by = optional_user(_("validated by"))
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    validation_note = models.CharField(
        _("validation note"),
        max_length=255,
        blank=True,
        help_text=_("For instance the meeting that validated it."),
    )
    # The last validated version of the file: what the library serves while a newer version
    # waits for its own validation.
    validated_file = models.FileField(
        _("validated file"),
        upload_to="deliverables/",
        storage=private_storage,
        blank=True,
        max_length=255,
        editable=False,
    )
    validated_file_kind = models.CharField(
        _("validated file type"), max_length=10, blank=True, editable=False
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    uploaded_by = optional_user(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), null=True, blank=True)
    is_phase_default = models.BooleanField(
        _("expected outcome of the phase"),
        default=False,
        help_text=_("Created from the ANACT reference when the action was created."),
    )
    created_at = created_stamp(_("created at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["action", "phase__number", "due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:deliverable_detail", args=[self.action_id, self.pk])

    @property
    def has_version_awaiting_validation(self) -> bool:
        """A newer file than the validated one was uploaded: readers still get the validated one."""
        return bool(self.validated_file) and self.validated_file.name != self.file.name

    @property
    def file_stem(self) -> str:
        """The name its downloads get (without extension): the uploaded file's, else the title."""
        return self.original_filename.rsplit(".", 1)[0] if self.original_filename else self.title

    def is_late(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status != self.Status.VALIDATED and self.due_date is not None and self.due_date < today
