"""Access is decided by data only administrators manage (issue 13).

A service's staff are the people whose organisation is the service; a member contact sees the
file of its organisation. Those links, roles, accounts and the kind of an organisation bearing
access are shown read-only in the directory's forms; a crafted POST is refused with a French
message and changes nothing; the Django admin is where an administrator corrects them, recorded
in the history, the services concerned being told.
"""

import re

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import Client
from django.urls import reverse

from directory import access, services
from directory.models import Organisation, Person
from directory.signals import PersonAccess, person_access_changed
from reminders.models import Notification
from tests.adherents.factories import AdherentFactory, ServiceFactory
from tests.factories import OrganisationFactory, PersonFactory, make_account
from tests.fuzz.htmlforms import parse_forms

K = Organisation.Kind
Role = Person.Role
ORGANISATION_LOCKED = "Ce rattachement décide des dossiers que cette personne peut consulter"
KIND_LOCKED = "Ce type décide de qui peut consulter les dossiers d’adhérents"
ASK = "S’il est erroné, signalez-le-lui."
ADHERENTS = reverse("adherents:adherent_list")
PORTAL = reverse("adherents:portal_home")


# --- Data: two services, each with a member file; the contact's company is a member --------
@pytest.fixture
def other_service(db):
    return ServiceFactory(name="Service voisin")


@pytest.fixture
def own_file(service_organisation, member_contact):
    return AdherentFactory(service=service_organisation, organisation=member_contact.person.organisation)


@pytest.fixture
def foreign_company(db):
    return OrganisationFactory(name="Entreprise d’ailleurs")


@pytest.fixture
def foreign_file(other_service, foreign_company):
    return AdherentFactory(service=other_service, organisation=foreign_company)


@pytest.fixture
def neighbour_staff(other_service):
    return make_account("service_voisin", Role.SERVICE_STAFF, organisation=other_service)


@pytest.fixture
def announced():
    """What `person_access_changed` carried during the test."""
    sent = []

    def receive(sender, **kwargs):
        sent.append(kwargs)

    person_access_changed.connect(receive)
    yield sent
    person_access_changed.disconnect(receive)


