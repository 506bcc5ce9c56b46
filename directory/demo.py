"""Demo organisations and people named in the seeds, and the six demo accounts."""

from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils.text import slugify

from core.demo import DEMO_PASSWORD

from .models import College, Organisation, Person

K = Organisation.Kind
R = Person.Role

# (name, acronym, kind, territory, sector, headcount)
ORGANISATIONS = [
    ("ARACT Corse", "ARACT Corse", K.ARACT, "Corse", "Amélioration des conditions de travail", 8),
    ("Agence régionale de santé de Corse", "ARS Corse", K.INSTITUTION, "Corse", "Santé", None),
    (
        "DREETS Auvergne-Rhône-Alpes (ex-DIRECCTE)",
        "DREETS ARA",
        K.DREETS,
        "Auvergne-Rhône-Alpes",
        "Administration",
        None,
    ),
    (
        "ARACT Auvergne-Rhône-Alpes",
        "ARACT ARA",
        K.ARACT,
        "Auvergne-Rhône-Alpes",
        "Amélioration des conditions de travail",
        25,
    ),
    (
        "Carsat Rhône-Alpes",
        "Carsat",
        K.INSTITUTION,
        "Auvergne-Rhône-Alpes",
        "Prévention des risques professionnels",
        None,
    ),
    ("MSA Ain-Rhône", "MSA", K.INSTITUTION, "Auvergne-Rhône-Alpes", "Protection sociale agricole", None),
    ("OPPBTP Auvergne-Rhône-Alpes", "OPPBTP", K.INSTITUTION, "Auvergne-Rhône-Alpes", "Prévention BTP", None),
    (
        "Présanse Auvergne-Rhône-Alpes",
        "Présanse",
        K.SSTI,
        "Auvergne-Rhône-Alpes",
        "Services de prévention et de santé au travail",
        None,
    ),
    ("MEDEF Auvergne-Rhône-Alpes", "MEDEF", K.UNION, "Auvergne-Rhône-Alpes", "Organisation patronale", None),
    ("CPME Auvergne-Rhône-Alpes", "CPME", K.UNION, "Auvergne-Rhône-Alpes", "Organisation patronale", None),
    ("U2P Auvergne-Rhône-Alpes", "U2P", K.UNION, "Auvergne-Rhône-Alpes", "Organisation patronale", None),
    ("CFDT Auvergne-Rhône-Alpes", "CFDT", K.UNION, "Auvergne-Rhône-Alpes", "Organisation syndicale", None),
    ("CGT Auvergne-Rhône-Alpes", "CGT", K.UNION, "Auvergne-Rhône-Alpes", "Organisation syndicale", None),
    ("FO Auvergne-Rhône-Alpes", "FO", K.UNION, "Auvergne-Rhône-Alpes", "Organisation syndicale", None),
    ("AMNYOS Consultants", "AMNYOS", K.CONSULTANCY, "National", "Conseil", 40),
    (
        "ADESATT",
        "ADESATT",
        K.BRANCH,
        "National",
        "Branche Bétic : bureaux d'études techniques, ingénierie, numérique, conseil, événementiel",
        None,
    ),
    (
        "Solutions Productives",
        "Solutions Productives",
        K.CONSULTANCY,
        "National",
        "Conseil en santé au travail et QVT",
        None,
    ),
    ("Pact", "Pact", K.CONSULTANCY, "National", "Conseil en organisation du travail", None),
    ("Cabinet Quadrant Conseil", "Quadrant", K.CONSULTANCY, "National", "Conseil en évaluation", 12),
    (
        "Groupement régional d'appui au développement de la e-santé de Corse",
        "GRADeS Corse",
        K.INSTITUTION,
        "Corse",
        "Santé numérique",
        None,
    ),
    ("Anact", "Anact", K.ARACT, "National", "Amélioration des conditions de travail", None),
    (
        "Fonds pour l'amélioration des conditions de travail",
        "Fact",
        K.FUNDER,
        "National",
        "Financement",
        None,
    ),
    ("Uniformation (OPCO Cohésion sociale)", "Uniformation", K.FUNDER, "National", "Formation", None),
    (
        "Association interprofessionnelle de santé au travail",
        "AST",
        K.SSTI,
        "Pas-de-Calais",
        "Service de prévention et de santé au travail",
        120,
    ),
]

