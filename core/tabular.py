"""Reading and writing the spreadsheets people actually use (CSV and XLSX).

Imports are all-or-nothing: a reader turns the upload into numbered rows, the app
validates every row and collects `RowError`s naming the row and the column, and
writes nothing unless the list is empty. Exports escape formula-like cells.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(row)s, column « %(column)s » : %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class TableError(Exception):
    """The file as a whole cannot be read (wrong type, too large, empty…)."""


class ImportRejected(Exception):
    """Raised by an import service with every row error; nothing was written."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors[:5]))


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    """(row number as the user sees it in the spreadsheet, cells as stripped strings)."""

    def dict_rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        for number, cells in self.rows:
            padded = cells + [""] * (len(self.headers) - len(cells))
            yield number, dict(zip(self.headers, padded, strict=False))


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data: bytes) -> list[list[str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise TableError(_("This file is not a valid Excel workbook (.xlsx).")) from exc
    total = sum(info.file_size for info in archive.infolist())
    if total > MAX_UNCOMPRESSED_BYTES:
        raise TableError(_("This workbook is too large once uncompressed."))
    if "xl/workbook.xml" not in archive.namelist():
        raise TableError(_("This file is not a valid Excel workbook (.xlsx)."))
    import openpyxl  # defusedxml is installed: openpyxl then parses with it (no XML bombs).

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            # Read-only mode parses the sheet while iterating: a malformed sheet fails here.
            rows = []
            for index, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True)):
                if index > MAX_ROWS:
                    raise TableError(_("Too many rows (at most %(max)s).") % {"max": MAX_ROWS})
                rows.append([_cell_text(v) for v in row])
        finally:
            workbook.close()
    except TableError:
        raise
    except Exception as exc:
        # openpyxl's reasons are English and technical (bad CRC of a zip bomb lying about its
        # size, entities refused by defusedxml, truncated XML…): log them, tell the user in French.
        logger.info("Unreadable XLSX upload: %s", exc)
        raise TableError(_("This file is not a valid Excel workbook (.xlsx).")) from exc
    return rows


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise TableError(_("The file's encoding is not recognised (save it as UTF-8)."))
    if "\x00" in text:
        raise TableError(_("This file is not a text CSV file."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    for index, row in enumerate(reader):
        if index > MAX_ROWS:
            raise TableError(_("Too many rows (at most %(max)s).") % {"max": MAX_ROWS})
        rows.append([c.strip() for c in row])
    return rows


def read_table(upload: UploadedFile | None, *, header_row_contains: str | None = None) -> Table:
    """Read an uploaded CSV or XLSX file. Raises TableError with a French message."""
    if upload is None:
        raise TableError(_("No file was sent."))
    if (upload.size or 0) > MAX_UPLOAD_BYTES:
        raise TableError(_("The file is too large (at most 5 MB)."))
    data = upload.read()
    name = (upload.name or "").lower()
    if data[:4] == b"PK\x03\x04":
        rows = _read_xlsx(data)
    elif name.endswith((".xlsx", ".xlsm", ".xls")):
        raise TableError(_("This file is not a valid Excel workbook (.xlsx)."))
    else:
        rows = _read_csv(data)
    # The header is the first non-empty row (or the first row containing a given word).
    header_index = None
    for index, row in enumerate(rows):
        if not any(row):
            continue
        if header_row_contains is None or any(header_row_contains.lower() in c.lower() for c in row):
            header_index = index
            break
    if header_index is None:
        raise TableError(_("The file is empty."))
    headers = [h.strip() for h in rows[header_index]]
    while headers and not headers[-1]:
        headers.pop()
    body = [
        (index + 1, row[: len(headers)])
        for index, row in enumerate(rows)
        if index > header_index and any(row[: len(headers)])
    ]
    return Table(headers=headers, rows=body)


def escape_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in exported text (CSV/XLSX injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_response_rows(headers: list[str], rows: Iterable[Iterable[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([escape_cell("" if v is None else v) for v in row])
    return "\ufeff" + buffer.getvalue()


def xlsx_bytes(sheets: list[tuple[str, list[str], list]]) -> bytes:
    """Build a workbook: [(sheet title, headers, rows)]."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([escape_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
