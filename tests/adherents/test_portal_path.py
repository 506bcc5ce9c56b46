"""The portal in the company's own words: now and next first, who follows it, the documents,
then the history (most recent first, folded); never the service's internal codes."""

import re

from django.urls import reverse
from django.utils import timezone

from adherents import services
from adherents.models import ActionPlanItem
from adherents.plain_words import in_company_words
from adherents.trajectories import NEW_MEMBER_NAME, PORTAL_LABELS
from core.french import jour

from .factories import PreventionVisitFactory, WorkUnitFactory

LABELS = PORTAL_LABELS[NEW_MEMBER_NAME]
#: Internal codes and acronyms a company must never read on its portal.
JARGON = re.compile(r"\b(SIG|SIR|UST|ASST|DU|RPS|TMS|ON L.ACCUEILLE|On l.accueille|On l.informe|None)\b")


def _main(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def _complete(adherent, order, days_ago):
    step = adherent.steps.get(step__order=order)
    services.step_complete(
        instance=step, by=None, completed_on=timezone.localdate() - timezone.timedelta(days=days_ago)
    )


def test_portal_puts_now_and_next_first_in_plain_words(client_for, member_contact, adherent, service_staff):
    service_staff.first_name, service_staff.last_name, service_staff.email = (
        "Inès",
        "Leroy",
        "ines.leroy@ast.test",
    )
    service_staff.save()
    person = service_staff.person
    person.email, person.phone = "ines.leroy@ast.test", "03 21 00 00 00"
    person.save()
    _complete(adherent, 1, days_ago=19)
    _complete(adherent, 2, days_ago=10)
    visit = PreventionVisitFactory(adherent=adherent, restitution_sent_on=timezone.localdate())
    WorkUnitFactory(visit=visit, name="Fournil")
    ActionPlanItem.objects.create(
        adherent=adherent, visit=visit, title="Mettre à jour le DU", who="Employeur, avec l'ASST"
    )

    html = client_for(member_contact).get(reverse("adherents:portal_home")).content.decode()
    text = _main(html)

    # What is happening now, then what comes next with its date, then who follows the company.
    current, following = adherent.steps.get(step__order=3), adherent.steps.get(step__order=4)
    assert LABELS[3] in text and LABELS[4] in text
    assert jour(following.due_on) in text
    assert "Inès Leroy" in text and "mailto:ines.leroy@ast.test" in html and 'href="tel:0321000000"' in html
    # Order on the page: now, next, documents, action plan, history.
    positions = [
        html.index('data-testid="portal-current"'),
        html.index('data-testid="portal-next"'),
        html.index('data-testid="portal-follower"'),
        html.index('data-testid="portal-documents"'),
        html.index('data-testid="portal-action-plan"'),
        html.index('data-testid="portal-history"'),
    ]
    assert positions == sorted(positions)
    assert current.completed_on is None
    # The report of the visit, one click away.
    assert reverse("adherents:portal_restitution_pdf", args=[visit.pk]) in html
    assert 'href="#plan-action"' in html
    assert "Mettre à jour le document unique — Employeur, avec l’assistant de prévention" in text
    # The history: folded, most recent first.
    history = html[html.index('data-testid="portal-history"') :]
    assert "<details>" in history[:200]
    assert history.index(LABELS[2]) < history.index(LABELS[1])
    # No internal step code, phase, follow-up acronym or team code anywhere.
    assert not JARGON.search(text), JARGON.search(text)
    assert "Rendez-vous de la prévention" not in text and "Débrief" not in text


def test_an_old_trajectory_is_history_not_the_current_step(client_for, member_contact, adherent, templates):
    # A path started years ago and finished comes after the current steps, in the folded history.
    old_start = timezone.localdate() - timezone.timedelta(days=5 * 365)
    services.trajectory_start(by=None, adherent=adherent, template=templates[1], start_on=old_start)
    for step in adherent.steps.filter(step__template=templates[1]):
        services.step_complete(instance=step, by=None, completed_on=old_start + timezone.timedelta(days=10))
    html = client_for(member_contact).get(reverse("adherents:portal_home")).content.decode()
    head = html[: html.index('data-testid="portal-history"')]
    assert PORTAL_LABELS[templates[1].name][1] not in head
    assert PORTAL_LABELS[templates[1].name][1] in html[html.index('data-testid="portal-history"') :]


def test_a_company_whose_path_is_done_is_told_so_and_given_the_service(client_for, member_contact, adherent):
    for step in adherent.steps.all():
        services.step_complete(instance=step, by=None, completed_on=timezone.localdate())
    adherent.referent = None
    adherent.save()
    text = _main(client_for(member_contact).get(reverse("adherents:portal_home")).content.decode())
    assert "Toutes les étapes de votre parcours" in text
    assert adherent.service.name in text


def test_every_seed_step_has_a_plain_label(templates):
    for template in templates:
        for step in template.steps.all():
            assert step.portal_label, step
            assert not JARGON.search(step.portal_label)


def test_the_services_shorthand_is_said_in_plain_words():
    assert in_company_words("Employeur, avec l'ASST") == "Employeur, avec l’assistant de prévention"
    assert in_company_words("Voir avec l’UST ; 3 SIR, 4 SIG") == (
        "Voir avec l’équipe santé au travail ; 3 suivi renforcé, 4 suivi habituel"
    )
    assert in_company_words("Rédiger le DU avec l'INRS") == "Rédiger le document unique avec l'INRS"
    assert in_company_words("DUPONT, STUDIO") == "DUPONT, STUDIO"
