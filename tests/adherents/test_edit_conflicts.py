"""Two people edit the same member file, visit, work unit, action-plan item or complaint: nothing is
overwritten silently (core.conflicts).

Each form carries the version it was opened on; a save made on a stale version keeps what the other
person changed on fields left alone, and where both changed the same field it is refused with their
name and value shown beside the field, the typed value still in it and nothing written.
"""

from html import unescape

import pytest
from django.urls import reverse

from adherents.models import ActionPlanItem, Adherent, Complaint, PreventionVisit, WorkUnit
from core.conflicts import version_of
from directory.models import Person
from tests.factories import make_account
from tests.fuzz.htmlforms import opened_form, page_form

from .factories import ComplaintFactory, PreventionVisitFactory, WorkUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(service_organisation):
    user = make_account("collegue_sst", Person.Role.SERVICE_STAFF, organisation=service_organisation)
    user.first_name, user.last_name = "Camille", "Roux"
    user.save()
    return user


def _both_save(mine, theirs, url, field, their_value, my_value):
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form[field] = [their_value]
    assert theirs.post(url, their_form).status_code == 302
    my_form[field] = [my_value]
    return mine.post(url, my_form)


def _assert_conflict_shown(response, their_value, my_value):
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Camille Roux a enregistré cette page le" in page
    assert f"Valeur enregistrée par Camille Roux\u00a0: «\u00a0{their_value}\u00a0»" in page
    assert my_value in page  # what I typed is still in the field


def test_a_stale_member_file_is_refused_with_the_other_value_then_saved_on_purpose(
    client_for, service_staff, colleague, adherent
):
    url = reverse("adherents:adherent_edit", args=[adherent.pk])
    mine, theirs = client_for(service_staff), client_for(colleague)
    response = _both_save(
        mine, theirs, url, "activity_description", "Boulangerie (Camille)", "Boulangerie-pâtisserie"
    )
    _assert_conflict_shown(response, "Boulangerie (Camille)", "Boulangerie-pâtisserie")
    stored = Adherent.objects.get(pk=adherent.pk)
    assert stored.activity_description == "Boulangerie (Camille)"
    version_after_theirs = version_of(stored)

    # Saving again, having seen both, keeps mine.
    data = page_form(response)
    assert data["activity_description"] == ["Boulangerie-pâtisserie"]
    assert data["version"] == [str(version_after_theirs)]
    assert mine.post(url, data).status_code == 302
    stored.refresh_from_db()
    assert stored.activity_description == "Boulangerie-pâtisserie"
    assert {row.history_user for row in stored.history.all()[:2]} == {service_staff, colleague}


