"""Views of calls: what several topics share."""

from __future__ import annotations

#: Posts per client address and per hour: the public form (each post creates a draft) and the private links.
PUBLIC_FORM_RATE = "10/h"


PRIVATE_LINK_RATE = "60/h"


def _private_headers(response):
    # The private link never leaves the site as a Referer: the site-wide policy is same-origin
    # ("no-referrer" here would make the browser post with `Origin: null`, refused by the CSRF check).
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
