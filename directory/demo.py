"""Demo organisations and people named in the seeds, and the six demo accounts."""

from django.contrib.auth import get_user_model

from core.demo import DEMO_PASSWORD

from .models import College, Organisation, Person

K = Organisation.Kind
R = Person.Role

# (name, acronym, kind, territory, sector, headcount)
ORGANISATIONS = [
    ("ARACT Corse", "ARACT Corse", K.ARACT, "Corse", "Amélioration des conditions de travail", 8),
    ("Agence régionale de santé de Corse", "ARS Corse", K.INSTITUTION, "Corse", "Santé", None),
    ("DREETS Auvergne-Rhône-Alpes (ex-DIRECCTE)", "DREETS ARA", K.DREETS, "Auvergne-Rhône-Alpes", "Administration", None),
    ("ARACT Auvergne-Rhône-Alpes", "ARACT ARA", K.ARACT, "Auvergne-Rhône-Alpes", "Amélioration des conditions de travail", 25),
    ("Carsat Rhône-Alpes", "Carsat", K.INSTITUTION, "Auvergne-Rhône-Alpes", "Prévention des risques professionnels", None),
    ("MSA Ain-Rhône", "MSA", K.INSTITUTION, "Auvergne-Rhône-Alpes", "Protection sociale agricole", None),
    ("OPPBTP Auvergne-Rhône-Alpes", "OPPBTP", K.INSTITUTION, "Auvergne-Rhône-Alpes", "Prévention BTP", None),
    ("Présanse Auvergne-Rhône-Alpes", "Présanse", K.SSTI, "Auvergne-Rhône-Alpes", "Services de prévention et de santé au travail", None),
    ("MEDEF Auvergne-Rhône-Alpes", "MEDEF", K.UNION, "Auvergne-Rhône-Alpes", "Organisation patronale", None),
    ("CPME Auvergne-Rhône-Alpes", "CPME", K.UNION, "Auvergne-Rhône-Alpes", "Organisation patronale", None),
    ("U2P Auvergne-Rhône-Alpes", "U2P", K.UNION, "Auvergne-Rhône-Alpes", "Organisation patronale", None),
    ("CFDT Auvergne-Rhône-Alpes", "CFDT", K.UNION, "Auvergne-Rhône-Alpes", "Organisation syndicale", None),
    ("CGT Auvergne-Rhône-Alpes", "CGT", K.UNION, "Auvergne-Rhône-Alpes", "Organisation syndicale", None),
    ("FO Auvergne-Rhône-Alpes", "FO", K.UNION, "Auvergne-Rhône-Alpes", "Organisation syndicale", None),
    ("AMNYOS Consultants", "AMNYOS", K.CONSULTANCY, "National", "Conseil", 40),
    ("ADESATT", "ADESATT", K.BRANCH, "National", "Branche des ateliers et chantiers d'insertion", None),
    ("Cabinet Quadrant Conseil", "Quadrant", K.CONSULTANCY, "National", "Conseil en évaluation", 12),
    ("Anact", "Anact", K.ARACT, "National", "Amélioration des conditions de travail", None),
    ("Fonds pour l'amélioration des conditions de travail", "Fact", K.FUNDER, "National", "Financement", None),
    ("Uniformation (OPCO Cohésion sociale)", "Uniformation", K.FUNDER, "National", "Formation", None),
    ("Association interprofessionnelle de santé au travail", "AST", K.SSTI, "Pas-de-Calais", "Service de prévention et de santé au travail", 120),
]

ACCOUNTS = [
    # username, first, last, role, organisation acronym, function, college, staff
    ("admin", "Claire", "Administratrice", R.OTHER, "ARACT ARA", "Administratrice de Copilote", "", True),
    ("pilote", "Julien", "Moreau", R.PILOT, "ADESATT", "Pilote des actions de la branche", College.EMPLOYERS, False),
    ("consultant", "Sophie", "Marchetti", R.CONSULTANT, "ARACT Corse", "Chargée de mission ARACT", College.PREVENTION, False),
    ("croct", "Bernard", "Lefèvre", R.COMMITTEE_MEMBER, "CFDT", "Membre du CROCT et du GPRO", College.EMPLOYEES, False),
    ("service", "Nadia", "Benali", R.SERVICE_STAFF, "AST", "Chargée d'information des adhérents", College.PREVENTION, False),
    ("adherent", "Marc", "Dupont", R.MEMBER_CONTACT, None, "Gérant", College.EMPLOYERS, False),
]


def organisation_by_acronym(acronym: str) -> Organisation:
    return Organisation.objects.get(acronym=acronym)


def load(stdout) -> None:
    for name, acronym, kind, territory, sector, headcount in ORGANISATIONS:
        Organisation.objects.get_or_create(
            acronym=acronym,
            defaults={"name": name, "kind": kind, "territory": territory, "sector": sector, "headcount": headcount},
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
        Person.objects.update_or_create(
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