def test_member_file_changes_to_different_fields_are_both_kept(
    client_for, service_staff, colleague, adherent
):
    url = reverse("adherents:adherent_edit", args=[adherent.pk])
    mine, theirs = client_for(service_staff), client_for(colleague)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["opening_hours"] = ["8 h – 17 h"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["activity_description"] = ["Menuiserie"]
    assert mine.post(url, my_form).status_code == 302
    adherent.refresh_from_db()
    assert (adherent.opening_hours, adherent.activity_description) == ("8 h – 17 h", "Menuiserie")


@pytest.mark.parametrize("version", ["abc", "-1", "9" * 30])
def test_a_forged_version_is_a_form_error_not_a_server_error(client_for, service_staff, adherent, version):
    url = reverse("adherents:adherent_edit", args=[adherent.pk])
    c = client_for(service_staff)
    data = opened_form(c, url)
    data["version"] = [version]
    data["activity_description"] = ["Forgé"]
    response = c.post(url, data)
    assert response.status_code == 200
    adherent.refresh_from_db()
    assert adherent.activity_description != "Forgé"


def test_the_back_button_re_post_of_my_own_save_is_no_conflict(client_for, service_staff, adherent):
    """The page's version is older than my own save; posting the same values again changes nothing."""
    url = reverse("adherents:adherent_edit", args=[adherent.pk])
    c = client_for(service_staff)
    data = opened_form(c, url)
    data["activity_description"] = ["Menuiserie d’agencement"]
    assert c.post(url, data).status_code == 302
    again = c.post(url, data)  # back, then « Enregistrer » once more
    assert again.status_code == 302
    adherent.refresh_from_db()
    assert adherent.activity_description == "Menuiserie d’agencement"


def test_the_member_and_the_staff_changing_the_same_contact(client_for, member_contact, colleague, adherent):
    portal, staff = client_for(member_contact), client_for(colleague)
    portal_url = reverse("adherents:portal_contacts")
    my_form = opened_form(portal, portal_url)
    staff_url = reverse("adherents:adherent_edit", args=[adherent.pk])
    their_form = opened_form(staff, staff_url)
    their_form["admin_contact_phone"] = ["03 21 00 00 01"]
    assert staff.post(staff_url, their_form).status_code == 302
    my_form["admin_contact_phone"] = ["06 12 34 56 78"]
    response = portal.post(portal_url, my_form)
    _assert_conflict_shown(response, "03 21 00 00 01", "06 12 34 56 78")
    adherent.refresh_from_db()
    assert adherent.admin_contact_phone == "03 21 00 00 01"


def test_a_stale_visit_is_refused_with_the_other_value(client_for, service_staff, colleague, adherent):
    visit = PreventionVisitFactory(adherent=adherent)
    url = reverse("adherents:visit_edit", args=[visit.pk])
    response = _both_save(
        client_for(service_staff), client_for(colleague), url, "call_notes", "Appel de Camille", "Mon appel"
    )
    _assert_conflict_shown(response, "Appel de Camille", "Mon appel")
    assert PreventionVisit.objects.get(pk=visit.pk).call_notes == "Appel de Camille"


def test_a_stale_work_unit_is_refused_with_the_other_value(client_for, service_staff, colleague, adherent):
    unit = WorkUnitFactory(visit=PreventionVisitFactory(adherent=adherent), name="Atelier")
    url = reverse("adherents:work_unit_edit", args=[unit.visit_id, unit.pk])
    response = _both_save(
        client_for(service_staff), client_for(colleague), url, "posts", "Soudeurs", "Menuisiers"
    )
    _assert_conflict_shown(response, "Soudeurs", "Menuisiers")
    assert WorkUnit.objects.get(pk=unit.pk).posts == "Soudeurs"


def test_a_stale_action_plan_item_is_refused_with_the_other_value(
    client_for, service_staff, colleague, adherent
):
    item = ActionPlanItem.objects.create(adherent=adherent, title="Acheter des gants", who="L’employeur")
    url = reverse("adherents:action_edit", args=[adherent.pk, item.pk])
    response = _both_save(
        client_for(service_staff), client_for(colleague), url, "title", "Gants anti-coupure", "Gants nitrile"
    )
    _assert_conflict_shown(response, "Gants anti-coupure", "Gants nitrile")
    assert ActionPlanItem.objects.get(pk=item.pk).title == "Gants anti-coupure"


def test_a_stale_complaint_is_refused_with_the_other_value(client_for, service_staff, colleague, adherent):
    complaint = ComplaintFactory(service=adherent.service, adherent=adherent, subject="Retard de rendez-vous")
    url = reverse("adherents:complaint_edit", args=[complaint.pk])
    response = _both_save(
        client_for(service_staff),
        client_for(colleague),
        url,
        "description",
        "Le rendez-vous a été décalé deux fois",
        "Trois semaines d’attente",
    )
    _assert_conflict_shown(response, "Le rendez-vous a été décalé deux fois", "Trois semaines d’attente")
    assert Complaint.objects.get(pk=complaint.pk).description == "Le rendez-vous a été décalé deux fois"


def _hazards_of(unit) -> set:
    return set(unit.hazards.values_list("family", "situation", "is_priority"))


def test_a_checklist_changed_by_both_is_refused_with_theirs_shown(
    client_for, service_staff, colleague, adherent
):
    unit = WorkUnitFactory(visit=PreventionVisitFactory(adherent=adherent), name="Atelier")
    url = reverse("adherents:work_unit_edit", args=[unit.visit_id, unit.pk])
    mine, theirs = client_for(service_staff), client_for(colleague)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["hz_bruit"] = ["on"]
    their_form["sit_bruit"] = ["Raboteuse"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["hz_chutes"] = ["on"]
    response = mine.post(url, my_form)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Camille Roux a enregistré cette page le" in page
    assert "Valeur enregistrée par Camille Roux\u00a0: «\u00a0Bruit (Raboteuse)\u00a0»" in page
    assert _hazards_of(unit) == {("bruit", "Raboteuse", False)}


def test_a_checklist_changed_by_the_other_only_is_kept(client_for, service_staff, colleague, adherent):
    unit = WorkUnitFactory(visit=PreventionVisitFactory(adherent=adherent), name="Atelier")
    url = reverse("adherents:work_unit_edit", args=[unit.visit_id, unit.pk])
    mine, theirs = client_for(service_staff), client_for(colleague)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["hz_bruit"] = ["on"]
    their_form["prio_bruit"] = ["on"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["posts"] = ["Menuisiers"]
    assert mine.post(url, my_form).status_code == 302
    unit.refresh_from_db()
    assert unit.posts == "Menuisiers"
    assert _hazards_of(unit) == {("bruit", "", True)}
