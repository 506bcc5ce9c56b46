"""The capitalisation library.

Signed-in users search what they may read (public, all-users, and their programmes'
partners-only publications). People who edit an action or manage a programme publish
its documents and see their reach. Public pages: the showcase of a programme whose
pilots switched it on (its public summaries and public publications, nothing else), the
public documents it lists, and the digest's unsubscribe link.
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.access import programmes_visible_to
from actions.models import Programme
from core.access import get_visible_or_404, object_for
from core.conflicts import EditConflict
from core.idempotency import create_once, replay_of

from . import access, selectors, services
from .digest import unsubscribe_link
from .forms import DigestForm, PublishForm, SearchForm
from .models import DigestPreference, ProgrammeFollow, Publication
from .registry import all_sources, get_source

PAGE_SIZE = 20


@login_required
@require_GET
def search(request):
    visible = access.publications_visible_to(request.user)
    programmes = Programme.objects.filter(pk__in=visible.values("programme_id")).order_by("name")
    years = sorted(set(visible.values_list("year", flat=True)), reverse=True)
    form = SearchForm(request.GET or None, programmes=programmes, years=years)
    filters = selectors.SearchFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.SearchFilters(
            q=data["q"],
            programme=data["programme"],
            theme=data["theme"],
            sector=data["sector"],
            size=data["size"],
            doc_type=data["doc_type"],
            year=data["year"],
        )
    results, facets = selectors.search(request.user, filters)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.with_passages(page.object_list, filters.q)
    labels = {
        "size": dict(Publication.CompanySize.choices),
        "doc_type": dict(Publication.DocType.choices),
    }
    return render(
        request,
        "library/search.html",
        {
            "form": form,
            "page_obj": page,
            "publications": page.object_list,
            "facets": facets,
            "filters": filters,
            "labels": labels,
            "can_publish": access.can_publish_anything(request.user),
        },
    )


@login_not_required
@require_GET
def publication_detail(request, pk):
    publication = object_for(
        request.user, Publication, pk=pk, select_related=("programme",), prefetch_related=("themes",)
    )
    is_manager = access.can_manage_publication(request.user, publication)
    if not is_manager:
        services.publication_record(publication=publication, download=False)
    return render(
        request,
        "library/publication_detail.html",
        {
            "publication": publication,
            "is_manager": is_manager,
            "source_url": _source_url(publication, request.user),
        },
    )


def _source_url(publication, user) -> str:
    """The page of the published document's source, for those who may see that page only."""
    target = publication.target
    if target is None or not user.is_authenticated:
        return ""
    try:
        source = get_source(publication.source)
        return source.describe(target).url if source.can_open(user, target) else ""
    except (LookupError, AttributeError):
        return ""


@login_not_required
@require_GET
def download(request, pk):
    publication = object_for(request.user, Publication, pk=pk)
    target = publication.target
    if not publication.has_file or target is None:
        raise Http404
    item = get_source(publication.source).describe(target)
    if not item.file:
        raise Http404
    services.publication_record(publication=publication, download=True)
    extension = PurePath(item.file.name).suffix or (
        f".{publication.file_kind}" if publication.file_kind else ""
    )
    filename = f"{slugify(publication.title)[:80] or 'document'}{extension}"
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=filename)


