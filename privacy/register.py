"""The register of personal data (RGPD art. 30), declared here and written to docs/donnees-personnelles.md.

`DECLARED` lists, model by model, the fields that hold personal data, with the kind of data, why it is
kept, its legal basis (RGPD art. 6.1), who can see it and how long it is kept. `NOT_PERSONAL` lists the
fields that look personal to `suspect_fields` (a name, an e-mail, a free-text note, a link to a user or
a person…) but are not, with the reason. `tests/privacy/test_register.py` fails when a model gains a
suspect field that neither lists, and when the committed document differs from `register_markdown()`.

The texts are French: they are the register itself, a document for the controller and the CNIL, not
strings of the interface.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation

DOCUMENT_PATH = settings.BASE_DIR / "docs" / "donnees-personnelles.md"

# Names that usually carry a person's identity, contact details or free text about them.
SUSPECT_NAME = re.compile(
    r"(^|_)(name|username|email|e_mail|phone|mobile|address|civility|ip|user_agent|contact|person|"
    r"note|notes|comment|comments|body)($|_)"
)
PERSON_MODEL = "directory.Person"


class Basis:
    """RGPD article 6.1, the grounds a controller may rely on."""

    CONSENT = "consentement (art. 6.1 a)"
    CONTRACT = "exécution d’un contrat ou de mesures précontractuelles (art. 6.1 b)"
    LEGAL = "obligation légale (art. 6.1 c)"
    PUBLIC = "mission d’intérêt public (art. 6.1 e)"
    INTEREST = "intérêt légitime (art. 6.1 f)"


class Who:
    ADMINS = "les administrateurs"
    DIRECTORY = "pilotes, consultants, personnel des services, membres de comité ; les administrateurs"
    TEAM = "l’équipe de l’action et les gestionnaires de son programme ; les comités qui la suivent"
    COMMITTEE = "les lecteurs du comité (membres en cours de mandat, rédacteurs) ; les administrateurs"
    SERVICE = "le personnel du service de l’adhérent ; les administrateurs"
    PORTAL = "le personnel du service de l’adhérent, les contacts de l’adhérent sur le portail ; les administrateurs"
    CALL = "les gestionnaires du programme de l’appel et son comité de sélection ; le candidat par son lien privé"
    SELF = "la personne elle-même ; les administrateurs"


# Retention periods not applied by the periodic task (privacy.models.RetentionKind covers the others).
KEPT_WHILE_USED = "tant que la fiche est utile, puis anonymisation sur demande (effacement)"
ACTION_LIFE = "durée de l’action et de son évaluation, puis archives"
COMMITTEE_LIFE = "durée de vie du comité (archives des instances)"
MEMBER_LIFE = "durée de l’adhésion, puis anonymisation sur demande (effacement)"
ACCOUNT_LIFE = "durée du compte"


@dataclass(frozen=True)
class Entry:
    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    data: str  # kind of data
    purpose: str
    basis: str
    who: str
    retention: str  # a privacy.models.RetentionKind value, or a sentence


@dataclass(frozen=True)
class NotPersonal:
    model: str
    fields: tuple[str, ...]
    reason: str


# A table, kept one declaration to a line or two so that it reads as a register.
# fmt: off
DECLARED: tuple[Entry, ...] = (
    # --- Accounts and sign-in ------------------------------------------------------------------
    Entry("auth.User", ("username", "first_name", "last_name", "email"), "identité, identifiant, e-mail",
          "se connecter, recevoir les notices", Basis.PUBLIC, Who.ADMINS, ACCOUNT_LIFE),
    Entry("axes.AccessAttempt", ("username", "ip_address", "user_agent"), "identifiant, adresse IP, navigateur",
          "sécurité des connexions (blocage après échecs répétés)", Basis.INTEREST, Who.ADMINS, "login_attempts"),
    Entry("axes.AccessLog", ("username", "ip_address", "user_agent"), "identifiant, adresse IP, navigateur",
          "sécurité des connexions (journal)", Basis.INTEREST, Who.ADMINS, "login_attempts"),
    Entry("axes.AccessFailureLog", ("username", "ip_address", "user_agent"), "identifiant, adresse IP, navigateur",
          "sécurité des connexions (échecs)", Basis.INTEREST, Who.ADMINS, "login_attempts"),
    Entry("admin.LogEntry", ("user",), "auteur d’une modification dans l’administration",
          "traçabilité des modifications", Basis.INTEREST, Who.ADMINS, ACCOUNT_LIFE),
    Entry("core.FormSubmission", ("user",), "auteur d’un envoi de formulaire",
          "éviter les doubles envois", Basis.INTEREST, Who.SELF, ACCOUNT_LIFE),
    Entry("api.ApiToken", ("owner",), "titulaire d’un jeton d’API", "accès à l’API", Basis.PUBLIC, Who.ADMINS,
          ACCOUNT_LIFE),
    # --- Notices, e-mails, documents -------------------------------------------------------------
    Entry("reminders.Notification", ("user", "actor", "message"), "destinataire, auteur de l’acte, texte",
          "prévenir les personnes de ce qui les concerne", Basis.PUBLIC, Who.SELF, "notifications"),
    Entry("reminders.NotificationPreference", ("user",), "préférence de notice", "respecter le choix de la personne",
          Basis.CONSENT, Who.SELF, ACCOUNT_LIFE),
    Entry("reminders.SentReminder", ("recipient",), "destinataire d’un rappel", "n’envoyer chaque rappel qu’une fois",
          Basis.PUBLIC, Who.ADMINS, "tant que l’objet rappelé existe"),
    Entry("reminders.OutgoingEmail", ("to", "body"), "adresse e-mail, contenu du message",
          "envoyer les convocations, accusés de réception et notices", Basis.PUBLIC, Who.ADMINS, "outgoing_emails"),
    Entry("reports.Document", ("requested_by",), "demandeur d’un PDF", "préparer et remettre le document",
          Basis.PUBLIC, Who.SELF, ACCOUNT_LIFE),
    Entry("library.ProgrammeFollow", ("user",), "abonnement à un programme", "envoyer les nouveautés suivies",
          Basis.CONSENT, Who.SELF, ACCOUNT_LIFE),
    Entry("library.DigestPreference", ("user",), "abonnement à la lettre hebdomadaire",
          "respecter le choix de la personne", Basis.CONSENT, Who.SELF, ACCOUNT_LIFE),
    Entry("library.Publication", ("published_by",), "auteur d’une publication", "traçabilité de la diffusion",
          Basis.PUBLIC, "comme la publication", "durée de la publication"),
    # --- Directory ---------------------------------------------------------------------------------
    Entry("directory.Person", ("first_name", "last_name", "civility", "email", "phone", "user"),
          "identité, coordonnées professionnelles, fonction, compte", "annuaire des partenaires et des instances",
          Basis.PUBLIC, Who.DIRECTORY, KEPT_WHILE_USED),
    Entry("directory.Organisation", ("address", "email", "phone", "notes"),
          "coordonnées de la structure (peuvent désigner un entrepreneur individuel), notes libres",
          "annuaire des partenaires", Basis.PUBLIC, Who.DIRECTORY, KEPT_WHILE_USED),
    # --- Actions ---------------------------------------------------------------------------------------
    Entry("actions.Programme", ("managers",), "gestionnaires du programme", "piloter le programme", Basis.PUBLIC,
          Who.TEAM, ACTION_LIFE),
    Entry("actions.CollectiveAction", ("followers",), "personnes qui suivent l’action", "les prévenir",
          Basis.CONSENT, Who.TEAM, ACTION_LIFE),
    Entry("actions.TeamMember", ("person",), "membre de l’équipe d’une action", "piloter l’action", Basis.PUBLIC,
          Who.TEAM, ACTION_LIFE),
    Entry("actions.PhaseTransition", ("by",), "auteur d’un changement de phase", "traçabilité", Basis.PUBLIC,
          Who.TEAM, ACTION_LIFE),
    Entry("actions.Deliverable", ("validated_by", "uploaded_by", "validation_note"),
          "auteur du dépôt et de la validation, commentaire", "traçabilité des livrables", Basis.PUBLIC, Who.TEAM,
          ACTION_LIFE),
    Entry("actions.Participation", ("notes",), "notes libres sur une structure participante",
          "suivre la participation", Basis.PUBLIC, Who.TEAM, ACTION_LIFE),
    # --- Governance --------------------------------------------------------------------------------
    Entry("governance.Membership", ("person",), "membre d’un comité, collège, mandat", "composer les instances",
          Basis.PUBLIC, Who.COMMITTEE, COMMITTEE_LIFE),
    Entry("governance.Meeting", ("animators",), "animateurs d’une réunion", "organiser la réunion", Basis.PUBLIC,
          Who.COMMITTEE, COMMITTEE_LIFE),
    Entry("governance.AgendaItem", ("presenter",), "présentateur d’un point", "ordre du jour", Basis.PUBLIC,
          Who.COMMITTEE, COMMITTEE_LIFE),
    Entry("governance.Attendance", ("person", "guest_name"), "présence, nom d’un invité", "quorum et compte rendu",
          Basis.PUBLIC, Who.COMMITTEE, COMMITTEE_LIFE),
    Entry("governance.Minutes", ("written_by", "approved_by"), "rédacteur et approbateur du compte rendu",
          "traçabilité des instances", Basis.PUBLIC, Who.COMMITTEE, COMMITTEE_LIFE),
    Entry("governance.MinutesCirculation", ("circulated_by",), "auteur d’une diffusion", "traçabilité", Basis.PUBLIC,
          Who.COMMITTEE, COMMITTEE_LIFE),
    Entry("governance.MinutesRecipient", ("person", "name", "email"), "destinataire d’un compte rendu",
          "prouver la diffusion", Basis.PUBLIC, Who.COMMITTEE, COMMITTEE_LIFE),
    Entry("governance.Decision", ("recorded_by",), "auteur de l’enregistrement d’une décision", "traçabilité",
          Basis.PUBLIC, Who.COMMITTEE, COMMITTEE_LIFE),
    Entry("governance.FollowUpItem", ("owner", "notes"), "responsable d’une suite à donner, notes",
          "suivre les décisions", Basis.PUBLIC, Who.COMMITTEE, COMMITTEE_LIFE),
    Entry("governance.CalendarToken", ("user",), "titulaire d’un flux d’agenda", "publier son agenda",
          Basis.CONSENT, Who.SELF, ACCOUNT_LIFE),
    # --- RACI ------------------------------------------------------------------------------------------
    Entry("raci.Matrix", ("validated_by", "created_by"), "auteur et valideur d’une matrice", "traçabilité",
          Basis.PUBLIC, Who.TEAM, ACTION_LIFE),
    Entry("raci.Role", ("person",), "personne tenant un rôle", "répartir les responsabilités", Basis.PUBLIC,
          Who.TEAM, ACTION_LIFE),
    # --- Member companies (occupational health) ------------------------------------------------------
    Entry("adherents.Adherent",
          ("referent", "admin_contact_name", "admin_contact_email", "admin_contact_phone", "hr_contact_name",
           "hr_contact_email", "hr_contact_phone", "prevention_contact_name", "prevention_contact_email",
           "prevention_contact_phone"),
          "référent du service, contacts de l’entreprise", "suivi de l’adhérent par le service de prévention",
          Basis.LEGAL, Who.PORTAL, MEMBER_LIFE),
    Entry("adherents.StepInstance", ("completed_by", "assignee", "comment"), "personnel chargé d’une étape, commentaire",
          "suivi de la trajectoire de l’adhérent", Basis.LEGAL, Who.SERVICE, MEMBER_LIFE),
    Entry("adherents.ContactAttempt", ("by", "person_reached", "summary"), "personne jointe, ce qui a été dit",
          "suivi des échanges avec l’adhérent", Basis.LEGAL, Who.SERVICE, "contact_attempts"),
    Entry("adherents.PreventionVisit", ("performed_by", "call_notes"), "intervenant, notes d’appel",
          "visite de prévention", Basis.LEGAL, Who.PORTAL, MEMBER_LIFE),
    Entry("adherents.SurveyResponse", ("recorded_by",), "auteur de la saisie d’un questionnaire", "traçabilité",
          Basis.LEGAL, Who.SERVICE, MEMBER_LIFE),
    Entry("adherents.Complaint", ("handled_by",), "personnel chargé d’une réclamation", "traiter la réclamation",
          Basis.LEGAL, Who.SERVICE, MEMBER_LIFE),
    Entry("adherents.StaffNote", ("author", "body"), "note du personnel sur l’adhérent (peut nommer des salariés)",
          "suivi interne de l’adhérent", Basis.LEGAL, "le personnel du service de l’adhérent (jamais le portail)",
          MEMBER_LIFE),
    Entry("adherents.MembershipApplication",
          ("accounting_firm_email", "contact_name", "contact_function", "contact_email", "contact_phone",
           "reviewed_by"),
          "contact du demandeur, adresse e-mail du cabinet comptable, personnel qui instruit",
          "instruire la demande d’adhésion", Basis.CONTRACT, Who.SERVICE, "membership_applications_rejected"),
    # --- Evaluation ------------------------------------------------------------------------------------
    Entry("evaluation.Indicator", ("responsible",), "responsable d’un indicateur", "renseigner l’indicateur",
          Basis.PUBLIC, Who.TEAM, ACTION_LIFE),
    Entry("evaluation.Measurement", ("entered_by", "comment"), "auteur d’une valeur, commentaire", "traçabilité",
          Basis.PUBLIC, Who.TEAM, ACTION_LIFE),
    Entry("evaluation.ApproachEntry", ("author",), "auteur d’une entrée du journal de démarche", "évaluation",
          Basis.PUBLIC, Who.TEAM, ACTION_LIFE),
    # --- Calls for applications ------------------------------------------------------------------------
    Entry("calls.Call", ("contact_email", "created_by"), "adresse de contact de l’appel, auteur",
          "publier l’appel", Basis.PUBLIC, "tous (appel publié)", ACTION_LIFE),
    Entry("calls.Application", ("director_name", "contact_name", "contact_email", "contact_phone", "it_roles",
                                "eligibility_note"),
          "directeur et contact de la structure candidate, référents informatiques, note d’éligibilité",
          "instruire la candidature", Basis.PUBLIC, Who.CALL, "call_applications_rejected"),
    Entry("calls.ProjectTeamMember", ("full_name", "email", "phone"), "équipe projet de la structure candidate",
          "instruire la candidature", Basis.PUBLIC, Who.CALL, "call_applications_rejected"),
    Entry("calls.ComplementRequest", ("requested_by",), "auteur d’une demande de complément", "traçabilité",
          Basis.PUBLIC, Who.CALL, ACTION_LIFE),
    Entry("calls.Score", ("scorer", "entered_by", "comment"), "évaluateur, auteur de la saisie, commentaire",
          "sélection des candidatures", Basis.PUBLIC, "les gestionnaires du programme et le comité de sélection",
          ACTION_LIFE),
    # --- This register's own tables --------------------------------------------------------------------
    Entry("privacy.PersonErasure", ("by", "reason"), "auteur et motif d’une anonymisation (le motif est lui-même "
          "anonymisé)", "rendre compte des demandes traitées", Basis.LEGAL, Who.ADMINS, "sans limite (preuve)"),
    Entry("privacy.PersonExport", ("person", "requested_by"), "dossier d’une personne (fichier ZIP de ses données)",
          "répondre à une demande d’accès (art. 15)", Basis.LEGAL, Who.SELF,
          "jusqu’à l’anonymisation de la personne (supprimé avec elle)"),
    Entry("privacy.RetentionRun", ("by",), "auteur d’un passage de conservation", "rendre compte des effacements",
          Basis.LEGAL, Who.ADMINS, ACCOUNT_LIFE),
    Entry("privacy.ReadLogEntry", ("reader", "path"), "lecteur d’un dossier d’adhérent, date, page lue",
          "savoir qui a lu les dossiers des adhérents et leurs notes internes (sécurité, art. 32)", Basis.INTEREST,
          "les administrateurs ; le référent données du service (permission dans l’administration)", "read_log"),
)
# fmt: on

# A table, kept one declaration to a line or two so that it reads as a register.
# fmt: off
NOT_PERSONAL: tuple[NotPersonal, ...] = (
    NotPersonal("auth.Permission", ("name",), "nom d’une permission"),
    NotPersonal("auth.Group", ("name",), "nom d’un groupe"),
    NotPersonal("directory.Organisation", ("name",), "raison sociale d’une personne morale"),
    NotPersonal("actions.QvtTheme", ("name",), "nom d’un thème"),
    NotPersonal("actions.Programme", ("name",), "nom d’un programme"),
    NotPersonal("actions.CollectiveAction", ("budget_note", "duration_note"), "notes sur le budget et la durée"),
    NotPersonal("actions.FinancingLine", ("note",), "note sur une ligne de financement"),
    NotPersonal("actions.ActionPhase", ("notes",), "notes de travail sur une phase"),
    NotPersonal("governance.Committee", ("name",), "nom d’un comité"),
    NotPersonal("governance.Meeting", ("held_without_quorum_note",), "motif d’une réunion tenue sans quorum"),
    NotPersonal("governance.MinutesCirculation", ("attachment_name",), "nom d’une pièce jointe"),
    NotPersonal("raci.Role", ("name",), "nom d’un rôle"),
    NotPersonal("raci.Activity", ("name",), "nom d’une activité"),
    NotPersonal("adherents.Sector", ("name",), "nom d’un secteur"),
    NotPersonal("adherents.HealthUnit", ("name",), "nom d’une unité"),
    NotPersonal("adherents.Adherent", ("accounting_firm_name", "sign_name"), "noms de sociétés"),
    NotPersonal("adherents.TrajectoryTemplate", ("name",), "nom d’un modèle"),
    NotPersonal("adherents.TrajectoryStep", ("name",), "nom d’une étape"),
    NotPersonal("adherents.WorkUnit", ("name",), "nom d’une unité de travail"),
    NotPersonal("adherents.MembershipApplication", ("accounting_firm_name", "company_name", "sign_name", "address"),
                "noms et adresse de sociétés"),
    NotPersonal("evaluation.Indicator", ("name",), "nom d’un indicateur"),
    NotPersonal("evaluation.ActionAssessment", ("copil_validation_note",), "avis du comité sur l’évaluation"),
    NotPersonal("calls.Application", ("structure_name",), "nom de la structure candidate"),
    NotPersonal("api.ApiToken", ("name",), "nom d’un jeton"),
    NotPersonal("privacy.PersonErasure", ("person_id",), "numéro d’une fiche qui ne porte plus que le pseudonyme"),
    NotPersonal("privacy.ReadLogEntry", ("subject",), "raison sociale de l’adhérent dont le dossier a été lu"),
    NotPersonal("library.Publication", ("body_text",), "texte du document publié, indexé pour la recherche"),
)
# fmt: on


def is_historical(model) -> bool:
    """simple-history's copies (of rows and of many-to-many links): covered by their model's entry and by the
    history rows' entry."""
    if hasattr(model, "instance_type") and hasattr(model, "history_object"):
        return True
    link = next((f for f in model._meta.concrete_fields if f.name == "history" and f.is_relation), None)
    return link is not None and is_historical(link.related_model)


