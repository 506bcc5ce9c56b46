"""Member companies of an occupational-health service and everything the service does with them.

Seed 004 (AST, projet de service 2021–2025): the new member's trajectory (welcome,
inform, sensitise with the *rendez-vous de la prévention*, support with an action plan),
what the service must collect, the visit and its restitution, satisfaction surveys,
complaints, staff-only notes and the online membership form.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    FIRST_CONTACT_DELAY_DAYS,
    MAX_PREVENTION_VISIT_DELAY_DAYS,
    UNREACHABLE_AFTER_ATTEMPTS,
)
from .applications import (  # noqa: F401
    MembershipApplication,
)
from .complaints import (  # noqa: F401
    Complaint,
)
from .members import (  # noqa: F401
    Adherent,
    HealthUnit,
    Sector,
    StaffRole,
)
from .notes import (  # noqa: F401
    StaffNote,
)
from .surveys import (  # noqa: F401
    Survey,
    SurveyAnswer,
    SurveyChoice,
    SurveyQuestion,
    SurveyResponse,
)
from .trajectories import (  # noqa: F401
    ContactAttempt,
    StepInstance,
    TrajectoryStep,
    TrajectoryTemplate,
)
from .visits import (  # noqa: F401
    ActionPlanItem,
    HazardFamily,
    IdentifiedHazard,
    PreventionVisit,
    WorkUnit,
    WorkUnitPhoto,
)