ACCOUNTS = [
    # username, first, last, role, organisation acronym, function, college, staff
    ("admin", "Claire", "Administratrice", R.OTHER, "ARACT ARA", "Administratrice de Copilote", "", True),
    (
        "pilote",
        "Julien",
        "Moreau",
        R.PILOT,
        "ADESATT",
        "Pilote des actions de la branche",
        College.EMPLOYERS,
        False,
    ),
    (
        "consultant",
        "Sophie",
        "Marchetti",
        R.CONSULTANT,
        "ARACT Corse",
        "Chargée de mission ARACT",
        College.PREVENTION,
        False,
    ),
    (
        "croct",
        "Bernard",
        "Lefèvre",
        R.COMMITTEE_MEMBER,
        "CFDT",
        "Membre du CROCT et du GPRO",
        College.EMPLOYEES,
        False,
    ),
    (
        "service",
        "Nadia",
        "Benali",
        R.SERVICE_STAFF,
        "AST",
        "Chargée d'information des adhérents",
        College.PREVENTION,
        False,
    ),
    ("adherent", "Marc", "Dupont", R.MEMBER_CONTACT, None, "Gérant", College.EMPLOYERS, False),
]


# People named in the seeds (name and function only, as the seeds give them) and, so that
# the directory looks real, plausible fictitious colleagues: the GPRO / CROCT members of
# each college (seed 001), the ARACT Corse team and its partners (seed 002), the
# consultants of the ADESATT study (seed 003) and the AST staff (seed 004).
# (first, last, civility, organisation acronym or None, function, college)
PEOPLE = [
    # Seed 001 — PRST 4 workshops.
    (
        "Sophie",
        "Chermat",
        "Mme",
        "DREETS ARA",
        "Animatrice de l'atelier « gouvernance du PRST 4 »",
        College.STATE,
    ),
    ("Nathalie", "Blanc", "Mme", "DREETS ARA", "Contact de la cellule PRST", College.STATE),
    ("Jean-Pierre", "Laurenson", "M.", None, "Vice-président du GPRO", ""),
    (
        "Grégoire",
        "Leclerc",
        "M.",
        "AMNYOS",
        "Consultant, animateur de l'atelier « animation et suivi »",
        College.EXPERTS,
    ),
    (
        "Alexandra",
        "Jay",
        "Mme",
        "U2P",
        "Co-animatrice de l'atelier « animation et suivi »",
        College.EMPLOYERS,
    ),
    ("Julie", "Plassat", "Mme", "AMNYOS", "Consultante « Appui conseil maintien »", College.EXPERTS),
    ("Pierre", "Jolidon", "M.", "AMNYOS", "Consultant « Appui conseil maintien »", College.EXPERTS),
    ("Catherine", "Roux", "Mme", "MEDEF", "Membre du CROCT et du GPRO", College.EMPLOYERS),
    ("Philippe", "Garnier", "M.", "CPME", "Membre du CROCT", College.EMPLOYERS),
    ("Martine", "Perrin", "Mme", "CGT", "Membre du CROCT et du GPRO", College.EMPLOYEES),
    ("Karim", "Haddad", "M.", "FO", "Membre du CROCT", College.EMPLOYEES),
    ("Élodie", "Fournier", "Mme", "Carsat", "Ingénieure conseil, membre du GPRO", College.PREVENTION),
    ("Laurent", "Bonnet", "M.", "MSA", "Conseiller en prévention, membre du CROCT", College.PREVENTION),
    (
        "Stéphane",
        "Girard",
        "M.",
        "OPPBTP",
        "Responsable régional, pilote d'une action BTP",
        College.PREVENTION,
    ),
    (
        "Anne",
        "Mercier",
        "Mme",
        "Présanse",
        "Déléguée régionale des services de santé au travail",
        College.PREVENTION,
    ),
    (
        "Valérie",
        "Chevalier",
        "Mme",
        "ARACT ARA",
        "Chargée de mission, appui méthodologique du PRST",
        College.PREVENTION,
    ),
    ("François", "Morel", "M.", "DREETS ARA", "Responsable du pôle travail, pilote du PRST 4", College.STATE),
    # Seed 002 — ACIA in Corsica (ARS / ARACT Corse, GRADeS).
    (
        "Laura",
        "Santoni",
        "Mme",
        "ARACT Corse",
        "Chargée de mission, secrétaire des temps collectifs de l'ACIA",
        College.PREVENTION,
    ),
    ("Paul-Antoine", "Mattei", "M.", "ARACT Corse", "Directeur", College.PREVENTION),
    ("Marie-Ange", "Luciani", "Mme", "ARS Corse", "Chargée de la stratégie médico-sociale", College.STATE),
    ("Jean-Baptiste", "Casanova", "M.", "GRADeS Corse", "Chef de projet e-santé", College.EXPERTS),
    # Seed 003 — the ADESATT study.
    (
        "Audrey",
        "Darrigrand Fradelle",
        "Mme",
        "Solutions Productives",
        "Consultante, suivi de l'étude ADESATT",
        College.EXPERTS,
    ),
    ("Jean-Michel", "Schweitzer", "M.", "Pact", "Consultant, suivi de l'étude ADESATT", College.EXPERTS),
    (
        "Isabelle",
        "Renaud",
        "Mme",
        "ADESATT",
        "Secrétaire générale de l'association paritaire",
        College.EMPLOYERS,
    ),
    (
        "Fabrice",
        "Lemoine",
        "M.",
        "Fact",
        "Chargé de mission financement des actions collectives",
        College.FUNDERS,
    ),
    ("Sandrine", "Petit", "Mme", "Uniformation", "Conseillère formation", College.FUNDERS),
    # Seed 004 — the AST occupational health service (Béthune, Arras, Lens).
    (
        "Hélène",
        "Vasseur",
        "Dr",
        "AST",
        "Médecin du travail, UST de Béthune, présidente de la CMT",
        College.PREVENTION,
    ),
    ("Thomas", "Delattre", "M.", "AST", "Assistant santé au travail (ASST), UST d'Arras", College.PREVENTION),
    ("Camille", "Lefebvre", "Mme", "AST", "Assistante prévention, UST de Lens", College.PREVENTION),
    ("Olivier", "Caron", "M.", "AST", "IPRP ergonome", College.PREVENTION),
    ("Isabelle", "Dufour", "Mme", "AST", "Secrétaire médicale, UST de Béthune", College.PREVENTION),
    ("Sylvie", "Lambert", "Mme", "AST", "Responsable du service opérationnel des UST", College.PREVENTION),
]


