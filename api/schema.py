"""How the schema describes the token authentication (imported by ApiConfig.ready)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "jeton"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Jeton créé depuis « Mes jetons d’API » : Authorization: Bearer <clé>.",
        }


_DB_BOUNDS = {32767, -32768, 2147483647, -2147483648, 9223372036854775807, -9223372036854775808}


def drop_database_bounds(result, generator, request, public):
    """Integer bounds taken from the database backend (SQLite and PostgreSQL differ) are left out,
    so that the committed schema is the same whichever database generates it."""

    def walk(node):
        if isinstance(node, dict):
            for key in ("maximum", "minimum"):
                if node.get(key) in _DB_BOUNDS:
                    del node[key]
            if node.get("type") == "integer" and node.get("format") == "int64":
                del node["format"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
