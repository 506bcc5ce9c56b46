"""For the tests of each app: the one-time token a creation page hands out (core.idempotency)."""

import re

_TOKEN = re.compile(r'name="form_token" value="([\w-]+)"')


def token_of(client, url: str) -> str:
    """The token of the creation form shown at `url` (what a browser would post back)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    match = _TOKEN.search(response.content.decode())
    assert match, "the form carries no one-time token"
    return match.group(1)
