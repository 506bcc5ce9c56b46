"""The register of personal data: complete, and the committed document is the generated one."""

from django.apps import apps
from django.db import models

from privacy import register
from privacy.register import DOCUMENT_PATH, Entry, register_markdown, suspect_fields, undeclared_fields


def test_every_suspect_field_of_every_model_is_declared_or_set_aside():
    assert undeclared_fields() == []


def test_no_declaration_names_a_field_that_no_longer_exists():
    assert register.stale_declarations() == []


def test_a_new_personal_field_fails_the_check(monkeypatch):
    """A model gaining a phone number, or a link to a person, is caught from the model itself."""
    person = apps.get_model("directory.Person")
    phone = models.CharField(max_length=30)
    phone.set_attributes_from_name("mobile_phone")
    link = models.ForeignKey(person, on_delete=models.CASCADE)
    link.set_attributes_from_name("witness")

    class Meta:
        app_label = "privacy"

    fake = type(
        "Sample",
        (models.Model,),
        {"__module__": "privacy.models", "Meta": Meta, "mobile_phone": phone, "witness": link},
    )
    try:
        assert set(suspect_fields(fake)) == {"mobile_phone", "witness"}
        monkeypatch.setattr(
            register,
            "DECLARED",
            (*register.DECLARED, Entry("privacy.Sample", ("witness",), "", "", "", "", "")),
        )
        assert undeclared_fields() == ["privacy.Sample.mobile_phone"]
    finally:
        del apps.all_models["privacy"]["sample"]
        apps.clear_cache()


def test_the_committed_register_is_the_generated_one():
    assert DOCUMENT_PATH.read_text(encoding="utf-8") == register_markdown(), (
        "docs/donnees-personnelles.md is out of date: run `manage.py privacy_register`"
    )


def test_the_register_names_every_declared_table_with_its_legal_basis_and_period():
    text = register_markdown()
    for entry in register.DECLARED:
        assert f"`{entry.model}`" in text
    assert "obligation légale (art. 6.1 c)" in text
    assert "24 mois par défaut" in text
