from celery import shared_task

from core.history import system_actor

from . import services


@shared_task(name="evaluation.tasks.compute_all_indicators", time_limit=600, soft_time_limit=540)
def compute_all_indicators() -> int:
    """Nightly (06:30): record the values of every computed indicator."""
    return services.compute_all_indicators(by=system_actor())
