"""The 7-phase timeline as SVG geometry: planned bars against actual bars, and today,
the phases grouped under their 4 ANACT stages.

Computed on the server so that the page and the PDF draw exactly the same picture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.utils import timezone

from core import french
from core.months import add_months, month_start

from .models import ActionPhase

# Sizes in SVG user units. Every text is FONT_SIZE (14): with the minimum widths of
# static/css/copilote.css (.chart-timeline, .chart-gantt) and the fiche PDF's 178 mm, a unit never
# renders smaller than 12/14 px, so no chart text is under 12 px.
FONT_SIZE = 14
WIDTH = 680
LABEL_WIDTH = 215
ROW_HEIGHT = 30
STAGE_HEIGHT = 22
TOP = 36
CHART_WIDTH = WIDTH - LABEL_WIDTH - 10
GANTT_WIDTH = 760
MIN_TICK_SPACING = 80  # a month label (« sept. 2026 ») at 14 units is about 72 wide


class _PhaseState:
    """What a row or a segment says of its phase's status (the templates ask by name)."""

    status: str

    @property
    def in_progress(self) -> bool:
        return self.status == ActionPhase.Status.IN_PROGRESS

    @property
    def done(self) -> bool:
        return self.status == ActionPhase.Status.DONE


@dataclass
class Bar:
    x: float
    width: float


@dataclass
class Row(_PhaseState):
    number: int
    name: str
    y: float
    status: str
    planned: Bar | None
    actual: Bar | None
    late: bool
    tooltip: str


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class StageBand:
    """A header row naming one of the 4 ANACT stages above its phases."""

    number: int
    name: str
    y: float
    phases: str  # « 1–2 », « 3 »: the phase numbers it groups


@dataclass
class Timeline:
    width: int
    height: int
    label_width: int
    rows: list[Row]
    stages: list[StageBand]
    ticks: list[Tick]
    today_x: float | None
    today_label: str
    empty: bool
    today_anchor: str = "middle"


def _fmt(value: date | None) -> str:
    return french.jour_court(value)


def build_timeline(phases: list[ActionPhase], today: date | None = None) -> Timeline:
    today = today or timezone.localdate()
    bounds = []
    for phase in phases:
        bounds += [
            d for d in (phase.planned_start, phase.planned_end, phase.actual_start, phase.actual_end) if d
        ]
    empty = not bounds
    start = min([*bounds, today]) if bounds else today - timedelta(days=30)
    end = max([*bounds, today]) if bounds else today + timedelta(days=30)
    start = start.replace(day=1)
    end = end + timedelta(days=15)
    span = max((end - start).days, 1)

    def x_of(day: date) -> float:
        return round(LABEL_WIDTH + (day - start).days / span * CHART_WIDTH, 1)

    def bar(begin: date | None, finish: date | None) -> Bar | None:
        if begin is None:
            return None
        finish = finish or begin
        return Bar(x=x_of(begin), width=max(round(x_of(finish + timedelta(days=1)) - x_of(begin), 1), 3))

    rows = []
    stages: list[StageBand] = []
    y = TOP
    for phase in phases:
        reference = phase.reference
        if not stages or stages[-1].number != reference.stage_number:
            stages.append(
                StageBand(
                    number=reference.stage_number, name=str(reference.stage), y=y, phases=str(phase.number)
                )
            )
            y += STAGE_HEIGHT
        else:
            first = stages[-1].phases.split("–")[0]
            stages[-1].phases = f"{first}–{phase.number}"
        actual_end = phase.actual_end or (today if phase.status == ActionPhase.Status.IN_PROGRESS else None)
        rows.append(
            Row(
                number=phase.number,
                name=str(phase.reference.name),
                y=y,
                status=phase.status,
                planned=bar(phase.planned_start, phase.planned_end),
                actual=bar(phase.actual_start, actual_end),
                late=phase.is_late(today),
                tooltip=f"{phase.number}. {phase.reference.name} — {_fmt(phase.planned_start)} → {_fmt(phase.planned_end)}",
            )
        )
        y += ROW_HEIGHT
    ticks = _ticks(start, end, x_of, CHART_WIDTH, WIDTH)
    today_x = x_of(today) if start <= today <= end else None
    return Timeline(
        width=WIDTH,
        height=y + 10,
        label_width=LABEL_WIDTH,
        rows=rows,
        stages=stages,
        ticks=ticks,
        today_x=today_x,
        today_label=_fmt(today),
        empty=empty,
        today_anchor=_anchor(today_x, WIDTH),
    )


