from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from actions.reminders import deliverables_late, phases_late
from actions.services import action_close, phase_advance
from reminders.registry import all_rules
from reminders.services import reminders_scan
from reports.models import Document
from reports.services import document_render, document_request
from tests.actions.factories import make_action

pytestmark = pytest.mark.django_db


def test_late_phase_and_deliverable_remind_the_pilots_once(action, pilot, consultant):
    from actions.models import TeamMember
    from directory.access import person_of

    TeamMember.objects.create(action=action, person=person_of(consultant), role="consultant")
    today = timezone.localdate()
    phase = action.phases.get(number=1)
    phase.planned_end = today - timedelta(days=2)
    phase.save()
    deliverable = action.deliverables.get(phase__number=1)
    deliverable.due_date = today - timedelta(days=1)
    deliverable.save()
    assert [d.recipients for d in phases_late(today)] == [[pilot]]
    assert [d.obj for d in deliverables_late(today)] == [deliverable]
    rules = [r for r in all_rules() if r.key.startswith("actions.")]
    assert {r.key for r in rules} == {"actions.phase_late", "actions.deliverable_late"}
    result = reminders_scan(today=today, rules=rules)
    assert result.sent == 2 and len(mail.outbox) == 2
    assert {m.to[0] for m in mail.outbox} == {pilot.email}
    assert any("Phase en retard" in m.subject for m in mail.outbox)
    assert reminders_scan(today=today, rules=rules).sent == 0  # once only


def test_a_closed_action_reminds_nobody(action, pilot):
    today = timezone.localdate()
    for _ in range(6):
        phase_advance(action=action, by=pilot, override_reason="reprise")
    action_close(action=action, by=pilot, override_reason="bilan oral")
    action.deliverables.update(due_date=today - timedelta(days=5))
    action.phases.update(planned_end=today - timedelta(days=5))
    assert not list(phases_late(today)) and not list(deliverables_late(today))


def test_both_pdfs_render_and_readers_only(
    action, pilot, outsider, committee_member, committee_reads_programme
):
    import io

    from pypdf import PdfReader

    action.objectives = ["Aider les entreprises à recourir à des compétences externes"]
    action.pertinence, action.feasibility = 5, 3
    action.save()
    make_action(by=pilot, programme=action.programme, code="02", pertinence=4, feasibility=4)
    for kind, target, words in (
        (
            "actions.fiche",
            action,
            ["Fiche-action", "Aider les entreprises", "Émergence", "Pré-projet formalisé"],
        ),
        (
            "actions.recap",
            action.programme,
            ["Tableau récapitulatif des actions", "Fourchette", "Faisabilité"],
        ),
    ):
        document = document_request(kind=kind, target=target, requested_by=pilot)
        document = document_render(document_id=document.pk) or Document.objects.get(pk=document.pk)
        assert document.status == Document.Status.DONE, document.error
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(document.file.read())).pages)
        for word in words:
            assert word in text, (kind, word)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        document_request(kind="actions.fiche", target=action, requested_by=outsider)
    committee_reads_programme(action.programme)
    assert document_request(kind="actions.recap", target=action.programme, requested_by=committee_member)
