"""Reading a page's HTML in a test as a browser lays it out, whatever the template's line breaks.

Templates are formatted by djLint: a long tag has its attributes on several lines, block elements stand
on lines of their own. A test that looks for a piece of markup reads `squeeze(page)`: every run of white
space is one space, and none is left between two tags.
"""

import re


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html))
