"""What the load test (bench/load.py) checks in the database once the users are done: no lost or
duplicated write, one row per unique key, a validated matrix left unchanged, every PDF rendered."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def check_database(plan, users, document_statuses, download_problems) -> list[Check]:
    from django.db.models import Count

    from evaluation.models import Measurement
    from governance.models import Attendance
    from raci.models import Assignment, Matrix
    from reports.models import Document

    checks: list[Check] = []

    def add(name, problems, summary):
        checks.append(
            Check(
                name,
                not problems,
                "; ".join(problems[:5]) + (" …" if len(problems) > 5 else "") if problems else summary,
            )
        )

    HistoricalAssignment = Assignment.history.model

    # 1. Own RACI cells: the last letters each client wrote, one history record per change, back to draft.
    problems, cells, changes = [], 0, 0
    for user in users:
        me, ledger = user.me, user.ledger
        actual = {
            (a, r): letters
            for a, r, letters in Assignment.objects.filter(activity__matrix_id=me.matrix_id).values_list(
                "activity_id", "role_id", "letters"
            )
        }
        if actual != ledger.cells:
            diff = sorted(set(actual.items()) ^ set(ledger.cells.items()))
            problems.append(f"{me.username} : cellules différentes de ce qui a été envoyé {diff[:3]}")
        initial = len(me.initial_cells)
        records = HistoricalAssignment.objects.filter(activity_id__in=me.activity_ids).count()
        if records != initial + ledger.cell_changes:
            problems.append(
                f"{me.username} : {records} entrées d'historique, attendu {initial} + {ledger.cell_changes}"
            )
        matrix = Matrix.objects.get(pk=me.matrix_id)
        expected_status = Matrix.Status.DRAFT if ledger.cell_changes else Matrix.Status.VALIDATED
        if matrix.status != expected_status or (
            expected_status == Matrix.Status.DRAFT and matrix.validated_by_id
        ):
            problems.append(f"{me.username} : matrice « {matrix.status} », attendu « {expected_status} »")
        cells += ledger.cell_writes
        changes += ledger.cell_changes
    add(
        "Cellules RACI de chaque utilisateur = dernière valeur envoyée, historique et statut cohérents",
        problems,
        f"écritures acquittées : {cells}, changements : {changes}, tous retrouvés",
    )

    # 2. Shared RACI cells: one row per cell, holding a value somebody wrote; history no longer than the writes.
    problems = []
    written: dict[tuple[int, int], set[str]] = {}
    total = 0
    for user in users:
        for key, letters in user.ledger.shared_cells:
            written.setdefault(key, set()).add(letters)
            total += 1
    duplicates = (
        Assignment.objects.filter(activity_id__in=plan.shared_activity_ids)
        .values("activity_id", "role_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    if duplicates:
        problems.append(f"{len(duplicates)} cellule(s) en double")
    final = {
        (a, r): letters
        for a, r, letters in Assignment.objects.filter(activity_id__in=plan.shared_activity_ids).values_list(
            "activity_id", "role_id", "letters"
        )
    }
    for activity in plan.shared_activity_ids:
        if final.get((activity, plan.shared_role_ids[0])) != "RA":
            problems.append(f"ligne {activity} : la première colonne, que personne n'écrit, a changé")
        for role in plan.shared_role_ids[1:]:
            value = final.get((activity, role), "")
            if (activity, role) in written and value not in written[(activity, role)]:
                problems.append(f"cellule {activity}-{role} = {value!r}, différent de toute valeur envoyée")
            elif (activity, role) not in written and value:
                problems.append(f"cellule {activity}-{role} = {value!r} alors que personne n'y a écrit")
            last = (
                HistoricalAssignment.objects.filter(activity_id=activity, role_id=role)
                .order_by("-history_date", "-history_id")
                .first()
            )
            expected_last = "" if last is None or last.history_type == "-" else last.letters
            if expected_last != value:
                problems.append(
                    f"cellule {activity}-{role} : l'historique finit sur {expected_last!r}, la base dit {value!r}"
                )
    records = HistoricalAssignment.objects.filter(activity_id__in=plan.shared_activity_ids).count()
    if records > total + len(plan.shared_activity_ids):
        problems.append(f"{records} entrées d'historique pour {total} écritures")
    add(
        "Cellules RACI partagées : une ligne par cellule, valeur envoyée par un client (dernier gagne)",
        problems,
        f"écritures concurrentes : {total} sur {len(plan.shared_activity_ids) * (len(plan.shared_role_ids) - 1)} cellules",
    )

    # 2b. Validation of the shared matrix while others edit it: a matrix still « validée » at the
    # end was validated after the last change of its cells (a change brings it back to draft).
    problems = []
    validations = sum(u.ledger.shared_validations for u in users)
    matrix = Matrix.objects.get(pk=plan.shared_matrix_id)
    last_change = (
        HistoricalAssignment.objects.filter(activity_id__in=plan.shared_activity_ids)
        .order_by("-history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    if matrix.status == Matrix.Status.VALIDATED and (
        matrix.validated_at is None or last_change > matrix.validated_at
    ):
        problems.append(
            f"matrice « validée » le {matrix.validated_at:%H:%M:%S.%f} mais modifiée ensuite "
            f"(le {last_change:%H:%M:%S.%f}) sans revenir au brouillon"
        )
    if matrix.status == Matrix.Status.DRAFT and matrix.validated_by_id:
        problems.append("matrice en brouillon qui garde son validateur")
    add(
        "Matrice partagée : « validée » seulement si rien n'a changé depuis la validation",
        problems,
        f"validations : {validations}, statut final : {matrix.get_status_display()}",
    )

    # 3. Own measurements: exactly the rows created, each with its last value.
    problems, creates, corrections = [], 0, 0
    for user in users:
        me, ledger = user.me, user.ledger
        actual = {
            (i, p): v
            for i, p, v in Measurement.objects.filter(indicator_id__in=me.indicator_ids).values_list(
                "indicator_id", "period", "value"
            )
        }
        if set(actual) != set(ledger.measurements):
            missing = set(ledger.measurements) - set(actual)
            extra = set(actual) - set(ledger.measurements)
            problems.append(f"{me.username} : {len(missing)} mesure(s) perdue(s), {len(extra)} en trop")
        wrong = [k for k, v in ledger.measurements.items() if k in actual and actual[k] != v]
        if wrong:
            problems.append(f"{me.username} : {len(wrong)} valeur(s) différente(s) de la dernière envoyée")
        if len(actual) != ledger.measurement_creates:
            problems.append(
                f"{me.username} : {len(actual)} lignes pour {ledger.measurement_creates} créations acquittées"
            )
        creates += ledger.measurement_creates
        corrections += ledger.measurement_corrections
    add(
        "Mesures de chaque utilisateur : lignes = créations acquittées, valeurs = dernière envoyée",
        problems,
        f"créations : {creates}, corrections : {corrections}, toutes retrouvées",
    )

    # 4. Shared measurements: one row per period, created by exactly one acknowledged request.
    problems = []
    acked: dict = {}
    refusals = 0
    for user in users:
        for period, value in user.ledger.shared_creates.items():
            acked.setdefault(period, []).append(value)
        refusals += len(user.ledger.shared_refusals)
    rows = dict(
        Measurement.objects.filter(indicator_id=plan.shared_indicator_id).values_list("period", "value")
    )
    for period, values in acked.items():
        if len(values) != 1:
            problems.append(f"{period:%m/%Y} : {len(values)} créations acquittées")
        elif rows.get(period) != values[0]:
            problems.append(
                f"{period:%m/%Y} : la base dit {rows.get(period)}, le client acquitté a envoyé {values[0]}"
            )
    extra = set(rows) - set(acked)
    if extra:
        problems.append(f"{len(extra)} mesure(s) sans création acquittée")
    refused_without_row = {p for u in users for p in u.ledger.shared_refusals if p not in rows}
    if refused_without_row:
        problems.append(f"{len(refused_without_row)} refus « existe déjà » sans mesure existante")
    add(
        "Mesure partagée : une ligne par période, une seule création acquittée, les autres refusées",
        problems,
        f"périodes créées : {len(rows)}, doublons refusés proprement : {refusals}",
    )

    # 5. Own meeting: every attendance line as last saved, no line added.
    problems, saves = [], 0
    for user in users:
        me, ledger = user.me, user.ledger
        actual = dict(Attendance.objects.filter(meeting_id=me.meeting_id).values_list("pk", "status"))
        if actual != ledger.attendance:
            bad = sum(
                1
                for pk in set(actual) | set(ledger.attendance)
                if actual.get(pk) != ledger.attendance.get(pk)
            )
            problems.append(
                f"{me.username} : {bad} ligne(s) de présence différente(s) du dernier enregistrement"
            )
        saves += ledger.attendance_saves
    add(
        "Présences de chaque réunion = dernier enregistrement envoyé",
        problems,
        f"enregistrements : {saves}, tous retrouvés",
    )

    # 6. Shared meeting: one line per person; each user's own line holds what they last saved.
    problems, saves = [], 0
    per_person = (
        Attendance.objects.filter(meeting_id=plan.shared_meeting_id, person__isnull=False)
        .values("person_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    if per_person:
        problems.append(f"{len(per_person)} personne(s) en double sur la liste")
    actual = dict(Attendance.objects.filter(meeting_id=plan.shared_meeting_id).values_list("pk", "status"))
    lost = []
    for user in users:
        saves += user.ledger.shared_attendance_saves
        if (
            user.ledger.shared_attendance is not None
            and actual.get(user.me.shared_attendance_id) != user.ledger.shared_attendance
        ):
            lost.append(user.me.username)
    if lost:
        problems.append(
            f"présence perdue pour {len(lost)} utilisateur(s) : sa ligne a été écrasée par le formulaire "
            f"d'un autre ({', '.join(lost[:4])})"
        )
    add(
        "Réunion partagée : une ligne par personne, chacun retrouve sa propre présence",
        problems,
        f"enregistrements concurrents : {saves}, aucune présence perdue",
    )

    # 7. PDFs: one document per request, all rendered by the worker, all downloadable.
    problems = []
    requested = [pk for user in users for pk in user.ledger.documents]
    count = Document.objects.filter(requested_by_id__in=plan.user_ids).count()
    if count != len(requested):
        problems.append(f"{count} documents en base pour {len(requested)} demandes acquittées")
    not_done = {k: v for k, v in document_statuses.items() if k != Document.Status.DONE}
    if not_done:
        problems.append(f"documents non terminés : {not_done}")
    problems += download_problems
    if not requested:
        problems.append("aucun PDF demandé")
    add(
        "PDF demandés : tous rendus par le worker Celery et téléchargeables",
        problems,
        f"PDF rendus et téléchargés : {len(requested)}",
    )

    # 8. What each user read back from their own pages matched what they had written.
    stale = [f"{u.me.username} : {s}" for u in users for s in u.ledger.stale_reads]
    add("Relectures : chaque page montre ce que l'utilisateur vient d'écrire", stale, "toutes cohérentes")
    return checks
