"""Forms of governance: layout in the form (crispy), business rules in the services.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    PersonChoiceField,
    _person_label,
    bound_minutes,
    people_queryset,
    rebuild_layout,
)
from .committees import (  # noqa: F401
    CommitteeForm,
    CompositionRuleForm,
    MembershipForm,
)
from .meetings import (  # noqa: F401
    AgendaItemForm,
    AttendanceForm,
    CancelForm,
    GuestForm,
    HeldForm,
    MeetingForm,
    SeriesForm,
)
from .minutes import (  # noqa: F401
    ApprovalForm,
    CorrectionForm,
    DecisionForm,
    FollowUpForm,
    FollowUpStatusForm,
    MinutesForm,
    TextRestoreForm,
)
