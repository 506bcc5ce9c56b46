"""The rules a RACI matrix is checked against, as pure functions of its rows, columns and cells.

- an activity nobody carries out (no R) is an error;
- an activity with more than one A (several people approve) is an error;
- an activity with no A is a warning (the seed's matrix has none: it is shown, not refused);
- a role that carries out nothing (R nowhere) is a warning;
- an empty matrix (no activity or no role) is an error.
A matrix may be marked « validée » only when it has no error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

ERROR = "error"
WARNING = "warning"

NO_ACTIVITY = "no_activity"
NO_ROLE = "no_role"
NO_R = "no_r"
SEVERAL_A = "several_a"
NO_A = "no_a"
ROLE_NEVER_R = "role_never_r"


@dataclass(frozen=True)
class Issue:
    level: str
    code: str
    message: str
    activity: Any = None
    role: Any = None

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


@dataclass
class IssueGroup:
    code: str
    level: str
    title: str
    issues: list[Issue]

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    @property
    def names_its_places(self) -> bool:
        """Whether the summary lists the rows or roles concerned: always for an error, else when few."""
        return self.is_error or len(self.issues) <= 6


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level == WARNING]

    @property
    def can_be_validated(self) -> bool:
        return not self.errors

    def for_activity(self, activity_key) -> list[Issue]:
        return self._by_activity.get(activity_key, [])

    def for_role(self, role_key) -> list[Issue]:
        return self._by_role.get(role_key, [])

    @property
    def _by_activity(self) -> dict:
        if not hasattr(self, "_activity_index"):
            index = defaultdict(list)
            for issue in self.issues:
                if issue.activity is not None:
                    index[issue.activity.pk].append(issue)
            self._activity_index = dict(index)
        return self._activity_index

    @property
    def _by_role(self) -> dict:
        if not hasattr(self, "_role_index"):
            index = defaultdict(list)
            for issue in self.issues:
                if issue.role is not None:
                    index[issue.role.pk].append(issue)
            self._role_index = dict(index)
        return self._role_index

    def groups(self) -> list[IssueGroup]:
        """The issues grouped by rule, errors first: what the summary on top shows."""
        titles = {
            NO_ACTIVITY: _("The matrix has no activity"),
            NO_ROLE: _("The matrix has no role"),
            NO_R: _("Activities nobody carries out (no R)"),
            SEVERAL_A: _("Activities with several approvers (more than one A)"),
            NO_A: _("Activities without an approver (no A)"),
            ROLE_NEVER_R: _("Roles that carry out nothing (R nowhere)"),
        }
        grouped: dict[str, list[Issue]] = {}
        for issue in self.issues:
            grouped.setdefault(issue.code, []).append(issue)
        order = [NO_ACTIVITY, NO_ROLE, NO_R, SEVERAL_A, NO_A, ROLE_NEVER_R]
        return [
            IssueGroup(code=code, level=grouped[code][0].level, title=str(titles[code]), issues=grouped[code])
            for code in order
            if code in grouped
        ]


def validate(activities: Sequence[Any], roles: Sequence[Any], cells: Mapping[tuple[Any, Any], str]) -> Report:
    """Check a matrix.

    `activities` and `roles` are objects with a `pk` (activities also a `label` and a
    1-based `position`); `cells` maps (activity pk, role pk) to letters such as "RC".
    """
    issues: list[Issue] = []
    if not activities:
        issues.append(Issue(ERROR, NO_ACTIVITY, _("Add at least one activity.")))
    if not roles:
        issues.append(Issue(ERROR, NO_ROLE, _("Add at least one role.")))
    for activity in activities:
        letters = [cells.get((activity.pk, role.pk), "") for role in roles]
        label = _("Row %(position)s « %(label)s »") % {"position": activity.position, "label": activity.label}
        if not any("R" in cell for cell in letters):
            issues.append(
                Issue(
                    ERROR,
                    NO_R,
                    _("%(row)s: nobody carries it out (no R).") % {"row": label},
                    activity=activity,
                )
            )
        approvers = sum("A" in cell for cell in letters)
        if approvers > 1:
            issues.append(
                Issue(
                    ERROR,
                    SEVERAL_A,
                    _("%(row)s: %(count)s roles approve it (one A at most).")
                    % {"row": label, "count": approvers},
                    activity=activity,
                )
            )
        elif approvers == 0 and roles:
            issues.append(
                Issue(
                    WARNING,
                    NO_A,
                    _("%(row)s: nobody approves it (no A).") % {"row": label},
                    activity=activity,
                )
            )
    if activities:
        for role in roles:
            if not any("R" in cells.get((activity.pk, role.pk), "") for activity in activities):
                issues.append(
                    Issue(
                        WARNING,
                        ROLE_NEVER_R,
                        _("« %(role)s » carries out no activity (R nowhere).") % {"role": role.name},
                        role=role,
                    )
                )
    return Report(issues=issues)
