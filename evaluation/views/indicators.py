"""Views of evaluation: indicators, the month."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import localize_input
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.models import CollectiveAction, Programme
from core.access import get_visible_or_404, object_for, require_perm
from core.conflicts import EditConflict, versions_of
from core.form_errors import add_service_errors
from core.idempotency import creation_response
from governance.models import Committee

from .. import access, selectors, services
from ..filters import IndicatorFilter
from ..forms import IndicatorForm, MeasurementEditForm, MeasurementForm, MonthFormSet
from ..models import Indicator, Measurement
from ..month import month_choices, month_rows, parse_month
from ..status import RULE_ITEMS
from ._common import ACTION_RELATED, PROGRAMME_RELATED, _in_french


@login_required
@require_GET
def indicator_list(request):
    base = selectors.indicators_for_user(request.user)
    indicator_filter = IndicatorFilter(request.GET or None, queryset=base, request=request)
    page = Paginator(indicator_filter.qs.order_by("name", "pk"), 50).get_page(request.GET.get("page"))
    states = selectors.indicator_states(
        Indicator.objects.filter(pk__in=[i.pk for i in page.object_list])
        .select_related("programme", "action__programme", "service", "committee")
        .order_by("name", "pk")
    )
    return render(
        request,
        "evaluation/indicator_list.html",
        {
            "filter": indicator_filter,
            "page_obj": page,
            "states": states,
            "rule_items": RULE_ITEMS,
        },
    )


@login_required
@require_GET
def indicator_detail(request, pk):
    indicator = object_for(request.user, Indicator, pk=pk, select_related=selectors.INDICATOR_RELATED)
    state = selectors.indicator_states(
        Indicator.objects.filter(pk=indicator.pk).select_related(
            "programme", "action__programme", "service", "committee"
        )
    )[0]
    measurements = list(indicator.measurements.select_related("entered_by").order_by("-period"))
    series = [(m.period, m.value) for m in reversed(measurements)][-selectors.SERIES_PERIODS :]
    history = list(
        Measurement.history.filter(indicator_id=indicator.pk)
        .select_related("history_user")
        .order_by("-history_date")[:30]
    )
    can_enter = request.user.has_perm("evaluation.enter_values", indicator)
    return render(
        request,
        "evaluation/indicator_detail.html",
        {
            "indicator": indicator,
            "state": state,
            "series": series,
            "measurements": measurements,
            "history": history,
            "can_enter": can_enter,
            "can_change": request.user.has_perm("evaluation.change_indicator", indicator),
            "form": MeasurementForm(indicator=indicator) if can_enter else None,
            "rule_items": RULE_ITEMS,
        },
    )


def _scope_from_request(request):
    """The programme, action, committee or service an indicator is created for (404 if not visible)."""
    user, query = request.user, request.GET
    if query.get("action"):
        return object_for(user, CollectiveAction, pk=query["action"], select_related=ACTION_RELATED), "action"
    if query.get("programme"):
        return object_for(
            user, Programme, pk=query["programme"], select_related=PROGRAMME_RELATED
        ), "programme"
    if query.get("committee"):
        return object_for(user, Committee, pk=query["committee"]), "committee"
    if query.get("service"):
        # A service is no page one reads: whoever may not define its indicators does not learn it exists.
        return get_visible_or_404(
            access.services_open_to_new_indicators_by(user), pk=query["service"]
        ), "service"
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request):
    scope, scope_kind = _scope_from_request(request)
    require_perm(request.user, "evaluation.add_indicator", scope)
    form = IndicatorForm(request.POST or None, scope=scope, scope_kind=scope_kind)

    def create() -> Indicator:
        data = form.service_kwargs()
        responsible = data.pop("responsible")
        return services.indicator_create(scope=scope, by=request.user, responsible=responsible, **data)

    response = creation_response(
        request,
        form,
        create,
        message=lambda indicator: _("The indicator « %(name)s » was created.") % {"name": indicator.name},
    )
    return response or render(
        request, "evaluation/indicator_form.html", {"form": form, "scope": scope, "indicator": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk):
    indicator = object_for(
        request.user, Indicator, pk=pk, may="change", select_related=selectors.INDICATOR_RELATED
    )
    form = IndicatorForm(
        request.POST or None, instance=indicator, scope=indicator.scope, scope_kind=indicator.scope_kind
    )
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs()
        responsible = data.pop("responsible")
        try:
            services.indicator_update(
                indicator=indicator,
                by=request.user,
                responsible=responsible,
                expected_version=form.expected_version,
                **data,
            )
        except EditConflict as conflict:
            form.show_conflict(_in_french(conflict))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The indicator was updated."))
            return redirect(indicator.get_absolute_url())
    return render(
        request,
        "evaluation/indicator_form.html",
        {"form": form, "scope": indicator.scope, "indicator": indicator},
    )


@login_required
@require_POST
def measurement_add(request, pk):
    indicator = object_for(
        request.user, Indicator, pk=pk, may="enter", select_related=selectors.INDICATOR_RELATED
    )
    form = MeasurementForm(request.POST, indicator=indicator)
    response = creation_response(
        request,
        form,
        lambda: services.measurement_record(indicator=indicator, by=request.user, **form.cleaned_data),
        message=_("The value was recorded."),
        url=lambda _measurement: indicator.get_absolute_url(),
        label=lambda measurement: f"{indicator.name} — {measurement.period_label}",
    )
    if response is not None:
        return response
    state = selectors.indicator_states(Indicator.objects.filter(pk=indicator.pk))[0]
    measurements = list(indicator.measurements.select_related("entered_by").order_by("-period"))
    return render(
        request,
        "evaluation/indicator_detail.html",
        {
            "indicator": indicator,
            "state": state,
            "measurements": measurements,
            "series": [(m.period, m.value) for m in reversed(measurements)][-selectors.SERIES_PERIODS :],
            "history": [],
            "can_enter": True,
            "can_change": request.user.has_perm("evaluation.change_indicator", indicator),
            "form": form,
            "rule_items": RULE_ITEMS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def measurement_edit(request, pk):
    measurement = object_for(request.user, Measurement, pk=pk, may="change", select_related=("indicator",))
    indicator = measurement.indicator
    form = MeasurementEditForm(
        request.POST or None,
        versioned=measurement,
        initial={
            "value": measurement.value,
            "comment": measurement.comment,
            "source": measurement.source,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.measurement_update(
                measurement=measurement,
                by=request.user,
                expected_version=form.expected_version,
                **form.cleaned_data,
            )
        except EditConflict as conflict:
            form.show_conflict(_in_french(conflict, indicator))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The value was corrected; the former one is kept in the history."))
            return redirect(indicator.get_absolute_url())
    return render(
        request,
        "evaluation/measurement_form.html",
        {"form": form, "measurement": measurement, "indicator": indicator},
    )


@login_required
@require_POST
def indicator_compute(request, pk):
    indicator = object_for(
        request.user, Indicator, pk=pk, may="change", select_related=selectors.INDICATOR_RELATED
    )
    if not indicator.is_computed:
        raise Http404
    recorded = services.indicator_compute_now(indicator=indicator, by=request.user)
    if recorded:
        messages.success(request, _("The values were computed from the data."))
    else:
        messages.warning(request, _("There is nothing to measure yet for this indicator."))
    return redirect(indicator.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def monthly_entry(request):
    today = timezone.localdate()
    month = parse_month(request.GET.get("mois"), today)
    indicators = list(selectors.indicators_to_fill(request.user).order_by("name", "pk"))
    rows = month_rows(indicators, month)
    # The version each line is opened on (that of the value already entered, 0 if none): one query.
    versions = versions_of(Measurement, [r["measurement"].pk for r in rows if r["measurement"]])
    initial = [
        {
            "value": r["measurement"].value,
            "comment": r["measurement"].comment,
            "source": r["measurement"].source,
            "version": versions[r["measurement"].pk],
        }
        if r["measurement"]
        else {"version": 0}
        for r in rows
    ]
    formset = MonthFormSet(request.POST or None, initial=initial, prefix="valeurs")
    if formset.is_bound and len(formset.forms) != len(rows):
        # The lines posted are not today's (an indicator was added or closed meanwhile, or the
        # form was tampered with): nothing can be matched safely, the month is shown again.
        messages.error(
            request, _("The list of indicators to fill has changed: check the values and save again.")
        )
        formset = MonthFormSet(initial=initial, prefix="valeurs")
    for row, form in zip(rows, formset.forms, strict=True):
        form.name_after(row["indicator"], row["period"])
    if formset.is_bound and formset.is_valid():
        data_rows = [
            {**row, **form.cleaned_data, "expected_version": form.expected_version}
            for row, form in zip(rows, formset.forms, strict=True)
        ]
        if not _month_rows_have_errors(data_rows, formset):
            try:
                result = services.measurements_enter_month(rows=data_rows, by=request.user)
            except ValidationError as exc:
                formset.forms[0].add_error(None, exc.messages)
            else:
                saved = _("%(created)s value(s) recorded, %(updated)s corrected.") % {
                    "created": result.created,
                    "updated": result.updated,
                }
                if not result.conflicts:
                    messages.success(request, saved)
                    return redirect(f"{request.path}?mois={month:%Y-%m}")
                _show_month_conflicts(formset, rows, result.conflicts)
                if result.created or result.updated:  # the other lines were saved
                    messages.warning(request, saved)
    return render(
        request,
        "evaluation/monthly_entry.html",
        {
            "month": month,
            "month_choices": month_choices(today),
            "rows": list(zip(rows, formset.forms, strict=True)),
            "formset": formset,
        },
    )


def _show_month_conflicts(formset, rows, conflicts: dict) -> None:
    """The lines someone else changed meanwhile: their value beside the field, the typed one kept, the
    line's version moved on (saving again keeps the typed value). The other lines were saved."""
    data = formset.data.copy()
    for index, conflict in conflicts.items():
        form = formset.forms[index]
        conflict = _in_french(conflict, rows[index]["indicator"])
        data[form.add_prefix("version")] = str(conflict.version)
        for name, value in conflict.merged.items():
            data[form.add_prefix(name)] = "" if value is None else localize_input(value)
        for item in conflict.fields:
            form.add_error(
                item.name,
                _("Value saved by %(who)s: « %(value)s »")
                % {
                    "who": conflict.who,
                    "value": item.theirs_display,
                },
            )
    formset.data = data
    for form in formset.forms:
        form.data = data
    formset._non_form_errors = formset.error_class(
        [
            ngettext(
                "%(count)s value was changed by someone else since you opened the page: it was not saved. Your "
                "entry is kept, with the value now stored beside it. Save again to keep yours.",
                "%(count)s values were changed by someone else since you opened the page: they were not saved. Your "
                "entries are kept, with the values now stored beside them. Save again to keep yours.",
                len(conflicts),
            )
            % {"count": len(conflicts)}
        ]
    )


def _month_rows_have_errors(rows, formset) -> bool:
    """Check each value against its indicator's unit; the errors go on the line concerned."""
    has_errors = False
    for row, form in zip(rows, formset.forms, strict=True):
        if row.get("value") is None:
            continue
        try:
            row["indicator"].validate_value(row["value"])
        except ValidationError as exc:
            form.add_error("value", exc.messages)
            has_errors = True
    return has_errors
