"""Reminder rule of the evaluation: a period has closed and an indicator's value is missing.

For each periodicity, the last closed period is looked up; every active, manually
entered indicator that existed before that period ended and has no value for it is
due the day after the period closed. The people who fill it in are reminded (or, when
nobody is named, the editors of its action or programme). The engine sends each
(indicator, period, person) once.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from actions.models import CollectiveAction, TeamMember
from reminders.registry import DueReminder, register

from .models import Indicator, Measurement
from .periods import Periodicity, last_closed_period, period_end


def _recipients(indicator) -> list:
    users = [p.user for p in indicator.responsible.all() if p.user_id]
    if users:
        return users
    if indicator.action_id:
        users = [m.person.user for m in indicator.action.team.all() if m.person.user_id]
        users += [p.user for p in indicator.action.programme.managers.all() if p.user_id]
    elif indicator.programme_id:
        users = [p.user for p in indicator.programme.managers.all() if p.user_id]
    return list({u.pk: u for u in users}.values())


@register(
    "evaluation.measurement_missing",
    "Valeur d'indicateur manquante",
    "Une période est close sans la valeur d'un indicateur saisi à la main.",
)
def measurements_missing(today):
    for periodicity in Periodicity:
        period = last_closed_period(today, periodicity)
        end = period_end(period, periodicity)
        missing = (
            Indicator.objects.filter(
                periodicity=periodicity, is_active=True, computation="", created_at__date__lte=end
            )
            .exclude(action__status__in=[CollectiveAction.Status.CLOSED, CollectiveAction.Status.ABANDONED])
            .annotate(has_value=Exists(Measurement.objects.filter(indicator=OuterRef("pk"), period=period)))
            .filter(has_value=False)
            .select_related("action__programme", "programme")
            .prefetch_related(
                "responsible__user",
                Prefetch("action__team", queryset=TeamMember.objects.select_related("person__user")),
                "action__programme__managers__user",
                "programme__managers__user",
            )
        )
        for indicator in missing:
            recipients = _recipients(indicator)
            if not recipients:
                continue
            label = indicator.period_label(period)
            yield DueReminder(
                obj=indicator,
                due_date=end + timedelta(days=1),
                recipients=recipients,
                subject=_("Value to enter: %(name)s (%(period)s)")
                % {"name": indicator.name, "period": label},
                message=_(
                    "The period %(period)s has closed and the value of the indicator « %(name)s » has not been entered yet."
                )
                % {"period": label, "name": indicator.name},
                url=f"{reverse('evaluation:monthly_entry')}?mois={end:%Y-%m}",
            )
