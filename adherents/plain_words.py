"""The service's internal codes, said in the company's words on its portal.

Staff write free text (an action's « qui », its title) in the service's own shorthand
(« avec l'ASST »); the portal shows it to the company in plain French.
"""

from __future__ import annotations

import re

# Longest first, so that « l'ASST » is replaced before « ASST ».
_PLAIN = [
    (re.compile(r"\b([lL])['’]ASST\b"), r"\1’assistant de prévention"),
    (re.compile(r"\bASST\b"), "assistant de prévention"),
    (re.compile(r"\b([lL])['’]UST\b"), r"\1’équipe santé au travail"),
    (re.compile(r"\bUST\b"), "équipe santé au travail"),
    (re.compile(r"\bSIG\b"), "suivi habituel"),
    (re.compile(r"\bSIR\b"), "suivi renforcé"),
    (re.compile(r"\b([lL])e DU\b"), r"\1e document unique"),
    (re.compile(r"\bDU\b"), "document unique"),
]


def in_company_words(text: str) -> str:
    for pattern, plain in _PLAIN:
        text = pattern.sub(plain, text)
    return text
