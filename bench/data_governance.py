"""Benchmark data (bench/data.py): the steering committees and their meetings, the RACI matrices."""

from __future__ import annotations

from datetime import timedelta

from bench.data_common import AGENDA, LOREM, _aware, _bulk


# --- Governance ---------------------------------------------------------------------------
def _governance(ctx) -> dict:
    from governance import models as governance

    scale, today, rng = ctx["scale"], ctx["today"], ctx["rng"]
    actions, members, pilots = ctx["actions"], ctx["members"], ctx["pilots"]
    manager_user = ctx["manager"].user
    committees = _bulk(
        governance.Committee,
        [
            governance.Committee(
                kind="copil",
                name=f"COPIL {a.code}",
                action=a,
                mandate="Suivre et orienter l'action.",
                default_place="Salle du conseil",
            )
            for a in actions
        ]
        + [
            governance.Committee(
                kind="croct",
                name="CROCT (banc d'essai)",
                programme=ctx["programme"],
                mandate="Orientations régionales.",
            )
        ],
    )
    memberships = []
    committee_people = {}
    for i, c in enumerate(committees):
        people = [pilots[i % len(pilots)]] + [members[(i * 5 + k) % len(members)] for k in range(9)]
        people = list({p.pk: p for p in people}.values())
        committee_people[c.pk] = people
        for k, p in enumerate(people):
            memberships.append(
                governance.Membership(
                    committee=c,
                    person=p,
                    college=p.college or "preventeurs",
                    role="pilote" if k == 0 else ("secretaire" if k == 1 else "membre"),
                    start_date=today - timedelta(days=3 * 365),
                )
            )
    _bulk(governance.Membership, memberships)

    meetings = []
    per = scale.meetings_per_action
    for i, c in enumerate(committees[:-1]):
        # Ten meetings, one every 3 months: about two thirds already held, the rest planned.
        first = today - timedelta(days=90 * (per - 4) + (i * 7) % 60)
        for k in range(per):
            day = first + timedelta(days=90 * k)
            held = day < today
            meetings.append(
                governance.Meeting(
                    committee=c,
                    number=k + 1,
                    title=f"COPIL {k + 1} — {c.action.code}",
                    starts_at=_aware(day),
                    duration_minutes=120,
                    place="Salle du conseil",
                    status="tenue"
                    if held
                    else ("convoquee" if day < today + timedelta(days=20) else "prevue"),
                    held_at=_aware(day, 17) if held else None,
                )
            )
    croct = committees[-1]
    for k in range(8):
        day = today - timedelta(days=540) + timedelta(days=91 * k)
        meetings.append(
            governance.Meeting(
                committee=croct,
                number=k + 1,
                title=f"CROCT {k + 1}",
                starts_at=_aware(day, 9),
                status="tenue" if day < today else "prevue",
                held_at=_aware(day, 12) if day < today else None,
            )
        )
    meetings = _bulk(governance.Meeting, meetings)
    ctx["meeting"] = next(m for m in meetings if m.committee_id == committees[0].pk and m.number == 3)
    agenda, attendances = [], []
    for m in meetings:
        for k, title in enumerate(AGENDA):
            agenda.append(
                governance.AgendaItem(
                    meeting=m,
                    order=k,
                    title=title,
                    duration_minutes=20,
                    status="traite" if m.status == "tenue" else "a_traiter",
                )
            )
        for k, p in enumerate(committee_people[m.committee_id]):
            status = "invite" if m.status != "tenue" else ("present" if (k + m.pk) % 5 else "excuse")
            attendances.append(
                governance.Attendance(meeting=m, person=p, college=p.college or "preventeurs", status=status)
            )
    agenda = _bulk(governance.AgendaItem, agenda)
    _bulk(governance.Attendance, attendances)
    agenda_by_meeting: dict[int, list] = {}
    for item in agenda:
        agenda_by_meeting.setdefault(item.meeting_id, []).append(item)
    held = [m for m in meetings if m.status == "tenue"]
    minutes, no_minutes = [], 0
    for m in held:
        recent = (today - m.starts_at.date()).days < 60
        if recent and m.pk % 4 == 0 and m != ctx["meeting"]:
            no_minutes += 1
            continue
        minutes.append(
            governance.Minutes(
                meeting=m,
                version=1,
                status="approuve",
                summary=LOREM,
                written_by=manager_user,
                approved_at=m.starts_at + timedelta(days=20),
                approved_by=manager_user,
                approval_mode="president",
            )
        )
    minutes = _bulk(governance.Minutes, minutes)
    _bulk(
        governance.MinutesItem,
        [
            governance.MinutesItem(minutes=mi, agenda_item=item, text=LOREM * 2)
            for mi in minutes
            for item in agenda_by_meeting[mi.meeting_id]
        ],
    )
    decisions = _bulk(
        governance.Decision,
        [
            governance.Decision(
                meeting=m,
                agenda_item=agenda_by_meeting[m.pk][1 + k],
                recorded_by=manager_user,
                text=f"Le comité valide {['le plan de diagnostic', 'le calendrier des ateliers'][k]} de l'action.",
            )
            for m in held
            for k in range(2)
        ],
    )
    meeting_by_pk = {m.pk: m for m in meetings}
    action_by_committee = {c.pk: c.action_id for c in committees}
    items = []
    for d in decisions:
        m = meeting_by_pk[d.meeting_id]
        people = committee_people[m.committee_id]
        for k in range(2 if d.pk % 2 else 1):
            due = m.starts_at.date() + timedelta(days=30 + 30 * k)
            if due < today - timedelta(days=45):
                status, done_on = (
                    ("fait", due - timedelta(days=rng.randrange(-10, 10)))
                    if (d.pk + k) % 20
                    else ("abandonne", None)
                )
            elif due < today:
                status, done_on = (
                    ("en_cours", None) if (d.pk + k) % 2 else ("fait", min(today, due + timedelta(days=2)))
                )
            else:
                status, done_on = "a_faire", None
            items.append(
                governance.FollowUpItem(
                    decision=d,
                    title=f"Mettre en œuvre : {d.text[:60]}",
                    owner=people[(k + d.pk) % len(people)],
                    due_date=due,
                    status=status,
                    done_on=done_on,
                    action_id=action_by_committee[m.committee_id],
                )
            )
    items = _bulk(governance.FollowUpItem, items)
    return {
        "committees": len(committees),
        "memberships": len(memberships),
        "meetings": len(meetings),
        "agenda_items": len(agenda),
        "attendances": len(attendances),
        "minutes": len(minutes),
        "decisions": len(decisions),
        "followup_items": len(items),
    }


