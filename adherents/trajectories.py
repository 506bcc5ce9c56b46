"""The seed's trajectories (seed 004, "Trajectoire du nouvel adhérent"), shared by every service.

Used by the data migration (so a fresh install can validate memberships), the demo and the
tests. Step names are content, in French, as the service writes them.
"""

from __future__ import annotations

# (order, phase, name, description, kind, responsible, reference, delay in days)
NEW_MEMBER_NAME = "Trajectoire du nouvel adhérent"
NEW_MEMBER_STEPS = [
    (
        1,
        1,
        "Dossier d'adhésion",
        "Administration du dossier : données obligatoires, catégories SIG/SIR, contacts.",
        "tache",
        "service_adherent",
        "debut",
        0,
    ),
    (
        2,
        1,
        "Appel d'accueil",
        "Une écoute, un accueil, des explications sur les visites et leur périodicité ; "
        "vérifier les coordonnées et les préférences de convocation ; annoncer le contact de l'ASST.",
        "appel",
        "secretaire",
        "debut",
        15,
    ),
    (
        3,
        1,
        "Mail récapitulatif",
        "Mail récapitulatif avec le lien vers la vidéo de présentation du service "
        "et l'inscription à une rencontre employeurs.",
        "tache",
        "information",
        "precedente",
        2,
    ),
    (
        4,
        2,
        "Rencontre employeurs",
        "Présenter le service, ses missions, ses équipes et les prestations comprises "
        "dans la cotisation ; amorcer le dialogue.",
        "tache",
        "information",
        "debut",
        90,
    ),
    (
        5,
        3,
        "Rendez-vous de la prévention",
        "Repérage des dangers dans l'entreprise, dans le délai fixé par l'UST (6 mois au plus).",
        "visite",
        "asst",
        "debut",
        183,
    ),
    (
        6,
        3,
        "Débrief UST",
        "Débrief animé par le médecin du travail pour définir les actions à proposer.",
        "tache",
        "medecin",
        "precedente",
        15,
    ),
    (
        7,
        3,
        "Restitution à l'employeur",
        "Courrier et tableau de synthèse, puis un temps d'échange (visio, téléphone ou présentiel).",
        "tache",
        "asst",
        "precedente",
        15,
    ),
    (
        8,
        4,
        "Plan d'action",
        "Actions proposées à l'entreprise, en lien avec les groupes de travail thématiques.",
        "plan",
        "ust",
        "precedente",
        60,
    ),
]
CONFIRMED_MEMBER_NAME = "Trajectoire de l'adhérent confirmé"
CONFIRMED_MEMBER_STEPS = [
    (
        1,
        5,
        "Renouvellement du repérage des dangers",
        "Nouveau rendez-vous de la prévention pour actualiser le "
        "repérage des dangers et poursuivre l'accompagnement.",
        "tache",
        "asst",
        "debut",
        1095,
    ),
    (
        2,
        5,
        "Mise à jour du plan d'action",
        "Actualiser le plan d'action avec l'employeur et le médecin.",
        "tache",
        "ust",
        "precedente",
        60,
    ),
]

# What the company reads on its portal for each step: plain French, no internal code or acronym.
PORTAL_LABELS = {
    NEW_MEMBER_NAME: {
        1: "Votre adhésion est enregistrée",
        2: "Un appel de bienvenue du service",
        3: "Un courriel récapitulatif, avec une vidéo de présentation du service",
        4: "Une réunion d’information pour les employeurs",
        5: "Une visite de votre entreprise pour repérer avec vous les risques",
        6: "Votre médecin du travail et son équipe étudient ce qui a été vu",
        7: "Le compte rendu de la visite vous est remis : un courrier et un échange",
        8: "Des actions de prévention vous sont proposées",
    },
    CONFIRMED_MEMBER_NAME: {
        1: "Une nouvelle visite pour mettre à jour le repérage des risques",
        2: "La mise à jour de votre plan d’action",
    },
}


def fill_portal_labels(template_model, step_model) -> int:
    """Give the seed's steps their plain label where none is set yet (idempotent); returns the count."""
    filled = 0
    for template_name, labels in PORTAL_LABELS.items():
        for order, label in labels.items():
            filled += step_model.objects.filter(
                template__name=template_name, template__service=None, order=order, portal_label=""
            ).update(portal_label=label)
    return filled


def _has_portal_label(step_model) -> bool:
    # Migration 0002 runs with the historical model, before the field existed.
    return any(field.name == "portal_label" for field in step_model._meta.get_fields())


def ensure_default_templates(template_model, step_model) -> tuple:
    """Create the two shared templates if missing (idempotent); returns (new member, confirmed)."""
    result = []
    for name, kind, steps, description in (
        (
            NEW_MEMBER_NAME,
            "nouvel",
            NEW_MEMBER_STEPS,
            "On l'accueille, on l'informe, on le sensibilise, on l'accompagne.",
        ),
        (
            CONFIRMED_MEMBER_NAME,
            "confirme",
            CONFIRMED_MEMBER_STEPS,
            "Renouvellement périodique du bilan des dangers.",
        ),
    ):
        template, created = template_model.objects.get_or_create(
            name=name, service=None, defaults={"kind": kind, "is_default": True, "description": description}
        )
        if created or not step_model.objects.filter(template=template).exists():
            step_model.objects.bulk_create(
                step_model(
                    template=template,
                    order=order,
                    phase=phase,
                    name=step_name,
                    description=text,
                    kind=step_kind,
                    responsible=responsible,
                    reference=reference,
                    delay_days=delay,
                )
                for order, phase, step_name, text, step_kind, responsible, reference, delay in steps
            )
        result.append(template)
    if _has_portal_label(step_model):
        fill_portal_labels(template_model, step_model)
    return tuple(result)