def suspect_fields(model) -> list[str]:
    """Fields of `model` that may hold personal data, read from the model itself."""
    found = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) and not field.many_to_many:
            continue
        if field.auto_created and not field.concrete:
            continue
        related = field.related_model if field.is_relation else None
        if related is not None:
            if related._meta.label in (settings.AUTH_USER_MODEL, PERSON_MODEL):
                found.append(field.name)
        elif isinstance(field, models.EmailField | models.GenericIPAddressField) or SUSPECT_NAME.search(
            field.name
        ):
            found.append(field.name)
    return found


def undeclared_fields() -> list[str]:
    """ "app.Model.field" of every suspect field that the register neither declares nor sets aside."""
    listed = {(e.model, f) for e in (*DECLARED, *NOT_PERSONAL) for f in e.fields}
    missing = []
    for model in apps.get_models():
        if is_historical(model):
            continue
        label = model._meta.label
        missing += [f"{label}.{name}" for name in suspect_fields(model) if (label, name) not in listed]
    return missing


def stale_declarations() -> list[str]:
    """Declared fields that no longer exist."""
    stale = []
    for entry in (*DECLARED, *NOT_PERSONAL):
        try:
            model = apps.get_model(entry.model)
        except LookupError:
            stale.append(entry.model)
            continue
        names = {f.name for f in model._meta.get_fields()}
        stale += [f"{entry.model}.{name}" for name in entry.fields if name not in names]
    return stale