@login_required
@require_GET
def manage(request):
    """What the user may publish, source by source, and the reach of what is published."""
    groups = []
    for source in all_sources():
        candidates = list(access.publishable_by(request.user, source)[:200])
        if not candidates:
            continue
        published = {
            p.object_id: p
            for p in Publication.objects.filter(source=source.key, object_id__in=[c.pk for c in candidates])
        }
        groups.append(
            {"source": source, "rows": [(c, source.row_label(c), published.get(c.pk)) for c in candidates]}
        )
    managed = list(selectors.managed_publications(request.user).filter(is_published=True)[:200])
    if not groups and not managed:
        raise Http404
    return render(request, "library/manage.html", {"groups": groups, "managed": managed})


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, source, object_id):
    try:
        source = get_source(source)
    except LookupError as exc:
        raise Http404 from exc
    obj = get_visible_or_404(access.publishable_by(request.user, source), pk=object_id)
    item = source.describe(obj)
    existing = (
        Publication.objects.filter(source=source.key, object_id=obj.pk).prefetch_related("themes").first()
    )
    initial = {
        "doc_type": source.doc_type,
        "summary": item.summary,
        "themes": item.themes,
        "sector": item.sector,
    }
    if existing:
        initial.update(
            {
                "audience": existing.audience,
                "doc_type": existing.doc_type,
                "summary": existing.summary,
                "themes": list(existing.themes.all()),
                "sector": existing.sector,
                "company_size": existing.company_size,
            }
        )
    form = PublishForm(request.POST or None, initial=initial, versioned=existing)
    if (replay := replay_of(request)) is not None:  # the first publication, posted twice
        return replay
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def publish():
            return services.publication_publish(
                source_key=source.key,
                obj=obj,
                by=request.user,
                audience=data["audience"],
                doc_type=data["doc_type"],
                summary=data["summary"],
                themes=list(data["themes"]),
                sector=data["sector"],
                company_size=data["company_size"],
                expected_version=form.expected_version,
            )

        try:
            # Only a first publication claims the form's token: a change of it may be posted again.
            publication, replay = (
                create_once(request, form, publish) if existing is None else (publish(), None)
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if replay:
                return replay
            messages.success(request, _("Published. The followers of the programme have been alerted."))
            return redirect(publication.get_absolute_url())
    return render(
        request,
        "library/publish.html",
        {
            "form": form,
            "source": source,
            "item": item,
            "existing": existing,
        },
        status=400 if form.errors and form.conflict is None else 200,
    )


@login_required
@require_POST
def withdraw(request, pk):
    publication = object_for(request.user, Publication, pk=pk, may="withdraw")
    services.publication_withdraw(publication=publication, by=request.user)
    messages.success(request, _("The publication has been withdrawn from the library."))
    return redirect("library:manage")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    programmes = list(programmes_visible_to(request.user).order_by("name"))
    followed = set(ProgrammeFollow.objects.filter(user=request.user).values_list("programme_id", flat=True))
    preference = DigestPreference.objects.filter(user=request.user).first()
    form = DigestForm(
        request.POST or None,
        initial={"weekly_digest": preference.weekly_digest if preference else True},
        versioned=preference,
    )
    if request.method == "POST" and form.is_valid():
        wanted = {int(pk) for pk in request.POST.getlist("follow") if pk.isdigit()}
        try:
            # The switch first: a conflict on it (an unsubscribe link used meanwhile) changes nothing.
            services.digest_set(
                user=request.user,
                weekly=form.cleaned_data["weekly_digest"],
                by=request.user,
                expected_version=form.expected_version,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            followed = wanted  # the boxes as the person ticked them
        else:
            for programme in programmes:
                if (programme.pk in wanted) != (programme.pk in followed):
                    services.programme_follow(
                        by=request.user, programme=programme, follow=programme.pk in wanted
                    )
            messages.success(request, _("Your preferences are saved."))
            return redirect("library:preferences")
    return render(
        request,
        "library/preferences.html",
        {
            "form": form,
            "programmes": programmes,
            "followed": followed,
        },
    )


@login_not_required
@require_GET
def showcase(request, code):
    programme = selectors.showcase_programme(code)
    if programme is None:
        raise Http404
    return render(
        request,
        "library/showcase.html",
        {
            "programme": programme,
            "actions": selectors.showcase_actions(programme),
            "publications": selectors.showcase_publications(programme),
        },
    )


@login_not_required
@csrf_exempt  # RFC 8058 one-click: mail clients POST without a CSRF token; the signed token is the proof.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    link = unsubscribe_link(token)
    if link.revoked:
        return render(request, "library/unsubscribe.html", {"revoked": True}, status=410)
    if link.user is None:
        return render(request, "library/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        # The signed link stands for its user: the history names them.
        services.digest_set(user=link.user, weekly=False, by=link.user)
        return render(request, "library/unsubscribe.html", {"done": True})
    return render(request, "library/unsubscribe.html", {"token": token})