def csrf_client(user) -> Client:
    """A browser-like client: CSRF enforced, the token taken from the page it posts back."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def post_back(client, url, **changes):
    """GET the form and post it back as a browser would (disabled fields are not sent), with `changes`."""
    page = client.get(url)
    assert page.status_code == 200
    fields = page.context["form"].fields
    html_form = next(
        form
        for form in parse_forms(page.content.decode())
        if form.method == "post" and any(control.name in fields for control in form.controls)
    )
    disabled = {name for name, field in fields.items() if field.disabled}
    data = {name: values for name, values in html_form.data().items() if name not in disabled}
    assert "csrfmiddlewaretoken" in data
    data.update({name: [str(value)] for name, value in changes.items()})
    return client.post(url, data)


def person_url(person):
    return reverse("directory:person_update", args=[person.pk])


def organisation_url(organisation):
    return reverse("directory:organisation_update", args=[organisation.pk])


def snapshot(obj):
    """Every stored value of a row, to show that a refused POST changed nothing."""
    return type(obj).objects.filter(pk=obj.pk).values().get()


# --- Attack 1: a staff member moves itself to another service ---------------------------
def test_a_staff_member_cannot_move_itself_to_another_service(
    service_staff, other_service, foreign_file, own_file
):
    client = csrf_client(service_staff)
    person = service_staff.person
    assert client.get(reverse("adherents:adherent_detail", args=[foreign_file.pk])).status_code == 404
    before = snapshot(person)

    form_page = client.get(person_url(person))
    organisation = form_page.context["form"].fields["organisation"]
    assert organisation.disabled and ORGANISATION_LOCKED in str(organisation.help_text)
    assert ASK in form_page.content.decode()

    response = post_back(client, person_url(person), organisation=other_service.pk, function="Assistante")
    assert response.status_code == 200
    assert ORGANISATION_LOCKED in response.content.decode()
    assert response.context["form"].errors["organisation"]
    assert snapshot(person) == before, "nothing of the refused POST is saved, the function neither"
    assert person.history.count() == 1

    assert client.get(reverse("adherents:adherent_detail", args=[foreign_file.pk])).status_code == 404
    assert client.get(reverse("adherents:adherent_detail", args=[own_file.pk])).status_code == 200


def test_a_staff_member_cannot_clear_its_service_either(service_staff):
    client = csrf_client(service_staff)
    response = post_back(client, person_url(service_staff.person), organisation="")
    assert response.status_code == 200 and ORGANISATION_LOCKED in response.content.decode()
    assert Person.objects.get(pk=service_staff.person.pk).organisation.kind == K.SSTI


# --- Attack 2: a pilot repoints a member contact to another company ---------------------
def test_a_pilot_cannot_repoint_a_member_contact_to_another_company(
    pilot, member_contact, own_file, foreign_file, foreign_company, client_for
):
    client = csrf_client(pilot)
    contact = member_contact.person
    before = snapshot(contact)
    response = post_back(client, person_url(contact), organisation=foreign_company.pk)
    assert response.status_code == 200
    assert ORGANISATION_LOCKED in response.content.decode()
    assert snapshot(contact) == before

    portal = client_for(member_contact).get(PORTAL)
    assert portal.status_code == 200
    assert portal.context["adherent"] == own_file
    assert foreign_company.name not in portal.content.decode()


def test_the_contact_form_shows_its_company_read_only_and_the_role_not_at_all(pilot, member_contact):
    page = csrf_client(pilot).get(person_url(member_contact.person))
    html = page.content.decode()
    form = page.context["form"]
    assert form.fields["organisation"].disabled
    assert "role" not in form.fields and "user" not in form.fields
    assert re.search(r'<select[^>]*name="organisation"[^>]*disabled', html) and ORGANISATION_LOCKED in html


# --- Attack 3: a pilot changes the kind of a service ------------------------------------
def test_a_pilot_cannot_change_the_kind_of_a_service(
    pilot, service_staff, service_organisation, own_file, client_for
):
    client = csrf_client(pilot)
    before = snapshot(service_organisation)
    response = post_back(client, organisation_url(service_organisation), kind=K.OTHER)
    assert response.status_code == 200
    assert KIND_LOCKED in response.content.decode()
    assert response.context["form"].errors["kind"]
    assert snapshot(service_organisation) == before

    staff_list = client_for(service_staff).get(ADHERENTS)
    assert staff_list.status_code == 200
    assert own_file in staff_list.context["page_obj"].object_list


@pytest.mark.parametrize(
    "holder", ["company_with_member_file", "company_with_contact", "service_without_files"]
)
def test_the_kind_of_every_organisation_bearing_access_is_locked(request, pilot, holder):
    organisation = {
        "company_with_member_file": lambda: AdherentFactory().organisation,
        "company_with_contact": lambda: make_account("contact_x", Role.MEMBER_CONTACT).person.organisation,
        "service_without_files": lambda: ServiceFactory(),
    }[holder]()
    client = csrf_client(pilot)
    page = client.get(organisation_url(organisation))
    assert page.context["form"].fields["kind"].disabled
    response = post_back(client, organisation_url(organisation), kind=K.BRANCH)
    assert response.status_code == 200 and KIND_LOCKED in response.content.decode()
    assert Organisation.objects.get(pk=organisation.pk).kind == organisation.kind


def test_a_service_cannot_be_declared_by_an_editor(pilot, cfdt):
    client = csrf_client(pilot)
    create = reverse("directory:organisation_create")
    kinds = [value for value, _label in client.get(create).context["form"].fields["kind"].choices]
    assert K.SSTI not in kinds and K.COMPANY in kinds
    response = post_back(client, create, name="Faux service", kind=K.SSTI)
    assert response.status_code == 200 and "Sélectionnez un choix valide" in response.content.decode()
    assert not Organisation.objects.filter(name="Faux service").exists()

    response = post_back(client, organisation_url(cfdt), kind=K.SSTI)
    assert response.status_code == 200 and "Sélectionnez un choix valide" in response.content.decode()
    assert Organisation.objects.get(pk=cfdt.pk).kind == K.UNION


def test_a_crafted_role_or_account_is_refused_on_creation(pilot, outsider):
    client = csrf_client(pilot)
    create = reverse("directory:person_create")
    response = post_back(
        client, create, first_name="Jeanne", last_name="Intruse", role=Role.SERVICE_STAFF, user=outsider.pk
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Le rôle décide de ce que cette personne peut voir et faire" in html
    assert "Le compte utilisateur décide de qui se connecte sous ce nom" in html
    assert not Person.objects.filter(last_name="Intruse").exists()


# --- What editors still do ----------------------------------------------------------------
def test_ordinary_edits_of_the_same_records_still_work(
    pilot, service_staff, member_contact, service_organisation
):
    client = csrf_client(service_staff)
    response = post_back(
        client, person_url(service_staff.person), function="Assistante technique", phone="01 02 03 04 05"
    )
    assert response.status_code == 302
    person = Person.objects.get(pk=service_staff.person.pk)
    assert person.function == "Assistante technique" and person.organisation == service_organisation

    client = csrf_client(pilot)
    assert post_back(client, person_url(member_contact.person), function="Gérant").status_code == 302
    assert Person.objects.get(pk=member_contact.person.pk).function == "Gérant"
    assert (
        post_back(client, organisation_url(service_organisation), phone="03 21 00 00 00").status_code == 302
    )
    service = Organisation.objects.get(pk=service_organisation.pk)
    assert service.phone == "03 21 00 00 00" and service.kind == K.SSTI
    assert service.history.latest().history_user == pilot


def test_links_that_decide_nothing_stay_editable(pilot, cfdt, aract_corse):
    """A person without an access role may change organisation; a plain organisation its kind."""
    martine = cfdt.people.get()
    client = csrf_client(pilot)
    assert not client.get(person_url(martine)).context["form"].fields["organisation"].disabled
    assert post_back(client, person_url(martine), organisation=aract_corse.pk).status_code == 302
    assert Person.objects.get(pk=martine.pk).organisation == aract_corse
    assert post_back(client, organisation_url(cfdt), kind=K.BRANCH).status_code == 302
    assert Organisation.objects.get(pk=cfdt.pk).kind == K.BRANCH


def test_posting_a_locked_value_unchanged_is_an_ordinary_edit(pilot, member_contact):
    """A client that sends the read-only value as it is (no change) is not refused."""
    contact = member_contact.person
    response = post_back(
        csrf_client(pilot), person_url(contact), organisation=contact.organisation_id, function="Co-gérant"
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=contact.pk).function == "Co-gérant"


def test_an_administrator_sees_nothing_locked_in_the_directory(
    admin_user, member_contact, service_organisation
):
    client = csrf_client(admin_user)
    assert not client.get(person_url(member_contact.person)).context["form"].fields["organisation"].disabled
    form = client.get(organisation_url(service_organisation)).context["form"]
    assert not form.fields["kind"].disabled and K.SSTI in dict(form.fields["kind"].choices)


# --- The service decides, whoever calls -----------------------------------------------------
@pytest.mark.parametrize("by", ["pilot", "service_staff", None])
def test_the_service_refuses_a_script_level_change(
    request, by, member_contact, foreign_company, outsider, service_organisation
):
    actor = request.getfixturevalue(by) if by else None
    contact = Person.objects.get(pk=member_contact.person.pk)
    contact.organisation = foreign_company
    contact.role = Role.PILOT
    contact.user = outsider
    with pytest.raises(ValidationError) as refused:
        services.person_save(person=contact, by=actor)
    assert set(refused.value.message_dict) == {"organisation", "role", "user"}
    assert Person.objects.filter(
        pk=contact.pk,
        organisation=member_contact.person.organisation,
        role=Role.MEMBER_CONTACT,
        user=member_contact,
    ).exists()

    service_organisation.kind = K.OTHER
    with pytest.raises(ValidationError) as refused:
        services.organisation_save(organisation=service_organisation, by=actor)
    assert "kind" in refused.value.message_dict
    assert Organisation.objects.get(pk=service_organisation.pk).kind == K.SSTI

    with pytest.raises(ValidationError):
        services.person_save(person=Person(first_name="A", last_name="B", role=Role.MEMBER_CONTACT), by=actor)
    with pytest.raises(ValidationError):
        services.organisation_save(organisation=Organisation(name="Nouveau service", kind=K.SSTI), by=actor)


def test_the_service_compares_with_the_stored_row_not_with_the_object_it_is_given(
    pilot, member_contact, foreign_company
):
    """A stale object whose role was edited in memory does not unlock the organisation."""
    contact = Person.objects.get(pk=member_contact.person.pk)
    contact.role = Role.OTHER  # As if it were an ordinary person…
    contact.organisation = foreign_company
    with pytest.raises(ValidationError) as refused:
        services.person_save(person=contact, by=pilot)
    assert {"role", "organisation"} <= set(refused.value.message_dict)


def test_an_access_relation_must_be_a_link_to_an_organisation():
    with pytest.raises(ImproperlyConfigured):
        access.register_access_relation(Person, "first_name")


# --- The administrator's explicit action ----------------------------------------------------
def admin_change(client, model_admin_url, **changes):
    form = client.get(model_admin_url).context["adminform"].form
    payload = {
        name: ("" if value is None else value) for name, value in form.initial.items() if name != "logo"
    }
    payload.update({"_save": "Enregistrer", **changes})
    return client.post(model_admin_url, payload)


def test_an_administrator_corrects_a_contact_s_company_recorded_and_told_to_both_services(
    admin_user,
    client_for,
    member_contact,
    own_file,
    foreign_file,
    foreign_company,
    service_staff,
    neighbour_staff,
    announced,
    django_capture_on_commit_callbacks,
):
    contact = member_contact.person
    old_company = contact.organisation
    url = reverse("admin:directory_person_change", args=[contact.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_change(client_for(admin_user), url, organisation=foreign_company.pk)
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.organisation == foreign_company

    assert [(sent["person"], sent["before"], sent["after"], sent["by"]) for sent in announced] == [
        (
            contact,
            PersonAccess(role=Role.MEMBER_CONTACT, organisation_id=old_company.pk, user_id=member_contact.pk),
            PersonAccess(
                role=Role.MEMBER_CONTACT, organisation_id=foreign_company.pk, user_id=member_contact.pk
            ),
            admin_user,
        )
    ]
    record = contact.history.latest()
    assert record.history_user == admin_user
    assert record.history_change_reason == "Accès modifié par un administrateur\u00a0: organisation"

    for staff in (service_staff, neighbour_staff):  # The old file's service and the new one's.
        notice = Notification.objects.get(user=staff)
        assert notice.title == f"Accès modifié\u00a0: {contact.full_name}"
        assert f"Organisation\u00a0: {own_file.organisation.name} → {foreign_company.name}" in notice.message
        assert "administrateur" in notice.message
    assert not Notification.objects.filter(user__in=[admin_user, member_contact]).exists()

    portal = client_for(member_contact).get(PORTAL)
    assert portal.context["adherent"] == foreign_file, "the correction takes effect at once"


def test_an_administrator_moves_a_staff_member_and_both_services_are_told(
    admin_user,
    client_for,
    service_staff,
    other_service,
    neighbour_staff,
    foreign_file,
    django_capture_on_commit_callbacks,
):
    make_account("collegue", Role.SERVICE_STAFF, organisation=service_staff.person.organisation)
    url = reverse("admin:directory_person_change", args=[service_staff.person.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_change(client_for(admin_user), url, organisation=other_service.pk).status_code == 302
    assert set(Notification.objects.values_list("user__username", flat=True)) == {
        "collegue",
        "service_voisin",
        "service_test",
    }, "the old service's staff, the new one's (the moved person included)"
    assert (
        client_for(service_staff)
        .get(reverse("adherents:adherent_detail", args=[foreign_file.pk]))
        .status_code
        == 200
    )


def test_an_administrator_changes_a_role_from_the_organisation_page(
    admin_user, client_for, service_organisation, announced, django_capture_on_commit_callbacks
):
    """The people inline of the organisation admin goes through the same service."""
    nadia = PersonFactory(
        first_name="Nadia", last_name="Benali", organisation=service_organisation, role=Role.OTHER
    )
    url = reverse("admin:directory_organisation_change", args=[service_organisation.pk])
    form = client_for(admin_user).get(url).context["adminform"].form
    payload = {
        name: ("" if value is None else value) for name, value in form.initial.items() if name != "logo"
    }
    payload.update(
        {
            "people-TOTAL_FORMS": "1",
            "people-INITIAL_FORMS": "1",
            "people-MIN_NUM_FORMS": "0",
            "people-MAX_NUM_FORMS": "1000",
            "people-0-id": nadia.pk,
            "people-0-organisation": service_organisation.pk,
            "people-0-first_name": "Nadia",
            "people-0-last_name": "Benali",
            "people-0-role": Role.SERVICE_STAFF,
            "people-0-college": "",
            "people-0-email": "",
            "people-0-phone": "",
            "people-0-function": "",
        }
    )
    with django_capture_on_commit_callbacks(execute=False):
        assert client_for(admin_user).post(url, payload).status_code == 302
        assert announced == [], "not before the transaction commits"
    nadia.refresh_from_db()
    assert nadia.role == Role.SERVICE_STAFF
    record = nadia.history.latest()
    assert record.history_user == admin_user
    assert record.history_change_reason == "Accès modifié par un administrateur\u00a0: rôle"


def test_an_administrator_changes_the_kind_of_a_service_in_the_admin(
    admin_user, client_for, service_organisation
):
    url = reverse("admin:directory_organisation_change", args=[service_organisation.pk])
    form = client_for(admin_user).get(url).context["adminform"].form
    payload = {
        name: ("" if value is None else value) for name, value in form.initial.items() if name != "logo"
    }
    payload.update(
        {
            "kind": K.OTHER,
            "people-TOTAL_FORMS": "0",
            "people-INITIAL_FORMS": "0",
            "people-MIN_NUM_FORMS": "0",
            "people-MAX_NUM_FORMS": "1000",
        }
    )
    assert client_for(admin_user).post(url, payload).status_code == 302
    record = Organisation.objects.get(pk=service_organisation.pk).history.latest()
    assert record.kind == K.OTHER and record.history_user == admin_user
    assert record.history_change_reason == "Type (décisif pour les accès) fixé par un administrateur"


def test_an_ordinary_admin_edit_is_not_announced(
    admin_user, cfdt, announced, django_capture_on_commit_callbacks
):
    martine = cfdt.people.get()
    martine.function = "Secrétaire générale"
    with django_capture_on_commit_callbacks(execute=True):
        services.person_save(person=martine, by=admin_user)
    assert announced == [] and not Notification.objects.exists()
    assert martine.history.latest().history_change_reason is None


def test_linking_an_account_is_announced_to_the_contact_s_service(
    admin_user, own_file, service_staff, django_capture_on_commit_callbacks
):
    contact = PersonFactory(
        first_name="Paul", last_name="Durand", organisation=own_file.organisation, role=Role.MEMBER_CONTACT
    )
    contact.user = User.objects.create_user("paul_durand")
    with django_capture_on_commit_callbacks(execute=True):
        services.person_save(person=contact, by=admin_user)
    notice = Notification.objects.get(user=service_staff)
    assert "Compte utilisateur\u00a0: rattaché" in notice.message and notice.url == contact.get_absolute_url()
