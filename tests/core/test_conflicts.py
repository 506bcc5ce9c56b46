"""Edit conflicts (core.conflicts): a save on a stale version merges what it can and refuses the rest."""

import pytest
from django import forms
from django.db import transaction

from core.conflicts import EditConflict, VersionedFormMixin, check_version, version_of
from core.forms import ModelForm
from core.history import record_change, restore_fields
from directory.models import Organisation
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


class OrganisationForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = Organisation
        fields = ("name", "kind", "city", "address")


def _save_as(organisation, user, **values):
    for name, value in values.items():
        setattr(organisation, name, value)
    record_change(organisation, by=user)
    organisation.save()


def _post(organisation, version, **values):
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "city": organisation.city,
        "address": organisation.address,
        "version": str(version),
        **values,
    }
    return OrganisationForm(data, instance=Organisation.objects.get(pk=organisation.pk))


def _save(form):
    assert form.is_valid(), form.errors
    with transaction.atomic():
        obj = form.save(commit=False)
        check_version(obj, form.expected_version)
        obj.save()
    return obj


def test_the_form_carries_the_version_it_was_opened_on():
    organisation = OrganisationFactory(city="Lyon")
    form = OrganisationForm(instance=organisation)
    assert form.fields["version"].initial == version_of(organisation) > 0
    assert 'type="hidden" name="version"' in str(form["version"])


def test_nobody_else_saved_the_save_goes_through():
    organisation = OrganisationFactory(city="Lyon")
    form = _post(organisation, version_of(organisation), city="Grenoble")
    assert _save(form).city == "Grenoble"


def test_another_person_changed_another_field_both_changes_are_kept():
    marie = UserFactory(first_name="Marie", last_name="Durand")
    organisation = OrganisationFactory(city="Lyon", address="1 rue A")
    opened = version_of(organisation)
    form = _post(organisation, opened, city="Grenoble")
    _save_as(Organisation.objects.get(pk=organisation.pk), marie, address="2 rue B")
    # the form's instance was read before Marie saved: her address must not be overwritten
    form.instance.address = "1 rue A"
    saved = _save(form)
    saved.refresh_from_db()
    assert (saved.city, saved.address) == ("Grenoble", "2 rue B")


def test_both_changed_the_same_field_nothing_is_written_and_both_values_are_shown():
    marie = UserFactory(first_name="Marie", last_name="Durand")
    organisation = OrganisationFactory(city="Lyon")
    opened = version_of(organisation)
    _save_as(Organisation.objects.get(pk=organisation.pk), marie, city="Vienne")
    form = _post(organisation, opened, city="Grenoble")
    with pytest.raises(EditConflict) as caught:
        _save(form)
    organisation.refresh_from_db()
    assert organisation.city == "Vienne"
    conflict = caught.value
    assert [f.name for f in conflict.fields] == ["city"]
    assert conflict.authors == ["Marie Durand"]
    form.show_conflict(conflict)
    assert "Marie Durand" in form.non_field_errors()[0]
    assert "Vienne" in form.errors["city"][0]
    assert form["city"].value() == "Grenoble"  # what the person typed is kept
    assert form["version"].value() == str(conflict.version)
    # saving again on the new version keeps the person's value, deliberately
    again = OrganisationForm(form.data, instance=Organisation.objects.get(pk=organisation.pk))
    assert _save(again).city == "Grenoble"


def test_both_typed_the_same_value_is_no_conflict():
    marie = UserFactory()
    organisation = OrganisationFactory(city="Lyon")
    opened = version_of(organisation)
    _save_as(Organisation.objects.get(pk=organisation.pk), marie, city="Vienne")
    assert _save(_post(organisation, opened, city="Vienne")).city == "Vienne"


def test_choices_are_shown_as_users_read_them():
    marie = UserFactory()
    organisation = OrganisationFactory(kind=Organisation.Kind.COMPANY)
    opened = version_of(organisation)
    other = next(k for k in Organisation.Kind if k != Organisation.Kind.COMPANY)
    _save_as(Organisation.objects.get(pk=organisation.pk), marie, kind=other)
    form = _post(
        organisation,
        opened,
        kind=next(k for k in Organisation.Kind if k not in (Organisation.Kind.COMPANY, other)),
    )
    with pytest.raises(EditConflict) as caught:
        _save(form)
    assert caught.value.fields[0].theirs_display == str(other.label)


def test_a_post_without_version_or_a_forged_one_is_no_server_error():
    organisation = OrganisationFactory(city="Lyon")
    assert _save(_post(organisation, "", city="Annecy")).city == "Annecy"
    form = _post(organisation, "abc", city="Annecy")
    assert not form.is_valid() and "version" in form.errors
    form = _post(organisation, "-3", city="Annecy")
    assert not form.is_valid()


@pytest.mark.django_db(transaction=True)
def test_check_version_refuses_to_run_outside_a_transaction():
    organisation = OrganisationFactory()
    with pytest.raises(transaction.TransactionManagementError):
        check_version(organisation, 0)


def test_restore_brings_back_an_earlier_text_as_a_new_version():
    marie = UserFactory(first_name="Marie", last_name="Durand")
    organisation = OrganisationFactory(address="Premier texte")
    first = organisation.history.latest()
    _save_as(organisation, marie, address="Second texte")
    before = organisation.history.count()
    changed = restore_fields(organisation, record=first, fields=["address"], by=marie)
    organisation.save()
    assert changed == ["address"]
    organisation.refresh_from_db()
    assert organisation.address == "Premier texte"
    latest = organisation.history.latest()
    assert organisation.history.count() == before + 1
    assert latest.history_user == marie
    assert latest.history_change_reason.startswith("Restauration de la version du ")


def test_restore_refuses_another_objects_row():
    one, two = OrganisationFactory(), OrganisationFactory()
    with pytest.raises(ValueError):
        restore_fields(one, record=two.history.latest(), fields=["address"], by=UserFactory())


def test_hidden_form_fields_in_conflict_are_reported_above_the_form():
    class NameOnly(VersionedFormMixin, ModelForm):
        class Meta:
            model = Organisation
            fields = ("name", "city")
            widgets = {"city": forms.HiddenInput}

    marie = UserFactory(first_name="Marie", last_name="Durand")
    organisation = OrganisationFactory(city="Lyon")
    opened = version_of(organisation)
    _save_as(Organisation.objects.get(pk=organisation.pk), marie, city="Vienne")
    form = NameOnly(
        {"name": organisation.name, "city": "Grenoble", "version": opened},
        instance=Organisation.objects.get(pk=organisation.pk),
    )
    with pytest.raises(EditConflict) as caught:
        _save(form)
    form.show_conflict(caught.value)
    assert any("Vienne" in e for e in form.non_field_errors())
