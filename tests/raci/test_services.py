"""Writes on matrices: cells, rows, columns, validation, templates, history."""

import pytest
from django.core.exceptions import ValidationError

from raci import services
from raci.letters import LettersError, parse_workload
from raci.models import Activity, Assignment, Matrix, Role
from raci.selectors import build_grid, matrix_data

from .factories import ActionFactory, ActivityFactory, RoleFactory, small_matrix
from .seed import seed_expected

pytestmark = pytest.mark.django_db


def test_templates_are_the_two_matrices_of_annexe_2_row_by_row(admin_user):
    axe1, axe2 = services.templates_install(by=admin_user)
    assert services.templates_install(by=admin_user) == [axe1, axe2]  # idempotent
    assert Matrix.objects.filter(is_template=True).count() == 2
    assert axe1.title == "Axe 1 : Implémentation d'un nouvel outil"
    assert axe2.title == "Axe 2 : Construction d'usages partagés"
    got = [*matrix_data(axe1).activities, *matrix_data(axe2).activities]
    assert matrix_data(axe1).roles == ("ARACT", "Pilote de projet", "Comité de pilotage", "Groupe de travail")
    expected = seed_expected()
    assert len(got) == len(expected) == 25
    for activity, row in zip(got, expected, strict=True):
        assert (
            activity.axis,
            activity.step,
            activity.name,
            activity.description,
            activity.method,
            activity.objective,
        ) == (row["axis"], row["step"], row["name"], row["description"], row["method"], row["objective"])
        assert (activity.workload_hours, activity.workload_text) == parse_workload(row["workload"])
        assert list(activity.letters) == row["letters"]
    assert [a.meeting_label for a in matrix_data(axe2).activities][:4] == [
        "COPIL 1",
        "",
        "",
        "Temps collectif 1",
    ]


def test_the_seed_matrix_has_warnings_but_no_error(admin_user):
    axe1, _axe2 = services.templates_install(by=admin_user)
    report = build_grid(axe1).report
    assert report.errors == []
    assert {issue.code for issue in report.warnings} == {"no_a"}
    assert len(report.warnings) == 12


def test_cloning_a_template_into_an_action_copies_every_cell(pilot):
    axe1, _ = services.templates_install(by=None)
    action = ActionFactory()
    clone = services.matrix_clone(source=axe1, action=action, by=pilot)
    assert clone.action == action and clone.source == axe1 and not clone.is_template
    assert clone.status == Matrix.Status.DRAFT
    assert matrix_data(clone) == matrix_data(axe1)
    assert clone.roles.first().history.first().history_user == pilot


def test_setting_a_cell_creates_updates_and_clears_the_assignment(pilot):
    matrix = small_matrix(rows=1, roles=2, letters="")
    activity = matrix.activities.get()
    role = matrix.roles.order_by("order").first()
    change = services.cell_set(activity=activity, role=role, letters=" r/c ", by=pilot)
    assert (change.old, change.new) == ("", "RC")
    assert Assignment.objects.get(activity=activity, role=role).letters == "RC"
    services.cell_toggle(activity=activity, role=role, letter="c", by=pilot)
    assert Assignment.objects.get(activity=activity, role=role).letters == "R"
    services.cell_set(activity=activity, role=role, letters="", by=pilot)
    assert not Assignment.objects.filter(activity=activity, role=role).exists()
    history = list(Assignment.history.filter(activity_id=activity.pk).order_by("history_id"))
    assert [(h.history_type, h.letters, h.history_user) for h in history] == [
        ("+", "RC", pilot),
        ("~", "R", pilot),
        ("-", "R", pilot),
    ]
    with pytest.raises(LettersError):
        services.cell_set(activity=activity, role=role, letters="X", by=pilot)


def test_a_cell_of_another_matrix_is_refused(pilot):
    activity = ActivityFactory()
    role = RoleFactory()
    with pytest.raises(ValidationError):
        services.cell_set(activity=activity, role=role, letters="R", by=pilot)


def test_validated_only_without_errors_and_back_to_draft_on_change(pilot):
    matrix = small_matrix(rows=2, roles=1, letters="R")
    services.matrix_validate(matrix=matrix, by=pilot)
    matrix.refresh_from_db()
    assert matrix.status == Matrix.Status.VALIDATED and matrix.validated_by == pilot
    activity = matrix.activities.first()
    services.cell_set(activity=activity, role=matrix.roles.get(), letters="C", by=pilot)
    matrix.refresh_from_db()
    assert matrix.status == Matrix.Status.DRAFT and matrix.validated_by is None
    with pytest.raises(ValidationError) as caught:
        services.matrix_validate(matrix=matrix, by=pilot)
    assert "aucun R" in str(caught.value)


def test_rows_are_inserted_moved_and_deleted_in_order(pilot):
    matrix = small_matrix(rows=3, roles=1)
    first, second, _third = matrix.activities.order_by("order")
    inserted = services.activity_save(
        activity=Activity(matrix=matrix, name="Nouvelle"), after=first, by=pilot
    )
    names = lambda: list(matrix.activities.order_by("order", "pk").values_list("name", flat=True))  # noqa: E731
    assert names() == ["Activité 1", "Nouvelle", "Activité 2", "Activité 3"]
    assert services.activity_move(activity=inserted, direction=-1, by=pilot)
    assert names() == ["Nouvelle", "Activité 1", "Activité 2", "Activité 3"]
    assert not services.activity_move(activity=inserted, direction=-1, by=pilot)
    services.activity_delete(activity=second, by=pilot)
    assert names() == ["Nouvelle", "Activité 1", "Activité 3"]
    with pytest.raises(ValidationError):
        services.activity_save(activity=Activity(matrix=matrix), by=pilot)


def test_roles_are_added_moved_and_deleted_with_their_cells(pilot):
    matrix = small_matrix(rows=2, roles=2)
    first, _second = matrix.roles.order_by("order")
    added = services.role_save(role=Role(matrix=matrix, name="Groupe de travail"), by=pilot)
    assert list(matrix.roles.order_by("order").values_list("name", flat=True)) == [
        "Rôle 1",
        "Rôle 2",
        "Groupe de travail",
    ]
    services.role_move(role=added, direction=-1, by=pilot)
    assert list(matrix.roles.order_by("order").values_list("name", flat=True)) == [
        "Rôle 1",
        "Groupe de travail",
        "Rôle 2",
    ]
    services.role_delete(role=first, by=pilot)
    assert not Assignment.objects.filter(role_id=first.pk).exists()
    with pytest.raises(ValidationError):
        services.role_save(role=Role(matrix=matrix, name="rôle 2"), by=pilot)
    with pytest.raises(ValidationError):
        services.role_save(role=Role(matrix=matrix, name="Charge de travail"), by=pilot)