# --- RACI ---------------------------------------------------------------------------------
def _raci(ctx) -> dict:
    from governance.models import Committee, Meeting
    from raci.models import Activity, Assignment, Matrix, Role
    from raci.services import annexe2_data
    from raci.services.matrices import activity_from_row

    data = annexe2_data()
    axis1, axis2 = data.values()
    rows = list(axis1.activities) + list(axis2.activities)
    extra_roles = [
        ("Direction de l'entreprise", "A"),
        ("CSE", "C"),
        ("Service de santé au travail", "C"),
        ("Salariés", "I"),
    ]
    copils = {c.action_id: c for c in Committee.objects.filter(kind="copil")}
    meetings = {(m.committee_id, m.number): m for m in Meeting.objects.filter(committee__kind="copil")}
    matrices = _bulk(
        Matrix,
        [
            Matrix(
                title=f"RACI {a.code} — qui fait quoi",
                action=a,
                status="validee" if a.pk % 2 else "brouillon",
                validated_by=ctx["manager"].user if a.pk % 2 else None,
                validated_at=_aware(a.start_date + timedelta(days=60)) if a.pk % 2 else None,
                description="Qui fait quoi dans l'action.",
                created_by=ctx["manager"].user,
            )
            for a in ctx["actions"]
        ]
        + [Matrix(title="RACI du programme", programme=ctx["programme"], created_by=ctx["manager"].user)],
    )
    roles = []
    for m in matrices:
        copil = copils.get(m.action_id)
        for k, name in enumerate(axis1.roles):
            roles.append(
                Role(
                    matrix=m,
                    name=name,
                    order=k,
                    organisation=ctx["aract"] if k == 0 else None,
                    committee=copil if name == "Comité de pilotage" else None,
                )
            )
        for k, (name, _letters) in enumerate(extra_roles, start=len(axis1.roles)):
            roles.append(Role(matrix=m, name=name, order=k))
    roles = _bulk(Role, roles)
    roles_by_matrix: dict[int, list] = {}
    for r in roles:
        roles_by_matrix.setdefault(r.matrix_id, []).append(r)
    activities = []
    for m in matrices:
        copil = copils.get(m.action_id)
        for k, row in enumerate(rows):
            number = int(row.meeting_label.split()[-1]) if row.meeting_label.startswith("COPIL ") else None
            meeting = meetings.get((copil.pk, number)) if copil and number else None
            activities.append(activity_from_row(row, matrix=m, order=k, meeting=meeting))
    activities = _bulk(Activity, activities)
    assignments = []
    for index, activity in enumerate(activities):
        row = rows[index % len(rows)]
        matrix_roles = roles_by_matrix[activity.matrix_id]
        for role, letters in zip(matrix_roles, list(row.letters) + [x[1] for x in extra_roles], strict=False):
            if letters:
                assignments.append(Assignment(activity=activity, role=role, letters=letters))
    _bulk(Assignment, assignments)
    ctx["matrix"] = matrices[0]
    return {
        "raci_matrices": len(matrices),
        "raci_activities": len(activities),
        "raci_cells": len(assignments),
    }