def _ticks(start: date, end: date, x_of, chart_width: int, width: int) -> list[Tick]:
    """One label every 1, 2, 3, 6 or 12 months: the smallest step leaving labels room."""
    months = max((end - start).days // 30, 1)
    step = next((s for s in (1, 2, 3, 6) if chart_width / months * s >= MIN_TICK_SPACING), 12)
    ticks = []
    cursor = start
    while cursor <= end:
        if x_of(cursor) <= width - 45:  # no label cut by the right edge
            ticks.append(Tick(x=x_of(cursor), label=french.mois(cursor, short=True)))
        cursor = month_start(add_months(cursor, step))
    return ticks


def _anchor(x: float | None, width: int) -> str:
    """Today's label (about 200 units wide) stays inside the drawing near either edge."""
    if x is None:
        return "middle"
    return "start" if x < 100 else "end" if x > width - 100 else "middle"


@dataclass
class Segment(_PhaseState):
    number: int
    x: float
    width: float
    status: str
    late: bool
    current: bool
    title: str


@dataclass
class GanttRow:
    action: object
    y: float
    segments: list[Segment]


@dataclass
class Gantt:
    width: int
    height: int
    label_width: int
    rows: list[GanttRow]
    ticks: list[Tick]
    today_x: float | None
    today_label: str
    row_height: int
    today_anchor: str = "middle"


def programme_gantt(actions, today: date | None = None) -> Gantt:
    """Every action on one time axis: its 7 planned phases, coloured by status (phases prefetched)."""
    today = today or timezone.localdate()
    label_width, row_height, top = 120, 24, 32
    chart_width = GANTT_WIDTH - label_width - 10
    bounds = []
    for action in actions:
        for phase in action.phases.all():
            bounds += [
                d for d in (phase.planned_start, phase.planned_end, phase.actual_start, phase.actual_end) if d
            ]
    start = min([*bounds, today]).replace(day=1)
    end = max([*bounds, today]) + timedelta(days=15)
    span = max((end - start).days, 1)

    def x_of(day: date) -> float:
        return round(label_width + (day - start).days / span * chart_width, 1)

    rows = []
    for index, action in enumerate(actions):
        segments = []
        for phase in action.phases.all():
            begin = phase.actual_start or phase.planned_start
            finish = phase.actual_end or phase.planned_end or begin
            if (
                phase.status == ActionPhase.Status.IN_PROGRESS
                and phase.planned_end
                and phase.planned_end < today
            ):
                finish = today  # a late phase runs until today
            if begin is None:
                continue
            finish = max(finish, begin)
            title = f"{action.code} — {phase.number}. {phase.reference.name}\u00a0: {_fmt(begin)} → {_fmt(finish)}"
            late = phase.is_late(today)
            current = phase.number == action.current_phase_number
            if phase.status == ActionPhase.Status.IN_PROGRESS and not late and begin <= today < finish:
                # Done so far in the phase colour, the rest of the planned span still to come.
                segments.append(
                    Segment(
                        phase.number,
                        x_of(begin),
                        max(round(x_of(today) - x_of(begin), 1), 2),
                        phase.status,
                        False,
                        current,
                        title,
                    )
                )
                segments.append(
                    Segment(
                        phase.number,
                        x_of(today),
                        max(round(x_of(finish + timedelta(days=1)) - x_of(today), 1), 2),
                        ActionPhase.Status.NOT_STARTED,
                        False,
                        current,
                        title,
                    )
                )
                continue
            segments.append(
                Segment(
                    number=phase.number,
                    x=x_of(begin),
                    width=max(round(x_of(finish + timedelta(days=1)) - x_of(begin), 1), 2),
                    status=phase.status,
                    late=late,
                    current=current,
                    title=title,
                )
            )
        rows.append(GanttRow(action=action, y=top + index * row_height, segments=segments))
    return Gantt(
        width=GANTT_WIDTH,
        height=top + len(actions) * row_height + 10,
        label_width=label_width,
        rows=rows,
        ticks=_ticks(start, end, x_of, chart_width, GANTT_WIDTH),
        today_x=x_of(today),
        today_label=_fmt(today),
        row_height=row_height,
        today_anchor=_anchor(x_of(today), GANTT_WIDTH),
    )


@lru_cache(maxsize=1)
def chart_stylesheet() -> str:
    """The chart rules of static/css/copilote.css with every var(--copilote-*) replaced by its value.

    For the SVG of the fiche PDF: WeasyPrint styles an inline SVG only from a <style> inside it, and
    resolves no custom property there. The colours stay defined once, in copilote.css.
    """
    path = finders.find("css/copilote.css")
    with open(path, encoding="utf-8") as handle:
        css = handle.read()
    rules = css.split("/* charts:start */", 1)[1].split("/* charts:end */", 1)[0]
    values = dict(re.findall(r"(--copilote-[\w-]+)\s*:\s*([^;]+);", css.split("}", 1)[0]))
    pattern = re.compile(r"var\((--copilote-[\w-]+)\)")
    for _ in range(5):  # a property may name another one
        rules = pattern.sub(lambda match: values[match.group(1)].strip(), rules)
    return " ".join(rules.split())
