from celery import shared_task

from .services import reminders_scan


@shared_task(name="reminders.tasks.scan_reminders", time_limit=600, soft_time_limit=540)
def scan_reminders() -> dict:
    result = reminders_scan()
    return {"sent": result.sent, "skipped": result.skipped, "failed": result.failed, "rule_errors": result.rule_errors}
