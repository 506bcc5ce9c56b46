"""Templates a person can read (issue 17).

djLint formats every template and checks its rules (`make templates`, part of `make check` and so of CI);
this test keeps display logic out of long lines: once its translated sentences are set aside, no template
line is longer than 300 characters. A line that needs more says too much: its logic belongs in a template tag,
a presenter or a model property (e.g. `{% action_duration action %}`, `GridRow.issue_summary`).
"""

import re
from pathlib import Path

from django.conf import settings

LIMIT = 300
TRANSLATED = [
    re.compile(r'\{% *translate +"[^"]*"( +context +"[^"]*")?( +as \w+)? *%\}'),
    re.compile(r"\{% *blocktranslate.*?%\}.*?\{% *endblocktranslate *%\}"),
]


def _templates() -> list[Path]:
    root = Path(settings.BASE_DIR)
    return sorted(
        path
        for pattern in ("*/templates/**/*.html", "templates/**/*.html")
        for path in root.glob(pattern)
        if ".venv" not in path.parts and "node_modules" not in path.parts
    )


def _logic(line: str) -> str:
    for pattern in TRANSLATED:
        line = pattern.sub("{%T%}", line)
    return line.strip()


def test_the_templates_are_found():
    assert len(_templates()) > 150


def test_no_line_of_display_logic_is_longer_than_the_limit():
    root = Path(settings.BASE_DIR)
    too_long = [
        f"{path.relative_to(root)}:{number} ({len(_logic(line))})"
        for path in _templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(_logic(line)) > LIMIT
    ]
    assert too_long == []


def test_the_measure_sets_translated_sentences_aside():
    sentence = '<p>{% translate "' + "word " * 80 + '" %}</p>'
    assert len(_logic(sentence)) < 30
    logic = "{% if a %}" + "x" * 400 + "{% endif %}"
    assert len(_logic(logic)) > LIMIT
