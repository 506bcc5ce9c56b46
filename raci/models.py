"""RACI matrices: who does what in an action or a programme (seed 002, Annexe 2).

A `Matrix` has ordered `Role` columns and ordered `Activity` rows grouped by axis and
step; an `Assignment` holds the letters of one cell (R, A, C, I, any set of them). A
matrix belongs to an action, to a programme, or is a template that pilots clone.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actions.models import CollectiveAction, Programme
from core.fields import created_stamp, optional_fk, optional_owner, optional_user, updated_stamp
from directory.models import Organisation, Person
from governance.models import Committee, Meeting

from .letters import LETTERS, display_hours, display_letters

# Every non-empty set of letters, written in R, A, C, I order: "R", "RA", "RAC", … "I".
LETTER_SETS = sorted(
    "".join(letter for i, letter in enumerate(LETTERS) if mask >> i & 1)
    for mask in range(1, 2 ** len(LETTERS))
)


class Matrix(models.Model):
    class Status(models.TextChoices):
        DRAFT = "brouillon", _("Draft")
        VALIDATED = "validee", _("Validated")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    action = optional_owner(CollectiveAction, _("action"), "raci_matrices")
    programme = optional_owner(Programme, _("programme"), "raci_matrices")
    is_template = models.BooleanField(_("template"), default=False)
    template_key = models.SlugField(
        _("template key"),
        max_length=40,
        blank=True,
        help_text=_("Identifies a template shipped with Copilote (used to install it once)."),
    )
    source = optional_fk("self", _("cloned from"), "clones")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    validated_by = optional_user(_("validated by"))
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    created_by = optional_user(_("created by"))
    created_at = created_stamp(_("created at"))
    updated_at = updated_stamp(_("updated at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("RACI matrix")
        verbose_name_plural = _("RACI matrices")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(is_template=True, action__isnull=True, programme__isnull=True)
                    | Q(is_template=False, action__isnull=False, programme__isnull=True)
                    | Q(is_template=False, action__isnull=True, programme__isnull=False)
                ),
                name="raci_matrix_one_scope",
            ),
            models.UniqueConstraint(
                fields=["template_key"], condition=~Q(template_key=""), name="raci_template_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("raci:matrix_detail", args=[self.pk])

    @property
    def scope(self):
        """The action or programme the matrix belongs to (None for a template)."""
        return self.action or self.programme

    @property
    def is_validated(self) -> bool:
        return self.status == self.Status.VALIDATED

    @property
    def validator_name(self) -> str:
        """Who validated the matrix, as shown to users (the account may since have been deleted)."""
        user = self.validated_by
        if user is None:
            return str(_("a deleted account"))
        return user.get_full_name() or user.username


class Role(models.Model):
    """A column of the matrix: a free name, optionally tied to an organisation, a person or a committee."""

    matrix = models.ForeignKey(
        Matrix, on_delete=models.CASCADE, related_name="roles", verbose_name=_("matrix")
    )
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveIntegerField(_("order"), default=0)
    organisation = optional_fk(Organisation, _("organisation"), "raci_roles")
    person = optional_fk(Person, _("person"), "raci_roles")
    committee = optional_fk(Committee, _("committee"), "raci_roles")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("RACI role")
        verbose_name_plural = _("RACI roles")
        ordering = ["matrix", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organisation__isnull=True, person__isnull=True)
                    | Q(organisation__isnull=True, committee__isnull=True)
                    | Q(person__isnull=True, committee__isnull=True)
                ),
                name="raci_role_one_tie",
                violation_error_message=_("Tie the role to one organisation, person or committee at most."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def holder(self):
        """Whom the role is tied to, if anybody: a person, an organisation or a committee."""
        return self.person or self.organisation or self.committee

    @property
    def holder_label(self) -> str:
        if self.person:
            return self.person.full_name
        if self.organisation:
            return self.organisation.acronym or self.organisation.name
        return self.committee.name if self.committee else ""


class Activity(models.Model):
    """A row of the matrix, grouped by axis and step (« Axe 1 » → « Etape 1 : Le cadrage… »)."""

    matrix = models.ForeignKey(
        Matrix, on_delete=models.CASCADE, related_name="activities", verbose_name=_("matrix")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    axis = models.CharField(_("axis"), max_length=255, blank=True)
    step = models.CharField(_("step"), max_length=255, blank=True)
    name = models.CharField(
        _("action"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty for a row that continues the one above (another method or objective)."),
    )
    description = models.TextField(_("description"), blank=True)
    method = models.TextField(_("method or tools"), blank=True)
    objective = models.TextField(_("objective"), blank=True)
    workload_hours = models.DecimalField(
        _("workload (hours)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    workload_text = models.CharField(
        _("workload (text)"),
        max_length=120,
        blank=True,
        help_text=_("When the workload is not a number of hours, e.g. « Travaux intersession »."),
    )
    meeting_label = models.CharField(
        _("meeting"),
        max_length=120,
        blank=True,
        help_text=_("The meeting that carries the activity out, e.g. « COPIL 1 » or « Temps collectif 2 »."),
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("scheduled meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="raci_activities",
        help_text=_("Optional: the meeting of the action's governance where the activity takes place."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("RACI activity")
        verbose_name_plural = _("RACI activities")
        ordering = ["matrix", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(workload_hours__isnull=True) | Q(workload_text=""),
                name="raci_activity_one_workload",
            ),
            models.CheckConstraint(
                condition=Q(workload_hours__isnull=True) | Q(workload_hours__gte=0),
                name="raci_activity_hours_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """What names the row for people: its action, or the start of its method."""
        if self.name:
            return self.name
        text = self.method or self.description or self.objective
        return _("(continued) %(text)s") % {"text": text[:60]}

    @property
    def workload_display(self) -> str:
        return display_hours(self.workload_hours) if self.workload_hours is not None else self.workload_text

    def clean(self):
        super().clean()
        if not (self.name or self.description or self.method or self.objective):
            raise ValidationError(
                _("Give at least the action, its description, its method or its objective.")
            )
        if self.workload_hours is not None and self.workload_text:
            raise ValidationError(_("Give the workload in hours or as a text, not both."))


class Assignment(models.Model):
    """The letters of one cell (activity × role), e.g. ``RC`` shown ``R/C``."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("activity")
    )
    role = models.ForeignKey(
        Role, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("role")
    )
    letters = models.CharField(_("letters"), max_length=4)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("RACI assignment")
        verbose_name_plural = _("RACI assignments")
        ordering = ["activity", "role"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "role"], name="raci_assignment_once"),
            models.CheckConstraint(condition=Q(letters__in=LETTER_SETS), name="raci_assignment_letters"),
        ]

    def __str__(self) -> str:
        return display_letters(self.letters)

    def clean(self):
        super().clean()
        if not self.letters or any(letter not in LETTERS for letter in self.letters):
            raise ValidationError(_("A cell holds the letters R, A, C or I."))
