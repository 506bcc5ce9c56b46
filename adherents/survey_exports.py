"""A survey's results as a workbook: the figures of the results page, with French headers.

Figures are written as numbers (percentages as fractions shown « 82 % », averages with one
decimal), so a spreadsheet in French shows « 4,5 » and can still compute with them; a figure
that does not exist (no answer yet) is an empty cell, never « None ».
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.tabular import escape_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERCENT_FORMAT = "0%"
AVERAGE_FORMAT = "0.0"


def no_answer_text() -> str:
    return _("No answers yet")


def answer_lines(results: dict) -> list[dict]:
    """One line per answer of every question: (section, question, answer, count, percent, by sector)."""
    lines: list[dict] = []
    for item in results["items"]:
        question = item["question"]
        base = {"section": question.section, "question": question.text}
        if not item["respondents"]:
            lines.append(
                {**base, "answer": no_answer_text(), "count": None, "percent": None, "by_sector": []}
            )
            continue
        if item["rows"]:
            for row in item["rows"]:
                lines.append(
                    {
                        **base,
                        "answer": row["choice"].label,
                        "count": row["count"],
                        "percent": row["percent"],
                        "by_sector": row["by_sector"],
                    }
                )
        elif item.get("distribution") is not None:
            for d in item["distribution"]:
                lines.append(
                    {
                        **base,
                        "answer": _("Rating %(rating)s") % {"rating": d["rating"]},
                        "count": d["count"],
                        "percent": d["percent"],
                        "by_sector": [],
                    }
                )
            lines.append(
                {
                    **base,
                    "answer": _("Average (out of 5)"),
                    "count": None,
                    "percent": None,
                    "average": item["average"],
                    "by_sector": [],
                }
            )
        else:
            for text in item["texts"]:
                lines.append({**base, "answer": text, "count": None, "percent": None, "by_sector": []})
    return lines


def survey_results_xlsx(results: dict) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    survey = results["survey"]
    totals = results["totals"]
    workbook = openpyxl.Workbook()
    summary = workbook.active
    summary.title = pgettext("survey results sheet", "Summary")[:31]
    summary.append([escape_cell(survey.title)])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append([])
    summary.append([_("Members surveyed"), totals["members"]])
    summary.append([_("Answered"), totals["reached"]])
    summary.append([_("Members unreachable"), totals["unreachable"]])
    summary.append(
        [
            _("Share of members unreachable"),
            totals["unreachable_percent"] / 100 if totals["members"] else None,
        ]
    )
    summary.cell(row=summary.max_row, column=2).number_format = PERCENT_FORMAT
    satisfaction = results["satisfaction"]
    summary.append([_("Satisfied"), satisfaction["rate"] / 100 if satisfaction["answered"] else None])
    summary.cell(row=summary.max_row, column=2).number_format = PERCENT_FORMAT
    if not totals["reached"]:
        summary.append([])
        summary.append([no_answer_text()])
    summary.column_dimensions["A"].width = 32

    sectors = results["sectors"]
    by_sector = workbook.create_sheet(_("By sector")[:31])
    by_sector.append(
        [_("Sector"), _("Companies reached"), _("Companies unreachable"), _("Companies surveyed")]
    )
    for row in results["by_sector"]:
        by_sector.append([escape_cell(row["name"]), row["reached"], row["unreachable"], row["total"]])
    by_sector.append([_("Total"), totals["reached"], totals["unreachable"], totals["members"]])
    by_sector.column_dimensions["A"].width = 28

    answers = workbook.create_sheet(_("Answers")[:31])
    answers.append(
        [
            _("Section"),
            _("Question"),
            pgettext("survey results", "Answer"),
            pgettext("survey results", "Number"),
            pgettext("survey results", "Share"),
            *sectors,
        ]
    )
    for line in answer_lines(results):
        percent = line["percent"] / 100 if line["percent"] is not None else None
        value = line["count"] if "average" not in line else line["average"]
        answers.append(
            [
                escape_cell(line["section"]),
                escape_cell(line["question"]),
                escape_cell(line["answer"]),
                value,
                percent,
                *line["by_sector"],
            ]
        )
        answers.cell(row=answers.max_row, column=5).number_format = PERCENT_FORMAT
        if "average" in line:
            answers.cell(row=answers.max_row, column=4).number_format = AVERAGE_FORMAT
    if not results["items"]:
        answers.append(["", "", no_answer_text()])
    for sheet in (summary, by_sector, answers):
        for cell in sheet[1] if sheet is not summary else ():
            cell.font = Font(bold=True)
    for column, width in (("A", 20), ("B", 50), ("C", 40)):
        answers.column_dimensions[column].width = width
    for row in answers.iter_rows(min_row=2, max_col=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def survey_results_filename(survey, extension: str) -> str:
    """« Résultats de l’enquête — Satisfaction 2025.xlsx »: the name a person would give the file."""
    title = " ".join(survey.title.replace("/", "-").replace("\\", "-").split())[:80]
    return f"{_('Survey results')} — {title}.{extension}"
