"""Services of actions: participations."""

from __future__ import annotations

from datetime import date, datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from core.conflicts import check_version
from core.history import records_actor
from core.tabular import ImportRejected, RowError, TableError, read_table
from core.types import Actor
from directory.models import Organisation

from ..models import CollectiveAction, Participation


@records_actor
def participation_save(
    *, participation: Participation, by: Actor, expected_version: int | None = None
) -> Participation:
    with transaction.atomic():
        check_version(participation, expected_version)
        participation.full_clean()
        participation.save()
    return participation


IMPORT_COLUMN_LABELS = {
    "Entreprise": "organisation",
    "SIRET": "siret",
    "Statut": "status",
    "Groupe": "group",
    "Motif de sortie": "withdrawal_reason",
    "Engagée le": "engaged_on",
    "DU formalisé le": "du_formalised_on",
    "Plan d'action le": "action_plan_on",
    "Système de prévention le": "prevention_system_on",
}


IMPORT_COLUMNS = {label.lower(): key for label, key in IMPORT_COLUMN_LABELS.items()}


DATE_COLUMNS = ("engaged_on", "du_formalised_on", "action_plan_on", "prevention_system_on")


def _parse_date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _status_from_label(text: str) -> str | None:
    wanted = text.strip().lower()
    if not wanted:
        return Participation.Status.TARGETED
    for value, label in Participation.Status.choices:
        if wanted in (value, str(label).lower()):
            return value
    return None


# Text cells longer than their column: refused by row rather than cut or crashing the database.
_IMPORT_TEXT_LIMITS: dict[str, int] = {
    "organisation": Organisation._meta.get_field("name").max_length or 0,
    "group": Participation._meta.get_field("group").max_length or 0,
}


@records_actor
def participation_import(*, action: CollectiveAction, upload: UploadedFile, by: Actor) -> int:
    """Import participating companies from CSV/XLSX: all rows or none. Returns the number of rows.

    Columns (French headers, case-insensitive): Entreprise (required), SIRET, Statut, Groupe,
    Motif de sortie, Engagée le, DU formalisé le, Plan d'action le, Système de prévention le.
    A company is matched by SIRET, then by name; an unknown company is created.
    """
    try:
        table = read_table(upload)
    except TableError as exc:
        raise ImportRejected([RowError(1, "", str(exc))]) from exc
    header_map = {}
    for header in table.headers:
        key = IMPORT_COLUMNS.get(header.strip().lower())
        if key:
            header_map[header] = key
    if "organisation" not in header_map.values():
        raise ImportRejected([RowError(1, "Entreprise", _("the column « Entreprise » is missing."))])
    label_of = {key: header for header, key in header_map.items()}
    status_labels = ", ".join(str(label).lower() for _v, label in Participation.Status.choices)

    organisations_by_siret = {o.siret: o for o in Organisation.objects.exclude(siret="")}
    organisations_by_name = {o.name.strip().lower(): o for o in Organisation.objects.all()}
    existing = {p.organisation_id: p for p in action.participations.all()}

    errors: list[RowError] = []
    parsed = []
    seen = set()
    for number, row in table.dict_rows():
        values = {key: (row.get(header) or "").strip() for header, key in header_map.items()}
        name = values.get("organisation", "")
        if not name:
            errors.append(RowError(number, label_of["organisation"], _("the company name is required.")))
            continue
        for key, limit in _IMPORT_TEXT_LIMITS.items():
            if len(values.get(key, "")) > limit:
                errors.append(
                    RowError(
                        number,
                        label_of[key],
                        _("%(max)s characters at most (here %(length)s).")
                        % {"max": limit, "length": len(values[key])},
                    )
                )
        status = _status_from_label(values.get("status", ""))
        if status is None:
            errors.append(
                RowError(
                    number,
                    label_of["status"],
                    _("unknown status (expected: %(labels)s).") % {"labels": status_labels},
                )
            )
        dates = {}
        for key in DATE_COLUMNS:
            if key in values:
                try:
                    dates[key] = _parse_date(values[key])
                except ValueError:
                    errors.append(
                        RowError(
                            number,
                            label_of[key],
                            _("« %(value)s » is not a date (expected DD/MM/YYYY).") % {"value": values[key]},
                        )
                    )
        siret = "".join(ch for ch in values.get("siret", "") if ch.isdigit())
        if values.get("siret") and len(siret) != 14:
            errors.append(RowError(number, label_of["siret"], _("a SIRET has 14 digits.")))
        if status == Participation.Status.WITHDRAWN and not values.get("withdrawal_reason"):
            errors.append(
                RowError(
                    number,
                    label_of.get("withdrawal_reason", "Motif de sortie"),
                    _("a withdrawn company needs a reason."),
                )
            )
        identity = siret or name.lower()
        if identity in seen:
            errors.append(
                RowError(number, label_of["organisation"], _("this company appears twice in the file."))
            )
        seen.add(identity)
        parsed.append((number, name, siret, status, values, dates))
    if not parsed and not errors:
        errors.append(
            RowError(2, label_of["organisation"], _("the file has no company below its header row."))
        )
    if errors:
        raise ImportRejected(errors)

    with transaction.atomic():
        for _number, name, siret, status, values, dates in parsed:
            organisation = organisations_by_siret.get(siret) if siret else None
            organisation = organisation or organisations_by_name.get(name.lower())
            if organisation is None:
                organisation = Organisation.objects.create(
                    name=name, siret=siret, kind=Organisation.Kind.COMPANY
                )
                organisations_by_name[name.lower()] = organisation
            participation = existing.get(organisation.pk) or Participation(
                action=action, organisation=organisation
            )
            assert status is not None  # a row with an unknown status was refused above
            participation.status = status
            participation.group = values.get("group", participation.group)
            participation.withdrawal_reason = values.get("withdrawal_reason", participation.withdrawal_reason)
            for key, value in dates.items():
                setattr(participation, key, value)
            participation.save()
            existing[organisation.pk] = participation
    return len(parsed)
