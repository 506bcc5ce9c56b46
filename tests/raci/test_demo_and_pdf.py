"""The demo matrices on the ACIA actions, and the PDF of a matrix."""

import io

import pytest
from pypdf import PdfReader

from actions.models import ProgrammeAxis
from raci import demo
from raci.models import Matrix
from raci.selectors import build_grid, matrix_data
from reports.models import Document
from reports.services import document_render, document_request

from .factories import ActionFactory, ProgrammeFactory, join_team, small_matrix

pytestmark = pytest.mark.django_db


class Out:
    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text)


def test_without_the_acia_programme_only_the_templates_load():
    out = Out()
    demo.load(out)
    demo.load(out)
    assert Matrix.objects.filter(is_template=True).count() == 2
    assert not Matrix.objects.filter(is_template=False).exists()


def test_the_acia_actions_carry_the_annexe_2_matrix_of_their_axis_the_first_one_adapted(consultant):
    programme = ProgrammeFactory(code="acia-corse")
    axis1 = ProgrammeAxis.objects.create(programme=programme, number=1, title="Implémentation")
    axis2 = ProgrammeAxis.objects.create(programme=programme, number=2, title="Usages partagés")
    first = ActionFactory(programme=programme, code="OG-1", axis=axis1)
    second = ActionFactory(programme=programme, code="OG-2", axis=axis2)
    join_team(first, consultant)
    demo.load(Out())
    demo.load(Out())  # idempotent
    templates = {m.template_key: m for m in Matrix.objects.filter(is_template=True)}
    adapted, plain = first.raci_matrices.get(), second.raci_matrices.get()
    assert plain.source == templates["annexe2-axe2"]
    assert matrix_data(plain) == matrix_data(templates["annexe2-axe2"])
    assert adapted.source == templates["annexe2-axe1"]
    data = matrix_data(adapted)
    assert data.roles[-1] == "Référent numérique"
    assert "Information des équipes" in [a.name for a in data.activities]
    assert len(data.activities) == 13
    report = build_grid(adapted).report
    assert report.errors == []
    assert len(report.warnings) == 10  # two rows approved by the COPIL, one new row approved


def test_the_pdf_is_rendered_on_landscape_pages_with_the_legend_summary_and_workload(pilot, action):
    matrix = small_matrix(action=action, rows=3, roles=2, letters="RA")
    document = document_request(kind="raci.matrix", target=matrix, requested_by=pilot)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == Document.Status.DONE, document.error
    reader = PdfReader(io.BytesIO(document.file.read()))
    box = reader.pages[0].mediabox
    assert box.width > box.height
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in ("Légende", "Contrôle de la matrice", "Charge de travail", "Activité 1", "Rôle 1", "R/A"):
        assert expected in text


def test_someone_outside_the_action_cannot_ask_for_its_pdf(other_pilot, action):
    from django.core.exceptions import PermissionDenied

    matrix = small_matrix(action=action)
    with pytest.raises(PermissionDenied):
        document_request(kind="raci.matrix", target=matrix, requested_by=other_pilot)
