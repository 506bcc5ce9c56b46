"""The simulated users of the load test (`bench/load.py`): stdlib HTTP, one thread per user.

Each user logs in through the real login form (CSRF token, session cookie), then loops over
a weighted mix of page reads and writes sent exactly as the browser sends them (the RACI
grid's htmx POST, the measurement and attendance forms, the PDF button). Every request is
timed; every write and the server's answer to it go into the user's ledger, which
`load.py` checks against the database at the end.
"""

from __future__ import annotations

import random
import threading
import time

from load_data import PASSWORD, Plan, UserPlan
from load_http import (
    _HIDDEN_TOKEN,
    Answer,
    Browser,
    ConnectionFailure,
    Ledger,
    Recorder,
    Sample,
    UnexpectedAnswer,
    _is_page,
)
from load_reads import Reads
from load_writes import Writes


class VirtualUser(Reads, Writes, threading.Thread):
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
