"""`adherents.access`, the one place that says who may read and write the member module:
the querysets and checks themselves, and the answers the views get from them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from adherents import access, services
from adherents.models import (
    Adherent,
    Complaint,
    MembershipApplication,
    PreventionVisit,
    Survey,
    WorkUnitPhoto,
)
from core import access as core_access
from directory.access import service_of_staff
from directory.models import Organisation, Person
from tests.factories import OrganisationFactory, make_account

from .factories import (
    AdherentFactory,
    ApplicationFactory,
    ComplaintFactory,
    PreventionVisitFactory,
    ServiceFactory,
    WorkUnitFactory,
)

Role = Person.Role
NO_STAFF_SIDE = ["pilot", "consultant", "committee_member", "member_contact", "outsider"]


def test_staff_read_and_write_the_files_of_their_service_only(
    service_staff, adherent, other_adherent, foreign_adherent
):
    assert set(access.adherents_visible_to(service_staff)) == {adherent, other_adherent}
    assert set(access.adherents_editable_by(service_staff)) == {adherent, other_adherent}
    assert access.can_edit_adherent(service_staff, adherent)
    assert not access.can_view_adherent(service_staff, foreign_adherent)
    assert not access.can_edit_adherent(service_staff, foreign_adherent)
    assert list(access.services_staffed_by(service_staff)) == [adherent.service]


def test_administrators_handle_every_service(admin_user, adherent, foreign_adherent):
    assert {adherent, foreign_adherent} <= set(access.adherents_visible_to(admin_user))
    assert access.can_edit_adherent(admin_user, foreign_adherent)
    assert set(access.services_staffed_by(admin_user)) >= {adherent.service, foreign_adherent.service}
    assert access.can_use_staff_side(admin_user)


@pytest.mark.parametrize("persona", NO_STAFF_SIDE)
def test_nobody_else_reads_a_member_file_on_the_staff_side(request, persona, adherent):
    user = request.getfixturevalue(persona)
    assert not access.can_use_staff_side(user)
    assert not access.adherents_visible_to(user).exists()
    assert not access.services_staffed_by(user).exists()
    assert not access.can_edit_adherent(user, adherent)
    assert not user.has_perm("adherents.change_adherent", adherent)
    assert not user.has_perm("adherents.access_staff_side")


def test_an_anonymous_visitor_reads_nothing(adherent):
    anonymous = AnonymousUser()
    assert not access.adherents_visible_to(anonymous).exists()
    assert not access.portal_adherents_visible_to(anonymous).exists()
    assert not access.can_use_staff_side(anonymous)


def test_a_staff_member_of_an_organisation_that_is_not_a_service_has_no_staff_side(client_for, adherent):
    # The role alone opens nothing: the service is the organisation, and it must be an SSTI.
    user = make_account(
        "faux_service", Role.SERVICE_STAFF, organisation=OrganisationFactory(kind=Organisation.Kind.BRANCH)
    )
    assert service_of_staff(user) is None
    assert not access.can_use_staff_side(user)
    assert not access.adherents_visible_to(user).exists()
    assert client_for(user).get(reverse("adherents:adherent_list")).status_code == 404


def test_staff_notes_are_the_services_and_the_administrators_alone(
    client_for, service_staff, admin_user, member_contact, adherent, foreign_adherent
):
    services.staff_note_add(adherent=adherent, by=service_staff, body="NOTE-INTERNE-42")
    assert access.can_read_staff_notes(service_staff, adherent)
    assert access.can_read_staff_notes(admin_user, adherent)
    assert not access.can_read_staff_notes(service_staff, foreign_adherent)
    # The member contact: not on its own file, not through the portal.
    assert not access.can_read_staff_notes(member_contact, adherent)
    assert not member_contact.has_perm("adherents.view_staff_notes", adherent)
    assert "NOTE-INTERNE-42" in client_for(service_staff).get(adherent.get_absolute_url()).content.decode()
    assert (
        "NOTE-INTERNE-42"
        not in client_for(member_contact).get(reverse("adherents:portal_home")).content.decode()
    )


def test_staff_of_another_service_cannot_add_a_note(client_for, service_staff, foreign_adherent):
    response = client_for(service_staff).post(
        reverse("adherents:note_create", args=[foreign_adherent.pk]), {"body": "x"}
    )
    assert response.status_code == 404
    assert not foreign_adherent.staff_notes.exists()


def test_visits_photos_complaints_applications_follow_the_service(service_staff, adherent, foreign_adherent):
    own_visit, foreign_visit = (
        PreventionVisitFactory(adherent=adherent),
        PreventionVisitFactory(adherent=foreign_adherent),
    )
    own_complaint = ComplaintFactory(service=adherent.service, adherent=adherent)
    foreign_complaint = ComplaintFactory(service=foreign_adherent.service)
    own_application = ApplicationFactory(service=adherent.service)
    foreign_application = ApplicationFactory(service=foreign_adherent.service)
    assert list(access.visits_visible_to(service_staff)) == [own_visit]
    assert list(access.complaints_visible_to(service_staff)) == [own_complaint]
    assert list(access.applications_visible_to(service_staff)) == [own_application]
    assert access.can_edit_visit(service_staff, own_visit) and not access.can_edit_visit(
        service_staff, foreign_visit
    )
    assert service_staff.has_perm("adherents.change_complaint", own_complaint)
    assert not service_staff.has_perm("adherents.change_complaint", foreign_complaint)
    assert service_staff.has_perm("adherents.review_application", own_application)
    assert not service_staff.has_perm("adherents.review_application", foreign_application)
    WorkUnitFactory(visit=foreign_visit)
    assert not access.photos_visible_to(service_staff).filter(work_unit__visit=foreign_visit).exists()


def test_staff_of_another_service_cannot_review_an_application(client_for, service_staff, foreign_adherent):
    application = ApplicationFactory(service=foreign_adherent.service)
    response = client_for(service_staff).post(
        reverse("adherents:application_detail", args=[application.pk]), {"refuser-rejection_reason": "Non"}
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == application.Status.SUBMITTED


# --- The portal ----------------------------------------------------------------------
def test_the_portal_shows_the_current_membership_of_the_contacts_company(member_contact, adherent):
    company = member_contact.person.organisation
    former = AdherentFactory(
        organisation=company,
        service=ServiceFactory(),
        left_on=timezone.localdate() - timezone.timedelta(days=400),
    )
    assert list(access.portal_adherents_visible_to(member_contact)) == [adherent]
    assert access.portal_adherent(member_contact) == adherent
    assert not access.can_update_portal_contacts(member_contact, former)


def test_a_company_that_left_has_no_portal(client_for, member_contact, adherent):
    adherent.left_on = timezone.localdate()
    adherent.save()
    assert access.portal_adherent(member_contact) is None
    assert client_for(member_contact).get(reverse("adherents:portal_home")).status_code == 404


@pytest.mark.parametrize("persona", ["service_staff", "admin_user", "pilot"])
def test_the_portal_is_the_member_contacts_alone(request, persona, adherent):
    user = request.getfixturevalue(persona)
    assert not access.portal_adherents_visible_to(user).exists()
    assert not access.can_update_portal_contacts(user, adherent)


def test_a_member_contact_updates_its_own_contacts_only(member_contact, adherent, other_adherent):
    assert access.can_update_portal_contacts(member_contact, adherent)
    assert not access.can_update_portal_contacts(member_contact, other_adherent)
    assert not access.can_edit_adherent(member_contact, adherent)


def test_the_restitution_reaches_the_member_once_sent_the_synthesis_never(
    service_staff, member_contact, adherent, other_adherent
):
    visit = PreventionVisitFactory(adherent=adherent)
    assert access.can_view_restitution(service_staff, visit)
    assert not access.can_view_restitution(member_contact, visit)
    visit.restitution_sent_on = timezone.localdate()
    visit.save()
    assert access.can_view_restitution(member_contact, visit)
    assert not access.can_view_synthesis(member_contact, visit)
    assert access.can_view_synthesis(service_staff, visit)
    # Another member's restitution, even sent, stays out of reach.
    other_visit = PreventionVisitFactory(adherent=other_adherent, restitution_sent_on=timezone.localdate())
    assert not access.can_view_restitution(member_contact, other_visit)


def test_the_views_fetch_every_model_through_a_registered_policy():
    # A model without a policy cannot be fetched through core's lookup at all (LookupError).
    for model in (Adherent, PreventionVisit, WorkUnitPhoto, Survey, Complaint, MembershipApplication):
        assert core_access.policy_for(model).visible.__module__ == "adherents.access"
