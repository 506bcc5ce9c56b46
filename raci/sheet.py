"""A RACI matrix as a spreadsheet, in the layout of Annexe 2 (seed 002), both ways.

Columns: Axe, Etape, Action, Description, Méthodologie/outils utilisés, Objectif,
Charge de travail (en heure), an optional « Réunion », then one column per role.

Reading accepts what people actually type: axis and step left blank mean « same as
above », "3h", "3 h ", "1,5 h" or a text as workload, `R/C`, `r, c`, stray spaces. It is
all-or-nothing: every faulty cell is named (row and column) and nothing is returned
when one is wrong. Writing leaves the axis and step blank when they repeat (as the seed
does) and escapes cells that a spreadsheet would run as a formula.

The rows are plain data (`MatrixData`), so the round trip is tested without a database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.tabular import (
    FORMULA_PREFIXES,
    ImportRejected,
    RowError,
    Table,
    TableError,
    escape_cell,
    read_table,
)

from .letters import (
    LettersError,
    WorkloadError,
    display_letters,
    hours_number,
    normalise_letters,
    parse_workload,
)

FIELD_LIMITS = {"axis": 255, "step": 255, "name": 255, "workload_text": 120, "meeting_label": 120}
ROLE_NAME_LIMIT = 120
TEXT_FIELDS = ("axis", "step", "name", "description", "method", "objective")


@dataclass(frozen=True)
class ActivityData:
    axis: str = ""
    step: str = ""
    name: str = ""
    description: str = ""
    method: str = ""
    objective: str = ""
    workload_hours: Decimal | None = None
    workload_text: str = ""
    meeting_label: str = ""
    letters: tuple[str, ...] = ()
    """One entry per role, in the order of the roles: "", "R", "RC"…"""


@dataclass(frozen=True)
class MatrixData:
    roles: tuple[str, ...]
    activities: tuple[ActivityData, ...]


# --- Column titles -------------------------------------------------------------------
def _fold(text: str) -> str:
    """Lower case, no accents, single spaces, no trailing colon: how titles are compared."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.lower().replace(":", " ").split())


# field → (predicate on the folded title)
# (French first, then the English titles of a file exported from an English session).
_FIELD_MATCHERS = [
    ("axis", lambda t: t in ("axe", "axes", "axis")),
    ("step", lambda t: t in ("etape", "etapes", "step")),
    ("name", lambda t: t in ("action", "actions", "activite", "activites", "activity")),
    ("description", lambda t: t == "description"),
    ("method", lambda t: t.startswith(("methodologie", "methode", "outils", "methodology"))),
    ("objective", lambda t: t in ("objectif", "objectifs", "objective")),
    ("workload", lambda t: t.startswith(("charge de travail", "workload")) or t == "charge"),
    ("meeting", lambda t: t in ("reunion", "instance", "meeting")),
]


def header_field(title: str) -> str | None:
    folded = _fold(title)
    for field, matches in _FIELD_MATCHERS:
        if matches(folded):
            return field
    return None


def is_reserved_header(name: str) -> bool:
    """A role may not be named like a fixed column: the file could not be read back."""
    return header_field(name) is not None


def column_titles() -> dict[str, str]:
    return {
        "axis": pgettext("RACI column", "Axis"),
        "step": pgettext("RACI column", "Step"),
        "name": pgettext("RACI column", "Action"),
        "description": pgettext("RACI column", "Description"),
        "method": pgettext("RACI column", "Methodology/tools used"),
        "objective": pgettext("RACI column", "Objective"),
        "workload": pgettext("RACI column", "Workload (in hours)"),
        "meeting": pgettext("RACI column", "Meeting"),
    }


# --- Writing -------------------------------------------------------------------------
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _out(value: str) -> str:
    """A text for a cell: no control character, and a leading apostrophe protected.

    `core.tabular.escape_cell` then prefixes formula-like cells with an apostrophe; a text
    that already starts with one gets another, so reading back can always drop one.
    """
    value = _ILLEGAL.sub("", value)
    return "'" + value if value.startswith("'") else value


def _in(value: str) -> str:
    """Undo the escaping of `_out` and `escape_cell` (an apostrophe before =, +, -, @ or ')."""
    if len(value) > 1 and value[0] == "'" and value[1] in (*FORMULA_PREFIXES, "'"):
        return value[1:]
    return value


def sheet_rows(data: MatrixData, *, for_csv: bool = False) -> tuple[list[str], list[list]]:
    titles = column_titles()
    with_meeting = any(row.meeting_label for row in data.activities)
    fixed = ["axis", "step", "name", "description", "method", "objective", "workload"]
    if with_meeting:
        fixed.append("meeting")
    # core.tabular escapes the body cells, not the titles: the role names are escaped here.
    headers = [titles[f] for f in fixed] + [escape_cell(_out(role)) for role in data.roles]
    rows = []
    previous: tuple[str, str] | None = None
    for row in data.activities:
        new_axis = previous is None or row.axis != previous[0]
        new_step = new_axis or row.step != previous[1]
        if row.workload_hours is not None:
            number = hours_number(row.workload_hours)
            workload = str(number).replace(".", ",") if for_csv else number
        else:
            workload = _out(row.workload_text)
        cells = [
            _out(row.axis) if new_axis else "",
            _out(row.step) if new_step else "",
            _out(row.name),
            _out(row.description),
            _out(row.method),
            _out(row.objective),
            workload,
        ]
        if with_meeting:
            cells.append(_out(row.meeting_label))
        cells += [display_letters(letters) for letters in row.letters]
        rows.append(cells)
        previous = (row.axis, row.step)
    return headers, rows


def export_xlsx(data: MatrixData) -> bytes:
    from core.tabular import xlsx_bytes

    headers, rows = sheet_rows(data)
    return xlsx_bytes([("RACI", headers, rows)])


