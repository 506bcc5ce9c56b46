"""Models of evaluation: indicators (targets, measurements) and action assessments.

A package by topic; every name stays importable from here."""

from .assessments import (  # noqa: F401
    ActionAssessment,
    ApproachEntry,
)
from .indicators import (  # noqa: F401
    Indicator,
    Measurement,
    TargetStep,
    format_number,
)
