"""Services of calls: applications."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.conflicts import EditConflict, check_version

from ..models import Application, Call, ComplementRequest, ProjectTeamMember
from ..selectors import TEAM_FIELDS, team_key
from ._common import APPLICATION_FIELDS, REQUIRED_FIELDS, _list_conflict, _local, _mail, _theirs, private_link


def _set_application(application: Application, *, data: dict, answers: dict) -> None:
    for name in APPLICATION_FIELDS:
        if name in data:
            value = data[name]
            if name == "digital_tools":
                value = list(value or [])
            setattr(application, name, "" if value is None and name not in _NULLABLE else value)
    application.eligibility_answers = {str(k): bool(v) for k, v in answers.items() if v is not None}


def _save_application(application: Application, *, team: list[dict] | None) -> None:
    """Save the application and, unless `team` is None (kept as stored) or the same as stored, replace its
    project team (each deletion and creation in the team's history)."""
    application.full_clean(exclude=["token_hash"])
    application.save()
    if team is None:
        return
    stored = list(application.team.order_by("order", "pk"))
    if team_key([{name: getattr(member, name) for name in TEAM_FIELDS} for member in stored]) == team_key(
        team
    ):
        return
    application.team.all().delete()  # one history row per member (post_delete); the prefetched team is dropped
    bulk_create_with_history(
        [ProjectTeamMember(application=application, order=i, **row) for i, row in enumerate(team)],
        ProjectTeamMember,
    )


def _write_application(application: Application, *, data: dict, team: list[dict], answers: dict) -> None:
    _set_application(application, data=data, answers=answers)
    _save_application(application, team=team)


_NULLABLE = {"capacity", "axis", "has_digital_tools", "health_insurance_funded", "esms_numerique", "sons"}


def application_start(*, call: Call, data: dict, team: list[dict], answers: dict) -> tuple[Application, str]:
    """Create a draft and e-mail its private link; return the application and the token."""
    if not call.is_published or call.window_status().is_closed:
        raise ValidationError(_("This call is not accepting applications."))
    application = Application(call=call)
    token = application.new_token()
    with transaction.atomic():
        _write_application(application, data=data, team=team, answers=answers)
        _mail(
            to=application.contact_email,
            subject=_("Your application to “%(call)s”: your private link") % {"call": call.title},
            template="calls/email/draft_link.txt",
            context={"application": application, "call": call, "link": private_link(token)},
        )
    return application, token


def _team_lines(rows: list[dict]) -> list[str]:
    return [" — ".join(str(row.get(name) or "") for name in TEAM_FIELDS if row.get(name)) for row in rows]


def application_save_draft(
    *,
    application: Application,
    data: dict,
    team: list[dict],
    answers: dict,
    expected_version: int | None = None,
    team_seen: str | None = None,
) -> Application:
    """Save a draft. Two people sharing the private link: a save made on a stale version
    (`expected_version`, `core.conflicts`) keeps the other's changes on what this one left alone and
    raises `EditConflict` where both changed the same field; the team, replaced as a whole, is compared
    by its key when the form was opened (`team_seen`, see `selectors.team_version`)."""
    if not application.is_editable_by_applicant:
        raise ValidationError(_("This application has been submitted: it can no longer be changed."))
    saved_team: list[dict] | None = team
    with transaction.atomic():
        _set_application(application, data=data, answers=answers)
        if expected_version is not None:
            found = None
            try:
                check_version(application, expected_version)
            except EditConflict as conflict:
                found = conflict
            stored = list(application.team.order_by("order", "pk").values(*TEAM_FIELDS))
            stored_key, wanted_key = team_key(stored), team_key(team)
            keep_theirs = False
            if team_seen is not None and stored_key != team_seen and wanted_key != stored_key:
                if wanted_key == team_seen:
                    keep_theirs = True  # only the other person changed the team: theirs is kept
                else:
                    found = _list_conflict(
                        application,
                        expected_version=expected_version,
                        found=found,
                        name="team",
                        label=_("project team"),
                        stored=_theirs(_team_lines(stored), _team_lines(team)),
                    )
            if found is not None:
                if keep_theirs:
                    found.merged["team"] = True
                raise found
            if keep_theirs:
                saved_team = None
        _save_application(application, team=saved_team)
    return application


def application_missing(application: Application) -> dict[str, str]:
    """What still prevents submitting, field by field (French messages)."""
    missing: dict[str, str] = {}
    for name in REQUIRED_FIELDS:
        value = getattr(application, name if name != "axis" else "axis_id")
        if value is None or value == "":
            missing[name] = _("This field is required to submit the application.")
    if application.axis_id and not application.call.axes.filter(pk=application.axis_id).exists():
        missing["axis"] = _("Choose one of the axes of the call.")
    if application.has_digital_tools and not application.digital_tools:
        missing["digital_tools"] = _("Tick the tools in use.")
    if "mss" in application.digital_tools and not application.mss_solution:
        missing["mss_solution"] = _("Give the MSS solution in use.")
    if "autres" in application.digital_tools and not application.other_tools:
        missing["other_tools"] = _("Say which other tools are in use.")
    for criterion in application.call.eligibility_criteria.all():
        if str(criterion.pk) not in application.eligibility_answers:
            missing[f"eligibility_{criterion.pk}"] = _("Answer yes or no.")
    if not application.team.exists():
        missing["team"] = _("Give at least one member of the project team.")
    return missing


def application_submit(*, application: Application, now: datetime | None = None) -> Application:
    now = now or timezone.now()
    call = application.call
    if not application.is_editable_by_applicant:
        raise ValidationError(_("This application has already been submitted."))
    if not call.is_published:
        raise ValidationError(_("This call is not accepting applications."))
    status = call.window_status(now)
    if status.is_upcoming:
        raise ValidationError(
            _("Applications open on %(date)s: your draft is saved, come back then to submit it.")
            % {"date": _local(call.opens_at)}
        )
    if status.is_closed:
        raise ValidationError(
            _("Applications closed on %(date)s: it is no longer possible to submit.")
            % {"date": _local(call.closes_at)}
        )
    missing = application_missing(application)
    if missing:
        raise ValidationError(missing)
    with transaction.atomic():
        updated = Application.objects.filter(pk=application.pk, status=Application.Status.DRAFT).update(
            status=Application.Status.SUBMITTED, submitted_at=now
        )
        if not updated:
            raise ValidationError(_("This application has already been submitted."))
        application.refresh_from_db()
        _mail(
            to=application.contact_email,
            subject=_("Acknowledgement: your application to “%(call)s” has been received")
            % {"call": call.title},
            template="calls/email/acknowledgement.txt",
            context={"application": application, "call": call, "submitted": _local(now)},
        )
    return application


def complement_answer(*, complement: ComplementRequest, answer: str) -> ComplementRequest:
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write your answer.")})
    if complement.is_answered:
        raise ValidationError(_("This question has already been answered."))
    with transaction.atomic():
        complement.answer = answer
        complement.answered_at = timezone.now()
        complement.save(update_fields=["answer", "answered_at"])
        application = complement.application
        if not application.complements.filter(answered_at__isnull=True).exists():
            application.status = Application.Status.SUBMITTED
            application.save(update_fields=["status", "updated_at"])
    return complement
