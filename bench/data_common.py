"""What the builders of bench/data.py share: names, words and bulk inserts."""

from __future__ import annotations

from datetime import date, datetime
from datetime import time as dtime

BATCH = 5_000
PILOT_USERNAME = "banc-pilote"
STAFF_USERNAME = "banc-service"
TERRITORIES = ["Isère", "Savoie", "Rhône", "Loire", "Drôme", "Ain"]
FIRST_NAMES = [
    "Isabelle",
    "Christophe",
    "Nathalie",
    "Stéphane",
    "Sandrine",
    "Frédéric",
    "Véronique",
    "David",
    "Céline",
    "Olivier",
    "Aurélie",
    "Laurent",
    "Julie",
    "Nicolas",
    "Claire",
    "Mathieu",
]
LAST_NAMES = [
    "Lefebvre",
    "Dubois",
    "Morel",
    "Lemaire",
    "Caron",
    "Delattre",
    "Vasseur",
    "Leroy",
    "Duhamel",
    "Fournier",
    "Bouchez",
    "Carpentier",
    "Dumont",
    "Lecomte",
    "Gosselin",
    "Deprez",
    "Leclercq",
    "Delcroix",
    "Dupuis",
    "Lambert",
    "Mercier",
    "Fontaine",
    "Poulain",
    "Descamps",
    "Boulanger",
    "Lefranc",
    "Pruvost",
]
TRADES = [
    "Boulangerie",
    "Garage",
    "Transports",
    "Menuiserie",
    "Salon de coiffure",
    "Restaurant",
    "Plomberie",
    "Cabinet comptable",
    "Maçonnerie",
    "Aide à domicile",
    "Supérette",
    "Nettoyage industriel",
    "Pharmacie",
    "Électricité générale",
    "Imprimerie",
    "Paysagiste",
]
HAZARDS = ["chutes", "manutention", "postures", "bruit", "chimique", "machines", "routier", "rps", "ecran"]
AGENDA = [
    "Approbation du compte rendu précédent",
    "Avancement des phases et des livrables",
    "Point sur les entreprises engagées",
    "Indicateurs de suivi",
    "Questions diverses et prochaines étapes",
]
LOREM = (
    "Le comité a fait le point sur l'avancement de l'action, les difficultés rencontrées dans les entreprises "
    "et les ajustements à prévoir. Les participants ont échangé sur les retours des salariés et sur le calendrier "
    "des prochaines étapes. "
)


def _bulk(model, rows, batch=BATCH):
    created = []
    for start in range(0, len(rows), batch):
        created += model.objects.bulk_create(rows[start : start + batch])
    return created


def _aware(day: date, hour: int = 14):
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, dtime(hour, 0)))


def _months_back(today: date, count: int) -> list[date]:
    """The first days of the `count` months before the current one, oldest first."""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append(date(year, month, 1))
    return list(reversed(months))
