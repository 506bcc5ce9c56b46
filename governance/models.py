"""Governance: committees and their members, meetings (agenda, attendance, minutes,
decisions, follow-up items) and the private calendar feed of each user."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from actions.models import ActionPhase, CollectiveAction, Deliverable, Programme
from core.states import state_flags
from core.tokens import hash_token, new_token
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
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="committees",
    )
    action = models.ForeignKey(
        CollectiveAction, verbose_name=_("action"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="committees",
    )
    mandate = models.TextField(_("mandate"), blank=True, help_text=_("Its functions: what it steers, decides, follows up."))
    # Composition rule: {"colleges": {"employeurs": 5, ...}, "roles": {"pilote": 1, ...}} (expected counts).
    composition_rule = models.JSONField(_("composition rule"), default=dict, blank=True)
    default_duration_minutes = models.PositiveSmallIntegerField(
        _("usual meeting length (minutes)"), default=180, validators=[MinValueValidator(15), MaxValueValidator(24 * 60)]
    )
    default_place = models.CharField(_("usual place"), max_length=255, blank=True)
    # The quorum: who must be present or represented for the meeting to deliberate validly
    # (governance/services/quorum.py computes it; represented members count, guests never do).
    quorum_rule = models.CharField(
        _("quorum"), max_length=20, choices=QuorumRule.choices, default=QuorumRule.NONE, blank=True,
    )
    quorum_share = models.PositiveSmallIntegerField(
        _("share of the members (%)"), default=50, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("With the rule « share of the members »: members present or represented, as a share of the members invited."),
    )
    # {"employeurs": 2, "salaries": 2, ...}: members present or represented needed in each college.
    quorum_colleges = models.JSONField(_("minimum per college"), default=dict, blank=True)
    max_proxies = models.PositiveSmallIntegerField(
        _("proxies one member may hold"), default=1, validators=[MinValueValidator(0), MaxValueValidator(20)],
        help_text=_("How many absent members one member present may represent (0: no proxy)."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

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
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships")
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
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"

    def is_active(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (self.start_date is None or self.start_date <= today) and (self.end_date is None or self.end_date >= today)

    @staticmethod
    def active_q(today=None, prefix: str = "") -> Q:
        today = today or timezone.localdate()
        return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": today})) & (
            Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
        )


@state_flags(tones={"HELD": "success", "CONVENED": "primary", "CANCELLED": "secondary"})
class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "prevue", pgettext_lazy("meeting status", "Planned")
        CONVENED = "convoquee", pgettext_lazy("meeting status", "Convened")
        HELD = "tenue", pgettext_lazy("meeting status", "Held")
        CANCELLED = "annulee", pgettext_lazy("meeting status", "Cancelled")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("number in the series"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=180, validators=[MinValueValidator(15), MaxValueValidator(24 * 60)]
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    animators = models.ManyToManyField(
        Person, verbose_name=_("animated by"), blank=True, related_name="meetings_animated",
        help_text=_("Who leads the meeting or the workshop (not the chair of the committee)."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    convened_at = models.DateTimeField(_("convened at"), null=True, blank=True)
    held_at = models.DateTimeField(_("recorded as held at"), null=True, blank=True)
    # The quorum as it stood when the meeting was recorded as held (the sentence shown then),
    # and, when it was not reached, why the meeting was held all the same.
    held_quorum = models.CharField(_("quorum when recorded as held"), max_length=500, blank=True)
    held_without_quorum_note = models.TextField(_("why it was held without quorum"), blank=True)
    cancellation_reason = models.CharField(_("reason for cancellation"), max_length=255, blank=True)
    sequence = models.PositiveIntegerField(
        _("iCalendar revision"), default=0, help_text=_("Raised at each change so calendars update the event.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[animators])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "number"], condition=Q(number__isnull=False), name="meeting_number_unique_in_committee"
            )
        ]
        indexes = [models.Index(fields=["committee", "starts_at"]), models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.committee} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting_detail", args=[self.pk])

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def ical_uid(self) -> str:
        return f"meeting-{self.pk}@copilote"

    @property
    def is_open(self) -> bool:
        """Planned or convened: its agenda and attendance are still being prepared."""
        return self.status in (self.Status.PLANNED, self.Status.CONVENED)


@state_flags()
class AgendaItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "a_traiter", pgettext_lazy("agenda item status", "To be dealt with")
        DONE = "traite", pgettext_lazy("agenda item status", "Dealt with")
        CARRIED = "reporte", pgettext_lazy("agenda item status", "Carried to the next meeting")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("details"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("planned duration (minutes)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    presenter = models.ForeignKey(
        Person, verbose_name=_("presenter"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    carried_from = models.ForeignKey(
        "self", verbose_name=_("carried from"), on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.title


@state_flags()
class Attendance(models.Model):
    class Status(models.TextChoices):
        INVITED = "invite", pgettext_lazy("attendance", "Invited")
        PRESENT = "present", pgettext_lazy("attendance", "Present")
        EXCUSED = "excuse", pgettext_lazy("attendance", "Excused")
        ABSENT = "absent", pgettext_lazy("attendance", "Absent")
        REPRESENTED = "represente", pgettext_lazy("attendance", "Represented")

    # What a member may answer (« invited » is only the state before anything is recorded).
    ANSWERS = (Status.PRESENT, Status.EXCUSED, Status.ABSENT, Status.REPRESENTED)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, null=True, blank=True, related_name="attendances"
    )
    guest_name = models.CharField(_("guest's name"), max_length=200, blank=True)
    guest_organisation = models.CharField(_("guest's organisation"), max_length=200, blank=True)
    is_guest = models.BooleanField(_("guest"), default=False)
    college = models.CharField(_("college"), max_length=20, choices=College.choices, blank=True)
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices, default=Status.INVITED)
    represented_by = models.ForeignKey(
        "self", verbose_name=_("represented by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="proxies_held",
        help_text=_("A member of the same meeting, present, who holds this member's proxy."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "is_guest", "college", "person__last_name", "guest_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=Q(person__isnull=False), name="attendance_once_per_person"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(guest_name=""), name="attendance_person_or_guest_name"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.person.full_name if self.person_id else self.guest_name

    @property
    def counts_for_quorum(self) -> bool:
        """Members present or represented count; guests never do."""
        return not self.is_guest and self.status in (self.Status.PRESENT, self.Status.REPRESENTED)

    @property
    def status_text(self) -> str:
        """The status in words, naming the proxy: « Représenté·e par Anne Martin »."""
        if self.status == self.Status.REPRESENTED and self.represented_by_id:
            return _("Represented by %(name)s") % {"name": self.represented_by.display_name}
        return str(self.get_status_display())


@state_flags()
@state_flags(field="approval_mode", choices="ApprovalMode", prefix="approved_")
class Minutes(models.Model):
    """One version of the minutes (compte rendu) of a meeting.

    Approved versions are read-only: a correction creates the next version, in draft,
    and the approved one is kept as it was.
    """

    class Status(models.TextChoices):
        DRAFT = "brouillon", pgettext_lazy("minutes status", "Draft")
        CIRCULATED = "diffuse", pgettext_lazy("minutes status", "Circulated")
        APPROVED = "approuve", pgettext_lazy("minutes status", "Approved")

    class ApprovalMode(models.TextChoices):
        CHAIR = "president", _("By the chair")
        MEETING = "seance", _("At a later meeting")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_versions")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("general summary"), blank=True)
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    approval_mode = models.CharField(_("approval"), max_length=20, choices=ApprovalMode.choices, blank=True)
    approved_at_meeting = models.ForeignKey(
        Meeting, verbose_name=_("approved at the meeting"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="approved_minutes",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "-version"]
        constraints = [models.UniqueConstraint(fields=["meeting", "version"], name="minutes_version_unique")]

    def __str__(self) -> str:
        return _("Minutes of %(meeting)s (v%(version)s)") % {"meeting": self.meeting.title, "version": self.version}

    @property
    def is_read_only(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def can_be_circulated(self) -> bool:
        return self.status == self.Status.DRAFT


class MinutesItem(models.Model):
    """What was said on one agenda item, in one version of the minutes."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="items")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="minutes_items")
    text = models.TextField(_("minutes of the item"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes of an item")
        verbose_name_plural = _("minutes of the items")
        ordering = ["minutes", "agenda_item__order", "agenda_item__pk"]
        constraints = [models.UniqueConstraint(fields=["minutes", "agenda_item"], name="minutes_item_once")]

    def __str__(self) -> str:
        return str(self.agenda_item)


class MinutesCirculation(models.Model):
    """One sending of a version of the minutes to the committee's members: an e-mail with the PDF, a notice."""

    minutes = models.ForeignKey(Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE,
                                related_name="circulations")
    circulated_at = models.DateTimeField(_("circulated at"), default=timezone.now)
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("circulated by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    attachment_name = models.CharField(_("attached file"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("circulation of the minutes")
        verbose_name_plural = _("circulations of the minutes")
        ordering = ["-circulated_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.minutes} — {self.circulated_at:%Y-%m-%d %H:%M}"

    @property
    def not_reached(self) -> list[MinutesRecipient]:
        """Members with neither an address nor an account (from the prefetched recipients)."""
        return [r for r in self.recipients.all() if not r.email and not r.notified]


class MinutesRecipient(models.Model):
    """Who a circulation reached, as they were then: the address written to, whether a notice was left."""

    circulation = models.ForeignKey(MinutesCirculation, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("e-mail"), blank=True)
    notified = models.BooleanField(_("in-app notice"), default=False)

    class Meta:
        verbose_name = _("recipient of the minutes")
        verbose_name_plural = _("recipients of the minutes")
        ordering = ["circulation", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="decisions",
    )
    text = models.TextField(_("decision"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting__starts_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting_detail", args=[self.meeting_id]) + f"#decision-{self.pk}"


class FollowUpItem(models.Model):
    class Status(models.TextChoices):
        TO_DO = "a_faire", pgettext_lazy("follow-up status", "To do")
        IN_PROGRESS = "en_cours", pgettext_lazy("follow-up status", "In progress")
        DONE = "fait", pgettext_lazy("follow-up status", "Done")
        DROPPED = "abandonne", pgettext_lazy("follow-up status", "Dropped")

    OPEN_STATUSES = (Status.TO_DO, Status.IN_PROGRESS)

    decision = models.ForeignKey(Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="followups")
    title = models.CharField(_("what"), max_length=255)
    owner = models.ForeignKey(Person, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="followup_items")
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TO_DO)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    action = models.ForeignKey(
        CollectiveAction, verbose_name=_("related action"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="followup_items",
    )
    phase = models.ForeignKey(
        ActionPhase, verbose_name=_("related phase"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="followup_items",
    )
    deliverable = models.ForeignKey(
        Deliverable, verbose_name=_("related deliverable"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="followup_items",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="fait") | Q(done_on__isnull=False), name="followup_done_has_date"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:followup_edit", args=[self.pk])

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status in self.OPEN_STATUSES and self.due_date < today

    @property
    def done_on_time(self) -> bool:
        return self.status == self.Status.DONE and self.done_on is not None and self.done_on <= self.due_date


def _new_token() -> str:
    """The default of the plain `token` column of migration 0001 (before tokens were hashed)."""
    return new_token()


class CalendarTokenQuerySet(models.QuerySet):
    def live(self, token: str) -> CalendarToken | None:
        """The live row a feed URL's token opens, if any."""
        if not token or len(token) > 100:
            return None
        return self.select_related("user").filter(token_hash=hash_token(token), revoked_at__isnull=True).first()


class CalendarToken(models.Model):
    """The secret in a user's private calendar subscription URL; revoking it kills the URL.

    Only the token's SHA-256 is stored (core/tokens.py). The plain token exists on the instance
    that drew it, when first saved (`token`), to be shown to its user once; never afterwards.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    objects = CalendarTokenQuerySet.as_manager()

    #: The plain token: set on the instance that drew it only, never stored.
    token: str | None = None

    class Meta:
        verbose_name = _("calendar subscription token")
        verbose_name_plural = _("calendar subscription tokens")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(revoked_at__isnull=True), name="one_live_calendar_token")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not self.token_hash:
            self.token = new_token()
            self.token_hash = hash_token(self.token)
        super().save(*args, **kwargs)

    def get_feed_url(self) -> str:
        """The subscription path; only on the instance that drew the token (it is not stored)."""
        if not self.token:
            raise ValueError("The plain token is known only when it is drawn.")
        return reverse("governance:calendar_feed", args=[self.token])
