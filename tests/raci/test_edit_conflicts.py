"""Two people edit the same matrix header, row or column: nothing is overwritten silently.

Each form carries the version it was opened on; a stale save keeps what the other person changed on
fields left alone, and where both changed the same field it is refused with their name and value shown
beside the field, the typed value still in it. Rows and columns added twice are added once. The grid's
cells keep « last write wins », but the answer says whose change was replaced.
"""

from html import unescape

import pytest
from django.urls import reverse

from core.conflicts import version_of
from directory.models import Person
from raci import services
from raci.models import Activity, Assignment, Matrix, Role
from tests.core.submit_once import token_of
from tests.factories import make_account
from tests.fuzz.htmlforms import opened_form, page_form

from .factories import join_team

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def colleague(action):
    user = make_account("collegue_raci", Person.Role.PILOT)
    user.first_name, user.last_name = "Camille", "Roux"
    user.save()
    join_team(action, user)
    return user


def test_a_stale_matrix_header_is_refused_with_both_values_then_saved_again(
    client_for, pilot, colleague, matrix
):
    url = reverse("raci:matrix_update", args=[matrix.pk])
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["title"] = ["Titre de Camille"]
    assert theirs.post(url, their_form).status_code == 302
    stored_version = version_of(Matrix.objects.get(pk=matrix.pk))

    my_form["title"] = ["Mon titre"]
    response = mine.post(url, my_form)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Camille Roux a enregistré cette page le" in page
    assert "Valeur enregistrée par Camille Roux\u00a0: «\u00a0Titre de Camille\u00a0»" in page
    assert 'value="Mon titre"' in page
    matrix.refresh_from_db()
    assert matrix.title == "Titre de Camille" and version_of(matrix) == stored_version

    again = page_form(response)
    assert again["title"] == ["Mon titre"]
    assert mine.post(url, again).status_code == 302
    matrix.refresh_from_db()
    assert matrix.title == "Mon titre"
    assert {row.history_user for row in matrix.history.all()[:2]} == {pilot, colleague}


