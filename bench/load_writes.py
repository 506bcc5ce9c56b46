"""What a virtual user writes: RACI cells, measurements and corrections, attendance, PDF requests."""

from __future__ import annotations

import html
from decimal import Decimal

from load_http import (
    _CORRECT_LINK,
    _DOCUMENT,
    UnexpectedAnswer,
    _redirects_to,
    french_decimal,
    parse_attendance_form,
)

LETTERS = "RACI"


class Writes:
    """Mixed into VirtualUser (bench/load_client.py): what a virtual user writes: RACI cells, measurements and corrections, attendance, PDF requests."""

    # --- writes ---------------------------------------------------------------------------
    def _next_letters(self, current: str) -> str:
        """What the grid's keyboard does: toggle one letter, or clear the cell (Suppr)."""
        if current and self.random.random() < 0.15:
            return ""
        letter = self.random.choice(LETTERS)
        present = set(current) ^ {letter}
        return "".join(x for x in LETTERS if x in present)

    def _post_cell(self, kind, matrix_pk, activity, role, letters, *, mine=True):
        def check(answer):
            marker = f'id="raci-cell-{activity}-{role}"'
            if marker not in answer.body:
                return f"réponse de cellule sans {marker}"
            # The answer shows the cell as it is once saved: on a shared cell, somebody else's
            # letters written just after are a right answer too.
            if mine and f'data-letters="{letters}"' not in answer.body.split(marker, 1)[1][:400]:
                return f"la cellule {activity}-{role} ne montre pas {letters!r}"
            return ""

        return self._need(
            self.post(
                kind,
                f"/raci/{matrix_pk}/cellules/{activity}/{role}/",
                {"letters": letters},
                expect=(200,),
                headers={
                    "HX-Request": "true",
                    "HX-Current-URL": f"{self.browser.base_url}/raci/{matrix_pk}/",
                },
                check=check,
            )
        )

    def write_cell(self):
        activity = self.random.choice(self.me.activity_ids)
        role = self.random.choice(self.me.role_ids)
        current = self.ledger.cells.get((activity, role), "")
        letters = self._next_letters(current)
        self._post_cell("Écriture : cellule RACI", self.me.matrix_id, activity, role, letters)
        self.ledger.cell_writes += 1
        if letters != current:
            self.ledger.cell_changes += 1
        if letters:
            self.ledger.cells[(activity, role)] = letters
        else:
            self.ledger.cells.pop((activity, role), None)

    def write_shared_cell(self):
        # Few cells, many writers: the same cell is written by several users at once. No A: the
        # first column approves every row, so the matrix stays valid and can be validated.
        activity = self.random.choice(self.plan.shared_activity_ids)
        role = self.random.choice(self.plan.shared_role_ids[1:])
        letters = self.random.choice(["R", "C", "I", "RC", "RI", ""])
        self._post_cell(
            "Écriture : cellule RACI partagée",
            self.plan.shared_matrix_id,
            activity,
            role,
            letters,
            mine=False,
        )
        self.ledger.shared_cells.append(((activity, role), letters))

    def write_shared_validation(self):
        # « Valider la matrice » while others are still editing it.
        pk = self.plan.shared_matrix_id
        self._need(
            self.post(
                "Écriture : validation de la matrice partagée",
                f"/raci/{pk}/valider/",
                {},
                check=_redirects_to(f"/raci/{pk}/"),
            )
        )
        self.ledger.shared_validations += 1

    def _value(self) -> Decimal:
        return Decimal(self.random.randint(0, 2000)) / 4

    def write_measurement(self):
        free = [
            (i, p)
            for i in self.me.indicator_ids
            for p in self.plan.periods
            if (i, p) not in self.ledger.measurements
        ]
        if not free:
            return self.write_correction()
        indicator, period = self.random.choice(free)
        value = self._value()
        self._need(
            self.post(
                "Écriture : saisie d'une mesure",
                f"/evaluation/indicateurs/{indicator}/valeurs/",
                {
                    "period": period.isoformat(),
                    "value": french_decimal(value),
                    "comment": "Saisie du test de charge",
                    "source": "Test de charge",
                },
                check=_redirects_to(f"/evaluation/indicateurs/{indicator}/"),
            )
        )
        self.ledger.measurements[(indicator, period)] = value
        self.ledger.measurement_creates += 1

    def write_shared_measurement(self):
        period = self.random.choice(self.plan.periods[:6])
        if period in self.ledger.shared_creates:
            return self.read_indicator()
        value = self._value()
        pk = self.plan.shared_indicator_id
        refusal = self.duplicate_message(pk, period)

        def check(answer):
            if answer.status == 302:
                return _redirects_to(f"/evaluation/indicateurs/{pk}/")(answer)
            if refusal not in html.unescape(answer.body):
                return "formulaire réaffiché sans le message « une valeur existe déjà »"
            return ""

        answer = self._need(
            self.post(
                "Écriture : saisie d'une mesure partagée",
                f"/evaluation/indicateurs/{pk}/valeurs/",
                {
                    "period": period.isoformat(),
                    "value": french_decimal(value),
                    "comment": "",
                    "source": "",
                },
                expect=(302, 200),
                check=check,
            )
        )
        if answer.status == 302:
            self.ledger.shared_creates[period] = value
        else:
            self.ledger.shared_refusals.append(period)

    def write_correction(self):
        if not self.ledger.measurements:
            return self.write_measurement()  # nothing to correct yet: every period is still free
        indicator = self.random.choice(sorted({i for i, _p in self.ledger.measurements}))
        periods = sorted((p for i, p in self.ledger.measurements if i == indicator), reverse=True)
        page = self._need(self.get("Lecture : fiche indicateur", f"/evaluation/indicateurs/{indicator}/"))
        links = [int(pk) for pk in _CORRECT_LINK.findall(page.body)]
        if len(links) != len(periods):
            self.ledger.stale_reads.append(
                f"indicateur {indicator} : {len(links)} mesures affichées, {len(periods)} saisies"
            )
            return
        index = self.random.randrange(len(periods))
        value = self._value()
        self._need(
            self.post(
                "Écriture : correction d'une mesure",
                f"/evaluation/mesures/{links[index]}/corriger/",
                {
                    "value": french_decimal(value),
                    "comment": "Corrigée par le test de charge",
                    "source": "Test de charge",
                },
                check=_redirects_to(f"/evaluation/indicateurs/{indicator}/"),
            )
        )
        self.ledger.measurements[(indicator, periods[index])] = value
        self.ledger.measurement_corrections += 1

    def _attendance_form(self, kind, meeting):
        page = self._need(self.get(kind, f"/gouvernance/reunions/{meeting}/presences/"))
        rows, hidden = parse_attendance_form(page.body)
        if not rows:
            raise UnexpectedAnswer(f"formulaire de présences de la réunion {meeting} sans ligne")
        return rows, hidden

    def _post_attendance(self, kind, meeting, rows, hidden):
        """The whole form, as the browser sends it: every line and the hidden fields of the page."""
        data = {**hidden, **{f"status_{pk}": status for pk, status in rows.items()}}
        self._need(
            self.post(
                kind,
                f"/gouvernance/reunions/{meeting}/presences/",
                data,
                check=_redirects_to(f"/gouvernance/reunions/{meeting}/"),
            )
        )

    def write_attendance(self):
        meeting = self.me.meeting_id
        rows, hidden = self._attendance_form("Lecture : formulaire de présences", meeting)
        if rows != self.ledger.attendance:
            self.ledger.stale_reads.append(
                f"réunion {meeting} : le formulaire ne montre pas les présences enregistrées"
            )
        row = self.random.choice(sorted(rows))
        rows[row] = self.random.choice([s for s in self.statuses if s != rows[row]])
        self._post_attendance("Écriture : présences", meeting, rows, hidden)
        self.ledger.attendance = rows
        self.ledger.attendance_saves += 1

    def write_shared_attendance(self):
        # Each user records their own line of the shared meeting; the form sends every line, as loaded.
        meeting = self.plan.shared_meeting_id
        rows, hidden = self._attendance_form("Lecture : formulaire de présences", meeting)
        mine = self.me.shared_attendance_id
        rows[mine] = self.random.choice([s for s in self.statuses if s != rows.get(mine)])
        self._post_attendance("Écriture : présences partagées", meeting, rows, hidden)
        self.ledger.shared_attendance = rows[mine]
        self.ledger.shared_attendance_saves += 1

    def pdf_request(self):
        if not self.pdf_budget.take():
            return self.read_grid()
        answer = self._need(
            self.post(
                "PDF : demande (matrice RACI)",
                f"/raci/{self.me.matrix_id}/pdf/",
                {},
                check=lambda a: (
                    ""
                    if _DOCUMENT.search(a.location)
                    else f"la demande de PDF ne mène pas à un document ({a.location})"
                ),
            )
        )
        pk = int(_DOCUMENT.search(answer.location).group(1))
        self.ledger.documents.append(pk)
        self.pending_documents.append(pk)
