from celery import shared_task

from . import services


@shared_task(name="reports.tasks.render_document", acks_late=True, time_limit=300, soft_time_limit=240)
def render_document(document_id: int) -> str | None:
    document = services.document_render(document_id=document_id)
    return document.status if document else None


@shared_task(name="reports.tasks.requeue_stuck_documents")
def requeue_stuck_documents() -> int:
    return services.requeue_stuck_documents()
