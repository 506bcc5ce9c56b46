"""Calls for applications (appels à manifestation d'intérêt) and the applications they receive.

A programme opens a call with its window, criteria and limits (seed 002). Structures
apply through a public form, with no account: the private link of an application is
a random token whose SHA-256 only is stored, so a database leak does not open drafts.

A package by topic; every name stays importable from here.
"""

from .applications import (  # noqa: F401
    Application,
    ComplementRequest,
    ProjectTeamMember,
    Score,
    hash_token,
)
from .calls import (  # noqa: F401
    SCORE_MAX,
    Call,
    CallWindow,
    EligibilityCriterion,
    PriorityCriterion,
)
