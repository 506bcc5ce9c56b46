"""Charts drawn as SVG on the server: the same on screen and in the PDFs.

They never rely on colour alone: every bar carries its value as text, the target is a
dashed line with its label, planned and actual periods differ by their hatching, and
each chart has a title and an accessible label. The pages show the same numbers in a
table next to each chart.

A package by topic; every name stays importable from here.
"""

from .bars import bar_chart, progress_bar  # noqa: F401
from .lines import indicator_chart, line_chart  # noqa: F401
from .phases import phase_chart  # noqa: F401
