"""The validation rules, on plain objects (no database)."""

from dataclasses import dataclass
from decimal import Decimal

from raci import validation, workload


@dataclass
class Row:
    pk: int
    label: str
    position: int
    axis: str = "Axe 1"
    step: str = "Etape 1"
    workload_hours: Decimal | None = None
    workload_text: str = ""


@dataclass
class Col:
    pk: int
    name: str


ROLES = [Col(10, "ARACT"), Col(11, "Pilote de projet"), Col(12, "Groupe de travail")]


def rows(n):
    return [Row(i, f"Activité {i}", i) for i in range(1, n + 1)]


def codes(report):
    return sorted(
        (issue.level, issue.code, getattr(issue.activity, "pk", None), getattr(issue.role, "pk", None))
        for issue in report.issues
    )


def test_a_clean_matrix_has_no_issue_and_can_be_validated():
    cells = {(1, 10): "RA", (1, 11): "C", (2, 11): "R", (2, 10): "A", (2, 12): "R"}
    report = validation.validate(rows(2), ROLES, cells)
    assert report.issues == []
    assert report.can_be_validated


def test_an_activity_without_r_is_an_error():
    cells = {(1, 10): "A", (1, 11): "C", (2, 10): "RA", (2, 11): "R", (2, 12): "R"}
    report = validation.validate(rows(2), ROLES, cells)
    assert codes(report) == [("error", "no_r", 1, None)]
    assert not report.can_be_validated
    assert "Row 1" in report.errors[0].message or "Ligne 1" in report.errors[0].message


def test_more_than_one_a_is_an_error():
    cells = {(1, 10): "RA", (1, 11): "A", (1, 12): "R"}
    report = validation.validate(rows(1), ROLES, cells)
    assert codes(report) == [("error", "several_a", 1, None), ("warning", "role_never_r", None, 11)]


def test_no_a_is_only_a_warning_and_a_role_never_r_too():
    cells = {(1, 10): "R", (1, 11): "C"}
    report = validation.validate(rows(1), ROLES, cells)
    assert codes(report) == [
        ("warning", "no_a", 1, None),
        ("warning", "role_never_r", None, 11),
        ("warning", "role_never_r", None, 12),
    ]
    assert report.can_be_validated
    assert [issue.code for issue in report.for_activity(1)] == ["no_a"]
    assert [issue.code for issue in report.for_role(12)] == ["role_never_r"]


def test_an_empty_matrix_cannot_be_validated():
    report = validation.validate([], [], {})
    assert codes(report) == [("error", "no_activity", None, None), ("error", "no_role", None, None)]
    assert not report.can_be_validated


def test_groups_put_errors_first():
    cells = {(1, 10): "A", (2, 10): "R"}
    groups = validation.validate(rows(2), ROLES, cells).groups()
    assert [g.code for g in groups] == ["no_r", "no_a", "role_never_r"]
    assert [len(g.issues) for g in groups] == [1, 1, 2]


def test_workload_counts_hours_where_the_role_is_r_c_or_i_and_per_step():
    activities = [
        Row(1, "COPIL 1", 1, workload_hours=Decimal(3)),
        Row(2, "Diagnostic", 2, workload_text="Travaux intersession"),
        Row(3, "COPIL 2", 3, step="Etape 2", workload_hours=Decimal("2.5")),
    ]
    cells = {
        (1, 10): "R",
        (1, 11): "I",
        (2, 11): "R",
        (3, 10): "A",
        (3, 11): "R/C".replace("/", ""),
        (3, 12): "C",
    }
    load = workload.compute(activities, ROLES, cells)
    by_role = {r.role.name: r for r in load.roles}
    assert by_role["ARACT"].hours == Decimal(3)  # A on COPIL 2 does not count
    assert by_role["Pilote de projet"].hours == Decimal("5.5")
    assert by_role["Pilote de projet"].untimed == ["Travaux intersession"]
    assert by_role["Groupe de travail"].hours == Decimal("2.5")
    assert [(s.step, s.hours, s.untimed) for s in load.steps] == [
        ("Etape 1", Decimal(3), ["Travaux intersession"]),
        ("Etape 2", Decimal("2.5"), []),
    ]
    assert load.total_hours == Decimal("5.5")
