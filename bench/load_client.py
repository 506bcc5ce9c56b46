"""The simulated users of the load test (`bench/load.py`): stdlib HTTP, one thread per user.

Each user logs in through the real login form (CSRF token, session cookie), then loops over
a weighted mix of page reads and writes sent exactly as the browser sends them (the RACI
grid's htmx POST, the measurement and attendance forms, the PDF button). Every request is
timed; every write and the server's answer to it go into the user's ledger, which
`load.py` checks against the database at the end.
"""

from __future__ import annotations

import html
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal

from load_data import PASSWORD, Plan, UserPlan
from load_http import (
    _CORRECT_LINK,
    _DOCUMENT,
    _HIDDEN_TOKEN,
    Answer,
    Browser,
    ConnectionFailure,
    Ledger,
    Recorder,
    Sample,
    UnexpectedAnswer,
    french_decimal,
    french_display,
    parse_attendance_form,
)

LETTERS = "RACI"


class VirtualUser(threading.Thread):
    """One person at their browser, from the login page to the end of the run."""

    def __init__(
        self,
        *,
        plan: Plan,
        me: UserPlan,
        base_url: str,
        recorder: Recorder,
        start: threading.Barrier,
        deadline: list[float],
        seed: int,
        timeout: float,
        pdf_budget: PdfBudget,
        statuses: list[str],
        duplicate_message,
    ):
        super().__init__(name=me.username, daemon=True)
        self.plan, self.me, self.recorder = plan, me, recorder
        self.browser = Browser(base_url, timeout)
        self.start_barrier, self.deadline = start, deadline
        self.random = random.Random(seed)
        self.pdf_budget = pdf_budget
        self.statuses = statuses
        self.duplicate_message = duplicate_message
        self.ledger = Ledger(cells=dict(me.initial_cells), attendance=dict(me.initial_attendance))
        self.fatal = ""
        self.pending_documents: list[int] = []

    # --- one timed request --------------------------------------------------------------
    def call(
        self,
        kind: str,
        method: str,
        path: str,
        *,
        expect: tuple[int, ...],
        data=None,
        headers=None,
        check=None,
        count: bool = True,
    ) -> Answer | None:
        """Send a request; None when the request cap is reached. Errors are recorded, then raised."""
        if count and not self.recorder.reserve():
            return None
        started = time.perf_counter()
        try:
            answer = self.browser.request(method, path, data=data, headers=headers)
        except ConnectionFailure as exc:
            self.recorder.add(Sample(kind, 0, time.perf_counter() - started, f"connexion : {exc}"))
            raise
        seconds = time.perf_counter() - started
        error = ""
        if answer.status >= 500:
            error = f"HTTP {answer.status} sur {method} {path}"
        elif answer.status not in expect:
            error = f"HTTP {answer.status} inattendu sur {method} {path} (attendu : {expect})"
        elif check is not None:
            error = check(answer) or ""
        self.recorder.add(Sample(kind, answer.status, seconds, error))
        if error:
            raise UnexpectedAnswer(error)
        return answer

    def post(self, kind, path, data, *, expect=(302,), headers=None, check=None):
        return self.call(kind, "POST", path, expect=expect, data=data, headers=headers, check=check)

    def get(self, kind, path, *, expect=(200,), headers=None, check=None):
        return self.call(kind, "GET", path, expect=expect, headers=headers, check=check or _is_page)

    # --- login ----------------------------------------------------------------------------
    def login(self) -> None:
        page = self.call("Connexion (page)", "GET", "/comptes/connexion/", expect=(200,), count=False)
        token = _HIDDEN_TOKEN.search(page.body)
        if not token:
            raise UnexpectedAnswer("le formulaire de connexion n'a pas de jeton CSRF")
        answer = self.call(
            "Connexion (envoi)",
            "POST",
            "/comptes/connexion/",
            expect=(302,),
            count=False,
            data={"username": self.me.username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        )
        if not any(c.name == "sessionid" for c in self.browser.cookies):
            raise UnexpectedAnswer(f"pas de cookie de session après la connexion (→ {answer.location})")

    # --- the loop -------------------------------------------------------------------------
    def run(self) -> None:
        try:
            self.login()
        except Exception as exc:
            self.fatal = f"connexion impossible : {type(exc).__name__}: {exc}"
        try:
            self.start_barrier.wait(timeout=120)
        except threading.BrokenBarrierError:
            self.fatal = self.fatal or "départ manqué"
            return
        if self.fatal:
            return
        operations = self.operations()
        names = [op for op, _w in operations]
        weights = [w for _op, w in operations]
        if self.me.index == 1:
            self.safely(self.pdf_request)  # At least one PDF in every run, however short.
        while time.monotonic() < self.deadline[0]:
            operation = self.random.choices(names, weights)[0]
            if self.safely(operation) is None:
                break

    def safely(self, operation):
        """Run one operation; False after an error (recorded already), None when the user must stop."""
        try:
            operation()
            return True
        except _CapReached:
            return None
        except (ConnectionFailure, UnexpectedAnswer):
            return False
        except Exception as exc:  # a defect of the client itself: the run must not pass without this user
            self.fatal = f"erreur du client : {type(exc).__name__}: {exc}"
            return None

    def operations(self):
        return [
            (self.read_home, 4),
            (self.read_action_list, 8),
            (self.read_action, 8),
            (self.read_grid, 10),
            (self.read_meeting, 6),
            (self.read_action_dashboard, 6),
            (self.read_programme_dashboard, 3),
            (self.read_indicator, 5),
            (self.read_document, 3),
            (self.write_cell, 14),
            (self.write_shared_cell, 5),
            (self.write_measurement, 8),
            (self.write_shared_measurement, 3),
            (self.write_correction, 4),
            (self.write_attendance, 6),
            (self.write_shared_attendance, 4),
            (self.write_shared_validation, 2),
            (self.pdf_request, 1),
        ]

    def _need(self, answer):
        if answer is None:
            raise _CapReached
        return answer

    # --- reads ----------------------------------------------------------------------------
    def read_home(self):
        self._need(self.get("Lecture : accueil", "/"))

    def read_action_list(self):
        self._need(self.get("Lecture : liste des actions", "/actions/"))

    def read_action(self):
        pk = self.random.choice([self.me.action_id, self.plan.shared_action_id])
        self._need(self.get("Lecture : fiche action", f"/actions/{pk}/"))

    def read_grid(self):
        pk = self.random.choice([self.me.matrix_id, self.me.matrix_id, self.plan.shared_matrix_id])
        answer = self._need(self.get("Lecture : grille RACI", f"/raci/{pk}/"))
        if pk == self.me.matrix_id:
            # Read-your-writes: the grid shows every letter this user wrote in their own matrix.
            for (activity, role), letters in self.ledger.cells.items():
                if f'id="raci-cell-{activity}-{role}"' not in answer.body:
                    self.ledger.stale_reads.append(f"grille {pk} : cellule {activity}-{role} absente")
                    continue
                cell = answer.body.split(f'id="raci-cell-{activity}-{role}"', 1)[1][:400]
                if f'data-letters="{letters}"' not in cell:
                    self.ledger.stale_reads.append(f"grille {pk} : cellule {activity}-{role} ≠ {letters!r}")

    def read_meeting(self):
        pk = self.random.choice([self.me.meeting_id, self.plan.shared_meeting_id])
        self._need(self.get("Lecture : réunion", f"/gouvernance/reunions/{pk}/"))

    def read_action_dashboard(self):
        answer = self._need(
            self.get("Lecture : tableau de bord d'action", f"/evaluation/actions/{self.me.action_id}/")
        )
        # Read-your-writes through the dashboard cache: the write went to one gunicorn process,
        # this read may come from another; each indicator shows its latest value as last sent.
        latest = {}
        for (indicator, period), value in self.ledger.measurements.items():
            if indicator not in latest or period > latest[indicator][0]:
                latest[indicator] = (period, value)
        for indicator, (_period, value) in latest.items():
            row = answer.body.split(f'href="/evaluation/indicateurs/{indicator}/"', 1)
            if len(row) == 1:
                self.ledger.stale_reads.append(f"tableau de bord : indicateur {indicator} absent")
                continue
            shown = row[1].split('class="text-end fw-semibold">', 1)[1].split("<", 1)[0]
            if shown != french_display(value):
                self.ledger.stale_reads.append(
                    f"tableau de bord : indicateur {indicator} montre {shown!r}, dernière valeur {french_display(value)!r}"
                )

    def read_programme_dashboard(self):
        self._need(
            self.get(
                "Lecture : tableau de bord du programme", f"/evaluation/programmes/{self.plan.programme_id}/"
            )
        )

    def read_indicator(self):
        pk = self.random.choice([*self.me.indicator_ids, self.plan.shared_indicator_id])
        self._need(self.get("Lecture : fiche indicateur", f"/evaluation/indicateurs/{pk}/"))

    def read_document(self):
        if not self.pending_documents:
            return self.read_home()
        pk = self.pending_documents[0]
        answer = self._need(
            self.get(
                "PDF : suivi de l'état", f"/documents/{pk}/", headers={"HX-Request": "true"}, check=_no_check
            )
        )
        if 'data-testid="download-link"' in answer.body or "document-error" in answer.body:
            self.pending_documents.pop(0)

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


class _CapReached(Exception):
    pass


class PdfBudget:
    """PDFs are heavy (WeasyPrint in the worker): a few per run, spread over the users."""

    def __init__(self, limit: int):
        self.left = limit
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self.left <= 0:
                return False
            self.left -= 1
            return True


def _is_page(answer: Answer) -> str:
    if "</html>" not in answer.body:
        return "page HTML incomplète"
    return ""


def _no_check(answer: Answer) -> str:
    return ""


def _redirects_to(prefix: str):
    def check(answer: Answer) -> str:
        path = urllib.parse.urlsplit(answer.location).path
        return "" if path.startswith(prefix) else f"redirigé vers {answer.location!r} au lieu de {prefix}"

    return check
