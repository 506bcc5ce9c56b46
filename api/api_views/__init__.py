"""The API's views, by topic; each read queryset is the owning app's `access.py` one for the token's owner."""

from .base import CanUseApi, ETagMixin, IdCursorPagination, ReadViewSet
from .evaluation import MAX_LINES, CanWriteMeasurements, IndicatorViewSet, MeasurementBulkView
from .governance import CommitteeViewSet, DecisionViewSet, MeetingViewSet
from .open_data import OpenIndicatorsCsv, OpenIndicatorsJson
from .programmes import ActionDeliverableList, ActionViewSet, DeliverableFileView, ProgrammeViewSet
from .raci import MatrixViewSet

__all__ = [
    "MAX_LINES",
    "ActionDeliverableList",
    "ActionViewSet",
    "CanUseApi",
    "CanWriteMeasurements",
    "CommitteeViewSet",
    "DecisionViewSet",
    "DeliverableFileView",
    "ETagMixin",
    "IdCursorPagination",
    "IndicatorViewSet",
    "MatrixViewSet",
    "MeasurementBulkView",
    "MeetingViewSet",
    "OpenIndicatorsCsv",
    "OpenIndicatorsJson",
    "ProgrammeViewSet",
    "ReadViewSet",
]
