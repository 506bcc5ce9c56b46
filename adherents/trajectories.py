"""The seed's trajectories (seed 004, "Trajectoire du nouvel adhérent"), shared by every service.

Used by the data migration (so a fresh install can validate memberships), the demo and the
tests. Step names are content, in French, as the service writes them.
"""

from __future__ import annotations

# (order, phase, name, description, kind, responsible, reference, delay in days)
NEW_MEMBER_NAME = "Trajectoire du nouvel adhérent"
NEW_MEMBER_STEPS = [
    (1, 1, "Dossier d'adhésion", "Administration du dossier : données obligatoires, catégories SIG/SIR, contacts.",
     "tache", "service_adherent", "debut", 0),
    (2, 1, "Appel d'accueil", "Une écoute, un accueil, des explications sur les visites et leur périodicité ; "
     "vérifier les coordonnées et les préférences de convocation ; annoncer le contact de l'ASST.",
     "appel", "secretaire", "debut", 15),
    (3, 1, "Mail récapitulatif", "Mail récapitulatif avec le lien vers la vidéo de présentation du service "
     "et l'inscription à une rencontre employeurs.", "tache", "information", "precedente", 2),
    (4, 2, "Rencontre employeurs", "Présenter le service, ses missions, ses équipes et les prestations comprises "
     "dans la cotisation ; amorcer le dialogue.", "tache", "information", "debut", 90),
    (5, 3, "Rendez-vous de la prévention", "Repérage des dangers dans l'entreprise, dans le délai fixé par l'UST "
     "(6 mois au plus).", "visite", "asst", "debut", 183),
    (6, 3, "Débrief UST", "Débrief animé par le médecin du travail pour définir les actions à proposer.",
     "tache", "medecin", "precedente", 15),
    (7, 3, "Restitution à l'employeur", "Courrier et tableau de synthèse, puis un temps d'échange "
     "(visio, téléphone ou présentiel).", "tache", "asst", "precedente", 15),
    (8, 4, "Plan d'action", "Actions proposées à l'entreprise, en lien avec les groupes de travail thématiques.",
     "plan", "ust", "precedente", 60),
]
CONFIRMED_MEMBER_NAME = "Trajectoire de l'adhérent confirmé"
CONFIRMED_MEMBER_STEPS = [
    (1, 5, "Renouvellement du repérage des dangers", "Nouveau rendez-vous de la prévention pour actualiser le "
     "repérage des dangers et poursuivre l'accompagnement.", "tache", "asst", "debut", 1095),
    (2, 5, "Mise à jour du plan d'action", "Actualiser le plan d'action avec l'employeur et le médecin.",
     "tache", "ust", "precedente", 60),
]


def ensure_default_templates(template_model, step_model) -> tuple:
    """Create the two shared templates if missing (idempotent); returns (new member, confirmed)."""
    result = []
    for name, kind, steps, description in (
        (NEW_MEMBER_NAME, "nouvel", NEW_MEMBER_STEPS, "On l'accueille, on l'informe, on le sensibilise, on l'accompagne."),
        (CONFIRMED_MEMBER_NAME, "confirme", CONFIRMED_MEMBER_STEPS, "Renouvellement périodique du bilan des dangers."),
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
    return tuple(result)
