from celery import shared_task

from .services import notices_digest_send, outgoing_email_send, outgoing_emails_retry, reminders_scan


@shared_task(name="reminders.tasks.scan_reminders", time_limit=600, soft_time_limit=540)
def scan_reminders() -> dict:
    result = reminders_scan()
    return {
        "sent": result.sent,
        "skipped": result.skipped,
        "failed": result.failed,
        "rule_errors": result.rule_errors,
    }


@shared_task(name="reminders.tasks.send_email", acks_late=True, time_limit=120, soft_time_limit=100)
def send_email(email_id: int) -> str | None:
    email = outgoing_email_send(email_id=email_id)
    return email.status if email else None


@shared_task(name="reminders.tasks.retry_unsent_emails")
def retry_unsent_emails() -> int:
    return outgoing_emails_retry()


@shared_task(name="reminders.tasks.send_daily_digest", time_limit=600, soft_time_limit=540)
def send_daily_digest() -> int:
    return notices_digest_send()
