"""The matrices: list, creation, import, and the matrix itself (edit, delete, validate, history, exports, PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import object_for
from core.conflicts import EditConflict
from core.idempotency import creation_response
from core.tabular import ImportRejected, TableError
from reports.shortcuts import request_document_and_redirect

from .. import access, selectors, services
from ..documents import MATRIX_KIND
from ..forms import MatrixCreateForm, MatrixForm, MatrixImportForm
from ..history import matrix_history_entries
from ..models import Matrix
from ..sheet import export_csv, export_xlsx, read_upload


# --- List, creation, import ----------------------------------------------------------
@login_required
@require_GET
def matrix_list(request):
    return render(
        request,
        "raci/matrix_list.html",
        {
            "matrices": selectors.matrix_list(request.user),
            "templates": selectors.templates_for_user(request.user),
            "can_create": access.can_add_matrix(request.user),
        },
    )


def _initial_scope(request) -> dict:
    initial = {}
    for kind in ("action", "programme"):
        if request.GET.get(kind, "").isdigit():
            initial["scope"] = f"{kind}:{request.GET[kind]}"
    if request.GET.get("template", "").isdigit():
        initial["start"] = request.GET["template"]
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def matrix_create(request):
    form = MatrixCreateForm(request.POST or None, user=request.user, initial=_initial_scope(request))
    if form.fields["scope"].is_empty:
        raise Http404  # nothing the user steers: no matrix to create

    def create() -> Matrix:
        data = form.cleaned_data
        scope = {"action": data.get("action"), "programme": data.get("programme")}
        if data["template"] is not None:
            return services.matrix_clone(
                source=data["template"], title=data["title"], by=request.user, **scope
            )
        return services.matrix_create(title=data["title"], by=request.user, **scope)

    def message(_matrix: Matrix) -> str:
        template = form.cleaned_data["template"]
        if template is None:
            return _("The matrix has been created: add its roles and activities.")
        return _("The matrix has been created from the template « %(title)s »: adapt it to your action.") % {
            "title": template.title
        }

    response = creation_response(request, form, create, message=message)
    return response or render(request, "raci/matrix_create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def matrix_import(request):
    form = MatrixImportForm(
        request.POST or None, request.FILES or None, user=request.user, initial=_initial_scope(request)
    )
    if form.fields["scope"].is_empty:
        raise Http404
    rejected: list = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            content = read_upload(data["file"])
        except TableError as exc:
            form.add_error("file", str(exc))
        except ImportRejected as exc:
            rejected = exc.errors
            form.add_error(
                "file", _("Nothing was imported: correct the cells listed above and send the file again.")
            )
        else:
            matrix = services.matrix_create_from_data(
                data=content,
                title=data["title"],
                by=request.user,
                action=data.get("action"),
                programme=data.get("programme"),
            )
            messages.success(
                request,
                _(
                    "%(rows)s activities and %(roles)s roles imported: check the "
                    "warnings and errors above the grid."
                )
                % {"rows": len(content.activities), "roles": len(content.roles)},
            )
            return redirect(matrix)
    return render(request, "raci/matrix_import.html", {"form": form, "rejected": rejected})


# --- The matrix itself ---------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def matrix_update(request, pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    form = MatrixForm(request.POST or None, instance=matrix)
    if request.method == "POST" and form.is_valid():
        try:
            services.matrix_update(
                matrix=matrix,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                by=request.user,
                expected_version=form.expected_version,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("The matrix has been updated."))
            return redirect(matrix)
    return render(request, "raci/matrix_form.html", {"matrix": matrix, "form": form})


@login_required
@require_POST
def matrix_delete(request, pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    title = matrix.title
    services.matrix_delete(matrix=matrix, by=request.user)
    messages.success(request, _("The matrix « %(title)s » has been deleted.") % {"title": title})
    return redirect("raci:matrix_list")


@login_required
@require_POST
def matrix_validate(request, pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    try:
        services.matrix_validate(matrix=matrix, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The matrix is marked « validée »."))
    return redirect(matrix)


@login_required
@require_POST
def matrix_reopen(request, pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    services.matrix_reopen(matrix=matrix, by=request.user)
    messages.info(request, _("The matrix is back to draft."))
    return redirect(matrix)


@login_required
@require_GET
def matrix_history(request, pk):
    matrix = object_for(request.user, Matrix, pk=pk, select_related=selectors.MATRIX_RELATED)
    return render(
        request,
        "raci/matrix_history.html",
        {
            "matrix": matrix,
            "entries": matrix_history_entries(matrix),
        },
    )


@login_required
@require_GET
def matrix_export(request, pk, fmt):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    matrix = object_for(request.user, Matrix, pk=pk, select_related=selectors.MATRIX_RELATED)
    data = selectors.matrix_data(matrix)
    name = slugify(matrix.title)[:60] or "matrice"
    if fmt == "xlsx":
        response = HttpResponse(
            export_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(export_csv(data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="raci-{name}.{fmt}"'
    return response


@login_required
@require_POST
def matrix_pdf(request, pk):
    matrix = object_for(request.user, Matrix, pk=pk, select_related=selectors.MATRIX_RELATED)
    return request_document_and_redirect(
        request, kind=MATRIX_KIND, target=matrix, title=_("RACI matrix — %(title)s") % {"title": matrix.title}
    )
