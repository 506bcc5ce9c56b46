"""Templates a person can read (issue 17).

djLint formats every template and checks its rules (`make templates`, part of `make check` and so of CI);
this test keeps display logic out of long lines: once its translated sentences are set aside, no template
line is longer than 300 characters. A line that needs more says too much: its logic belongs in a template tag,
a presenter or a model property (e.g. `{% action_duration action %}`, `GridRow.issue_summary`). And every block
closes at the indent it opened at: a block opened after content on a line cannot be indented by djLint, and the
template stops showing how it nests.
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


BLOCKS = {
    "if",
    "for",
    "with",
    "block",
    "blocktranslate",
    "comment",
    "spaceless",
    "autoescape",
    "filter",
    "ifchanged",
}
TAG = re.compile(r"\{%-?\s*(\w+)")


def misaligned_closings(text: str) -> list[int]:
    """Lines whose closing block tag ({% endif %}, {% endfor %}…) starts a line at another indent than its
    opening tag did: the mark of a block opened after content on a line (`<td>{{ x }}{% if y %}`), which
    djLint cannot indent, so the template no longer shows how it nests."""
    stack: list[tuple[str, int | None]] = []
    wrong = []
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip())
        for match in TAG.finditer(line):
            name = match.group(1)
            at_start = match.start() == indent
            if name in BLOCKS:
                stack.append((name, indent if at_start else None))
            elif name.startswith("end") and name[3:] in BLOCKS:
                while stack and stack[-1][0] != name[3:]:
                    stack.pop()
                if stack:
                    _name, opened_at = stack.pop()
                    if at_start and opened_at is not None and opened_at != indent:
                        wrong.append(number)
    return wrong


def test_every_block_closes_at_the_indent_it_opened():
    root = Path(settings.BASE_DIR)
    wrong = [
        f"{path.relative_to(root)}:{number}"
        for path in _templates()
        for number in misaligned_closings(path.read_text(encoding="utf-8"))
    ]
    assert wrong == []


def test_a_block_opened_after_content_is_found():
    nested = "<ul>\n    {% for x in xs %}\n        <li>{{ x }}</li>\n    {% endfor %}\n</ul>"
    assert misaligned_closings(nested) == []
    tangled = "<td>\n    {% for x in xs %}<li>{{ x }}{% if x.y %}\n        <div>y</div>{% endif %}</li>\n{% endfor %}"
    assert misaligned_closings(tangled) == [4]


def test_every_template_compiles():
    """A template reformatted by hand (a block split over lines, an include added) still parses: the pages
    that are rarely shown (an error summary, a restore page) fail here rather than in front of a user."""
    from django.template.loader import get_template

    root = Path(settings.BASE_DIR)
    for path in _templates():
        name = str(path.relative_to(root)).split("templates/", 1)[1]
        get_template(name)
