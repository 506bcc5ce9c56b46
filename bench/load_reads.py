"""What a virtual user reads: the home page, actions, the RACI grid, meetings, dashboards, indicators, documents."""

from __future__ import annotations

from load_http import _no_check, french_display


class Reads:
    """Mixed into VirtualUser (bench/load_client.py): what a virtual user reads: the home page, actions, the RACI grid, meetings, dashboards, indicators, documents."""

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
