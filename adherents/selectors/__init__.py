"""Reads on member files: the shaping (related rows, annotations, figures) of what
`adherents.access` lets the user see, and the figures other apps compute from.

`figures_for_service` is the contract with the evaluation app: members contacted within
15 days of validation, prevention visits within their delay, satisfaction of the
surveys, complaints closed and their delay.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    Role,
    _percent,
    complaints_summary,
    survey_satisfaction,
)
from .complaints import (  # noqa: F401
    applications_for_user,
    complaints_for_user,
)
from .members import (  # noqa: F401
    ADHERENT_RELATED,
    VISIT_RELATED,
    _is_member_user,
    _late_steps_subquery,
    adherent_list,
    figures_for_service,
    hazard_map,
    history_changes,
    recent_contacts,
    service_staff_users,
    step_dashboard_counts,
    trajectory,
    trajectory_groups,
    visits_of,
    work_units_with_hazards,
)
from .portal import (  # noqa: F401
    open_surveys_for,
    portal_file,
    portal_path,
    portal_visits,
    restitution_documents,
)
from .surveys import (  # noqa: F401
    largest_remainder,
    members_to_survey,
    survey_answered,
    survey_results,
    surveys_for_user,
)
