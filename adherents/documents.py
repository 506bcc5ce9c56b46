"""The PDFs of the prevention visit: the restitution to the employer (a letter and its
synthesis table) and the internal synthesis for the UST debrief (hazard map by work unit)."""

from django.utils.translation import gettext_lazy as _

from reports.registry import DocumentKind, register

from . import access


def _visit_context(document) -> dict:
    from .models import ActionPlanItem
    from .selectors import hazard_map, work_units_with_hazards

    visit = document.target
    units = work_units_with_hazards(visit)
    rows = []
    for unit in units:
        for hazard in unit.hazards.all():
            rows.append({"unit": unit, "hazard": hazard})
    rows.sort(key=lambda r: (not r["hazard"].is_priority, r["hazard"].get_family_display(), r["unit"].order))
    return {
        "visit": visit,
        "adherent": visit.adherent,
        "service": visit.adherent.service,
        "units": units,
        "rows": rows,
        "map": hazard_map(units),
        # What is still proposed or under way (done or abandoned actions are history).
        "action_items": list(
            visit.action_items.filter(
                status__in=[ActionPlanItem.Status.PROPOSED, ActionPlanItem.Status.IN_PROGRESS]
            )
        ),
    }


def _restitution_context(document) -> dict:
    from .services import restitution_issue

    context = _visit_context(document)
    # The letter bears the date it was first issued, whenever it is produced again.
    context["issued_on"] = restitution_issue(visit=document.target, by=document.requested_by)
    return context


def _download_name(label):
    """« Restitution du rendez-vous de la prévention — Boulangerie Dupont — 5 novembre 2020 »."""

    def build(document):
        from core import french

        visit = document.target
        when = visit.done_on or visit.planned_on
        parts = [str(label), visit.adherent.organisation.name]
        if when:
            parts.append(french.jour(when))
        return " — ".join(parts)

    return build


def _filename(prefix):
    def build(document):
        visit = document.target
        when = visit.done_on or visit.planned_on
        return (
            f"{prefix}-{visit.adherent.membership_number}-{when:%Y%m%d}.pdf"
            if when
            else f"{prefix}-{visit.pk}.pdf"
        )

    return build


register(
    DocumentKind(
        key="adherents.restitution",
        label=_("Restitution of the prevention visit"),
        template="adherents/pdf/restitution.html",
        build_context=_restitution_context,
        can_view=access.can_view_restitution,
        filename=_filename("restitution"),
        download_name=_download_name(_("Restitution of the prevention visit")),
        sender=lambda document: document.target.adherent.service,
        archive=True,
    )
)

register(
    DocumentKind(
        key="adherents.synthesis",
        label=_("Internal synthesis of the prevention visit"),
        template="adherents/pdf/synthesis.html",
        build_context=_visit_context,
        can_view=access.can_view_synthesis,
        filename=_filename("synthese-interne"),
        download_name=_download_name(_("Internal synthesis of the prevention visit")),
        sender=lambda document: document.target.adherent.service,
    )
)


def _survey_results_context(document) -> dict:
    from .selectors import survey_results

    results = survey_results(document.target)
    return {"survey": document.target, "service": document.target.service, "results": results}


def _survey_results_filename(document) -> str:
    from .survey_exports import survey_results_filename

    return survey_results_filename(document.target, "pdf")


register(
    DocumentKind(
        key="adherents.survey_results",
        label=_("Results of a satisfaction survey"),
        template="adherents/pdf/survey_results.html",
        build_context=_survey_results_context,
        can_view=access.can_view_survey_results,
        filename=_survey_results_filename,
        sender=lambda document: document.target.service,
    )
)
