import base64

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, optional_fk, updated_stamp
from core.validators import normalise_siret, validate_siret


class College(models.TextChoices):
    """The colleges of a paritaire or multi-partner body (seed 001)."""

    EMPLOYERS = "employeurs", _("Employers")
    EMPLOYEES = "salaries", _("Employees")
    STATE = "etat", _("State and institutions")
    PREVENTION = "preventeurs", _("Prevention bodies")
    EXPERTS = "experts", _("Experts")
    FUNDERS = "financeurs", _("Funders")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMPANY = "entreprise", _("Company")
        ARACT = "aract", _("ARACT / ANACT")
        DREETS = "dreets", _("DREETS / State services")
        BRANCH = "branche", _("Branch / federation")
        UNION = "syndicat", _("Trade union / employers' organisation")
        SSTI = "ssti", _("Occupational health service (SPST)")
        FUNDER = "financeur", _("Funder")
        CONSULTANCY = "cabinet", _("Consultancy")
        INSTITUTION = "institution", _("Public institution")
        OTHER = "autre", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    siret = models.CharField(_("SIRET"), max_length=20, blank=True, validators=[validate_siret])
    headcount = models.PositiveIntegerField(_("headcount"), null=True, blank=True)
    sector = models.CharField(_("business sector"), max_length=120, blank=True)
    territory = models.CharField(_("territory"), max_length=120, blank=True)
    address = models.TextField(_("address"), blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        help_text=_(
            "PNG or JPEG, at most 500 KB: shown at the head of the documents this organisation sends."
        ),
    )
    created_at = created_stamp(_("created at"))
    updated_at = updated_stamp(_("updated at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        # By name alone too: lists of member files and companies sort on it and show one page
        # (an index walk stops after the page instead of sorting every organisation).
        indexes = [models.Index(fields=["kind", "name"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        self.siret = normalise_siret(self.siret)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation_detail", args=[self.pk])

    @cached_property
    def logo_data_uri(self) -> str:
        """The logo inlined (`data:` URI) for pages and PDFs: no media URL to serve; "" if none or unreadable."""
        if not self.logo:
            return ""
        try:
            with self.logo.open("rb") as handle:
                data = handle.read()
        except OSError:
            return ""
        mimetype = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
        return f"data:{mimetype};base64,{base64.b64encode(data).decode('ascii')}"


class Person(models.Model):
    """Anybody Copilote knows of, with or without an account."""

    class Role(models.TextChoices):
        """The coarse role of an account: it shapes the navigation and the defaults.

        Object-level access is never decided on this alone: it comes from the
        relations (action team, committee membership, service, member file).
        """

        PILOT = "pilote", _("Action pilot")
        CONSULTANT = "consultant", _("ARACT consultant")
        COMMITTEE_MEMBER = "comite", _("Committee member (read-only)")
        SERVICE_STAFF = "service", _("Occupational health service staff")
        MEMBER_CONTACT = "adherent", _("Member company contact")
        OTHER = "autre", _("Other")

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    civility = models.CharField(_("civility"), max_length=10, blank=True)
    organisation = optional_fk(Organisation, _("organisation"), "people")
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    college = models.CharField(_("college"), max_length=20, choices=College.choices, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OTHER)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    created_at = created_stamp(_("created at"))
    updated_at = updated_stamp(_("updated at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("directory:person_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
