from celery import shared_task

from core.history import system_actor

from .services.retention import retention_apply


@shared_task(name="privacy.tasks.apply_retention", time_limit=1800, soft_time_limit=1700)
def apply_retention() -> dict:
    results = retention_apply(by=system_actor())
    return {result.kind: result.count for result in results}


@shared_task(name="privacy.tasks.build_person_export", acks_late=True, time_limit=600, soft_time_limit=540)
def build_person_export(export_id: int) -> str | None:
    from .services.export import person_export_build

    export = person_export_build(export_id=export_id)
    return export.status if export else None
