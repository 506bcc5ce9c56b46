from celery import shared_task

from . import services


@shared_task(
    bind=True,
    name="reports.tasks.render_document",
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=300,
    soft_time_limit=240,
)
def render_document(self, document_id: int) -> str | None:
    # Acks late + reject on worker lost: if the process rendering dies (out of memory,
    # killed), the broker hands the job out again, flagged as redelivered.
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    document = services.document_render(document_id=document_id, redelivered=redelivered)
    return document.status if document else None


@shared_task(name="reports.tasks.requeue_stuck_documents")
def requeue_stuck_documents() -> int:
    return services.requeue_stuck_documents()