def export_csv(data: MatrixData) -> str:
    from core.tabular import csv_response_rows

    headers, rows = sheet_rows(data, for_csv=True)
    return csv_response_rows(headers, rows)


# --- Reading -------------------------------------------------------------------------
def read_upload(upload) -> MatrixData:
    """Read an uploaded CSV/XLSX. Raises TableError (the file) or ImportRejected (its cells)."""
    table = None
    # The header row is the first non-empty row, unless a title sits above it.
    for marker in (None, "charge de travail", pgettext("RACI column", "Action")):
        upload.seek(0)
        try:
            candidate = read_table(upload, header_row_contains=marker)
        except TableError:
            if marker is None:
                raise
            continue  # no row holds this word: keep the first non-empty row as the header
        if any(header_field(h) == "name" for h in candidate.headers):
            table = candidate
            break
        table = table or candidate
    return parse_table(table)


def parse_table(table: Table) -> MatrixData:
    errors: list[RowError] = []
    header_row = (table.rows[0][0] - 1) if table.rows else 1
    columns: dict[str, int] = {}
    roles: list[tuple[int, str]] = []
    seen_roles: dict[str, str] = {}
    for index, title in enumerate(table.headers):
        title = _in(title)
        if not title:
            if any(index < len(cells) and cells[index] for _number, cells in table.rows):
                errors.append(
                    RowError(
                        header_row,
                        _("column %(number)s") % {"number": index + 1},
                        _("this column has no title: name the role it describes."),
                    )
                )
            continue
        field = header_field(title)
        if field:
            if field in columns:
                errors.append(RowError(header_row, title, _("this column appears twice.")))
            columns[field] = index
            continue
        if len(title) > ROLE_NAME_LIMIT:
            errors.append(
                RowError(
                    header_row,
                    title[:40],
                    _("a role name has %(max)s characters at most.") % {"max": ROLE_NAME_LIMIT},
                )
            )
        key = title.casefold()
        if key in seen_roles:
            errors.append(RowError(header_row, title, _("two role columns have this name.")))
        seen_roles[key] = title
        roles.append((index, title))
    titles = column_titles()
    if "name" not in columns:
        errors.append(
            RowError(
                header_row,
                titles["name"],
                _(
                    "this column is missing (the layout is that of "
                    "Annexe 2: Axe, Etape, Action…, then one column per role)."
                ),
            )
        )
    if not roles:
        errors.append(
            RowError(header_row, "", _("no role column: add one column per role after the workload."))
        )
    if errors:
        raise ImportRejected(errors)

    def header(field: str) -> str:
        return table.headers[columns[field]] if field in columns else titles[field]

    activities: list[ActivityData] = []
    axis = step = ""
    for number, cells in table.rows:

        def cell(field: str, cells=cells) -> str:
            index = columns.get(field)
            return _in(cells[index].strip()) if index is not None and index < len(cells) else ""

        row_axis, row_step = cell("axis"), cell("step")
        if row_axis and row_axis != axis:
            axis, step = row_axis, ""
        if row_step:
            step = row_step
        values = {f: cell(f) for f in ("name", "description", "method", "objective")}
        raw_workload, meeting = cell("workload"), cell("meeting")
        raw_letters = [(title, cells[index] if index < len(cells) else "") for index, title in roles]
        if (
            not any(values.values())
            and not raw_workload
            and not meeting
            and not any(v for _t, v in raw_letters)
        ):
            continue  # a row that only names an axis or a step: it heads the rows below
        row_errors: list[RowError] = []
        if not any(values.values()):
            row_errors.append(
                RowError(
                    number,
                    header("name"),
                    _("give at least the action, its description, its method or its objective."),
                )
            )
        for field, value in (
            ("axis", axis),
            ("step", step),
            ("name", values["name"]),
            ("meeting_label", meeting),
        ):
            limit = FIELD_LIMITS[field]
            if len(value) > limit:
                column = header({"meeting_label": "meeting"}.get(field, field))
                row_errors.append(
                    RowError(
                        number,
                        column,
                        _("%(max)s characters at most (here %(length)s).")
                        % {"max": limit, "length": len(value)},
                    )
                )
        hours, text = None, ""
        try:
            hours, text = parse_workload(raw_workload)
        except WorkloadError:
            row_errors.append(
                RowError(
                    number,
                    header("workload"),
                    _("« %(value)s »: a number of hours up to 9 999.99, with two decimals at most.")
                    % {"value": raw_workload},
                )
            )
        if len(text) > FIELD_LIMITS["workload_text"]:
            row_errors.append(
                RowError(
                    number,
                    header("workload"),
                    _("%(max)s characters at most (here %(length)s).")
                    % {"max": FIELD_LIMITS["workload_text"], "length": len(text)},
                )
            )
        letters = []
        for title, value in raw_letters:
            try:
                letters.append(normalise_letters(value))
            except LettersError:
                letters.append("")
                row_errors.append(
                    RowError(
                        number,
                        title,
                        _(
                            "« %(value)s » is not a RACI cell: write R, A, C or I, "
                            "several separated by / (e.g. R/C)."
                        )
                        % {"value": value},
                    )
                )
        errors.extend(row_errors)
        if not row_errors:
            activities.append(
                ActivityData(
                    axis=axis,
                    step=step,
                    workload_hours=hours,
                    workload_text=text,
                    meeting_label=meeting,
                    letters=tuple(letters),
                    **values,
                )
            )
    if errors:
        raise ImportRejected(errors)
    if not activities:
        raise TableError(_("The file holds no activity under its column titles."))
    return MatrixData(roles=tuple(title for _index, title in roles), activities=tuple(activities))
