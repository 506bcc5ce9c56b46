"""Who may reach each RACI page: editors edit, readers read (403 on writes), others get a 404."""

import pytest
from django.urls import reverse

from raci.models import Activity, Matrix, Role
from raci.services import templates_install

pytestmark = pytest.mark.django_db


def urls_for(matrix):
    activity = matrix.activities.order_by("order").first()
    role = matrix.roles.order_by("order").first()
    pk = matrix.pk
    reads = [
        reverse("raci:matrix_detail", args=[pk]),
        reverse("raci:matrix_history", args=[pk]),
        reverse("raci:matrix_export", args=[pk, "xlsx"]),
        reverse("raci:matrix_export", args=[pk, "csv"]),
    ]
    edit_pages = [
        reverse("raci:matrix_update", args=[pk]),
        reverse("raci:activity_create", args=[pk]),
        reverse("raci:activity_update", args=[pk, activity.pk]),
        reverse("raci:role_create", args=[pk]),
        reverse("raci:role_update", args=[pk, role.pk]),
        reverse("raci:cell_update", args=[pk, activity.pk, role.pk]),
    ]
    posts = [
        (reverse("raci:cell_update", args=[pk, activity.pk, role.pk]), {"letters": "C"}),
        (reverse("raci:matrix_validate", args=[pk]), {}),
        (reverse("raci:matrix_reopen", args=[pk]), {}),
        (reverse("raci:activity_move", args=[pk, activity.pk]), {"direction": "1"}),
        (reverse("raci:role_move", args=[pk, role.pk]), {"direction": "1"}),
        (reverse("raci:activity_delete", args=[pk, activity.pk]), {}),
        (reverse("raci:role_delete", args=[pk, role.pk]), {}),
        (reverse("raci:matrix_update", args=[pk]), {"title": "Piratée"}),
        (reverse("raci:matrix_delete", args=[pk]), {}),
    ]
    return reads, edit_pages, posts


def test_anonymous_users_are_sent_to_the_login_page(client, matrix):
    reads, edit_pages, posts = urls_for(matrix)
    for url in [
        reverse("raci:matrix_list"),
        reverse("raci:matrix_create"),
        reverse("raci:matrix_import"),
        *reads,
        *edit_pages,
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/comptes/connexion/" in response["Location"], url
    for url, data in posts:
        assert client.post(url, data).status_code == 302


@pytest.mark.parametrize("persona", ["outsider", "other_pilot", "service_staff", "member_contact"])
def test_people_outside_the_action_get_a_404_everywhere(request, client_for, matrix, persona):
    client = client_for(request.getfixturevalue(persona))
    reads, edit_pages, posts = urls_for(matrix)
    for url in [*reads, *edit_pages]:
        assert client.get(url).status_code == 404, url
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert client.post(reverse("raci:matrix_pdf", args=[matrix.pk])).status_code == 404
    assert Matrix.objects.filter(pk=matrix.pk, title=matrix.title).exists()


def test_a_committee_member_reads_but_every_write_is_forbidden(client_for, committee_member, matrix):
    client = client_for(committee_member)
    reads, edit_pages, posts = urls_for(matrix)
    for url in reads:
        assert client.get(url).status_code == 200, url
    detail = client.get(reads[0]).content.decode()
    assert "data-editable" not in detail and "data-raci-toolbar" not in detail
    for url in edit_pages:
        assert client.get(url).status_code == 403, url
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert (
        Activity.objects.filter(matrix=matrix).count() == 3
        and Role.objects.filter(matrix=matrix).count() == 2
    )
    # Nothing to create a matrix for.
    assert client.get(reverse("raci:matrix_create")).status_code == 404
    assert client.get(reverse("raci:matrix_import")).status_code == 404


def test_the_team_edits(client_for, pilot, matrix):
    client = client_for(pilot)
    reads, edit_pages, posts = urls_for(matrix)
    for url in [*reads, *edit_pages]:
        assert client.get(url).status_code == 200, url
    assert "data-editable" in client.get(reads[0]).content.decode()
    for url, data in posts:
        assert client.post(url, data).status_code == 302, url
    assert not Matrix.objects.filter(pk=matrix.pk).exists()  # the last post deleted it


def test_a_programme_matrix_is_edited_by_its_managers_only(client_for, pilot, other_pilot):
    from .factories import ProgrammeFactory, manage_programme, small_matrix

    programme = ProgrammeFactory()
    manage_programme(programme, pilot)
    matrix = small_matrix(programme=programme)
    url = reverse("raci:role_create", args=[matrix.pk])
    assert client_for(pilot).get(url).status_code == 200
    assert client_for(other_pilot).get(url).status_code == 404


def test_templates_are_read_by_pilots_and_consultants_and_changed_by_admins_only(
    client_for, pilot, consultant, committee_member, outsider, admin_user
):
    axe1, _axe2 = templates_install(by=None)
    detail = reverse("raci:matrix_detail", args=[axe1.pk])
    edit = reverse("raci:role_create", args=[axe1.pk])
    for user in (pilot, consultant):
        page = client_for(user).get(detail)
        assert page.status_code == 200 and "Utiliser ce modèle" in page.content.decode()
        assert client_for(user).get(edit).status_code == 403
    for user in (committee_member, outsider):
        assert client_for(user).get(detail).status_code == 404
    assert client_for(admin_user).get(edit).status_code == 200


def test_unknown_export_formats_and_foreign_rows_are_404(client_for, pilot, matrix):
    from .factories import small_matrix

    client = client_for(pilot)
    assert client.get(f"/raci/{matrix.pk}/export.exe").status_code == 404
    other = small_matrix()
    foreign_activity = other.activities.first()
    role = matrix.roles.first()
    url = reverse("raci:cell_update", args=[matrix.pk, foreign_activity.pk, role.pk])
    assert client.post(url, {"letters": "R"}).status_code == 404
    assert (
        client.post(
            reverse("raci:activity_move", args=[matrix.pk, matrix.activities.first().pk]), {"direction": "7"}
        ).status_code
        == 404
    )


def test_a_member_of_the_programmes_committee_reads_through_governance(client_for, committee_member, pilot):
    from directory.models import Person
    from governance.models import Committee, Membership

    from .factories import ActionFactory, join_team, small_matrix

    action = ActionFactory()
    join_team(action, pilot)
    matrix = small_matrix(action=action)
    croct = Committee.objects.create(kind=Committee.Kind.CROCT, name="CROCT", programme=action.programme)
    client = client_for(committee_member)
    assert client.get(matrix.get_absolute_url()).status_code == 404
    Membership.objects.create(committee=croct, person=Person.objects.get(user=committee_member))
    assert client.get(matrix.get_absolute_url()).status_code == 200
    activity, role = matrix.activities.first(), matrix.roles.first()
    url = reverse("raci:cell_update", args=[matrix.pk, activity.pk, role.pk])
    assert client.post(url, {"letters": "A"}).status_code == 403
