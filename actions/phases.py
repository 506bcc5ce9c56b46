"""The ANACT reference: 4 stages, 7 phases, each with who / why / how / expected outcome (seed 000).

Kept in code, not in the database: it is the method itself, shown as guidance on
every action phase, and the source of each phase's default deliverable.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PhaseReference:
    number: int
    stage_number: int
    stage: str
    name: str
    who: str
    why: str
    how: str
    outcome: str
    deliverable: str


PHASES: tuple[PhaseReference, ...] = (
    PhaseReference(
        1,
        1,
        _("Start-up and design"),
        _("Emergence"),
        _("DREETS (formerly DDTEFP/DRTEFP), the porteur, the ARACT, the companies"),
        _(
            "To gather and assess the requests of the companies and/or of the porteur, identify the stakes, estimate the objectives, start building a project"
        ),
        _(
            "Two steps: analysis of the request and understanding of the actors' expectations; design of the pre-project by the porteur, with the support of the DREETS and/or the ARACT"
        ),
        _("A formalised pre-project"),
        _("Formalised pre-project"),
    ),
    PhaseReference(
        2,
        1,
        _("Start-up and design"),
        _("Design"),
        _("Steering committee"),
        _("To set up the approach from overall objectives, going into the detail of the phases"),
        _(
            "Two steps: building the project (define the method, form the steering committee and clarify everyone's role and the rules of cooperation, plan the financing and how consultants are chosen, set the number of targeted companies); drafting the agreement"
        ),
        _("Signature of the agreement between the porteur and the State"),
        _("Signed agreement"),
    ),
    PhaseReference(
        3,
        2,
        _("Mobilisation"),
        _("Information and awareness"),
        _(
            "Steering committee and targeted or selected companies, and people who can speak on specific points"
        ),
        _(
            "To present how the collective action works and, if the companies are not selected yet, inform more widely on the stakes of prevention"
        ),
        _("Through an information meeting adapted in content and facilitation to the target"),
        _("A fixed list of participating companies and company groups formed by the steering committee"),
        _("Fixed list of companies and groups"),
    ),
    PhaseReference(
        4,
        3,
        _("Implementation"),
        _("Support and follow-up"),
        _("Consultant and possibly the porteur, the companies (managers and employees)"),
        _("To help the companies build a prevention project"),
        _(
            "In several ways: collective reflection groups, possibly with interventions in companies or individual drop-in sessions, or training modules"
        ),
        _(
            "Depending on the support chosen: risk assessment document (DU) and/or action plan formalised, prevention system organised"
        ),
        _("DU / action plan per company"),
    ),
    PhaseReference(
        5,
        4,
        _("Capitalisation / transfer"),
        _("Capitalisation"),
        _("Porteur and/or ARACT and/or consultants"),
        _("To write a synthesis report on the main lessons drawn from the collective action"),
        _(
            "By analysing the data from the companies, identifying with the consultants the key points of the approach, gathering from the companies and/or the porteur the data on how the action went"
        ),
        _("A synthesis document validated by the steering committee"),
        _("Synthesis document validated by the COPIL"),
    ),
    PhaseReference(
        6,
        4,
        _("Capitalisation / transfer"),
        _("Dissemination of experience"),
        _("The porteur, with the support of the ARACT and/or the consultant"),
        _(
            "To let other targets benefit from the experience and lessons of the action, and possibly generate new actions"
        ),
        _("By identifying the potential targets and the appropriate means of dissemination"),
        _("Documents and other materials made available to the identified targets"),
        _("Dissemination materials"),
    ),
    PhaseReference(
        7,
        4,
        _("Capitalisation / transfer"),
        _("Review and evaluation"),
        _("Steering committee"),
        _(
            "To step back from the action and highlight the openings it created in the field of working conditions"
        ),
        _(
            "Using the evaluation criteria set during the design phase, to count the companies with a structured prevention system and describe the social progress on work and its organisation"
        ),
        _("A final evaluation report"),
        _("Final evaluation report"),
    ),
)

PHASE_COUNT = len(PHASES)


def phase_reference(number: int) -> PhaseReference:
    return PHASES[number - 1]
