"""The publishable sources of this session: deliverables, fiche-actions and approved minutes.

Each domain app could register its own; they are declared here, reading the domain
models lazily, so that `library` keeps importing no domain app at module level.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import access
from .models import Publication
from .registry import PublishableSource, SourceItem, register


def _join(*parts) -> str:
    out = []
    for part in parts:
        if isinstance(part, list | tuple):
            out.extend(str(p) for p in part if p)
        elif part:
            out.append(str(part))
    return "\n".join(out)


# --- Deliverables -----------------------------------------------------------------------
def _deliverable_describe(deliverable) -> SourceItem:
    action = deliverable.action
    when = deliverable.validated_at or deliverable.created_at or timezone.now()
    return SourceItem(
        title=deliverable.title,
        programme=action.programme,
        year=timezone.localtime(when).year,
        summary=deliverable.description,
        text=_join(deliverable.description, str(action), deliverable.validation_note),
        # The library serves the validated version, even while a newer one awaits validation.
        file=deliverable.validated_file if deliverable.validated_file else None,
        file_kind=deliverable.validated_file_kind,
        themes=list(action.themes.all()),
        sector=action.target_sectors,
        url=deliverable.get_absolute_url(),
    )


def _deliverable_published(deliverable, published_at) -> None:
    type(deliverable).objects.filter(pk=deliverable.pk).update(published_at=published_at)


# --- Fiche-actions ------------------------------------------------------------------------
def _deliverables_readable(user):
    from actions.access import actions_visible_to

    return apps.get_model("actions.Deliverable").objects.filter(action__in=actions_visible_to(user))


def _fiche_describe(action) -> SourceItem:
    conditions = [f"{c.title} : {c.text}" for c in action.success_conditions.all()]
    return SourceItem(
        title=str(_("Fiche-action %(code)s — %(title)s") % {"code": action.code, "title": action.title}),
        programme=action.programme,
        year=(action.start_date or timezone.localdate()).year,
        summary=action.public_summary or action.description,
        text=_join(
            action.needs,
            action.description,
            action.objectives,
            action.means,
            action.governance_composition,
            action.pilotage,
            action.steps if isinstance(action.steps, list) else "",
            action.evaluation_criteria,
            conditions,
            action.public_summary,
        ),
        themes=list(action.themes.all()),
        sector=action.target_sectors,
        url=action.get_absolute_url(),
    )


# --- Approved minutes (governance) ------------------------------------------------------------
@cache
def _governance_ready() -> bool:
    try:
        model = apps.get_model("governance", "Minutes")
    except LookupError:
        return False
    return model._meta.db_table in connection.introspection.table_names()


def _minutes_candidates(user):
    if not _governance_ready():  # the library's migrations may run before governance's tables exist
        return apps.get_model("governance", "Minutes").objects.none()
    return access.minutes_publishable_by(user)


def _minutes_describe(minutes) -> SourceItem:
    meeting = minutes.meeting
    committee = meeting.committee
    programme = committee.programme or (committee.action.programme if committee.action_id else None)
    items = [item.text for item in minutes.items.all()] if hasattr(minutes, "items") else []
    decisions = [d.text for d in meeting.decisions.all()] if hasattr(meeting, "decisions") else []
    return SourceItem(
        title=f"{committee.name} — {minutes}",
        programme=programme,
        year=timezone.localtime(meeting.starts_at).year,
        summary=minutes.summary[:1000],
        text=_join(minutes.summary, items, decisions, str(committee)),
        themes=list(committee.action.themes.all()) if committee.action_id else [],
        url=meeting.get_absolute_url() if hasattr(meeting, "get_absolute_url") else "",
    )


register(
    PublishableSource(
        key="actions.deliverable",
        label=_("Deliverables"),
        doc_type=Publication.DocType.DELIVERABLE,
        model="actions.Deliverable",
        candidates=access.deliverables_publishable_by,
        describe=_deliverable_describe,
        on_publish=_deliverable_published,
        readable=_deliverables_readable,
        row_label=lambda d: f"{d.action.code} — {d.title} ({d.action.programme.name})",
    )
)
register(
    PublishableSource(
        key="actions.fiche",
        label=_("Fiche-actions"),
        doc_type=Publication.DocType.FICHE,
        model="actions.CollectiveAction",
        candidates=access.fiches_publishable_by,
        describe=_fiche_describe,
    )
)
if apps.is_installed("governance"):
    register(
        PublishableSource(
            key="governance.minutes",
            label=_("Approved minutes"),
            doc_type=Publication.DocType.MINUTES,
            model="governance.Minutes",
            candidates=_minutes_candidates,
            describe=_minutes_describe,
            row_label=lambda m: f"{m.meeting.committee.name} — {m}",
        )
    )
