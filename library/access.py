"""Who may read, publish and withdraw in the library.

- Read a publication: anybody for a public one of a programme whose showcase is open
  (anonymous visitors and member contacts — portal accounts — alike, and nothing more for
  them); « tous les utilisateurs » means every internal account (a member contact is not one);
  « partenaires » the readers of its programme (`actions.access`); admins everything.
- Publish an object: whoever its source says (each domain app registers its sources in
  `library/sources.py`; e.g. a validated deliverable by the editors of its action).
- Withdraw a publication, and see its reach: the managers of its programme and whoever may
  publish its source; admins.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q, QuerySet

from actions.access import programmes_visible_to
from core import access as core_access
from directory.access import is_admin, is_member_contact

from .models import Publication
from .registry import all_sources


def publications_visible_to(user) -> QuerySet[Publication]:
    qs = Publication.objects.filter(is_published=True)
    public = Q(audience=Publication.Audience.PUBLIC, programme__showcase_enabled=True)
    if not getattr(user, "is_authenticated", False) or is_member_contact(user):
        return qs.filter(public)
    if is_admin(user):
        return qs
    return qs.filter(
        Q(audience__in=[Publication.Audience.PUBLIC, Publication.Audience.USERS])
        | Q(audience=Publication.Audience.PARTNERS, programme__in=programmes_visible_to(user))
    )


def publications_managed_by(user) -> QuerySet[Publication]:
    """Publications of the programmes a user manages, and of what they may publish themselves
    (their actions' deliverables and fiches, their committees' minutes): they see the reach.
    Editing one action of a programme does not open the other actions' publications."""
    qs = Publication.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_admin(user):
        return qs
    q = Q(programme__managers__user=user)
    for source in all_sources():
        q |= Q(source=source.key, object_id__in=source.candidates(user).order_by().values("pk"))
    return qs.filter(pk__in=Publication.objects.filter(q).values("pk"))


def can_manage_publication(user, publication: Publication) -> bool:
    return publications_managed_by(user).filter(pk=publication.pk).exists()


# --- What each source lets a user publish (the sources are declared in library/sources.py) ---
def deliverables_publishable_by(user):
    """Validated deliverables of the actions the user edits."""
    from actions.access import actions_editable_by

    Deliverable = apps.get_model("actions", "Deliverable")
    return Deliverable.objects.filter(
        action__in=actions_editable_by(user), status=Deliverable.Status.VALIDATED
    ).select_related("action", "action__programme", "phase")


def fiches_publishable_by(user):
    """The fiche-action of every action the user edits."""
    from actions.access import actions_editable_by

    return (
        actions_editable_by(user).select_related("programme").prefetch_related("themes", "success_conditions")
    )


def minutes_publishable_by(user):
    """Approved minutes of the committees of programmes the user manages or of actions they edit."""
    from actions.access import actions_editable_by

    Minutes = apps.get_model("governance", "Minutes")
    qs = Minutes.objects.filter(status=Minutes.Status.APPROVED).select_related(
        "meeting",
        "meeting__committee",
        "meeting__committee__programme",
        "meeting__committee__action__programme",
    )
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_admin(user):
        return qs
    return qs.filter(
        pk__in=Minutes.objects.filter(
            Q(meeting__committee__programme__managers__user=user)
            | Q(meeting__committee__action__in=actions_editable_by(user))
        ).values("pk")
    )


def publishable_by(user, source):
    """The objects of one source this user may publish."""
    if not getattr(user, "is_authenticated", False) or is_member_contact(user):
        return source.candidates(user).none()
    return source.candidates(user)


def can_publish_anything(user) -> bool:
    return any(publishable_by(user, source).exists() for source in all_sources())


core_access.register(Publication, visible=publications_visible_to, withdraw=can_manage_publication)