def organisation_by_acronym(acronym: str) -> Organisation:
    return Organisation.objects.get(acronym=acronym)


# Whose documents the demo signs with a logo: the ARACTs (actions, programmes) and the AST (its letters).
LOGO_COLOURS = {K.ARACT: (31, 78, 121), K.SSTI: (30, 107, 52)}


def demo_logo(text: str, colour: tuple[int, int, int]) -> bytes:
    """A plain PNG logo drawn here (the demo downloads nothing): the acronym, white on the colour."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (360, 120), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    for size in range(56, 18, -4):  # the largest size that fits the width
        try:
            font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", size)
        except OSError:
            break
        if draw.textlength(text, font=font) <= 330:
            break
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(
        ((360 - (right - left)) / 2 - left, (120 - (bottom - top)) / 2 - top), text, fill="white", font=font
    )
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def load(stdout) -> None:
    for name, acronym, kind, territory, sector, headcount in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            acronym=acronym,
            defaults={
                "name": name,
                "kind": kind,
                "territory": territory,
                "sector": sector,
                "headcount": headcount,
            },
        )
        if organisation.kind in LOGO_COLOURS and not organisation.logo:
            organisation.logo.save(
                f"demo-{organisation.pk}.png", ContentFile(demo_logo(acronym, LOGO_COLOURS[kind]))
            )
    member_company, _ = Organisation.objects.get_or_create(
        name="Boulangerie Dupont",
        defaults={
            "kind": K.COMPANY,
            "siret": "73282932000074",
            "headcount": 7,
            "sector": "Boulangerie-pâtisserie",
            "territory": "Pas-de-Calais",
            "city": "Béthune",
        },
    )
    User = get_user_model()
    for username, first, last, role, acronym, function, college, staff in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@copilote.example",
                "is_staff": staff,
                "is_superuser": staff,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        organisation = organisation_by_acronym(acronym) if acronym else member_company
        # get_or_create, not update_or_create: a second run must not add a history entry.
        Person.objects.get_or_create(
            user=user,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": user.email,
                "role": role,
                "organisation": organisation,
                "function": function,
                "college": college,
            },
        )
    for first, last, civility, acronym, function, college in PEOPLE:
        organisation = organisation_by_acronym(acronym) if acronym else None
        # Natural key: the name within the organisation (a person may exist twice in two organisations).
        Person.objects.get_or_create(
            first_name=first,
            last_name=last,
            organisation=organisation,
            # An address, as in any directory: the minutes and convocations reach them.
            defaults={
                "civility": civility,
                "function": function,
                "college": college,
                "email": f"{slugify(first)}.{slugify(last)}@{slugify(acronym or 'gpro')}.example",
            },
        )
