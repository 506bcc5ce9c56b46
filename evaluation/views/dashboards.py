"""Views of evaluation: dashboards, reports and exports."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from actions.models import CollectiveAction, Programme
from core import dashboard_cache
from core.access import object_for
from core.idempotency import FIELD as TOKEN_FIELD
from core.tabular import csv_response_rows, xlsx_bytes
from core.tokens import new_token
from reports.shortcuts import request_document_and_redirect

from .. import access, selectors
from ..forms import ApproachEntryForm
from ..models import Indicator
from ..status import RULE_ITEMS
from ._common import ACTION_RELATED, APPROACH_TOKEN, PROGRAMME_RELATED, _filters


@login_required
@require_GET
def dashboard_index(request):
    programmes = list(selectors.programmes_for_user(request.user).order_by("name"))
    actions = list(selectors.actions_for_user(request.user).order_by("programme__name", "code"))
    service = access.service_of_staff(request.user)
    service_states = []
    if service is not None:
        service_states = selectors.indicator_states(
            selectors.indicators_for_user(request.user).filter(service=service, is_active=True)
        )
    return render(
        request,
        "evaluation/dashboard_index.html",
        {
            "programmes": programmes,
            "actions": actions,
            "service": service,
            "service_states": service_states,
            "rule_items": RULE_ITEMS,
            "can_enter": selectors.enterable_indicators(request.user).exists(),
        },
    )


@login_required
@require_GET
def programme_dashboard(request, pk):
    programme = object_for(request.user, Programme, pk=pk, select_related=PROGRAMME_RELATED)
    territories = sorted({t for t in programme.actions.values_list("territory", flat=True) if t})
    form, filters = _filters(request, territories)
    body = dashboard_cache.cached_body(
        request,
        ("programme", programme.pk, astuple(filters)),
        "evaluation/_programme_dashboard_body.html",
        lambda: {
            "programme": programme,
            "dashboard": selectors.programme_dashboard(programme, request.user, filters),
        },
    )
    return render(
        request,
        "evaluation/programme_dashboard.html",
        {
            "programme": programme,
            "dashboard_body": body,
            "filter_form": form,
            "rule_items": RULE_ITEMS,
            "can_edit": request.user.has_perm("evaluation.add_indicator", programme),
        },
    )


@login_required
@require_GET
def action_dashboard(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=ACTION_RELATED)
    form, filters = _filters(request, with_actions_filters=False)
    can_edit = request.user.has_perm("evaluation.change_action_evaluation", action)
    body = dashboard_cache.cached_body(
        request,
        ("action", action.pk, astuple(filters)),
        "evaluation/_action_dashboard_body.html",
        lambda: {
            "action": action,
            "dashboard": selectors.action_dashboard(action, filters),
            "approach_form": ApproachEntryForm(initial={TOKEN_FIELD: APPROACH_TOKEN}) if can_edit else None,
        },
    )
    # The body is cached: the approach form's one-time token is drawn for each answer, like the CSRF token.
    body = mark_safe(body.replace(APPROACH_TOKEN, new_token()))
    return render(
        request,
        "evaluation/action_dashboard.html",
        {
            "action": action,
            "dashboard_body": body,
            "filter_form": form,
            "rule_items": RULE_ITEMS,
            "can_edit": can_edit,
        },
    )


@login_required
@require_POST
def action_report(request, pk):
    action = object_for(request.user, CollectiveAction, pk=pk, select_related=ACTION_RELATED)
    return request_document_and_redirect(
        request,
        kind="evaluation.action_report",
        target=action,
        title=_("Final evaluation report — %(action)s") % {"action": action},
    )


@login_required
@require_POST
def programme_synthesis(request, pk):
    programme = object_for(request.user, Programme, pk=pk, select_related=PROGRAMME_RELATED)
    return request_document_and_redirect(
        request,
        kind="evaluation.programme_synthesis",
        target=programme,
        title=_("Programme synthesis — %(programme)s") % {"programme": programme},
    )


EXPORT_HEADERS = (
    "Indicateur",
    "Programme",
    "Action",
    "Service",
    "Type",
    "Unité",
    "Période",
    "Début de période",
    "Valeur",
    "Cible",
    "Commentaire",
    "Source",
    "Calculé",
    "Saisi par",
    "Modifié le",
)


@login_required
@require_GET
def measurements_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    scope = {}
    if request.GET.get("programme"):
        scope["programme"] = object_for(request.user, Programme, pk=request.GET["programme"])
    if request.GET.get("action"):
        scope["action"] = object_for(request.user, CollectiveAction, pk=request.GET["action"])
    if request.GET.get("indicateur"):
        scope["indicator"] = object_for(request.user, Indicator, pk=request.GET["indicateur"])
    rows = []
    for m in selectors.measurements_for_export(request.user, **scope).iterator(chunk_size=2000):
        i = m.indicator
        programme = i.programme or (i.action.programme if i.action_id else None)
        rows.append(
            [
                i.name,
                str(programme or ""),
                str(i.action or ""),
                str(i.service or ""),
                i.get_kind_display(),
                i.get_unit_display(),
                m.period_label,
                m.period.isoformat(),
                m.value,
                i.target,
                m.comment,
                m.source,
                _("yes") if m.is_computed else _("no"),
                (m.entered_by.get_full_name() or m.entered_by.username) if m.entered_by else "",
                timezone.localtime(m.updated_at).strftime("%d/%m/%Y %H:%M"),
            ]
        )
    stamp = date.today().strftime("%Y%m%d")
    if fmt == "csv":
        response = HttpResponse(
            csv_response_rows(list(EXPORT_HEADERS), rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="mesures-{stamp}.csv"'
        return response
    response = HttpResponse(
        xlsx_bytes([("Mesures", list(EXPORT_HEADERS), rows)]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="mesures-{stamp}.xlsx"'
    return response
