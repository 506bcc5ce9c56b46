"""Background work of the member module: thin, idempotent, by id."""

from celery import shared_task


@shared_task(name="adherents.tasks.send_application_acknowledgement", acks_late=True, time_limit=60, soft_time_limit=50)
def send_application_acknowledgement(application_id: int) -> None:
    from .services import application_acknowledgement_send

    application_acknowledgement_send(application_id=application_id)
