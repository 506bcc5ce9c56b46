"""The directory's PDF: the filtered organisations with their people (landscape table)."""

from __future__ import annotations

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.registry import DocumentKind, register

from .access import organisations_visible_to
from .filters import OrganisationFilter, active_filters
from .models import Organisation
from .selectors import organisations_with_people

EXPORT_KIND = "directory.export"


def export_params(query: QueryDict) -> dict:
    """Keep only the list's filters and sort from a query string, as JSON-ready lists."""
    names = set(OrganisationFilter.base_filters)
    return {"filters": {name: query.getlist(name)[:5] for name in query if name in names}}


def _filterset(document) -> OrganisationFilter:
    query = QueryDict(mutable=True)
    for name, values in (document.params or {}).get("filters", {}).items():
        if isinstance(values, list):
            query.setlist(str(name), [str(v) for v in values])
    # Scoped to the requester at render time: an account that lost its access gets an empty list.
    requester = document.requested_by
    queryset = organisations_visible_to(requester) if requester is not None else Organisation.objects.none()
    return OrganisationFilter(data=query, queryset=queryset)


def build_context(document) -> dict:
    filterset = _filterset(document)
    organisations = list(organisations_with_people(filterset.qs))
    return {
        "organisations": organisations,
        "filters": active_filters(filterset),
        "people_total": sum(len(o.people.all()) for o in organisations),
    }


def can_view(user, target) -> bool:
    # The export is about the whole directory (target None): any directory reader may ask for it.
    return user.has_perm("directory.view_directory")


def filename(document) -> str:
    return f"annuaire-{timezone.localdate(document.created_at):%Y-%m-%d}.pdf"


register(
    DocumentKind(
        key=EXPORT_KIND,
        label=_("Directory"),
        template="directory/pdf/directory_export.html",
        build_context=build_context,
        can_view=can_view,
        filename=filename,
    )
)
