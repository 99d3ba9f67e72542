"""What the settings file may hold: one description, read by the validator and by editors.

:data:`SCHEMA` describes the file as nested Python values: a ``dict`` is a section with
fixed keys, :class:`MapOf` a section whose keys are ids, :class:`ListOf` a list,
:class:`Optional` a key that may be left out, and a :class:`Value` one checked value. The
validator (:mod:`mailhelp.data.validate`) walks the file against it; :func:`json_schema`
turns the same description into the JSON Schema that ``data/settings.schema.json`` holds,
so that the two can never disagree about a key, a type or a choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Callable

SECURITY_MODES = ("ssl", "starttls", "none")
"""How an endpoint is secured: implicit TLS, STARTTLS on a plain port, or not at all."""

SERVICES = ("imap", "pop3", "smtp")
"""The mail services an endpoint offers."""

AUTH_METHODS = ("password", "none")
"""How a client signs in: the mailbox password (PLAIN or LOGIN), or not at all."""

USERNAME_FORMS = ("email_address", "local_part")

PER_CUSTOMER = "{n}"
"""In a host name, the number that differs per customer (``pro{n}.mail.ovh.net``)."""

HOST_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
HOST_PATTERN = rf"^(?=.{{1,253}}$){HOST_LABEL}(\.{HOST_LABEL})*\.[a-z]{{2,63}}$"
"""A lower-case DNS host name (RFC 1123) of two labels or more, ending in a letter TLD: so
``999.999.999.999`` is not a host name, and neither is any name outside ASCII."""
_HOST = re.compile(HOST_PATTERN)
_PER_CUSTOMER_HOST = re.compile(
    HOST_PATTERN.replace(HOST_LABEL, r"(?:[a-z0-9-]*\{n\}[a-z0-9-]*|" + HOST_LABEL + ")", 1)
)
ID_PATTERN = r"^[a-z][a-z0-9_]{1,39}$"
LOCALE_PATTERN = r"^[a-z]{2}(-[a-z]{2,4})?$"
LEGACY_PATTERN = r"^g[0-9]+$"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class Value:
    """One value: ``check`` says what was expected (or ``None`` when it is good); ``json`` is
    the same rule as JSON Schema."""

    check: Callable[[Any], str | None]
    json: dict[str, Any]


@dataclass(frozen=True)
class ListOf:
    """A non-empty list whose items all follow ``item``."""

    item: Any


@dataclass(frozen=True)
class MapOf:
    """A section whose keys match ``key`` (described as ``key_expected``), each value ``value``."""

    key: str
    key_expected: str
    value: Any
    _compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", re.compile(self.key))

    def accepts(self, name: str) -> bool:
        """Whether ``name`` is a key this section allows."""
        return self._compiled.match(name) is not None


@dataclass(frozen=True)
class Optional:
    """A key that may be left out."""

    spec: Any


def is_host_name(value: str) -> bool:
    """True for a lower-case DNS host name of two labels or more (RFC 1123), ASCII only."""
    return _HOST.match(value) is not None


def is_host_pattern(value: str) -> bool:
    """True for a host name whose first label holds the per-customer number ``{n}`` once."""
    return value.count(PER_CUSTOMER) == 1 and _PER_CUSTOMER_HOST.match(value) is not None


# Values ---------------------------------------------------------------------------------------


def _text_check(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "a non-empty text"
    if "{{" in value or "}}" in value:
        return "a text without '{{' or '}}'"
    return None


def _host_check(value: Any) -> str | None:
    if not isinstance(value, str):
        return "a host name such as 'ssl0.ovh.net'"
    if not value.isascii():
        return "a host name in ASCII letters: this one holds a look-alike character"
    if value != value.lower() and is_host_name(value.lower()):
        return f"a host name in lower case: '{value.lower()}'"
    if not is_host_name(value):
        return "a host name such as 'ssl0.ovh.net' (letters, digits, '-' and '.', ending in a name)"
    return None


def _server_check(value: Any) -> str | None:
    if isinstance(value, str) and PER_CUSTOMER in value:
        if is_host_pattern(value):
            return None
        return (
            "a host name with the customer's number written {n} once in its first part, 'pro{n}.mail.ovh.net'"
        )
    return _host_check(value)


def _port_check(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "a port number from 1 to 65535, written without quotes"
    if not 1 <= value <= 65535:
        return "a port number from 1 to 65535"
    return None


def _url_check(value: Any) -> str | None:
    expected = "an address starting with https:// or http://"
    if not isinstance(value, str):
        return expected
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.hostname or " " in value or not value.isascii():
        return expected
    return None


def _email_check(value: Any) -> str | None:
    ok = isinstance(value, str) and _EMAIL.match(value) and is_host_name(value.split("@")[1])
    return None if ok else "an e-mail address such as 'name@example.com'"


def _date_check(value: Any) -> str | None:
    if isinstance(value, str) and _DATE.match(value):
        try:
            date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return None
    return "a date written YYYY-MM-DD, such as 2026-12-01"


def _pattern_check(pattern: str, expected: str) -> Callable[[Any], str | None]:
    compiled = re.compile(pattern)

    def check(value: Any) -> str | None:
        return None if isinstance(value, str) and compiled.match(value) else expected

    return check


def choice(*choices: str) -> Value:
    """One of ``choices``, written as it is."""

    def check(value: Any) -> str | None:
        return None if value in choices else "one of " + ", ".join(repr(c) for c in choices)

    return Value(check, {"enum": list(choices)})


TEXT = Value(_text_check, {"type": "string", "minLength": 1, "pattern": r"^(?![\s\S]*(\{\{|\}\}))[\s\S]*\S"})
HOST = Value(_host_check, {"type": "string", "pattern": HOST_PATTERN})
SERVER = Value(
    _server_check,
    {"type": "string", "anyOf": [{"pattern": HOST_PATTERN}, {"pattern": _PER_CUSTOMER_HOST.pattern}]},
)
PORT = Value(_port_check, {"type": "integer", "minimum": 1, "maximum": 65535})
URL = Value(_url_check, {"type": "string", "pattern": r"^https?://[!-~]+$"})
EMAIL = Value(_email_check, {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+$"})
DATE = Value(_date_check, {"type": "string", "pattern": _DATE.pattern})
ID = Value(
    _pattern_check(ID_PATTERN, "an id in lower case, such as 'europe'"),
    {"type": "string", "pattern": ID_PATTERN},
)

NAMES = MapOf(LOCALE_PATTERN, "a locale such as 'pt' or 'fr-ca'", TEXT)
"""A name in each language: ``{pt: Europa, en: Europe, ...}``."""

ENDPOINT = {
    "host": SERVER,
    "aliases": Optional(ListOf(HOST)),
    "port": PORT,
    "security": choice(*SECURITY_MODES),
    "auth": choice(*AUTH_METHODS),
    # What no source confirms yet (a later probe may): shown to reviewers, never to readers.
    "unverified": Optional(TEXT),
    # Why a password may travel unencrypted here: required for 'none' with a password.
    "plaintext_reason": Optional(TEXT),
}

PRODUCT_REGION = {
    "source": {"page": TEXT, "checked": DATE},
    **{service: Optional(ListOf(ENDPOINT)) for service in SERVICES},
}

SCHEMA: dict[str, Any] = {
    "provider": {"name": TEXT, "domains": ListOf(HOST), "manager": URL},
    "account": {"username": choice(*USERNAME_FORMS), "example": EMAIL},
    "regions": MapOf(
        ID_PATTERN, "an id such as 'europe'", {"name": NAMES, "other_names": Optional(ListOf(TEXT))}
    ),
    "default_region": ID,
    "locale_regions": Optional(MapOf(LOCALE_PATTERN, "a locale such as 'fr-ca'", ID)),
    "products": MapOf(
        ID_PATTERN,
        "an id such as 'mx_plan'",
        {
            "name": NAMES,
            "other_names": Optional(ListOf(TEXT)),
            "regions": MapOf(ID_PATTERN, "a region id such as 'europe'", PRODUCT_REGION),
        },
    ),
    "retired_hosts": Optional(ListOf({"host": HOST, "replacement": HOST, "source": TEXT})),
    "legacy_guides": Optional(MapOf(LEGACY_PATTERN, "a guide number such as 'g1683'", URL)),
}
"""What the settings file holds."""


# JSON Schema -----------------------------------------------------------------------------------

SCHEMA_ID = "settings.schema.json"


def json_schema() -> dict[str, Any]:
    """:data:`SCHEMA` as a JSON Schema (draft 2020-12), for editors and other tools."""
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "The help centre's settings file (data/settings.yml)",
        "description": "Generated from mailhelp/data/schema.py by `mailhelp schema`; do not edit by hand.",
    }
    return {**document, **_json(SCHEMA)}


def _json(spec: Any) -> dict[str, Any]:
    if isinstance(spec, dict):
        required = [name for name, sub in spec.items() if not isinstance(sub, Optional)]
        return {
            "type": "object",
            "properties": {name: _json(_inner(sub)) for name, sub in spec.items()},
            "required": required,
            "additionalProperties": False,
        }
    if isinstance(spec, MapOf):
        return {
            "type": "object",
            "patternProperties": {spec.key: _json(spec.value)},
            "additionalProperties": False,
        }
    if isinstance(spec, ListOf):
        return {"type": "array", "items": _json(spec.item), "minItems": 1}
    return dict(spec.json)


def _inner(spec: Any) -> Any:
    return spec.spec if isinstance(spec, Optional) else spec
