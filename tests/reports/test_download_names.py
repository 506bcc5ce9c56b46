"""A downloaded PDF is named from its content (« Fiche-action 01 — Prévenir les TMS.pdf »), safe for every OS."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from reports.registry import all_kinds, download_name, safe_filename


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Registre des décisions — CROCT", "Registre des décisions — CROCT.pdf"),
        ('Compte rendu: 12/03 "COPIL" <A|B> * ?', "Compte rendu 12 03 COPIL A B.pdf"),
        ("Synthèse\\interne\n\tété", "Synthèse interne été.pdf"),
        ("  ..Fiche.  ", "Fiche.pdf"),
        ("Déjà.pdf", "Déjà.pdf"),
        ("/:*?", "document.pdf"),
        ("", "document.pdf"),
    ],
)
def test_safe_filename_strips_what_an_os_refuses_and_keeps_accents_and_spaces(text, expected):
    assert safe_filename(text) == expected


def test_safe_filename_is_bounded():
    name = safe_filename("Compte rendu " + "très long " * 40)
    assert len(name) <= 154 and name.endswith(".pdf") and not name.endswith(" .pdf")


def test_the_fiche_action_is_named_after_its_code_and_title():
    action = SimpleNamespace(code="01", title="Prévenir les TMS")
    document = SimpleNamespace(
        kind="actions.fiche", title="Fiche-action — 01 — Prévenir les TMS", target=action
    )
    with translation.override("fr"):
        assert download_name(document) == "Fiche-action 01 — Prévenir les TMS.pdf"


def test_a_kind_without_its_own_name_uses_the_documents_title_without_any_suffix():
    document = SimpleNamespace(
        kind="governance.register", title="Registre des décisions — CROCT", target=None
    )
    assert download_name(document) == "Registre des décisions — CROCT.pdf"
    gone = SimpleNamespace(kind="no.longer.registered", title="Convocation — COPIL n°2 / 2026", target=None)
    assert download_name(gone) == "Convocation — COPIL n°2 2026.pdf"


def test_every_app_kind_is_registered_with_a_storage_name():
    kinds = all_kinds()
    assert {"actions.fiche", "governance.register", "governance.minutes"} <= set(kinds)
    assert all(callable(kind.filename) for kind in kinds.values())


def test_the_restitution_letter_is_named_after_the_company_and_the_visit_day():
    from datetime import date

    organisation = SimpleNamespace(name="Boulangerie Dupont")
    visit = SimpleNamespace(
        adherent=SimpleNamespace(organisation=organisation), done_on=date(2020, 11, 5), planned_on=None
    )
    document = SimpleNamespace(
        kind="adherents.restitution", title="Restitution — Rendez-vous — Dupont", target=visit
    )
    with translation.override("fr"):
        assert download_name(document) == (
            "Restitution du rendez-vous de la prévention — Boulangerie Dupont — 5 novembre 2020.pdf"
        )
