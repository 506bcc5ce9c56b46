"""Models of actions: programmes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, optional_protected_fk, updated_stamp
from directory.models import Organisation, Person


class QvtTheme(models.Model):
    """The 6 Anact QVT themes (seed 003), created by a data migration."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("QVT theme")
        verbose_name_plural = _("QVT themes")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    """A scheme grouping actions: a PRST, an ACIA call, a branch scheme…"""

    class Kind(models.TextChoices):
        PRST = "prst", _("Regional occupational health plan (PRST)")
        CALL = "appel", _("Call for applications / projects")
        BRANCH = "branche", _("Branch scheme")
        TERRITORIAL = "territorial", _("Territorial programme")
        OTHER = "autre", _("Other")

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("short code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    territory = models.CharField(_("territory"), max_length=120, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    porteur = optional_protected_fk(Organisation, _("porteur"), "programmes_carried")
    description = models.TextField(_("description"), blank=True)
    managers = models.ManyToManyField(
        Person,
        verbose_name=_("programme managers"),
        blank=True,
        related_name="programmes_managed",
        help_text=_("People who steer the programme and may edit it."),
    )
    showcase_enabled = models.BooleanField(_("public showcase page"), default=False)
    created_at = created_stamp(_("created at"))
    updated_at = updated_stamp(_("updated at"))

    history = HistoricalRecords(m2m_fields=[managers])

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="programme_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actions:programme_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must be after the start date.")})


class ProgrammeAxis(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="axes", verbose_name=_("programme")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme axis")
        verbose_name_plural = _("programme axes")
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="axis_number_unique")]

    def __str__(self) -> str:
        return _("Axis %(number)s: %(title)s") % {"number": self.number, "title": self.title}


class ProgrammeStep(models.Model):
    """A time step of a programme (the ACIA call has 3: cadrage, déploiement, bilan)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="steps", verbose_name=_("programme")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    period = models.CharField(_("period"), max_length=120, blank=True)
    mobilisation_days = models.PositiveSmallIntegerField(
        _("days of mobilisation of the structures"), null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme step")
        verbose_name_plural = _("programme steps")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="programme_step_number_unique")
        ]

    def __str__(self) -> str:
        return _("Step %(number)s: %(title)s") % {"number": self.number, "title": self.title}
