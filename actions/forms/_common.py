"""Forms of actions: what several topics share."""

from __future__ import annotations

RATING_CHOICES = [("", "—")] + [(n, "★" * n + "☆" * (5 - n)) for n in range(1, 6)]


class EmbeddedMixin:
    """A form rendered inside a page-level <form> with formsets: no tag, no button of its own."""

    submit_label = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.embed_helper()

    def embed_helper(self):
        from crispy_forms.helper import FormHelper

        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
