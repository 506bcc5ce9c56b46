from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import object_for
from core.portal import portal_allowed
from directory.access import person_of
from directory.models import Person

from . import selectors
from .access import can_manage_personal_data, can_view_read_log, exports_visible_to, read_log_visible_to
from .discovery import holdings, table_name
from .filters import ReadLogFilter
from .forms import AnonymiseForm, PersonSearchForm
from .models import PersonErasure, PersonExport
from .selectors import people_matching
from .services import erasure as erasure_services
from .services.export import own_export_request, person_export_request

SEARCH_LIMIT = 50
READ_LOG_PAGE = 50


def _require_manager(request) -> None:
    if not can_manage_personal_data(request.user):
        raise Http404


@login_required
@require_GET
def person_search(request):
    _require_manager(request)
    form = PersonSearchForm(request.GET or None)
    people = None
    if form.is_valid():
        people = people_matching(form.cleaned_data["q"], limit=SEARCH_LIMIT)
    return render(
        request, "privacy/person_search.html", {"form": form, "people": people, "limit": SEARCH_LIMIT}
    )


def _holdings(person, *, in_text: bool = True) -> list[tuple[str, str, int]]:
    return [
        (table_name(model), model._meta.label, count) for model, count in holdings(person, in_text=in_text)
    ]


def _detail(request, person, form):
    return render(
        request,
        "privacy/person_detail.html",
        {
            "person": person,
            "holdings": _holdings(person),
            "hold": erasure_services.legal_hold(person),
            "erasure": PersonErasure.objects.filter(person_id=person.pk).select_related("by").first(),
            "form": form,
            "exports": PersonExport.objects.filter(person=person).select_related("requested_by")[:10],
        },
    )


@login_required
@require_GET
def person_detail(request, pk):
    _require_manager(request)
    person = object_for(request.user, Person, pk=pk)
    return _detail(request, person, AnonymiseForm())


@login_required
@require_POST
def person_anonymise(request, pk):
    _require_manager(request)
    person = object_for(request.user, Person, pk=pk)
    form = AnonymiseForm(request.POST)
    if form.is_valid():
        try:
            erasure = erasure_services.person_anonymise(
                person=person, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The person has been anonymised: they now appear as « %(name)s ».")
                % {"name": erasure.pseudonym},
            )
            return redirect("privacy:person_detail", pk=person.pk)
    return _detail(request, person, form)


@login_required
@require_POST
def person_export(request, pk):
    _require_manager(request)
    person = object_for(request.user, Person, pk=pk)
    person_export_request(person=person, by=request.user)
    messages.success(request, _("Their file is being prepared: it will be listed below, ready to download."))
    return redirect("privacy:person_detail", pk=person.pk)


@portal_allowed
@login_required
@require_GET
def export_download(request, pk):
    """An administrator's file of anybody; anybody else's own file, asked for on « My personal data »."""
    export = object_for(request.user, PersonExport, pk=pk)
    if export.status != PersonExport.Status.DONE or not export.file:
        raise Http404
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.file.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )


@login_required
@require_GET
def read_log(request):
    """Who read which member file, newest first: all services for administrators, their own for a referent."""
    if not can_view_read_log(request.user):
        raise Http404
    services = selectors.read_log_services() if can_manage_personal_data(request.user) else None
    filterset = ReadLogFilter(
        request.GET or None,
        queryset=read_log_visible_to(request.user).select_related("reader", "service"),
        services=services,
    )
    page = Paginator(filterset.qs, READ_LOG_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "privacy/read_log.html", {"filter": filterset, "page_obj": page, "entries": page.object_list}
    )


@portal_allowed
@login_required
@require_GET
def my_data(request):
    """What Copilote holds about the signed-in user, their file to download, and their consents."""
    person = person_of(request.user)
    return render(
        request,
        "privacy/my_data.html",
        {
            "person": person,
            "holdings": _holdings(person, in_text=False) if person is not None else [],
            "exports": exports_visible_to(request.user).filter(requested_by=request.user)[:5],
            "consents": selectors.consents_of(request.user),
        },
    )


@portal_allowed
@login_required
@require_POST
def my_data_export(request):
    person = person_of(request.user)
    if person is None:
        raise Http404
    _export, created = own_export_request(person=person, by=request.user)
    if created:
        messages.success(
            request, _("Your file is being prepared: it will be listed below, ready to download.")
        )
    else:
        messages.info(request, _("Your file is already being prepared: it will be listed below shortly."))
    return redirect("privacy:my_data")
