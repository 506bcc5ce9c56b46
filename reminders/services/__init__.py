"""The reminder engine and the notices it (and any app) sends, by topic: notices (in the app and by e-mail,
as each person chose), the outbox (e-mails sent after commit, retried), the scan of the reminder rules,
the daily digest."""

from .digest import notices_digest_send
from .notices import (
    Delivery,
    absolute_url,
    deliveries_of,
    delivery_of,
    notice_body,
    notification_preference_set,
    notify,
)
from .outbox import (
    ABANDONED_AFTER,
    MAX_SEND_ATTEMPTS,
    RETRY_AFTER,
    email_queue,
    outgoing_email_resend,
    outgoing_email_send,
    outgoing_emails_retry,
)
from .scan import ScanResult, reminders_scan

__all__ = [
    "ABANDONED_AFTER",
    "MAX_SEND_ATTEMPTS",
    "RETRY_AFTER",
    "Delivery",
    "ScanResult",
    "absolute_url",
    "deliveries_of",
    "delivery_of",
    "email_queue",
    "notice_body",
    "notices_digest_send",
    "notification_preference_set",
    "notify",
    "outgoing_email_resend",
    "outgoing_email_send",
    "outgoing_emails_retry",
    "reminders_scan",
]
