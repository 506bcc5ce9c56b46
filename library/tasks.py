from celery import shared_task

from core.history import acting, system_actor

from .digest import digest_send_all
from .services import publication_diffuse


@shared_task(name="library.tasks.send_weekly_digest", time_limit=1800, soft_time_limit=1700)
def send_weekly_digest() -> int:
    """Weekly (Celery beat, Monday morning): idempotent, a user gets one digest per week."""
    with acting(system_actor()):
        return digest_send_all()


@shared_task(
    name="library.tasks.diffuse_publication",
    autoretry_for=(ConnectionError,),
    max_retries=3,
    retry_backoff=True,
)
def diffuse_publication(publication_id: int) -> int:
    return publication_diffuse(publication_id=publication_id)
