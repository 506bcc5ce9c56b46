"""Writes of the library: publish, withdraw, count the reach, follow, and diffuse."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F, Model, QuerySet, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from actions.models import Programme
from core.conflicts import check_version
from core.history import record_change, records_actor
from core.types import Actor
from core.uploads import detect_kind

from . import sqlite_search
from .extract import extract_text
from .models import DigestPreference, ProgrammeFollow, Publication, PublicationHit, new_unsubscribe_nonce
from .registry import get_source
from .search_config import search_config

logger = logging.getLogger(__name__)


def search_vector_expression() -> CombinedExpression:
    config = search_config()
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("body_text", weight="C", config=config)
    )


def publication_index(*, publication: Publication) -> None:
    """Store the French tsvector of the publication (PostgreSQL), or its folded copy in the FTS5 table (SQLite)."""
    if connection.vendor == "postgresql":
        Publication.objects.filter(pk=publication.pk).update(search_vector=search_vector_expression())
    elif connection.vendor == "sqlite":
        sqlite_search.index(publication)


def _file_text(file: FieldFile | None) -> tuple[str, str]:
    if not file:
        return "", ""
    try:
        with file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError) as exc:
        logger.warning("Cannot read %s for the library: %s", file.name, exc)
        return "", ""
    kind = detect_kind(data) or ""
    return extract_text(data, kind), kind


@records_actor
def publication_publish(
    *,
    source_key: str,
    obj: Model,
    by: Actor,
    audience: str,
    company_size: str = Publication.CompanySize.ALL,
    sector: str | None = None,
    themes: Iterable[Any] | None = None,
    doc_type: str | None = None,
    summary: str | None = None,
    expected_version: int | None = None,
) -> Publication:
    """Publish (or update the publication of) a source object; alert the programme's followers the first time.

    Publications of one source are made one at a time (the source's row is locked): two people publishing
    the same document at once make one publication. An update made on a page opened on `expected_version`
    (0: opened before the document was published) keeps other people's changes meanwhile, or raises
    `core.conflicts.EditConflict` when they chose another value for what this person chose (nothing saved).
    """
    source = get_source(source_key)
    if not source.can_publish(by, obj):
        raise PermissionDenied
    if audience not in Publication.Audience.values:
        raise ValidationError({"audience": _("Choose an audience.")})
    item = source.describe(obj)
    if item.programme is None:
        raise ValidationError(_("This document belongs to no programme: it cannot be published."))
    file_text, file_kind = _file_text(item.file)
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        # The source's row is locked first: a twin publication waits here, then updates this one.
        type(obj)._base_manager.select_for_update().filter(pk=obj.pk).values_list("pk", flat=True).first()
        publication = (
            Publication.objects.select_for_update()
            .filter(content_type=content_type, object_id=obj.pk)
            .first()
        )
        newly_published = publication is None or not publication.is_published
        if publication is None:
            publication = Publication(content_type=content_type, object_id=obj.pk, source=source.key)
        # What the person chose, checked against the version they saw; the rest comes from the source.
        publication.summary = (summary if summary is not None else item.summary).strip()
        publication.audience = audience
        publication.doc_type = doc_type or source.doc_type
        publication.sector = (sector if sector is not None else item.sector)[:120]
        publication.company_size = company_size
        check_version(publication, expected_version)
        publication.programme = item.programme
        publication.title = item.title[:255]
        publication.body_text = " ".join(part for part in (item.text, file_text) if part)
        publication.has_file = bool(item.file)
        publication.file_kind = file_kind or item.file_kind
        publication.year = item.year
        publication.is_published = True
        if newly_published:
            publication.published_at = now
            publication.published_by = by
        publication.save()
        publication.themes.set(themes if themes is not None else item.themes)
        publication_index(publication=publication)
        if source.on_publish:
            source.on_publish(obj, publication.published_at)
        if newly_published:
            from .tasks import diffuse_publication

            publication_id = publication.pk
            transaction.on_commit(lambda: diffuse_publication.delay(publication_id))
    return publication


@records_actor
def publication_withdraw(*, publication: Publication, by: Actor) -> Publication:
    source = get_source(publication.source)
    target = publication.target
    if target is None or not source.can_publish(by, target):
        raise PermissionDenied
    with transaction.atomic():
        publication.is_published = False
        publication.save(update_fields=["is_published"])
        if source.on_publish:
            source.on_publish(target, None)
    return publication


def publication_record(*, publication: Publication, download: bool) -> None:
    """Count one consultation or one download (the seed's reach criteria)."""
    field = "download_count" if download else "view_count"
    with transaction.atomic():
        Publication.objects.filter(pk=publication.pk).update(**{field: F(field) + Value(1)})
        PublicationHit.objects.create(
            publication=publication,
            kind=PublicationHit.Kind.DOWNLOAD if download else PublicationHit.Kind.VIEW,
        )


def diffusion_recipients(publication: Publication) -> list[User]:
    """Followers of the programme (or of one of its actions) who may read the publication."""
    from django.contrib.auth import get_user_model

    from . import access

    User = get_user_model()
    followers = User.objects.filter(is_active=True).filter(
        pk__in=ProgrammeFollow.objects.filter(programme_id=publication.programme_id).values("user_id")
    ) | User.objects.filter(is_active=True, followed_actions__programme_id=publication.programme_id)
    return [
        user
        for user in followers.distinct()
        if user.pk != publication.published_by_id
        and access.publications_visible_to(user).filter(pk=publication.pk).exists()
    ]


def publication_diffuse(*, publication_id: int) -> int:
    """Alert the followers in the app and by e-mail (reminders.services.notify)."""
    from reminders.services import notify

    publication = (
        Publication.objects.select_related("programme").filter(pk=publication_id, is_published=True).first()
    )
    if publication is None:
        return 0
    return notify(
        users=diffusion_recipients(publication),
        title=_("New publication in %(programme)s: %(title)s")
        % {"programme": publication.programme.name, "title": publication.title},
        message=publication.summary[:500],
        url=publication.get_absolute_url(),
        kind="publication_published",
        about=publication.programme,
    )


@records_actor
def programme_follow(*, by: User, programme: Programme, follow: bool) -> None:
    """`by` follows (or stops following) the programme's publications."""
    if follow:
        ProgrammeFollow.objects.get_or_create(user=by, programme=programme)
    else:
        for row in ProgrammeFollow.objects.filter(user=by, programme=programme):
            record_change(row, by=by)
            row.delete()


@records_actor
def digest_set(
    *, user: User, weekly: bool, by: User | None, expected_version: int | None = None
) -> DigestPreference:
    """Switch the weekly digest on or off. Switching it back on revokes every unsubscribe link sent
    so far: a forwarded or leaked digest cannot switch it off again behind the user's back.

    Set from a page opened on `expected_version` (0: before the preference existed), a switch changed
    meanwhile the other way (an unsubscribe link) raises `core.conflicts.EditConflict`: nothing is saved."""
    with transaction.atomic():
        _preference, created = DigestPreference.objects.get_or_create(user=user)
        preference = DigestPreference.objects.select_for_update().get(user=user)
        was_weekly = preference.weekly_digest
        if not created:  # a preference created just now is the default the page showed
            preference.weekly_digest = weekly
            check_version(preference, expected_version)
            weekly = preference.weekly_digest  # switched meanwhile by a page where this person left it alone
        fields = ["weekly_digest", "unsubscribed_at"]
        if weekly and not was_weekly:
            _draw_unsubscribe_nonce(preference)
            fields += ["unsubscribe_nonce", "unsubscribe_links_revoked_at"]
        preference.weekly_digest = weekly
        preference.unsubscribed_at = None if weekly else timezone.now()
        record_change(preference, by=by)
        preference.save(update_fields=fields)
    return preference


def _draw_unsubscribe_nonce(preference: DigestPreference) -> None:
    preference.unsubscribe_nonce = new_unsubscribe_nonce()
    preference.unsubscribe_links_revoked_at = timezone.now()


@records_actor
def digest_unsubscribe_links_revoke(*, preferences: QuerySet[DigestPreference], by: User) -> int:
    """Revoke the unsubscribe links sent so far to these users (an administrator's action, e.g. after
    a digest was forwarded): each preference draws its own new nonce. Returns how many."""
    count = 0
    with transaction.atomic():
        for preference in preferences.select_for_update():
            _draw_unsubscribe_nonce(preference)
            record_change(preference, by=by)
            preference.save(update_fields=["unsubscribe_nonce", "unsubscribe_links_revoked_at"])
            count += 1
    return count
