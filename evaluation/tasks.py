from celery import shared_task

from . import services
from .models import Indicator


@shared_task(name="evaluation.tasks.compute_all_indicators", time_limit=600, soft_time_limit=540)
def compute_all_indicators() -> int:
    """Nightly (06:30): record the values of every computed indicator."""
    return services.compute_all_indicators()


@shared_task(name="evaluation.tasks.compute_indicator", time_limit=120, soft_time_limit=100)
def compute_indicator(indicator_id: int) -> int:
    """On demand, from the indicator's page."""
    indicator = Indicator.objects.filter(pk=indicator_id, is_active=True).exclude(computation="").first()
    if indicator is None:
        return 0
    return len(services.indicator_compute_now(indicator=indicator))
