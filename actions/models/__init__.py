"""actions/models: a package by topic."""

from .actions import (  # noqa: F401
    ActionPhase,
    CollectiveAction,
    FinancingLine,
    PhaseTransition,
    SuccessCondition,
    TeamMember,
)
from .deliverables import (  # noqa: F401
    Deliverable,
)
from .participations import (  # noqa: F401
    Participation,
)
from .programmes import (  # noqa: F401
    Programme,
    ProgrammeAxis,
    ProgrammeStep,
    QvtTheme,
)
