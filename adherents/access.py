"""Who may read and write the member module: member files, visits, surveys, complaints, applications.

- The staff side (lists, member files, visits, surveys, complaints, applications): the staff
  of the member's service and administrators, who read and write all of it. Anybody else
  does not learn that it exists (404), member contacts included.
- Staff notes: the staff of the member's service and administrators only — never the portal.
- The portal: a member company's contact reads its own file (the current membership of its
  company), read-only; it sees the visits whose restitution was sent to it, answers the open
  portal surveys of its service and updates its contacts.

A staff member's service is a fact of the directory (`directory.access.service_of_staff`); the
views ask it here, with everything else.
"""

from __future__ import annotations

from django.db.models import QuerySet, Subquery

from core import access as core_access
from directory.access import Role, is_admin, person_of, service_of_staff
from directory.models import Organisation

from .models import Adherent, Complaint, MembershipApplication, PreventionVisit, Survey, WorkUnitPhoto


# --- The staff side ------------------------------------------------------------------
def _works_for(user, service_id) -> bool:
    """Administrators handle every service; a staff member, their own."""
    if is_admin(user):
        return True
    service = service_of_staff(user)
    return service is not None and service_id is not None and service.pk == service_id


def can_use_staff_side(user) -> bool:
    """Service staff and administrators; the staff pages are a 404 for anybody else."""
    return is_admin(user) or service_of_staff(user) is not None


def services_staffed_by(user) -> QuerySet[Organisation]:
    """The services whose member files the user handles: all of them for admins, their own for staff."""
    if is_admin(user):
        return Organisation.objects.filter(kind=Organisation.Kind.SSTI)
    service = service_of_staff(user)
    return Organisation.objects.filter(pk=service.pk) if service else Organisation.objects.none()


def adherents_visible_to(user) -> QuerySet[Adherent]:
    """The member files of the staff side: the user's service's, or all of them for admins.
    (A member contact reads its own file through the portal only: `portal_adherents_visible_to`.)"""
    qs = Adherent.objects.all()
    if is_admin(user):
        return qs
    service = service_of_staff(user)
    return qs.filter(service=service) if service else qs.none()


def adherents_editable_by(user) -> QuerySet[Adherent]:
    """The staff write every file they read."""
    return adherents_visible_to(user)


def can_view_adherent(user, adherent: Adherent) -> bool:
    return _works_for(user, adherent.service_id)


def can_edit_adherent(user, adherent: Adherent) -> bool:
    return _works_for(user, adherent.service_id)


def can_read_staff_notes(user, adherent: Adherent) -> bool:
    """Staff notes are the service's alone (and the administrators'): never the portal."""
    return _works_for(user, adherent.service_id)


def visits_visible_to(user) -> QuerySet[PreventionVisit]:
    return PreventionVisit.objects.filter(adherent__in=adherents_visible_to(user))


def can_edit_visit(user, visit: PreventionVisit) -> bool:
    return can_edit_adherent(user, visit.adherent)


def photos_visible_to(user) -> QuerySet[WorkUnitPhoto]:
    """Work-unit photos: served only to whoever reads the visit (media has no public URL)."""
    return WorkUnitPhoto.objects.filter(work_unit__visit__adherent__in=adherents_visible_to(user))


def surveys_visible_to(user) -> QuerySet[Survey]:
    return Survey.objects.filter(service__in=services_staffed_by(user))


def can_view_survey_results(user, survey: Survey) -> bool:
    """A survey's results (page, PDF, workbook): the staff of its service and admins."""
    return _works_for(user, survey.service_id)


def can_record_survey_answers(user, survey: Survey) -> bool:
    """Staff of the survey's service record the answers members give on the phone."""
    return _works_for(user, survey.service_id)


def complaints_visible_to(user) -> QuerySet[Complaint]:
    return Complaint.objects.filter(service__in=services_staffed_by(user))


def can_edit_complaint(user, complaint: Complaint) -> bool:
    return _works_for(user, complaint.service_id)


def applications_visible_to(user) -> QuerySet[MembershipApplication]:
    return MembershipApplication.objects.filter(service__in=services_staffed_by(user))


def can_review_application(user, application: MembershipApplication) -> bool:
    return _works_for(user, application.service_id)


# --- The portal ----------------------------------------------------------------------
def portal_adherents_visible_to(user) -> QuerySet[Adherent]:
    """A member contact's own file — the current membership of its company — and nothing else
    (an empty queryset for anybody else, administrators included: they use the staff side)."""
    person = person_of(user)
    if person is None or person.role != Role.MEMBER_CONTACT or person.organisation_id is None:
        return Adherent.objects.none()
    current = (
        Adherent.objects.filter(organisation_id=person.organisation_id, left_on__isnull=True)
        .order_by("-validated_on", "-pk")
        .values("pk")[:1]
    )
    return Adherent.objects.filter(pk=Subquery(current))


def portal_adherent(user) -> Adherent | None:
    """The member file a member contact reads on its portal, or None."""
    return portal_adherents_visible_to(user).select_related("organisation", "service").first()


def can_update_portal_contacts(user, adherent: Adherent) -> bool:
    """The member's own contacts, by its contact on the portal."""
    return portal_adherents_visible_to(user).filter(pk=adherent.pk).exists()


def portal_visits_of(adherent: Adherent) -> QuerySet[PreventionVisit]:
    """What a member sees of its visits: the ones done whose restitution was sent to it."""
    return adherent.visits.filter(status=PreventionVisit.Status.DONE, restitution_sent_on__isnull=False)


def portal_surveys_of(adherent: Adherent) -> QuerySet[Survey]:
    """The surveys a member answers on its portal: its service's open portal surveys."""
    return Survey.objects.filter(service_id=adherent.service_id, mode=Survey.Mode.PORTAL, is_open=True)


# --- The visit's PDFs ----------------------------------------------------------------
def can_view_synthesis(user, visit: PreventionVisit) -> bool:
    """The internal synthesis: the staff of the member's service."""
    return can_edit_visit(user, visit)


def can_view_restitution(user, visit: PreventionVisit) -> bool:
    """Staff of the service; the member itself once the restitution has been sent to it."""
    if can_edit_visit(user, visit):
        return True
    own = portal_adherent(user)
    return own is not None and own.pk == visit.adherent_id and visit.restitution_sent_on is not None


core_access.register(
    Adherent, visible=adherents_visible_to, change=can_edit_adherent, add_note=can_read_staff_notes
)
core_access.register(PreventionVisit, visible=visits_visible_to, change=can_edit_visit)
core_access.register(WorkUnitPhoto, visible=photos_visible_to)
core_access.register(Survey, visible=surveys_visible_to, record=can_record_survey_answers)
core_access.register(Complaint, visible=complaints_visible_to, change=can_edit_complaint)
core_access.register(MembershipApplication, visible=applications_visible_to, review=can_review_application)
