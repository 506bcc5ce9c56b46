"""Models of adherents: surveys."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, optional_fk, optional_owner
from core.states import state_flags
from directory.models import Organisation

from .members import Adherent


@state_flags(field="mode", choices="Mode", prefix="by_")
class Survey(models.Model):
    """A satisfaction survey: by phone (answers recorded by staff) or on the portal."""

    class Mode(models.TextChoices):
        PHONE = "telephone", _("Phone survey (answers recorded by staff)")
        PORTAL = "portail", _("Answered by members on the portal")

    service = models.ForeignKey(
        Organisation, verbose_name=_("service"), on_delete=models.CASCADE, related_name="surveys"
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.PHONE)
    population = models.CharField(_("population surveyed"), max_length=255, blank=True)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    is_open = models.BooleanField(_("open for answers"), default=True)
    created_at = created_stamp(_("created at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("adherents:survey_results", args=[self.pk])


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "unique", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        RATING = "note", _("Rating from 1 to 5")
        TEXT = "texte", _("Free text")

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    section = models.CharField(_("section"), max_length=200, blank=True)
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    required = models.BooleanField(_("required"), default=False)
    measures_satisfaction = models.BooleanField(
        _("measures satisfaction"),
        default=False,
        help_text=_("Counted in the survey's satisfaction rate (satisfied choices, or a rating of 4 or 5)."),
    )
    asked_if = optional_fk("SurveyChoice", _("asked only if the answer was"), "follow_up_questions")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["survey", "order"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "order"], name="adherents_question_unique_order")
        ]

    def __str__(self) -> str:
        return self.text


class SurveyChoice(models.Model):
    question = models.ForeignKey(
        SurveyQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("answer"), max_length=255)
    satisfied = models.BooleanField(_("counts as satisfied"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer choice")
        verbose_name_plural = _("answer choices")
        ordering = ["question", "order"]

    def __str__(self) -> str:
        return self.label


class SurveyResponse(models.Model):
    """One member's participation in a survey; `reached=False` records an unreachable member."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    adherent = models.ForeignKey(
        Adherent, verbose_name=_("member company"), on_delete=models.CASCADE, related_name="survey_responses"
    )
    reached = models.BooleanField(_("reached"), default=True)
    respondent = models.CharField(_("respondent"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    answered_on = models.DateField(_("answered on"), default=timezone.localdate)
    created_at = created_stamp(_("created at"))

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["survey", "-answered_on"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "adherent"], name="adherents_one_response_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.survey} — {self.adherent}"


class SurveyAnswer(models.Model):
    """One answer: a choice (one row per choice ticked), a rating or a text."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        SurveyQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    choice = optional_owner(SurveyChoice, _("choice"), "answers")
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self) -> str:
        return str(self.choice or self.rating or self.text[:50])