def historised_models() -> list:
    """The history tables of rows (not of many-to-many links), the ones with a `history_user`."""
    found = [m for m in apps.get_models() if is_historical(m) and hasattr(m, "history_object")]
    return sorted(found, key=lambda m: m._meta.label)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def register_markdown() -> str:
    with translation.override("fr"):
        return french_spacing(_markdown())


def french_spacing(text: str) -> str:
    """No-break spaces where French typography wants them (before : and inside « », narrow before ; ! ?)."""
    text = re.sub(r" ([;!?])", "\u202f\\1", text)
    text = re.sub(r" :(\s)", "\u00a0:\\1", text)
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def _markdown() -> str:
    from .models import DEFAULT_MONTHS, RetentionKind

    def retention(value: str) -> str:
        if value in RetentionKind.values:
            return (
                f"{RetentionKind(value).label} : {DEFAULT_MONTHS[value]} mois par défaut (tâche périodique)"
            )
        return value

    lines = [
        "# Données personnelles — registre des traitements",
        "",
        "Document généré par `manage.py privacy_register` à partir de `privacy/register.py` : ne pas le modifier",
        "à la main. Un test échoue quand un modèle gagne un champ personnel que le registre ne déclare pas, et",
        "quand ce fichier diffère de ce que la commande produit.",
        "",
        "Durées de conservation : celles marquées « tâche périodique » sont appliquées chaque nuit par",
        "`privacy.tasks.apply_retention` (réglables dans l’administration, « Durées de conservation » ;",
        "`manage.py privacy_retention --dry-run` liste ce qui serait fait). Les lignes dont dépendent des",
        "chiffres (candidatures, contacts, historique) sont anonymisées, non supprimées.",
        "",
        "## Tables et champs",
        "",
        "| Table | Champs | Données | Finalité | Base légale | Qui y accède | Conservation |",
        "|---|---|---|---|---|---|---|",
    ]
    for entry in sorted(DECLARED, key=lambda e: e.model):
        model = apps.get_model(entry.model)
        lines.append(
            "| "
            + " | ".join(
                _cell(c)
                for c in (
                    f"{model._meta.verbose_name} (`{entry.model}`)",
                    ", ".join(f"`{f}`" for f in entry.fields),
                    entry.data,
                    entry.purpose,
                    entry.basis,
                    entry.who,
                    retention(entry.retention),
                )
            )
            + " |"
        )
    lines += [
        "",
        "## Historique des modifications",
        "",
        "Chaque table historisée garde une copie de ses lignes à chaque modification, avec son auteur",
        "(`history_user`) : mêmes données, finalité et accès que la table elle-même (traçabilité, intérêt",
        f"légitime, art. 6.1 f). Conservation de l’auteur : {retention('history_users')} ; passé ce délai,",
        "l’auteur est effacé des lignes d’historique, qui restent.",
        "",
        "Tables historisées : " + ", ".join(f"`{m._meta.label}`" for m in historised_models()) + ".",
        "",
        "## Champs examinés et non retenus",
        "",
        "| Table | Champs | Pourquoi ce n’est pas une donnée personnelle |",
        "|---|---|---|",
    ]
    for entry in sorted(NOT_PERSONAL, key=lambda e: e.model):
        lines.append(
            f"| `{entry.model}` | {', '.join(f'`{f}`' for f in entry.fields)} | {_cell(entry.reason)} |"
        )
    return "\n".join(lines) + "\n"
