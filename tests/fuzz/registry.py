"""Every URL that accepts a POST → who may write there and where its form comes from.

Each app declares its own in `tests/<app>/access_expectations.py` (`FUZZ`, beside its `ROWS`),
collected here:
- `FUZZ`: keys are URL names; "name#variant" reaches another form of the same URL (set up by
  the entry's `setup`). A URL the permission matrix lets someone POST to (answer 200, 302 or
  400) and that is missing fails `test_registry.py`: a new form cannot escape the fuzzing.
- `EMPTY_POST_404`: endpoints whose empty POST (the permission matrix's) lacks the parameter
  that names what to do: the writer gets 404 there, yet posts real requests from the page.
- `NOT_RENDERED`: forms of the project that no fuzzed page holds (dotted path → why).
"""

from tests.permissions.discovery import collect

from .entries import Entry

_FUZZ = collect("FUZZ")
_EMPTY_POST_404 = collect("EMPTY_POST_404")
_NOT_RENDERED = collect("NOT_RENDERED", owner=lambda path: path.split(".")[0])

FUZZ: dict[str, Entry] = _FUZZ.items
EMPTY_POST_404: set[str] = set(_EMPTY_POST_404.items)
NOT_RENDERED: dict[str, str] = _NOT_RENDERED.items
DUPLICATES = _FUZZ.duplicates + _EMPTY_POST_404.duplicates + _NOT_RENDERED.duplicates
MISPLACED = _FUZZ.misplaced + _EMPTY_POST_404.misplaced + _NOT_RENDERED.misplaced
