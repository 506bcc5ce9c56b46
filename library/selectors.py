"""Reads of the library: what each reader may see, the French full-text search (PostgreSQL's
tsvector, or FTS5 on SQLite: `sqlite_search`), facets and reach."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, FloatField, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from actions.models import CollectiveAction, Programme
from core.types import Viewer

from . import access, sqlite_search
from .models import Publication, PublicationHit
from .search_config import search_config

# Sentinels PostgreSQL puts around the matched words; the text is escaped, then they become <mark>.
START, STOP = "\u0002", "\u0003"
HEADLINE_WORDS = 40

P = TypeVar("P", bound=Iterable[Publication])


def managed_publications(user: Viewer) -> QuerySet[Publication]:
    """What a user sees the reach of on the « Gérer » page, newest first."""
    return access.publications_managed_by(user).select_related("programme").order_by("-published_at")


def highlight(raw: str) -> str:
    """Escape the passage, then turn the sentinels into <mark> (safe HTML)."""
    text: str = escape(raw or "")
    text = text.replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(text)


def _python_headline(text: str, roots: list[str]) -> str:
    """The SQLite passage: a window of words around the first match, the matching words marked.

    `roots` are the query's stems (`sqlite_search.stems`): a word matches when, folded (no case,
    no accents), it starts with one of them, as the FTS5 query does.
    """
    if not text:
        return ""
    spans = [m.span() for m in re.finditer(r"\w+", text) if sqlite_search.word_matches(m.group(), roots)]
    start = max(0, spans[0][0] - 120) if spans else 0
    end = start + 320
    if start:
        start = text.find(" ", start) + 1 or start
    pieces, cursor = [], start
    for begin, finish in spans:
        if begin < start or finish > end:
            continue
        pieces += [text[cursor:begin], START, text[begin:finish], STOP]
        cursor = finish
    pieces.append(text[cursor:end])
    return ("… " if start else "") + "".join(pieces) + (" …" if end < len(text) else "")


@dataclass
class SearchFilters:
    q: str = ""
    programme: int | None = None
    theme: str = ""
    sector: str = ""
    size: str = ""
    doc_type: str = ""
    year: int | None = None


def _apply_facets(qs: QuerySet[Publication], filters: SearchFilters) -> QuerySet[Publication]:
    if filters.programme:
        qs = qs.filter(programme_id=filters.programme)
    if filters.theme:
        qs = qs.filter(themes__code=filters.theme)
    if filters.sector:
        qs = qs.filter(sector=filters.sector)
    if filters.size:
        qs = qs.filter(company_size=filters.size)
    if filters.doc_type:
        qs = qs.filter(doc_type=filters.doc_type)
    if filters.year:
        qs = qs.filter(year=filters.year)
    return qs


def search(user: Viewer, filters: SearchFilters) -> tuple[QuerySet[Publication], dict[str, Any]]:
    """(results, facets): ranked publications with their highlighted passage, and the facet counts."""
    base = _apply_facets(access.publications_visible_to(user), filters)
    q = " ".join(filters.q.split())[:200]
    if q and connection.vendor == "postgresql":
        config = search_config()
        query = SearchQuery(q, config=config, search_type="websearch")
        base = base.filter(search_vector=query)
        results: QuerySet[Publication] = base.annotate(
            rank=SearchRank(F("search_vector"), query),
            passage=SearchHeadline(
                Concat("summary", Value(" "), "body_text", output_field=TextField()),
                query,
                config=config,
                start_sel=START,
                stop_sel=STOP,
                max_words=HEADLINE_WORDS,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        ).order_by("-rank", "-published_at")
    elif q:
        expression = sqlite_search.match_expression(q)
        if not expression:  # only stop words: nothing to look for, as on PostgreSQL
            base = base.none()
        table = Publication._meta.db_table
        base = base.filter(pk__in=RawSQL(sqlite_search.matching_ids_sql(), [expression]))
        rank = RawSQL(sqlite_search.rank_sql(f'"{table}"."id"'), [expression], output_field=FloatField())
        results = base.annotate(rank=rank).order_by("rank", "-published_at")
    else:
        results = base.order_by("-published_at")
    results = results.select_related("programme").prefetch_related("themes").defer("search_vector")
    return results, facets_of(base)


def with_passages(publications: P, q: str) -> P:
    """Attach `highlighted` (safe HTML) to each publication of a page."""
    roots = sqlite_search.stems(q)
    for publication in publications:
        raw = getattr(publication, "passage", None)
        if raw is None:
            raw = _python_headline(f"{publication.summary} {publication.body_text}", roots) if roots else ""
        if not raw:
            raw = (publication.summary or publication.body_text)[:300]
        setattr(publication, "highlighted", highlight(raw))  # noqa: B010 — read by the results template
    return publications


def facets_of(qs: QuerySet[Publication]) -> dict[str, Any]:
    ids = qs.order_by().values("pk")
    scoped = Publication.objects.filter(pk__in=ids).order_by()
    return {
        "programme": list(
            scoped.values("programme_id", "programme__name")
            .annotate(n=Count("pk"))
            .order_by("programme__name")
        ),
        "theme": list(
            scoped.filter(themes__isnull=False)
            .values("themes__code", "themes__name")
            .annotate(n=Count("pk"))
            .order_by("themes__name")
        ),
        "sector": list(scoped.exclude(sector="").values("sector").annotate(n=Count("pk")).order_by("sector")),
        "size": list(scoped.values("company_size").annotate(n=Count("pk")).order_by("company_size")),
        "doc_type": list(scoped.values("doc_type").annotate(n=Count("pk")).order_by("doc_type")),
        "year": list(scoped.values("year").annotate(n=Count("pk")).order_by("-year")),
    }


# --- Showcase and reach -------------------------------------------------------------------
def showcase_programme(code: str) -> Programme | None:
    return Programme.objects.filter(code=code, showcase_enabled=True).select_related("porteur").first()


def showcase_actions(programme: Programme) -> QuerySet[CollectiveAction]:
    return (
        CollectiveAction.objects.filter(programme=programme)
        .exclude(public_summary="")
        .exclude(status=CollectiveAction.Status.ABANDONED)
        .only("pk", "code", "title", "public_summary", "status", "programme_id")
        .order_by("code")
    )


def showcase_publications(programme: Programme) -> QuerySet[Publication]:
    return (
        Publication.objects.filter(
            programme=programme, is_published=True, audience=Publication.Audience.PUBLIC
        )
        .prefetch_related("themes")
        .defer("body_text", "search_vector")
        .order_by("-published_at")
    )


def programme_reach(
    programme: Programme, *, start: date | None = None, end: date | None = None
) -> dict[str, int]:
    """Publications of a programme and their consultations and downloads between two dates (inclusive).

    For the evaluation indicators: `publications` counts those published by `end`; the
    hits are counted in the period (all of them when no date is given).
    """
    publications = Publication.objects.filter(programme=programme, is_published=True)
    hits = PublicationHit.objects.filter(publication__programme=programme)
    if end:
        publications = publications.filter(published_at__date__lte=end)
        hits = hits.filter(at__date__lte=end)
    if start:
        hits = hits.filter(at__date__gte=start)
    counts = dict(hits.order_by().values_list("kind").annotate(n=Count("pk")))
    return {
        "publications": publications.count(),
        "views": counts.get(PublicationHit.Kind.VIEW, 0),
        "downloads": counts.get(PublicationHit.Kind.DOWNLOAD, 0),
    }
