"""RACI pages: the list, the grid editor, its rows and columns, imports, exports and PDF.

Every matrix is fetched through `core.access.object_for` from `raci.access` (what the user
may not see is a 404; a reader who writes gets a 403); its rows and columns through it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import get_visible_or_404, object_for
from core.conflicts import EditConflict
from core.idempotency import create_once, creation_response, replay_of
from core.tabular import ImportRejected, TableError
from reports.shortcuts import request_document_and_redirect

from . import access, selectors, services
from .documents import MATRIX_KIND
from .forms import ActivityForm, CellForm, MatrixCreateForm, MatrixForm, MatrixImportForm, RoleForm
from .history import matrix_history_entries
from .letters import display_letters
from .models import Activity, Matrix, Role
from .sheet import export_csv, export_xlsx, read_upload


def _grid_url(matrix: Matrix, anchor: str = "") -> str:
    return matrix.get_absolute_url() + (f"#{anchor}" if anchor else "")


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


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
    if response is not None:
        return response
    return render(request, "raci/matrix_create.html", {"form": form})


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


# --- The grid ------------------------------------------------------------------------
@login_required
@require_GET
def matrix_detail(request, pk):
    matrix = object_for(request.user, Matrix, pk=pk, select_related=selectors.MATRIX_RELATED)
    editable = access.can_edit_matrix(request.user, matrix)
    grid = selectors.build_grid(matrix, versions=editable)
    return render(
        request,
        "raci/matrix_detail.html",
        {
            "matrix": matrix,
            "grid": grid,
            "editable": editable,
            "scope_url": selectors.scope_url(matrix),
            "can_clone": access.can_clone_template(request.user, matrix),
        },
    )


def _overwritten_notice(change) -> str:
    """« Cellule modifiée entre-temps par X (R → A) : votre choix l’a remplacée », or ""."""
    overwritten = change.overwritten
    if overwritten is None:
        return ""
    return _(
        "Cell changed meanwhile by %(who)s (%(seen)s → %(theirs)s): your choice replaced it with %(new)s."
    ) % {
        "who": overwritten.who,
        "seen": display_letters(overwritten.seen) or "∅",
        "theirs": display_letters(overwritten.theirs) or "∅",
        "new": display_letters(change.new) or "∅",
    }


@login_required
@require_http_methods(["GET", "POST"])
def cell_update(request, pk, activity_pk, role_pk):
    """One cell. With htmx: answers the cell and, out of band, the summary and the workload.

    The last write wins, per cell; when it replaced what somebody else wrote since the page was
    loaded (the cell's version comes with the change), the answer says who and what.
    """
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    activity = get_visible_or_404(matrix.activities.all(), pk=activity_pk)
    role = get_visible_or_404(matrix.roles.all(), pk=role_pk)
    current = activity.assignments.filter(role=role).values_list("letters", flat=True).first() or ""
    version = (
        selectors.cell_versions([activity.pk], role_id=role.pk).get((activity.pk, role.pk), 0)
        if request.method == "GET"
        else 0
    )
    form = CellForm(request.POST or None, initial={"letters": "/".join(current), "version": version})
    if request.method == "POST":
        if not form.is_valid():
            if _is_htmx(request):
                return HttpResponseBadRequest(" ".join(form.errors.get("letters", [])))
            return render(
                request,
                "raci/cell_form.html",
                {"matrix": matrix, "activity": activity, "role": role, "form": form},
                status=400,
            )
        activity.matrix = matrix
        change = services.cell_set(
            activity=activity,
            role=role,
            letters=form.cleaned_data["letters"],
            by=request.user,
            seen_version=form.cleaned_data["version"],
        )
        notice = _overwritten_notice(change)
        if _is_htmx(request):
            matrix.refresh_from_db(fields=["status", "validated_by", "validated_at", "updated_at"])
            grid = selectors.build_grid(matrix)
            cell = grid.cell(activity, role)
            cell.version = selectors.cell_versions([activity.pk], role_id=role.pk).get(
                (activity.pk, role.pk), 0
            )
            return render(
                request,
                "raci/_cell_response.html",
                {
                    "matrix": matrix,
                    "grid": grid,
                    "cell": cell,
                    "row": grid.row_for(activity),
                    "editable": True,
                    "notice": notice,
                },
            )
        if notice:
            messages.warning(request, notice)
        return redirect(_grid_url(matrix, f"raci-row-{activity.pk}"))
    return render(
        request, "raci/cell_form.html", {"matrix": matrix, "activity": activity, "role": role, "form": form}
    )


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


# --- Rows ----------------------------------------------------------------------------
def _row_above(matrix: Matrix, *, before: Activity | None = None, after: Activity | None = None):
    if after is not None:
        return after
    rows = matrix.activities.order_by("order", "pk")
    if before is not None:
        return rows.filter(order__lt=before.order).last() or None
    return rows.last()


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    after_pk = request.GET.get("after", "")
    after = get_visible_or_404(matrix.activities.all(), pk=after_pk) if after_pk else None
    above = _row_above(matrix, after=after)
    form = ActivityForm(request.POST or None, instance=Activity(matrix=matrix), above=above)
    response = creation_response(
        request,
        form,
        lambda: services.activity_save(activity=form.save(commit=False), after=after, by=request.user),
        message=_("The activity has been added."),
        url=lambda activity: _grid_url(matrix, f"raci-row-{activity.pk}"),
        label=lambda activity: activity.label,
    )
    if response is not None:
        return response
    return render(request, "raci/activity_form.html", {"matrix": matrix, "form": form, "after": after})


@login_required
@require_http_methods(["GET", "POST"])
def activity_update(request, pk, activity_pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    activity = get_visible_or_404(matrix.activities.all(), pk=activity_pk)
    form = ActivityForm(request.POST or None, instance=activity, above=_row_above(matrix, before=activity))
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(
                activity=form.save(commit=False), by=request.user, expected_version=form.expected_version
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The activity has been updated."))
            return redirect(_grid_url(matrix, f"raci-row-{activity.pk}"))
    return render(request, "raci/activity_form.html", {"matrix": matrix, "form": form, "activity": activity})


def _direction(request) -> int:
    direction = request.POST.get("direction")
    if direction not in ("-1", "1"):
        raise Http404
    return int(direction)


@login_required
@require_POST
def activity_move(request, pk, activity_pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    activity = get_visible_or_404(matrix.activities.all(), pk=activity_pk)
    if not services.activity_move(activity=activity, direction=_direction(request), by=request.user):
        messages.info(request, _("This activity is already at the edge of the matrix."))
    return redirect(_grid_url(matrix, f"raci-row-{activity.pk}"))


@login_required
@require_POST
def activity_delete(request, pk, activity_pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    activity = get_visible_or_404(matrix.activities.all(), pk=activity_pk)
    label = activity.label
    services.activity_delete(activity=activity, by=request.user)
    messages.success(request, _("The activity « %(label)s » has been deleted.") % {"label": label})
    return redirect(matrix)


# --- Columns -------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def role_create(request, pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    return _role_form(request, matrix, Role(matrix=matrix))


@login_required
@require_http_methods(["GET", "POST"])
def role_update(request, pk, role_pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    return _role_form(request, matrix, get_visible_or_404(matrix.roles.all(), pk=role_pk))


def _role_form(request, matrix, role):
    creating = role.pk is None
    form = RoleForm(request.POST or None, instance=role)
    if creating and (replay := replay_of(request)) is not None:
        return replay
    if request.method == "POST" and form.is_valid():
        try:
            _role, replay = create_once(
                request,
                form,
                lambda: services.role_save(
                    role=form.save(commit=False), by=request.user, expected_version=form.expected_version
                ),
                url=lambda _saved: _grid_url(matrix),
                label=lambda saved: saved.name,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            if replay:
                return replay
            messages.success(
                request, _("The role has been added.") if creating else _("The role has been updated.")
            )
            return redirect(matrix)
    return render(
        request, "raci/role_form.html", {"matrix": matrix, "form": form, "role": None if creating else role}
    )


@login_required
@require_POST
def role_move(request, pk, role_pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    role = get_visible_or_404(matrix.roles.all(), pk=role_pk)
    if not services.role_move(role=role, direction=_direction(request), by=request.user):
        messages.info(request, _("This role is already at the edge of the matrix."))
    return redirect(reverse("raci:matrix_detail", args=[matrix.pk]))


@login_required
@require_POST
def role_delete(request, pk, role_pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    role = get_visible_or_404(matrix.roles.all(), pk=role_pk)
    name = role.name
    services.role_delete(role=role, by=request.user)
    messages.success(request, _("The role « %(name)s » and its cells have been deleted.") % {"name": name})
    return redirect(matrix)
