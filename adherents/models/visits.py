"""Models of adherents: visits."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, optional_fk, optional_user, updated_stamp
from core.states import state_flags

from .members import Adherent
from .trajectories import StepInstance


class HazardFamily(models.TextChoices):
    """The reference checklist of the usual hazard families."""

    FALLS = "chutes", _("Falls (same level, from height)")
    HANDLING = "manutention", _("Manual handling")
    POSTURES = "postures", _("Postures, repetitive work (MSD)")
    NOISE = "bruit", _("Noise")
    VIBRATIONS = "vibrations", _("Vibrations")
    CHEMICAL = "chimique", _("Chemical agents")
    BIOLOGICAL = "biologique", _("Biological agents")
    MACHINES = "machines", _("Machines and tools")
    ELECTRICAL = "electrique", _("Electrical")
    ROAD = "routier", _("Road risk")
    PSYCHOSOCIAL = "rps", _("Psychosocial risks (RPS)")
    LONE_WORK = "isole", _("Lone work")
    THERMAL = "thermique", _("Heat, cold")
    SCREEN = "ecran", _("Screen work")
    LIGHTING = "eclairage", _("Lighting")
    FIRE = "incendie", _("Fire, explosion")


@state_flags(tones={"PLANNED": "secondary", "DONE": "success", "CANCELLED": "secondary"})
class PreventionVisit(models.Model):
    """The *rendez-vous de la prévention*: before, during and after."""

    class Status(models.TextChoices):
        PLANNED = "prevue", pgettext_lazy("visit status", "Planned")
        DONE = "realisee", pgettext_lazy("visit status", "Done")
        CANCELLED = "annulee", pgettext_lazy("visit status", "Cancelled")

    class RestitutionFormat(models.TextChoices):
        VIDEO = "visio", _("Video call")
        IN_PERSON = "presentiel", _("In person")
        PHONE = "telephone", _("Phone")
        MAIL = "courrier", _("Letter or e-mail only")

    class Level(models.IntegerChoices):
        LOW = 1, _("Low")
        MEDIUM = 2, _("Medium")
        HIGH = 3, _("High")

    adherent = models.ForeignKey(
        Adherent, verbose_name=_("member company"), on_delete=models.CASCADE, related_name="visits"
    )
    step = optional_fk(StepInstance, _("trajectory step"), "visits")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    planned_on = models.DateField(_("planned on"), null=True, blank=True)
    done_on = models.DateField(_("date of the visit"), null=True, blank=True)
    performed_by = optional_user(_("prevention assistant"))
    physician = models.CharField(_("occupational physician"), max_length=200, blank=True)
    # Before.
    documents_received = models.TextField(_("documents received from the member service"), blank=True)
    call_notes = models.TextField(
        _("appointment call: what was said"),
        blank=True,
        help_text=_(
            "Introduce yourself, ask how the employer sees the service and prevention, explain the visit."
        ),
    )
    # After.
    priority_hazards = models.TextField(_("priority hazards"), blank=True)
    posts_to_observe = models.TextField(_("posts needing a closer look"), blank=True)
    employer_knowledge = models.PositiveSmallIntegerField(
        _("employer's knowledge of prevention"), choices=Level.choices, null=True, blank=True
    )
    employer_motivation = models.PositiveSmallIntegerField(
        _("employer's motivation"), choices=Level.choices, null=True, blank=True
    )
    employer_needs = models.TextField(_("employer's needs and difficulties"), blank=True)
    training_needs = models.TextField(_("training needs"), blank=True)
    physician_ideas = models.TextField(_("ideas for the physician's action plan"), blank=True)
    # Restitution to the employer.
    proposed_hazard = models.CharField(
        _("hazard proposed to work on"), max_length=20, choices=HazardFamily.choices, blank=True
    )
    proposal = models.TextField(
        _("proposal to the employer"),
        blank=True,
        help_text=_("Follows the sentence: to help you move forward on this subject, we propose to discuss…"),
    )
    restitution_format = models.CharField(
        _("restitution format wished"), max_length=12, choices=RestitutionFormat.choices, blank=True
    )
    restitution_sent_on = models.DateField(_("restitution sent on"), null=True, blank=True)
    # The date written in the restitution letter: set when the letter is first issued, kept
    # when it is produced again, so every copy of the letter bears the same date.
    restitution_issued_on = models.DateField(_("restitution letter dated"), null=True, blank=True)
    created_at = created_stamp(_("created at"))
    updated_at = updated_stamp(_("updated at"))

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("prevention visit")
        verbose_name_plural = _("prevention visits")
        ordering = ["-done_on", "-planned_on", "-pk"]

    def __str__(self) -> str:
        when = self.done_on or self.planned_on
        return _("Prevention visit — %(member)s (%(date)s)") % {
            "member": self.adherent,
            "date": when.strftime("%d/%m/%Y") if when else "—",
        }

    def get_absolute_url(self) -> str:
        return reverse("adherents:visit_detail", args=[self.pk])


class WorkUnit(models.Model):
    """A work unit seen during the visit (a post, a workshop, a department)."""

    visit = models.ForeignKey(
        PreventionVisit,
        verbose_name=_("prevention visit"),
        on_delete=models.CASCADE,
        related_name="work_units",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("work unit"), max_length=200)
    posts = models.CharField(_("posts concerned"), max_length=255, blank=True)
    description = models.TextField(_("activity observed"), blank=True)
    existing_measures = models.TextField(_("existing prevention measures"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work unit")
        verbose_name_plural = _("work units")
        ordering = ["visit", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class IdentifiedHazard(models.Model):
    """A hazard family spotted in a work unit, with the exposing situation."""

    work_unit = models.ForeignKey(
        WorkUnit, verbose_name=_("work unit"), on_delete=models.CASCADE, related_name="hazards"
    )
    family = models.CharField(_("hazard"), max_length=20, choices=HazardFamily.choices)
    situation = models.CharField(_("exposing situation"), max_length=255, blank=True)
    is_priority = models.BooleanField(_("priority"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("identified hazard")
        verbose_name_plural = _("identified hazards")
        ordering = ["work_unit", "family"]
        constraints = [
            models.UniqueConstraint(fields=["work_unit", "family"], name="adherents_hazard_once_per_unit")
        ]

    def __str__(self) -> str:
        return self.get_family_display()


class WorkUnitPhoto(models.Model):
    """A photo of a positive or negative situation in a work unit."""

    work_unit = models.ForeignKey(
        WorkUnit, verbose_name=_("work unit"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("photo"), upload_to="adherents/photos/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    positive = models.BooleanField(_("good practice"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work unit photo")
        verbose_name_plural = _("work unit photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class ActionPlanItem(models.Model):
    """An action proposed after the visit: who, by when, status."""

    class Status(models.TextChoices):
        PROPOSED = "proposee", pgettext_lazy("action status", "Proposed")
        IN_PROGRESS = "en_cours", pgettext_lazy("action status", "In progress")
        DONE = "realisee", pgettext_lazy("action status", "Done")
        ABANDONED = "abandonnee", pgettext_lazy("action status", "Abandoned")

    adherent = models.ForeignKey(
        Adherent, verbose_name=_("member company"), on_delete=models.CASCADE, related_name="action_items"
    )
    visit = optional_fk(PreventionVisit, _("prevention visit"), "action_items")
    title = models.CharField(_("action"), max_length=255)
    hazard = models.CharField(_("hazard"), max_length=20, choices=HazardFamily.choices, blank=True)
    who = models.CharField(_("who"), max_length=200)
    due_on = models.DateField(_("by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    created_at = created_stamp(_("created at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action plan item")
        verbose_name_plural = _("action plan items")
        ordering = ["adherent", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title