def test_changes_to_different_fields_of_the_header_are_both_kept(client_for, pilot, colleague, matrix):
    url = reverse("raci:matrix_update", args=[matrix.pk])
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["description"] = ["Décrite par Camille"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["title"] = ["Mon titre"]
    assert mine.post(url, my_form).status_code == 302
    matrix.refresh_from_db()
    assert (matrix.title, matrix.description) == ("Mon titre", "Décrite par Camille")


def test_a_stale_activity_edit_is_refused_with_the_other_value(client_for, pilot, colleague, matrix):
    activity = matrix.activities.order_by("order").first()
    url = reverse("raci:activity_update", args=[matrix.pk, activity.pk])
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["objective"] = ["Objectif de Camille"]
    their_form["workload"] = ["4"]
    assert theirs.post(url, their_form).status_code == 302

    my_form["objective"] = ["Mon objectif"]
    my_form["workload"] = ["Travaux intersession"]
    response = mine.post(url, my_form)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Valeur enregistrée par Camille Roux\u00a0: «\u00a0Objectif de Camille\u00a0»" in page
    assert (
        "Valeur enregistrée par Camille Roux\u00a0: «\u00a04\u00a0h\u00a0»" in page
        or "«\u00a04 h\u00a0»" in page
    )
    assert "Mon objectif" in page and 'value="Travaux intersession"' in page
    activity.refresh_from_db()
    assert activity.objective == "Objectif de Camille" and activity.workload_text == ""

    assert mine.post(url, page_form(response)).status_code == 302
    activity.refresh_from_db()
    assert (activity.objective, activity.workload_text, activity.workload_hours) == (
        "Mon objectif",
        "Travaux intersession",
        None,
    )


def test_an_activity_moved_meanwhile_keeps_its_new_place(client_for, pilot, colleague, matrix):
    activity = matrix.activities.order_by("order").last()
    url = reverse("raci:activity_update", args=[matrix.pk, activity.pk])
    mine = client_for(pilot)
    my_form = opened_form(mine, url)
    services.activity_move(activity=activity, direction=-1, by=colleague)
    place = Activity.objects.get(pk=activity.pk).order
    my_form["description"] = ["Décrite"]
    assert mine.post(url, my_form).status_code == 302
    activity.refresh_from_db()
    assert (activity.description, activity.order) == ("Décrite", place)


def test_a_stale_role_edit_is_refused_with_the_other_value(client_for, pilot, colleague, matrix):
    role = matrix.roles.order_by("order").first()
    url = reverse("raci:role_update", args=[matrix.pk, role.pk])
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["name"] = ["Chef de projet"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["name"] = ["Référent"]
    response = mine.post(url, my_form)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Valeur enregistrée par Camille Roux\u00a0: «\u00a0Chef de projet\u00a0»" in page
    assert 'value="Référent"' in page
    assert Role.objects.get(pk=role.pk).name == "Chef de projet"
    assert mine.post(url, page_form(response)).status_code == 302
    assert Role.objects.get(pk=role.pk).name == "Référent"


@pytest.mark.parametrize("version", ["abc", "-1", "9" * 30])
def test_a_forged_version_is_a_form_error_not_a_server_error(client_for, pilot, matrix, version):
    c = client_for(pilot)
    for url in (
        reverse("raci:matrix_update", args=[matrix.pk]),
        reverse("raci:role_update", args=[matrix.pk, matrix.roles.first().pk]),
        reverse("raci:activity_update", args=[matrix.pk, matrix.activities.first().pk]),
    ):
        data = opened_form(c, url)
        data["version"] = [version]
        assert c.post(url, data).status_code == 200


# --- Added twice, added once ---------------------------------------------------------------
def test_an_activity_posted_twice_is_added_once(client_for, pilot, matrix):
    c = client_for(pilot)
    url = reverse("raci:activity_create", args=[matrix.pk])
    data = {"name": "Atelier", "form_token": token_of(c, url)}
    first = c.post(url, data)
    assert first.status_code == 302
    again = c.post(url, data, follow=True)
    assert matrix.activities.filter(name="Atelier").count() == 1
    activity = matrix.activities.get(name="Atelier")
    assert (
        again.redirect_chain[0][0]
        == first["Location"]
        == f"{matrix.get_absolute_url()}#raci-row-{activity.pk}"
    )
    assert "Ce formulaire avait déjà été enregistré" in unescape(again.content.decode())


def test_a_role_posted_twice_is_added_once(client_for, pilot, matrix):
    c = client_for(pilot)
    url = reverse("raci:role_create", args=[matrix.pk])
    data = {"name": "Référent qualité", "form_token": token_of(c, url)}
    assert c.post(url, data).status_code == 302
    again = c.post(url, data, follow=True)
    assert matrix.roles.filter(name="Référent qualité").count() == 1
    assert "Ce formulaire avait déjà été enregistré\u00a0: voici «\u00a0Référent qualité\u00a0»" in unescape(
        again.content.decode()
    )


# --- Rows that make room are in the history, with their author ------------------------------
def test_rows_shifted_by_an_insertion_are_recorded_with_the_actor_in_bounded_queries(pilot, action):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import small_matrix

    counts = []
    for rows in (3, 25):
        matrix = small_matrix(action=action, rows=rows, roles=2)
        first = matrix.activities.order_by("order").first()
        before = {a.pk: a.order for a in matrix.activities.all()}
        with CaptureQueriesContext(connection) as queries:
            services.activity_save(activity=Activity(matrix=matrix, name="Nouvelle"), after=first, by=pilot)
        counts.append(len(queries))
        moved = [a for a in matrix.activities.exclude(name="Nouvelle") if a.order != before[a.pk]]
        assert len(moved) == rows - 1
        for activity in moved:
            last = activity.history.order_by("-history_id").first()
            assert last.order == activity.order and last.history_user == pilot
    assert counts[0] == counts[1]  # no query per row
    # The history page names the change, not each row that made room.
    from raci.history import matrix_history_entries

    texts = [event.text for event in matrix_history_entries(matrix)]
    assert not any("déplacée" in text or "moved" in text for text in texts)


def test_a_move_records_the_moved_row_and_those_renumbered(pilot, colleague, action):
    from .factories import small_matrix

    matrix = small_matrix(action=action, rows=4, roles=2)
    last = matrix.activities.order_by("order").last()
    assert services.activity_move(activity=last, direction=-1, by=colleague)
    for activity in matrix.activities.all():
        record = activity.history.order_by("-history_id").first()
        assert record.order == activity.order
    assert last.history.order_by("-history_id").first().history_user == colleague


# --- The grid: last write wins, and says so ----------------------------------------------------
def _cell_version(page: str, activity, role) -> str:
    import re

    cell = re.search(rf'id="raci-cell-{activity.pk}-{role.pk}"[^>]*', page).group(0)
    return re.search(r'data-version="(\d+)"', cell).group(1)


def test_a_cell_changed_meanwhile_is_replaced_and_the_answer_names_who_changed_it(
    client_for, pilot, colleague, matrix
):
    activity = matrix.activities.order_by("order").first()
    role = matrix.roles.order_by("order").first()
    url = reverse("raci:cell_update", args=[matrix.pk, activity.pk, role.pk])
    mine = client_for(pilot)
    seen = _cell_version(mine.get(matrix.get_absolute_url()).content.decode(), activity, role)
    services.cell_set(activity=activity, role=role, letters="A", by=colleague)  # R → A, meanwhile

    response = mine.post(url, {"letters": "C", "version": seen}, **HTMX)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert (
        "Cellule modifiée entre-temps par Camille Roux (R → A)\u00a0: votre choix l’a remplacée par C."
        in page
    )
    assert 'id="raci-cell-notice"' in page
    assert Assignment.objects.get(activity=activity, role=role).letters == "C"  # the last write wins
    fresh = _cell_version(page, activity, role)
    assert int(fresh) > int(seen)

    # My next change, from the version the answer gave: nothing to say.
    response = mine.post(url, {"letters": "RC", "version": fresh}, **HTMX)
    assert "Cellule modifiée entre-temps" not in unescape(response.content.decode())


def test_a_cell_nobody_else_touched_says_nothing_and_a_forged_version_is_ignored(client_for, pilot, matrix):
    activity = matrix.activities.order_by("order").first()
    role = matrix.roles.order_by("order").first()
    url = reverse("raci:cell_update", args=[matrix.pk, activity.pk, role.pk])
    c = client_for(pilot)
    seen = _cell_version(c.get(matrix.get_absolute_url()).content.decode(), activity, role)
    response = c.post(url, {"letters": "A", "version": seen}, **HTMX)
    assert response.status_code == 200 and "entre-temps" not in unescape(response.content.decode())
    for forged in ("abc", "-3", "9" * 40, ""):
        response = c.post(url, {"letters": "C", "version": forged}, **HTMX)
        assert response.status_code == 200


def test_without_javascript_the_cell_form_says_whose_change_was_replaced(
    client_for, pilot, colleague, matrix
):
    activity = matrix.activities.order_by("order").first()
    role = matrix.roles.order_by("order").first()
    url = reverse("raci:cell_update", args=[matrix.pk, activity.pk, role.pk])
    c = client_for(pilot)
    data = opened_form(c, url)
    services.cell_set(activity=activity, role=role, letters="", by=colleague)  # cleared meanwhile
    data["letters"] = ["I"]
    response = c.post(url, data, follow=True)
    assert "Cellule modifiée entre-temps par Camille Roux (R → ∅)" in unescape(response.content.decode())
    assert Assignment.objects.get(activity=activity, role=role).letters == "I"


def test_a_workload_changed_by_the_other_only_is_kept_as_a_whole(client_for, pilot, colleague, matrix):
    activity = matrix.activities.order_by("order").first()
    Activity.objects.filter(pk=activity.pk).update(workload_hours=None, workload_text="Travaux intersession")
    services.activity_save(activity=Activity.objects.get(pk=activity.pk), by=pilot)
    url = reverse("raci:activity_update", args=[matrix.pk, activity.pk])
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["workload"] = ["4"]
    their_form["name"] = ["Nom de Camille"]
    assert theirs.post(url, their_form).status_code == 302

    my_form["name"] = ["Mon nom"]  # both changed the name; only they changed the workload
    response = mine.post(url, my_form)
    assert response.status_code == 200
    again = page_form(response)
    assert again["workload"] == ["4 h"] and again["name"] == ["Mon nom"]
    assert mine.post(url, again).status_code == 302
    activity.refresh_from_db()
    assert (activity.name, activity.workload_hours, activity.workload_text) == ("Mon nom", 4, "")

    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["workload"] = ["Temps collectif"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["objective"] = ["Mon objectif"]
    assert mine.post(url, my_form).status_code == 302  # different fields: both kept, no half workload
    activity.refresh_from_db()
    assert (activity.objective, activity.workload_hours, activity.workload_text) == (
        "Mon objectif",
        None,
        "Temps collectif",
    )
