"""api/serializers: a package by topic."""

from ._common import (  # noqa: F401
    AxisSerializer,
    BulkResultSerializer,
    IndicatorSerializer,
    IndicatorStateSerializer,
    MeasurementLineSerializer,
    MeasurementReadSerializer,
    ProgrammeSerializer,
    StepSerializer,
    TargetStepSerializer,
    state_of,
)
from .actions import (  # noqa: F401
    ActionSerializer,
    CurrentPhaseSerializer,
    DeliverableSerializer,
    PhaseSerializer,
)
from .governance import (  # noqa: F401
    ATTENDANCE_COUNTS,
    AgendaItemSerializer,
    ApprovedMinutesSerializer,
    AttendanceCountsSerializer,
    CommitteeSerializer,
    DecisionSerializer,
    FollowUpSerializer,
    MeetingSerializer,
    MemberSerializer,
    MinutesItemSerializer,
)
from .open_data import (  # noqa: F401
    OpenDataSerializer,
    OpenIndicatorSerializer,
    OpenMeasurementSerializer,
    OpenProgrammeSerializer,
)
from .raci import (  # noqa: F401
    MatrixSerializer,
    RaciActivitySerializer,
    RaciCellSerializer,
    RaciIssueSerializer,
    RaciRoleSerializer,
    RaciValidationSerializer,
)
