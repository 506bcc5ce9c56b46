"""French formats for `|date`, `{{ value }}` and forms (FORMAT_MODULE_PATH), on top of Django's own.

Django's format strings cannot write « 1er juin », « 10 h » (minutes left out when zero) nor the
Imprimerie nationale's month abbreviations: templates use the filters of `{% load french %}`
(core/french.py). These formats are the fallback for what still goes through Django: « 10 h 00 »
rather than « 10:00 », thousands grouped with a narrow no-break space.
"""

from django.conf.locale.fr.formats import *  # noqa: F403 (input formats, first day of week…)

DATE_FORMAT = "j F Y"
TIME_FORMAT = r"G \h i"
DATETIME_FORMAT = r"j F Y à G \h i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = r"d/m/Y, G \h i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u202f"  # narrow no-break space: « 20 000 »
NUMBER_GROUPING = 3
