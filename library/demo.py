"""Demo library: what the demo actions and committees produced, published (idempotent).

Runs last; tolerates the absence of the actions or governance demos (it then publishes
what exists). The ACIA programme's showcase page is switched on, with its fiche-actions
public, its validated deliverables for all users and its approved minutes for partners.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from actions.models import Programme

from .models import ProgrammeFollow, Publication
from .registry import get_source
from .services import publication_publish

ACIA_SUMMARY = (
    "Un organisme gestionnaire du social et du médico-social accompagné par l'ARACT Corse pour {verb} outil "
    "numérique avec ses équipes : comité de pilotage, groupes de travail, temps collectifs inter-structures."
)


def _publish_all(source_key: str, by, audience, *, only_programme=None, limit=None) -> int:
    source = get_source(source_key)
    content_type = ContentType.objects.get_for_model(source.model_class())
    done = set(Publication.objects.filter(content_type=content_type).values_list("object_id", flat=True))
    objects = source.candidates(by)
    if only_programme is not None:
        objects = [o for o in objects if source.describe(o).programme == only_programme]
    count = 0
    for obj in list(objects)[:limit]:
        if obj.pk in done:
            continue
        publication_publish(source_key=source_key, obj=obj, by=by, audience=audience)
        count += 1
    return count


def load(stdout) -> None:
    admin = get_user_model().objects.filter(username="admin").first()
    if admin is None:
        stdout.write("    Bibliothèque : pas de compte admin, rien publié\n")
        return
    acia = Programme.objects.filter(code="acia-corse").first()
    if acia is not None:
        if not acia.showcase_enabled:  # a second load records no new version
            acia.showcase_enabled = True
            acia.save(update_fields=["showcase_enabled"])
        for action in acia.actions.filter(public_summary=""):
            verb = (
                "implémenter un"
                if action.axis and action.axis.number == 1
                else "construire les usages partagés d'un"
            )
            action.public_summary = ACIA_SUMMARY.format(verb=verb)
            action.save(update_fields=["public_summary"])
        _publish_all("actions.fiche", admin, Publication.Audience.PUBLIC, only_programme=acia)
    deliverables = _publish_all("actions.deliverable", admin, Publication.Audience.USERS)
    minutes = _publish_all("governance.minutes", admin, Publication.Audience.PARTNERS)
    consultant = get_user_model().objects.filter(username="consultant").first()
    if consultant is not None and acia is not None:
        ProgrammeFollow.objects.get_or_create(user=consultant, programme=acia)
    stdout.write(
        f"    Bibliothèque : {Publication.objects.count()} publications "
        f"(+{deliverables} livrables, +{minutes} comptes rendus)\n"
    )
