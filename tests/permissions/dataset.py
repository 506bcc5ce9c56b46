"""One object of every kind a URL of the project needs, and the seven personas."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from actions.models import Deliverable
from adherents import services as adherent_services
from adherents.models import (
    ActionPlanItem,
    Survey,
    SurveyQuestion,
    TrajectoryStep,
    TrajectoryTemplate,
    WorkUnitPhoto,
)
from adherents.trajectories import ensure_default_templates
from calls.models import Application
from directory.models import Organisation, Person
from governance.models import CalendarToken, Minutes
from library.digest import unsubscribe_token
from library.models import Publication
from reminders.models import Notification
from reports.models import Document
from tests.actions.factories import ProgrammeFactory, make_action
from tests.adherents.factories import (
    AdherentFactory,
    ApplicationFactory,
    ComplaintFactory,
    HealthUnitFactory,
    PreventionVisitFactory,
    SectorFactory,
    WorkUnitFactory,
)
from tests.calls.factories import CallFactory, make_application
from tests.evaluation.factories import IndicatorFactory, MeasurementFactory
from tests.factories import OrganisationFactory, make_account
from tests.governance.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DecisionFactory,
    FollowUpFactory,
    MeetingFactory,
    add_member,
)
from tests.raci.factories import small_matrix

Role = Person.Role

# A one-pixel PNG: enough for the photo view to stream something real.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def personas() -> dict:
    """The personas of tests/conftest.py, built the same way (that module's fixtures are function-scoped)."""
    service = OrganisationFactory(name="Service de santé au travail test", kind=Organisation.Kind.SSTI)
    return {
        "anonymous": None,
        "member_contact": make_account(
            "adherent_test",
            Role.MEMBER_CONTACT,
            organisation=OrganisationFactory(name="Entreprise adhérente"),
        ),
        "committee_member": make_account("croct_test", Role.COMMITTEE_MEMBER, college="salaries"),
        "service_staff": make_account("service_test", Role.SERVICE_STAFF, organisation=service),
        "other_pilot": make_account("autre_pilote", Role.PILOT),
        "pilot": make_account(
            "pilote_test", Role.PILOT, organisation=OrganisationFactory(kind=Organisation.Kind.BRANCH)
        ),
        "admin": make_account("admin_test", Role.OTHER, is_staff=True, is_superuser=True),
    }


def build() -> dict:
    users = personas()
    pilot, other_pilot = users["pilot"], users["other_pilot"]
    committee_member, service_staff, member_contact = (
        users["committee_member"],
        users["service_staff"],
        users["member_contact"],
    )
    service = service_staff.person.organisation
    now = timezone.now()
    today = timezone.localdate()

    # --- Actions: the pilot's action, and another pilot's action in the same programme.
    programme = ProgrammeFactory(code="prog-matrice", showcase_enabled=True)
    action = make_action(by=pilot, programme=programme)
    other_action = make_action(by=other_pilot, programme=programme)
    deliverable = action.deliverables.order_by("phase__number").first()
    deliverable.file.save("livrable.pdf", ContentFile(b"%PDF-1.4 livrable"), save=False)
    deliverable.file_kind = "pdf"
    deliverable.status = Deliverable.Status.VALIDATED
    deliverable.validated_at = now
    # As actions.services.deliverable_validate keeps it: the version the library serves.
    deliverable.validated_file.name = deliverable.file.name
    deliverable.validated_file_kind = deliverable.file_kind
    deliverable.save()
    participation = action.participations.create(
        organisation=OrganisationFactory(name="Entreprise participante")
    )

    # --- Governance: a COPIL of the action, the committee member in it.
    committee = CommitteeFactory(action=action, programme=None)
    membership = add_member(committee, committee_member)
    meeting = MeetingFactory(committee=committee, starts_at=now - timedelta(days=2))
    agenda_item = AgendaItemFactory(meeting=meeting)
    minutes = Minutes.objects.create(meeting=meeting, summary="Compte rendu", written_by=pilot)
    decision = DecisionFactory(meeting=meeting)
    followup = FollowUpFactory(decision=decision, owner=pilot.person)
    calendar_token = CalendarToken.objects.create(user=committee_member)

    # --- RACI.
    matrix = small_matrix(action=action)
    activity = matrix.activities.order_by("pk").first()
    raci_role = matrix.roles.order_by("pk").first()

    # --- Evaluation.
    indicator = IndicatorFactory(action=action, programme=None)
    measurement = MeasurementFactory(indicator=indicator)

    # --- Member companies: member_contact's company, in service_staff's service.
    templates = ensure_default_templates(TrajectoryTemplate, TrajectoryStep)
    sector = SectorFactory(service=service, name="Béthune")
    unit = HealthUnitFactory(service=service, sector=sector, name="UST Béthune 1")
    adherent = AdherentFactory(
        service=service,
        organisation=member_contact.person.organisation,
        sector=sector,
        unit=unit,
        referent=service_staff,
        validated_on=today - timedelta(days=20),
    )
    adherent_services.trajectory_start(
        by=None, adherent=adherent, template=templates[0], start_on=today - timedelta(days=20)
    )
    step = adherent.steps.order_by("pk").first()
    visit = PreventionVisitFactory(adherent=adherent, restitution_sent_on=today)
    work_unit = WorkUnitFactory(visit=visit)
    photo = WorkUnitPhoto(work_unit=work_unit, caption="Poste")
    photo.image.save("photo.png", ContentFile(PNG), save=True)
    plan_item = ActionPlanItem.objects.create(
        adherent=adherent, visit=visit, title="Capoter la machine", who="Chef d'atelier"
    )
    survey = Survey.objects.create(service=service, title="Satisfaction", mode=Survey.Mode.PORTAL)
    SurveyQuestion.objects.create(
        survey=survey, order=1, text="Satisfait\u202f?", kind=SurveyQuestion.Kind.TEXT
    )
    complaint = ComplaintFactory(service=service, adherent=adherent)
    membership_application = ApplicationFactory(service=service)

    # --- Calls for applications, in the same programme (its managers run it: nobody but admins here).
    call = CallFactory(programme=programme, slug="appel-matrice")
    application = make_application(call, 1)
    draft = make_application(call, 2, status=Application.Status.DRAFT)
    application_token = draft.new_token()
    draft.save()

    # --- Library: the pilot's deliverable published to all signed-in users.
    publication = Publication.objects.create(
        source="actions.deliverable",
        content_type=ContentType.objects.get_for_model(deliverable),
        object_id=deliverable.pk,
        programme=programme,
        title="Livrable publié",
        doc_type=Publication.DocType.DELIVERABLE,
        audience=Publication.Audience.PARTNERS,
        year=today.year,
        has_file=True,
        file_kind="pdf",
        published_at=now,
        published_by=pilot,
    )

    # --- Reports and notifications.
    document = Document.objects.create(
        kind="actions.fiche",
        title="Fiche-action",
        target_type=ContentType.objects.get_for_model(action),
        target_id=str(action.pk),
        requested_by=pilot,
    )
    notification = Notification.objects.create(
        user=pilot, title="Livrable publié", url=action.get_absolute_url()
    )

    from api.services import token_create

    api_token, _key = token_create(owner=pilot, name="Tableur", scope="read", by=pilot)

    return {
        "api_token": api_token,
        "users": users,
        "programme": programme,
        "action": action,
        "other_action": other_action,
        "deliverable": deliverable,
        "participation": participation,
        "committee": committee,
        "membership": membership,
        "meeting": meeting,
        "agenda_item": agenda_item,
        "minutes": minutes,
        "decision": decision,
        "followup": followup,
        "calendar_token": calendar_token,
        "matrix": matrix,
        "activity": activity,
        "raci_role": raci_role,
        "indicator": indicator,
        "measurement": measurement,
        "adherent": adherent,
        "step": step,
        "visit": visit,
        "work_unit": work_unit,
        "photo": photo,
        "plan_item": plan_item,
        "survey": survey,
        "complaint": complaint,
        "membership_application": membership_application,
        "call": call,
        "application": application,
        "application_token": application_token,
        "publication": publication,
        "document": document,
        "notification": notification,
        "unsubscribe_token": unsubscribe_token(pilot),
    }
