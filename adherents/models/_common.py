"""Models of adherents: what several topics share."""

from __future__ import annotations

#: The longest delay a UST may set for the prevention visit (seed 004: "max 6 mois").
MAX_PREVENTION_VISIT_DELAY_DAYS = 183


#: A member is "contacted in time" when reached within this many days of validation.
FIRST_CONTACT_DELAY_DAYS = 15


#: Failed attempts in a row, without any success, after which a member is flagged unreachable.
UNREACHABLE_AFTER_ATTEMPTS = 3
