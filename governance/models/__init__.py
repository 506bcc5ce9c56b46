"""Governance: committees and their members, meetings (agenda, attendance, minutes,
decisions, follow-up items) and the private calendar feed of each user.

A package by topic; every name stays importable from here."""

from .calendar import (  # noqa: F401
    CalendarToken,
    CalendarTokenQuerySet,
)
from .committees import (  # noqa: F401
    Committee,
    Membership,
    QuorumRule,
)
from .decisions import (  # noqa: F401
    Decision,
    FollowUpItem,
    _new_token,
)
from .meetings import (  # noqa: F401
    AgendaItem,
    Attendance,
    Meeting,
)
from .minutes import (  # noqa: F401
    Minutes,
    MinutesCirculation,
    MinutesItem,
    MinutesRecipient,
)
