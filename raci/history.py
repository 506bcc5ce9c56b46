"""The history of a matrix, read from the django-simple-history tables of its four models.

Five queries whatever the length of the history; the differences (old → new letters,
changed fields) are computed in memory. The content a matrix was created with (a copy
of a template, an import) is one event, not one line per cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .letters import display_hours, display_letters
from .models import Activity, Assignment, Matrix, Role
from .services import INITIAL_CONTENT, SHIFTED

LIMIT = 300
ACTIVITY_FIELDS = {
    "axis": Activity._meta.get_field("axis").verbose_name,
    "step": Activity._meta.get_field("step").verbose_name,
    "name": Activity._meta.get_field("name").verbose_name,
    "description": Activity._meta.get_field("description").verbose_name,
    "method": Activity._meta.get_field("method").verbose_name,
    "objective": Activity._meta.get_field("objective").verbose_name,
    "workload": gettext_lazy("workload"),
    "meeting_label": Activity._meta.get_field("meeting_label").verbose_name,
    "meeting_id": Activity._meta.get_field("meeting").verbose_name,
}


@dataclass
class Event:
    date: object
    user: object
    kind: str
    """cell, activity, role or matrix: the icon shown."""
    text: str
    old: str = ""
    new: str = ""

    @property
    def icon(self) -> str:
        return ICONS.get(self.kind, "bi-table")


ICONS = {"cell": "bi-grid-3x3", "activity": "bi-list-ul", "role": "bi-layout-three-columns"}


def _who(record):
    return record.history_user


def _activity_label(record) -> str:
    return Activity(
        name=record.name, method=record.method, description=record.description, objective=record.objective
    ).label


def _workload(record) -> str:
    return display_hours(record.workload_hours) if record.workload_hours is not None else record.workload_text


def matrix_history_entries(matrix: Matrix, *, limit: int = LIMIT) -> list[Event]:
    matrix_records = list(
        matrix.history.select_related("history_user").order_by("history_date", "history_id")
    )
    activity_records = list(
        Activity.history.filter(matrix_id=matrix.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    role_records = list(
        Role.history.filter(matrix_id=matrix.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    cell_records = list(
        Assignment.history.filter(activity_id__in={r.id for r in activity_records})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    activity_names = {r.id: _activity_label(r) for r in activity_records}
    role_names = {r.id: r.name for r in role_records}
    events: list[Event] = []

    previous = None
    for record in matrix_records:
        if record.history_type == "+":
            if record.source_id or record.is_template:
                text = _("Matrix created with its content")
            else:
                text = _("Matrix created")
            events.append(Event(record.history_date, _who(record), "matrix", text))
        elif previous is not None:
            if record.status != previous.status:
                text = (
                    _("Marked « validée »")
                    if record.status == Matrix.Status.VALIDATED
                    else _("Returned to draft")
                )
                events.append(Event(record.history_date, _who(record), "matrix", text))
            if record.title != previous.title:
                events.append(
                    Event(
                        record.history_date,
                        _who(record),
                        "matrix",
                        _("Title changed"),
                        previous.title,
                        record.title,
                    )
                )
            if record.description != previous.description:
                events.append(Event(record.history_date, _who(record), "matrix", _("Description changed")))
        previous = record

    last_activity: dict[int, object] = {}
    for record in activity_records:
        before = last_activity.get(record.id)
        last_activity[record.id] = record
        if record.history_change_reason in (INITIAL_CONTENT, SHIFTED):
            continue  # the content a matrix was created with; a row or column that only made room
        label = activity_names[record.id]
        if record.history_type == "+":
            events.append(
                Event(
                    record.history_date,
                    _who(record),
                    "activity",
                    _("Activity « %(label)s » added") % {"label": label},
                )
            )
        elif record.history_type == "-":
            events.append(
                Event(
                    record.history_date,
                    _who(record),
                    "activity",
                    _("Activity « %(label)s » deleted") % {"label": label},
                )
            )
        elif before is not None:
            changed = [
                str(name)
                for field, name in ACTIVITY_FIELDS.items()
                if field != "workload" and getattr(record, field) != getattr(before, field)
            ]
            if _workload(record) != _workload(before):
                changed.append(str(ACTIVITY_FIELDS["workload"]))
            if changed:
                events.append(
                    Event(
                        record.history_date,
                        _who(record),
                        "activity",
                        _("Activity « %(label)s » changed: %(fields)s")
                        % {"label": label, "fields": ", ".join(changed)},
                    )
                )
            elif record.order != before.order:
                events.append(
                    Event(
                        record.history_date,
                        _who(record),
                        "activity",
                        _("Activity « %(label)s » moved") % {"label": label},
                    )
                )

    last_role: dict[int, object] = {}
    for record in role_records:
        before = last_role.get(record.id)
        last_role[record.id] = record
        if record.history_change_reason in (INITIAL_CONTENT, SHIFTED):
            continue  # the content a matrix was created with; a row or column that only made room
        if record.history_type == "+":
            text = _("Role « %(name)s » added") % {"name": record.name}
        elif record.history_type == "-":
            text = _("Role « %(name)s » deleted") % {"name": record.name}
        elif before is not None and before.name != record.name:
            text = _("Role « %(old)s » renamed « %(name)s »") % {"old": before.name, "name": record.name}
        elif before is not None and before.order != record.order:
            text = _("Role « %(name)s » moved") % {"name": record.name}
        elif before is not None and (before.organisation_id, before.person_id, before.committee_id) != (
            record.organisation_id,
            record.person_id,
            record.committee_id,
        ):
            text = _("Role « %(name)s »: organisation, person or committee changed") % {"name": record.name}
        else:
            continue
        events.append(Event(record.history_date, _who(record), "role", text))

    letters_now: dict[tuple[int, int], str] = {}
    for record in cell_records:
        key = (record.activity_id, record.role_id)
        old = letters_now.get(key, "")
        new = "" if record.history_type == "-" else record.letters
        letters_now[key] = new
        if record.history_change_reason == INITIAL_CONTENT or old == new:
            continue
        text = _("Cell « %(activity)s » × « %(role)s »") % {
            "activity": activity_names.get(record.activity_id, "?"),
            "role": role_names.get(record.role_id, "?"),
        }
        events.append(
            Event(
                record.history_date,
                _who(record),
                "cell",
                text,
                display_letters(old) or "∅",
                display_letters(new) or "∅",
            )
        )

    events.sort(key=lambda event: event.date, reverse=True)
    return events[:limit]
