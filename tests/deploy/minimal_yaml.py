"""Read docker-compose.yml without PyYAML (not a dependency of the project).

Understands the subset the compose file is written in — block mappings, block sequences
of scalars, one-line flow sequences, plain / single- / double-quoted scalars, comments —
and raises on anything else (anchors, flow mappings, multi-line strings…), so the file
cannot drift into YAML this reader would misread. When PyYAML is installed the tests
also check that both readers agree.
"""

from __future__ import annotations

import re

_INT = re.compile(r"^-?\d+$")


class UnsupportedYaml(ValueError):
    pass


def _strip_comment(line: str) -> str:
    quote = None
    for i, char in enumerate(line):
        if quote:
            if char == "\\" and quote == '"':
                continue
            if char == quote and not (quote == '"' and i > 0 and line[i - 1] == "\\"):
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def _scalar(text: str):
    text = text.strip()
    if text.startswith('"'):
        if not text.endswith('"') or len(text) < 2:
            raise UnsupportedYaml(f"chaîne non fermée : {text}")
        body = text[1:-1]
        return re.sub(r'\\(["\\])', r"\1", body)
    if text.startswith("'"):
        if not text.endswith("'") or len(text) < 2:
            raise UnsupportedYaml(f"chaîne non fermée : {text}")
        return text[1:-1].replace("''", "'")
    if text and text[0] in "&*!|>{@`%":
        raise UnsupportedYaml(f"syntaxe YAML non prise en charge : {text}")
    if text in ("", "~", "null"):
        return None
    if text in ("true", "false"):
        return text == "true"
    if _INT.match(text):
        return int(text)
    return text


def _split_flow(body: str) -> list[str]:
    items, current, quote = [], "", None
    for i, char in enumerate(body):
        if quote:
            current += char
            if char == quote and not (quote == '"' and body[i - 1] == "\\"):
                quote = None
        elif char in "\"'":
            quote = char
            current += char
        elif char == ",":
            items.append(current)
            current = ""
        elif char in "[]{}":
            raise UnsupportedYaml(f"liste imbriquée non prise en charge : [{body}]")
        else:
            current += char
    if quote:
        raise UnsupportedYaml(f"chaîne non fermée : [{body}]")
    if current.strip():
        items.append(current)
    return items


def _value(text: str):
    text = text.strip()
    if text.startswith("["):
        if not text.endswith("]"):
            raise UnsupportedYaml(f"liste non fermée : {text}")
        return [_scalar(item) for item in _split_flow(text[1:-1])]
    return _scalar(text)


def _key_value(content: str):
    """Split `key: value` at the first colon outside quotes followed by a space or the end."""
    quote = None
    for i, char in enumerate(content):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == ":" and (i + 1 == len(content) or content[i + 1] == " "):
            return _scalar(content[:i]), content[i + 1 :].strip()
    return None


def loads(text: str):
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise UnsupportedYaml(f"ligne {number} : tabulation dans l'indentation")
        stripped = _strip_comment(raw)
        if stripped.strip() in ("", "---"):
            continue
        lines.append((number, len(stripped) - len(stripped.lstrip(" ")), stripped.strip()))

    position = 0

    def block(indent: int):
        nonlocal position
        number, _, content = lines[position]
        if content.startswith("- ") or content == "-":
            result = []
            while (
                position < len(lines) and lines[position][1] == indent and lines[position][2].startswith("-")
            ):
                number, _, content = lines[position]
                item = content[1:].strip()
                if _key_value(item) is not None and not item.startswith(("'", '"')):
                    raise UnsupportedYaml(f"ligne {number} : liste de dictionnaires non prise en charge")
                result.append(_value(item))
                position += 1
            return result
        result = {}
        while position < len(lines) and lines[position][1] == indent:
            number, _, content = lines[position]
            pair = _key_value(content)
            if pair is None:
                raise UnsupportedYaml(f"ligne {number} : « clé: valeur » attendu : {content}")
            key, rest = pair
            if key in result:
                raise UnsupportedYaml(f"ligne {number} : clé en double : {key}")
            position += 1
            if rest:
                result[key] = _value(rest)
            elif position < len(lines) and lines[position][1] > indent:
                result[key] = block(lines[position][1])
            elif (
                position < len(lines) and lines[position][1] == indent and lines[position][2].startswith("-")
            ):
                result[key] = block(indent)  # A sequence may sit at its key's indentation.
            else:
                result[key] = None
        if position < len(lines) and lines[position][1] > indent:
            raise UnsupportedYaml(f"ligne {lines[position][0]} : indentation inattendue")
        return result

    if not lines:
        return None
    document = block(lines[0][1])
    if position != len(lines):
        raise UnsupportedYaml(f"ligne {lines[position][0]} : indentation inattendue")
    return document
