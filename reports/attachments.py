"""Data files carried inside an archive PDF (PDF/A-3 associated files): CSV a spreadsheet opens as is.

The format is the one French Excel reads with a double click: UTF-8 with a byte-order mark,
`;` between cells, CRLF line ends, decimals with a comma and no thousands separator (so a
cell is a number, not text), dates as DD/MM/YYYY. Formula-like text is neutralised as in the
other exports (`core.tabular`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from core.tabular import csv_response_rows

from .pdf import PdfAttachment


def csv_value(value) -> str:
    """A cell as French Excel reads it: 12,5 for 12.5; 03/12/2026 for a date; "" for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (Decimal, float)):
        text = format(Decimal(str(value)).normalize(), "f")
        return text.replace(".", ",")
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def csv_attachment(name: str, headers: list[str], rows, *, description: str = "") -> PdfAttachment:
    """A CSV file to embed in a PDF/A-3: `rows` are lists of values, formatted by `csv_value`."""
    text = csv_response_rows([str(h) for h in headers], ([csv_value(v) for v in row] for row in rows))
    return PdfAttachment(name=name, content=text.encode("utf-8"), description=description)
