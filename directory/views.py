"""Directory pages. Readers: pilots, consultants, service staff, committee members, admins.

Anybody else signed in (a member company's contact, an account without a role) gets a
404 on every page: they must not learn the annuaire exists. A reader who tries to
write gets a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import get_visible_or_404, object_for, require_perm
from core.conflicts import EditConflict
from core.idempotency import creation_response
from core.tabular import csv_response_rows
from reports.shortcuts import request_document_and_redirect

from . import access, selectors, services
from .documents import EXPORT_KIND, export_params
from .forms import OrganisationForm, PersonForm
from .models import Organisation, Person

PAGE_SIZE = 25


def _require_reader(user) -> None:
    if not access.can_read_directory(user):
        raise Http404


def _require_editor(user) -> None:
    _require_reader(user)
    require_perm(user, "directory.change_directory")


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _list_page(request, filterset, template: str, name: str):
    """A filtered list of the directory, a page at a time: the page's rows are `name` in the template."""
    page = _page(request, filterset.qs)
    return render(
        request,
        template,
        {
            "filterset": filterset,
            "page_obj": page,
            name: page.object_list,
            "can_edit": access.can_edit_directory(request.user),
        },
    )


def _detail_page(request, template: str, entry, **context):
    """An organisation's or a person's page (`entry`, named after its model), with its history."""
    return render(
        request,
        template,
        {
            entry._meta.model_name: entry,
            "history": selectors.history_entries(entry),
            "can_edit": access.can_edit_directory(request.user),
            **context,
        },
    )


# --- Organisations -------------------------------------------------------------------
@login_required
@require_GET
def organisation_list(request):
    _require_reader(request.user)
    filterset = selectors.organisation_filter(user=request.user, data=request.GET)
    return _list_page(request, filterset, "directory/organisation_list.html", "organisations")


@login_required
@require_GET
def organisation_detail(request, pk):
    _require_reader(request.user)
    organisation = object_for(request.user, Organisation, pk=pk)
    return _detail_page(
        request,
        "directory/organisation_detail.html",
        organisation,
        people=selectors.organisation_people(organisation),
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    _require_editor(request.user)
    form = OrganisationForm(request.POST or None, request.FILES or None, user=request.user)
    response = creation_response(
        request,
        form,
        lambda: services.organisation_save(organisation=form.save(commit=False), by=request.user),
        message=lambda organisation: (
            _("The organisation « %(name)s » has been created.") % {"name": organisation}
        ),
    )
    return response or render(
        request, "directory/organisation_form.html", {"form": form, "organisation": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_update(request, pk):
    _require_reader(request.user)
    organisation = get_visible_or_404(Organisation.objects.all(), pk=pk)
    _require_editor(request.user)
    form = OrganisationForm(
        request.POST or None, request.FILES or None, instance=organisation, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        if not form.has_changed():
            messages.info(request, _("Nothing was changed."))
            return redirect(organisation)
        try:
            services.organisation_save(
                organisation=form.save(commit=False), by=request.user, expected_version=form.expected_version
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The organisation « %(name)s » has been updated.") % {"name": organisation}
            )
            return redirect(organisation)
    return render(request, "directory/organisation_form.html", {"form": form, "organisation": organisation})


# --- Exports -------------------------------------------------------------------------
def _csv_headers() -> list[str]:
    return [
        _("Organisation"),
        _("Acronym"),
        _("Kind"),
        _("SIRET"),
        _("Headcount"),
        _("Business sector"),
        _("Territory"),
        _("Address"),
        _("Postal code"),
        _("City"),
        _("Organisation's e-mail"),
        _("Organisation's phone"),
        _("Civility"),
        _("First name"),
        _("Last name"),
        _("Function"),
        _("College"),
        _("E-mail"),
        _("Phone"),
    ]


def _csv_rows(organisations):
    for organisation in organisations:
        base = [
            organisation.name,
            organisation.acronym,
            organisation.get_kind_display(),
            organisation.siret,
            organisation.headcount,
            organisation.sector,
            organisation.territory,
            " ".join(organisation.address.split()),
            organisation.postal_code,
            organisation.city,
            organisation.email,
            organisation.phone,
        ]
        people = list(organisation.people.all())
        if not people:
            yield [*base, "", "", "", "", "", "", ""]
        for person in people:
            yield [
                *base,
                person.civility,
                person.first_name,
                person.last_name,
                person.function,
                person.get_college_display(),
                person.email,
                person.phone,
            ]


@login_required
@require_GET
def directory_export_csv(request):
    """The filtered organisations, one row per person (an organisation without people: one row)."""
    _require_reader(request.user)
    filterset = selectors.organisation_filter(user=request.user, data=request.GET)
    organisations = selectors.organisations_with_people(filterset.qs)
    response = HttpResponse(
        csv_response_rows(_csv_headers(), _csv_rows(organisations)), content_type="text/csv; charset=utf-8"
    )
    filename = f"annuaire-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def directory_export_pdf(request):
    """Queue the PDF of the directory with the filters of the list page (sent in the query string)."""
    _require_reader(request.user)
    return request_document_and_redirect(
        request, kind=EXPORT_KIND, target=None, title=_("Directory"), params=export_params(request.GET)
    )


# --- People --------------------------------------------------------------------------
@login_required
@require_GET
def person_list(request):
    _require_reader(request.user)
    filterset = selectors.person_filter(user=request.user, data=request.GET)
    return _list_page(request, filterset, "directory/person_list.html", "people")


@login_required
@require_GET
def person_detail(request, pk):
    _require_reader(request.user)
    return _detail_page(request, "directory/person_detail.html", object_for(request.user, Person, pk=pk))


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    _require_editor(request.user)
    initial = {}
    organisation_id = request.GET.get("organisation", "")
    if organisation_id.isdigit():
        initial["organisation"] = Organisation.objects.filter(pk=organisation_id).first()
    form = PersonForm(request.POST or None, initial=initial, user=request.user)
    response = creation_response(
        request,
        form,
        lambda: services.person_save(person=form.save(commit=False), by=request.user),
        message=lambda person: _("%(name)s has been added to the directory.") % {"name": person},
    )
    return response or render(request, "directory/person_form.html", {"form": form, "person": None})


@login_required
@require_http_methods(["GET", "POST"])
def person_update(request, pk):
    _require_reader(request.user)
    person = get_visible_or_404(Person.objects.select_related("organisation"), pk=pk)
    _require_editor(request.user)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        if not form.has_changed():
            messages.info(request, _("Nothing was changed."))
            return redirect(person)
        try:
            services.person_save(
                person=form.save(commit=False), by=request.user, expected_version=form.expected_version
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The record of %(name)s has been updated.") % {"name": person})
            return redirect(person)
    return render(request, "directory/person_form.html", {"form": form, "person": person})
