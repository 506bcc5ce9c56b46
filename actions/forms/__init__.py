"""Forms of programmes and actions.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    RATING_CHOICES,
    EmbeddedMixin,
)
from .actions import (  # noqa: F401
    FICHE_FIELDS,
    ActionCreateForm,
    ActionForm,
    BaseTeamFormSet,
    BaseTextItemFormSet,
    FicheRestoreForm,
    FinancingLineForm,
    FinancingLineFormSet,
    ProgrammeChoiceForm,
    SuccessConditionForm,
    SuccessConditionFormSet,
    TeamFormSet,
    TeamMemberForm,
    TextItemForm,
    TextItemFormSet,
    text_items_initial,
)
from .deliverables import (  # noqa: F401
    DeliverableForm,
    DeliverableStatusForm,
    DeliverableUploadForm,
    DeliverableValidateForm,
)
from .participations import (  # noqa: F401
    ParticipationForm,
    ParticipationImportForm,
)
from .phases import (  # noqa: F401
    PhaseAdvanceForm,
    PhaseForm,
    ReopenForm,
)
from .programmes import (  # noqa: F401
    AxisForm,
    AxisFormSet,
    BaseProtectedDeletionFormSet,
    ProgrammeForm,
    StepForm,
    StepFormSet,
)
