"""calls/forms: a package by topic."""

from ._common import (  # noqa: F401
    YES_NO,
    _ListVersionMixin,
    _yes_no_field,
    _yes_no_initial,
)
from .applications import (  # noqa: F401
    TEAM_ROWS,
    ApplicationForm,
    ComplementAnswerForm,
    ProjectTeamMemberForm,
    team_formset,
    team_rows,
)
from .calls import (  # noqa: F401
    CallForm,
    EligibilityCriterionForm,
    EligibilityFormSet,
    PriorityCriterionForm,
    PriorityFormSet,
)
from .instruction import (  # noqa: F401
    SCORE_CHOICES,
    ComplementRequestForm,
    EligibilityForm,
    ScoreForm,
    SelectionForm,
    SelectionReopenForm,
)
