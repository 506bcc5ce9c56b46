"""One rate per token (settings REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api_token"])."""

from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api_token"

    def get_cache_key(self, request, view):
        token = getattr(request, "auth", None)
        if isinstance(token, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": f"token-{token.pk}"}
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class OpenDataRateThrottle(SimpleRateThrottle):
    """The open data (no token): one rate per client address, DEFAULT_THROTTLE_RATES["api_open"] or 60/min."""

    scope = "api_open"
    default_rate = "60/min"

    def get_rate(self):
        return self.THROTTLE_RATES.get(self.scope, self.default_rate)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
