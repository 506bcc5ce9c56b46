"""Reads of governance: querysets scoped to the user, already carrying what the pages show.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    _label,
)
from .committees import (  # noqa: F401
    FOLLOWUP_RELATED,
    CalendarDay,
    CollegeGroup,
    PlanRow,
    calendar_weeks,
    committee_meetings,
    committee_memberships,
    committees_for_user,
    composition_by_college,
    decisions_for_user,
    feed_meetings,
    followups_for_user,
    meetings_for_user,
    month_bounds,
    plan_programmes,
    programme_plan,
)
from .figures import (  # noqa: F401
    _rate,
    _scoped_committees,
    governance_figures,
)
from .histories import (  # noqa: F401
    HISTORY_LIMIT,
    ITEM,
    SUMMARY,
    decision_history,
    minutes_history,
    text_differences,
)
from .meetings import (  # noqa: F401
    AttendanceRate,
    MeetingPage,
    attendance_rates,
    meeting_page,
    minutes_circulations,
)
