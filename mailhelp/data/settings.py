"""Load and validate the one settings file (``data/settings.yml``).

The file is read with ``yaml.safe_load`` semantics, then checked against :data:`SCHEMA`
node by node so that every mistake names the line it stands on, its dotted key, the
value received and what is expected. All mistakes of a file are reported at once.

Pages name a value by its dotted key (``imap.host``); :attr:`Settings.values` maps every
such key to the text that lands on the page.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from mailhelp.problems import ContentError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


SECURITY_MODES = ("ssl", "starttls", "none")
"""How a port is secured: implicit TLS, STARTTLS on a plain port, or not at all."""

PROTOCOLS = ("imap", "pop3", "smtp")
"""The mail protocols the data file describes, each with a host and its ports."""

USERNAME_FORMS = ("email_address", "local_part")


@dataclass(frozen=True)
class Settings:
    """The validated settings file: raw data, and the values pages may name."""

    path: Path
    data: dict[str, Any]
    values: dict[str, str] = field(default_factory=dict)

    def hosts(self) -> dict[str, str]:
        """Each protocol's host, e.g. ``{"imap": "ssl0.ovh.net"}``."""
        return {name: self.data[name]["host"] for name in PROTOCOLS}

    def ports(self) -> dict[str, dict[str, int]]:
        """Each protocol's ports by security mode, e.g. ``{"imap": {"ssl": 993}}``."""
        return {name: dict(self.data[name]["ports"]) for name in PROTOCOLS}

    def domains(self) -> tuple[str, ...]:
        """The provider's DNS domains: any host below them is one of its servers."""
        return tuple(self.data["provider"]["domains"])


def load_settings(path: Path) -> Settings:
    """Read, validate and flatten the settings file at ``path``.

    Raises :class:`ContentError` naming the file, line, key, value and expectation of every
    mistake: a YAML syntax error, a duplicate or unknown key, a missing key, a wrong type or
    an invalid value.
    """
    shown = _display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        message = "the settings file does not exist"
        raise ContentError([Problem(shown, None, None, message, "create it, see README.md")]) from None
    except (OSError, UnicodeDecodeError) as error:
        message = f"the settings file cannot be read: {error}"
        raise ContentError([Problem(shown, None, None, message, "save it as UTF-8 text")]) from None
    return parse_settings(text, path=path)


