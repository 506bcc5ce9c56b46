"""Services of adherents: online membership."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core import locking
from core.history import records_actor, set_history_author
from core.types import Actor
from directory.models import Organisation
from reminders.services import email_queue

from ..models import Adherent, HealthUnit, MembershipApplication, Sector, TrajectoryStep
from ._common import default_template, step_complete, trajectory_start


@records_actor
def application_submit(*, data: dict, service: Organisation, by: User | None = None) -> MembershipApplication:
    """A membership asked online: `by` is None for an anonymous visitor (the usual case)."""
    application = MembershipApplication(service=service, **data)
    application.full_clean()
    with transaction.atomic():
        application.save()
        application_acknowledgement_queue(application=application)
    return application


def application_acknowledgement_queue(*, application: MembershipApplication) -> None:
    """E-mail the acknowledgement to the contact (and to the accounting firm that applied), through the outbox."""
    recipients = [application.contact_email]
    if application.accounting_firm_email:
        recipients.append(application.accounting_firm_email)
    email_queue(
        to=recipients,
        subject=_("Your membership application to %(service)s has been received")
        % {"service": application.service},
        body=render_to_string(
            "adherents/email/application_acknowledgement.txt", {"application": application}
        ),
    )


def _next_membership_number(service: Organisation, year: int) -> str:
    prefix = f"{year}-"
    numbers = Adherent.objects.filter(service=service, membership_number__startswith=prefix).values_list(
        "membership_number", flat=True
    )
    highest = max((int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{highest + 1:04d}"


@records_actor
def application_validate(
    *,
    application: MembershipApplication,
    by: Actor,
    sector: Sector | None = None,
    unit: HealthUnit | None = None,
    referent: User | None = None,
    validated_on: date | None = None,
) -> Adherent:
    """Validate an application: the company, its member file and its trajectory are created."""
    if application.status != MembershipApplication.Status.SUBMITTED:
        raise ValidationError(_("This application has already been reviewed."))
    service = application.service
    if unit is not None and unit.service_id != service.pk:
        raise ValidationError({"unit": _("This UST belongs to another service.")})
    if sector is not None and sector.service_id != service.pk:
        raise ValidationError({"sector": _("This sector belongs to another service.")})
    validated_on = validated_on or timezone.localdate()
    template = default_template(service)
    with transaction.atomic():
        locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status != MembershipApplication.Status.SUBMITTED:
            raise ValidationError(_("This application has already been reviewed."))
        organisation = Organisation.objects.filter(
            siret=application.siret, kind=Organisation.Kind.COMPANY
        ).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=application.company_name,
                kind=Organisation.Kind.COMPANY,
                siret=application.siret,
                headcount=application.headcount,
                address=application.address,
                postal_code=application.postal_code,
                city=application.city,
                email=application.contact_email,
                phone=application.contact_phone,
            )
        locking.locked(
            service
        )  # membership numbers are allocated per service, one validation after the other
        if Adherent.objects.filter(service=service, organisation=organisation, left_on__isnull=True).exists():
            raise ValidationError(_("This company is already a member of the service."))
        adherent = Adherent(
            service=service,
            organisation=organisation,
            membership_number=_next_membership_number(service, validated_on.year),
            applied_on=timezone.localtime(application.submitted_at).date(),
            validated_on=validated_on,
            sector=sector or (unit.sector if unit else None),
            unit=unit,
            referent=referent or by,
            headcount=application.headcount,
            sig_count=application.sig_count,
            sir_count=application.sir_count,
            accounting_firm=application.applicant == MembershipApplication.Applicant.ACCOUNTING_FIRM,
            accounting_firm_name=application.accounting_firm_name,
            admin_contact_name=application.contact_name,
            admin_contact_email=application.contact_email,
            admin_contact_phone=application.contact_phone,
            sign_name=application.sign_name,
            activity_description=application.activity_description,
            opening_hours=application.opening_hours,
        )
        set_history_author(adherent, by)
        adherent.save()
        steps = trajectory_start(adherent=adherent, template=template, start_on=validated_on, by=by)
        # Validating the application is the first step (the membership file is administered).
        first = min(steps, key=lambda s: s.step.order)
        if first.step.reference == TrajectoryStep.Reference.START and first.step.delay_days == 0:
            step_complete(instance=first, by=by, completed_on=validated_on)
        locked.status = MembershipApplication.Status.VALIDATED
        locked.reviewed_by = by
        locked.reviewed_at = timezone.now()
        locked.adherent = adherent
        locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "adherent"])
    application.refresh_from_db()
    return adherent


@records_actor
def application_reject(
    *, application: MembershipApplication, by: Actor, reason: str
) -> MembershipApplication:
    if application.status != MembershipApplication.Status.SUBMITTED:
        raise ValidationError(_("This application has already been reviewed."))
    if not reason.strip():
        raise ValidationError({"rejection_reason": _("Say why the application is rejected.")})
    application.status = MembershipApplication.Status.REJECTED
    application.rejection_reason = reason.strip()
    application.reviewed_by = by
    application.reviewed_at = timezone.now()
    application.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"])
    return application
