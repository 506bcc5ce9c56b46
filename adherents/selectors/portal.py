"""Selectors of adherents: portal."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from core.types import Viewer

from .. import access
from ..models import Adherent, PreventionVisit, Survey, SurveyResponse


def portal_file(user: Viewer) -> QuerySet[Adherent]:
    """The member's own file as its portal shows it (a queryset of one, or none)."""
    return access.portal_adherents_visible_to(user).select_related(
        "organisation", "service", "sector", "unit", "referent__person"
    )


def portal_path(adherent: Adherent, today: date | None = None) -> dict:
    """The member's path in its own words: what is happening now, what comes next, who follows it, what was done.

    The current step is the open step due first; the next one, the open step after it. The history
    lists the steps done, most recent first.
    """
    today = today or timezone.localdate()
    steps = list(
        adherent.steps.select_related("step", "assignee__person").order_by(
            "due_on", "started_on", "step__order"
        )
    )
    open_steps = [s for s in steps if s.completed_on is None]
    current = open_steps[0] if open_steps else None
    following = open_steps[1] if len(open_steps) > 1 else None
    done = sorted((s for s in steps if s.completed_on), key=lambda s: (s.completed_on, s.pk), reverse=True)
    follower = (current.assignee if current and current.assignee_id else None) or adherent.referent
    person = getattr(follower, "person", None) if follower is not None else None
    return {
        "current": current,
        "current_is_late": bool(current and current.due_on < today),
        "next": following,
        "history": done,
        "follower": follower,
        "follower_email": (person.email if person and person.email else getattr(follower, "email", "")),
        "follower_phone": person.phone if person else "",
    }


def portal_visits(adherent: Adherent) -> list[PreventionVisit]:
    """What the member sees of visits: the ones whose restitution was sent."""
    return list(access.portal_visits_of(adherent).select_related("performed_by"))


def restitution_documents(visits: list[PreventionVisit]) -> dict:
    """The ready restitution PDFs of these visits, by visit id (one query)."""
    from reports.models import Document

    if not visits:
        return {}
    documents = Document.objects.filter(
        kind="adherents.restitution",
        target_type=ContentType.objects.get_for_model(PreventionVisit),
        target_id__in=[str(v.pk) for v in visits],
        status=Document.Status.DONE,
    ).order_by("-finished_at")
    result: dict = {}
    for document in documents:
        result.setdefault(int(document.target_id), document)
    return result


def open_surveys_for(adherent: Adherent) -> list[Survey]:
    answered = SurveyResponse.objects.filter(survey=OuterRef("pk"), adherent=adherent)
    return list(access.portal_surveys_of(adherent).annotate(answered=Exists(answered)).order_by("-opens_on"))