def parse_settings(text: str, *, path: Path) -> Settings:
    """Validate settings given as YAML ``text``; ``path`` is only used in messages."""
    shown = _display_path(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        message = f"YAML syntax error: {reason}"
        fix = "check the indentation and quoting on that line (values holding ': ' need quotes)"
        raise ContentError([Problem(shown, line, col, message, fix)]) from None
    checker = _Checker(shown)
    data = checker.check(root, SCHEMA, "")
    if checker.problems:
        raise ContentError(checker.problems)
    return Settings(path=path, data=data, values=dict(_flatten(data)))


# Validators -------------------------------------------------------------------------------

_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_LEGACY_KEY = re.compile(r"^g[0-9]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def is_host_name(value: str) -> bool:
    """True for a lower-case DNS host name of two labels or more (RFC 1123)."""
    labels = value.split(".")
    return len(value) <= 253 and len(labels) >= 2 and all(_HOST_LABEL.match(x) for x in labels)


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "a non-empty text"
    if "{{" in value or "}}" in value:
        return "a text without '{{' or '}}'"
    return None


def _host(value: Any) -> str | None:
    if not isinstance(value, str):
        return "a host name such as 'ssl0.ovh.net'"
    if value != value.lower() and is_host_name(value.lower()):
        return f"a host name in lower case: '{value.lower()}'"
    if not is_host_name(value):
        return "a host name such as 'ssl0.ovh.net' (letters, digits, '-' and '.')"
    return None


def _port(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "a port number from 1 to 65535, written without quotes"
    if not 1 <= value <= 65535:
        return "a port number from 1 to 65535"
    return None


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "true or false"


def _url(value: Any) -> str | None:
    expected = "an address starting with https:// or http://"
    if not isinstance(value, str):
        return expected
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.hostname or " " in value:
        return expected
    return None


def _email(value: Any) -> str | None:
    ok = isinstance(value, str) and _EMAIL.match(value) and is_host_name(value.split("@")[1])
    return None if ok else "an e-mail address such as 'name@example.com'"


def _choice(*choices: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in choices else "one of " + ", ".join(repr(c) for c in choices)

    return check


@dataclass(frozen=True)
class ListOf:
    """A non-empty list whose items all pass ``item``."""

    item: Callable[[Any], str | None]


@dataclass(frozen=True)
class MapOf:
    """A mapping whose keys match ``key`` and whose values pass ``value``."""

    key: re.Pattern[str]
    key_expected: str
    value: Callable[[Any], str | None]


@dataclass(frozen=True)
class Optional:
    """A key that may be left out."""

    spec: Any


# The checker ------------------------------------------------------------------------------


class _Checker:
    """Walks YAML nodes against a schema, collecting problems with their line numbers."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def fail(self, node: yaml.Node | None, key: str, received: Any, expected: str, fix: str = "") -> None:
        line = node.start_mark.line + 1 if node is not None else None
        col = node.start_mark.column + 1 if node is not None else None
        where = f"'{key}'" if key else "the file"
        message = f"{where}: received {received!r}, expected {expected}"
        fix = fix or (f"set '{key}' to {expected}" if key else f"make the file {expected}")
        self.problems.append(Problem(self.shown, line, col, message, fix))

    def check(self, node: yaml.Node | None, spec: Any, key: str) -> Any:
        if isinstance(spec, dict):
            return self._mapping(node, spec, key)
        if isinstance(spec, MapOf):
            return self._map_of(node, spec, key)
        if isinstance(spec, ListOf):
            return self._list_of(node, spec, key)
        return self._scalar(node, spec, key)

    def _scalar(self, node: yaml.Node | None, spec: Callable[[Any], str | None], key: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, key, _kind(node), spec(object()) or "a single value")
            return None
        value = self._constructor.construct_object(node, deep=True)
        expected = spec(value)
        if expected:
            self.fail(node, key, value, expected)
        return value

    def _pairs(self, node: yaml.Node | None, key: str) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, key, _kind(node), "a section of 'name: value' lines")
            return
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = self._constructor.construct_object(key_node)
            name = str(name)
            if name in seen:
                line = key_node.start_mark.line + 1
                message = f"'{_join(key, name)}' is given twice (first on line {seen[name]})"
                self.problems.append(
                    Problem(self.shown, line, key_node.start_mark.column + 1, message, "keep one of them")
                )
                continue
            seen[name] = key_node.start_mark.line + 1
            yield name, key_node, value_node

    def _mapping(self, node: yaml.Node | None, spec: dict[str, Any], key: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, key_node, value_node in self._pairs(node, key):
            child = _join(key, name)
            if name not in spec:
                known = ", ".join(spec)
                close = difflib.get_close_matches(name, list(spec), n=1)
                fix = f"did you mean '{_join(key, close[0])}'?" if close else f"use one of: {known}"
                self.fail(key_node, child, name, f"one of the known keys here: {known}", fix)
                continue
            sub = spec[name].spec if isinstance(spec[name], Optional) else spec[name]
            result[name] = self.check(value_node, sub, child)
        if isinstance(node, yaml.MappingNode):
            for name, sub in spec.items():
                given = any(name == str(k.value) for k, _ in node.value)
                if name not in result and not isinstance(sub, Optional) and not given:
                    fix = f"add '{name}:' to the '{key}' section" if key else f"add a '{name}:' section"
                    self.fail(node, _join(key, name), "nothing", f"'{name}' in this section", fix)
        return result

    def _map_of(self, node: yaml.Node | None, spec: MapOf, key: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, key_node, value_node in self._pairs(node, key):
            child = _join(key, name)
            if not spec.key.match(name):
                self.fail(key_node, child, name, spec.key_expected)
                continue
            result[name] = self.check(value_node, spec.value, child)
        return result

    def _list_of(self, node: yaml.Node | None, spec: ListOf, key: str) -> list[Any]:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.fail(node, key, _kind(node), "a list of one item or more, each on a '- ' line")
            return []
        return [self.check(item, spec.item, f"{key}.{i}") for i, item in enumerate(node.value)]


def _kind(node: yaml.Node | None) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, yaml.MappingNode):
        return "a section"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return str(node.value)


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def _ports(node_spec: Callable[[Any], str | None]) -> dict[str, Any]:
    return {mode: Optional(node_spec) for mode in SECURITY_MODES}


def _flatten(data: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """Yield ``(dotted key, text)`` for every single value a page may show."""
    for name, value in data.items():
        key = _join(prefix, str(name))
        if isinstance(value, dict):
            yield from _flatten(value, key)
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            yield key, str(value)


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# The schema -------------------------------------------------------------------------------

_SERVER = {"host": _host, "auth": _flag, "ports": _ports(_port)}

SCHEMA: dict[str, Any] = {
    "provider": {
        "name": _text,
        "product": _text,
        "domains": ListOf(_host),
        "manager": _url,
    },
    "account": {"username": _choice(*USERNAME_FORMS), "example": _email},
    "imap": _SERVER,
    "pop3": _SERVER,
    "smtp": _SERVER,
    "legacy_guides": Optional(MapOf(_LEGACY_KEY, "a guide number such as 'g1683'", _url)),
}
"""What the settings file holds: a dict is a section, a function checks one value."""
