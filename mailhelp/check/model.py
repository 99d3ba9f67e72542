"""What the checker compares and what it reports: the data, and the findings.

:class:`Reference` is the data file in the form the rules need; a :class:`Finding` is one
value that disagrees with it, placed at its file, line and column, with the fix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mailhelp.check.words import NONE, SSL, STARTTLS
from mailhelp.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mailhelp.data.settings import Settings

PROTOCOLS = ("imap", "pop3", "smtp")
MODES = (SSL, STARTTLS, NONE)
WELL_KNOWN_PORTS = frozenset({25, 110, 143, 465, 587, 993, 995, 2525})
"""Mail ports a reader recognises wherever they stand, even without the word "port"."""


@dataclass(frozen=True)
class Reference:
    """What the data file says, in the form the rules need."""

    file: str
    hosts: Mapping[str, str]
    ports: Mapping[str, Mapping[str, int]]
    domains: tuple[str, ...]
    link_hosts: frozenset[str]
    values: Mapping[str, str]
    """Every dotted key and its text, to fill placeholders."""

    @cached_property
    def fingerprint(self) -> str:
        """The data in one text: two references with the same fingerprint judge alike."""
        fields = (self.hosts, self.ports, self.domains, sorted(self.link_hosts), self.values)
        return json.dumps(fields, sort_keys=True)

    @classmethod
    def from_settings(cls, settings: Settings, *, file: str | None = None) -> Reference:
        """The reference of a loaded settings file."""
        links = [settings.data["provider"]["manager"], *settings.data.get("legacy_guides", {}).values()]
        return cls(
            file=file or str(settings.path),
            hosts=settings.hosts(),
            ports=settings.ports(),
            domains=tuple(d.lower() for d in settings.domains()),
            link_hosts=frozenset(h for h in (urlsplit(u).hostname for u in links) if h),
            values=settings.values,
        )


@dataclass(frozen=True)
class Finding:
    """One host or port that does not agree with the data, where it stands and how to fix it."""

    file: str
    line: int
    col: int
    text: str
    """The line as written."""
    value: str
    rule: str
    message: str
    data: str
    """What the data file says."""
    fix: str

    def problem(self) -> Problem:
        """The finding as a build problem (``file:line:col: message`` and the fix)."""
        message = f"{self.message} [{self.rule}]\n    data: {self.data}\n    text: {self.text}"
        return Problem(self.file, self.line, self.col, message, self.fix)

    def as_dict(self) -> dict[str, Any]:
        """The finding as plain data, for JSON."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    def __str__(self) -> str:
        return str(self.problem())


@dataclass(frozen=True)
class Verdict:
    """A finding before it is placed: the text offset of the value, and what is wrong."""

    offset: int
    value: str
    rule: str
    message: str
    data: str
    fix: str
