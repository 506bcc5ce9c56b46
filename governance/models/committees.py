"""Models of governance: committees."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from actions.models import CollectiveAction, Programme
from core.fields import created_stamp, optional_owner, updated_stamp
from directory.models import College, Person


class QuorumRule(models.TextChoices):
    NONE = "", _("No quorum")
    SHARE = "part", _("A share of the members")
    PER_COLLEGE = "college", _("A minimum in each college")


class Committee(models.Model):
    """A steering or follow-up body, scoped to a programme or to one action."""

    QuorumRule = QuorumRule

    class Kind(models.TextChoices):
        COPIL = "copil", _("Steering committee (COPIL)")
        FOLLOW_UP = "comite_suivi", _("Follow-up committee")
        CROCT = "croct", _("CROCT")
        GPRO = "gpro", _("GPRO")
        CMT = "cmt", _("Medical-technical commission (CMT)")
        WORKING_GROUP = "gt", _("Working group")
        COLLECTIVE = "temps_collectif", _("Collective / inter-structure session")
        SELECTION = "comite_selection", _("Selection committee")
        COORDINATION = "coordination", _("Coordination team")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    programme = optional_owner(Programme, _("programme"), "committees")
    action = optional_owner(CollectiveAction, _("action"), "committees")
    mandate = models.TextField(
        _("mandate"), blank=True, help_text=_("Its functions: what it steers, decides, follows up.")
    )
    # Composition rule: {"colleges": {"employeurs": 5, ...}, "roles": {"pilote": 1, ...}} (expected counts).
    composition_rule = models.JSONField(_("composition rule"), default=dict, blank=True)
    default_duration_minutes = models.PositiveSmallIntegerField(
        _("usual meeting length (minutes)"),
        default=180,
        validators=[MinValueValidator(15), MaxValueValidator(24 * 60)],
    )
    default_place = models.CharField(_("usual place"), max_length=255, blank=True)
    # The quorum: who must be present or represented for the meeting to deliberate validly
    # (governance/services/quorum.py computes it; represented members count, guests never do).
    quorum_rule = models.CharField(
        _("quorum"),
        max_length=20,
        choices=QuorumRule.choices,
        default=QuorumRule.NONE,
        blank=True,
    )
    quorum_share = models.PositiveSmallIntegerField(
        _("share of the members (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "With the rule « share of the members »: members present or represented, as a share of the members invited."
        ),
    )
    # {"employeurs": 2, "salaries": 2, ...}: members present or represented needed in each college.
    quorum_colleges = models.JSONField(_("minimum per college"), default=dict, blank=True)
    max_proxies = models.PositiveSmallIntegerField(
        _("proxies one member may hold"),
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(20)],
        help_text=_("How many absent members one member present may represent (0: no proxy)."),
    )
    created_at = created_stamp(_("created at"))
    updated_at = updated_stamp(_("updated at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(programme__isnull=False) & Q(action__isnull=True))
                | (Q(programme__isnull=True) & Q(action__isnull=False)),
                name="committee_scope_programme_xor_action",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:committee_detail", args=[self.pk])

    @property
    def scope(self):
        return self.action if self.action_id else self.programme

    @property
    def scope_programme_id(self):
        return self.programme_id if self.programme_id else self.action.programme_id


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "president", pgettext_lazy("committee role", "Chair")
        PILOT = "pilote", pgettext_lazy("committee role", "Pilot")
        CO_PILOT = "copilote", pgettext_lazy("committee role", "Co-pilot")
        FACILITATOR = "animateur", pgettext_lazy("committee role", "Facilitator")
        SECRETARY = "secretaire", pgettext_lazy("committee role", "Secretary")
        MEMBER = "membre", pgettext_lazy("committee role", "Member")
        GUEST = "invite", pgettext_lazy("committee role", "Guest")

    # Roles that may edit the committee, its meetings and minutes.
    WRITER_ROLES = (Role.CHAIR, Role.PILOT, Role.CO_PILOT, Role.SECRETARY)

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    college = models.CharField(_("college"), max_length=20, choices=College.choices, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("start of mandate"), null=True, blank=True)
    end_date = models.DateField(_("end of mandate"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["committee", "college", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "person"], name="membership_once_per_committee"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"

    def is_active(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (self.start_date is None or self.start_date <= today) and (
            self.end_date is None or self.end_date >= today
        )

    @staticmethod
    def active_q(today=None, prefix: str = "") -> Q:
        today = today or timezone.localdate()
        return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": today})) & (
            Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
        )
