"""adherents/forms: a package by topic."""

from .applications import (  # noqa: F401
    ApplicationRejectForm,
    ApplicationValidateForm,
    DangerSubmit,
    MembershipApplicationForm,
)
from .complaints import (  # noqa: F401
    ComplaintForm,
)
from .members import (  # noqa: F401
    AdherentForm,
    ContactAttemptForm,
    PortalContactsForm,
    StaffNoteForm,
    StepCompleteForm,
)
from .surveys import (  # noqa: F401
    SurveyAnswerForm,
)
from .visits import (  # noqa: F401
    ActionPlanItemForm,
    PreventionVisitForm,
    RestitutionSentForm,
    WorkUnitForm,
)
