"""What the checker compares and what it reports: the data, and the findings.

:class:`Reference` is the data file in the form the rules need; a :class:`Finding` is one
value that disagrees with it, placed at its file, line and column, with the fix.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mailhelp.check.words import NONE, SSL, STARTTLS
from mailhelp.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from mailhelp.data.model import Endpoint, Settings

PROTOCOLS = ("imap", "pop3", "smtp")
MODES = (SSL, STARTTLS, NONE)
WELL_KNOWN_PORTS = frozenset({25, 110, 143, 465, 587, 993, 995, 2525})
"""Mail ports a reader recognises wherever they stand, even without the word "port"."""

_MARKS = re.compile(r"[\u0300-\u036f]")
_JOINED = re.compile(r"\s*(/)\s*|(?<=\S)(-)\s+|\s+(-)(?=\S)")
"""Spaces around a slash, or on one side of a hyphen: the sign alone (``\\1\\2\\3``)."""
_SPACES = re.compile(r"\s+")


def normalized(text: str) -> str:
    """Text as names are compared: case, accents and the spaces around ``/`` and a hyphen
    dropped ("AMERIQUE / ASIE-PACIFIQUE" is "Amérique/Asie-Pacifique"); a dash between
    spaces ("MX Plan - Outlook") stays a dash between words."""
    bare = text.casefold()
    if not bare.isascii():  # accents are marks only outside ASCII
        bare = _MARKS.sub("", unicodedata.normalize("NFD", bare))
    if "/" in bare or "-" in bare:
        bare = _JOINED.sub(r"\1\2\3", bare)  # a group that took no part gives nothing
    return _SPACES.sub(" ", bare)


@dataclass(frozen=True)
class Reference:
    """What the data file says, in the form the rules need."""

    file: str
    settings: Settings
    endpoints: tuple[Endpoint, ...]
    domains: tuple[str, ...]
    link_hosts: frozenset[str]
    retired: Mapping[str, str]
    """Each retired host and its replacement."""

    @cached_property
    def fingerprint(self) -> str:
        """The data in one text: two references with the same fingerprint judge alike."""
        return json.dumps(self.settings.data, sort_keys=True, default=str)

    @classmethod
    def from_settings(cls, settings: Settings, *, file: str | None = None) -> Reference:
        """The reference of a loaded settings file."""
        links = [settings.data["provider"]["manager"], *settings.data.get("legacy_guides", {}).values()]
        return cls(
            file=file or str(settings.path),
            settings=settings,
            endpoints=settings.endpoints,
            domains=tuple(d.lower() for d in settings.domains()),
            link_hosts=frozenset(h for h in (urlsplit(u).hostname for u in links) if h),
            retired=settings.retired(),
        )

    @property
    def values(self) -> Mapping[str, str]:
        """The values of a page of the first product, in the default region, in the source
        language: the context a page is read in when it names no other."""
        return self.values_for(None, self.settings.products()[0])

    def values_for(self, lang: str | None, product: str | None) -> Mapping[str, str]:
        """The values a page in ``lang`` of ``product`` names, in its default region."""
        region = self.default_region(lang, product)
        return self.settings.values(lang or _SOURCE, product=product, region=region)

    def default_region(self, locale: str | None, product: str | None) -> str | None:
        """The region a page speaks of when nothing on it says: its locale's, if offered."""
        region = self.settings.region_of_locale(locale)
        offered = self.settings.regions(product) if product else self.settings.regions()
        return region if region in offered else (offered[0] if offered else None)

    def serving(self, host: str) -> list[Endpoint]:
        """The endpoints ``host`` is a name of (any case, per-customer forms included)."""
        lowered = host.lower()
        return self._by_name.get(lowered) or [e for e in self._per_customer if e.serves(lowered)]

    def ports(self, protocol: str, mode: str) -> frozenset[int]:
        """The ports of ``protocol`` secured by ``mode``, in any product and region."""
        return self._ports.get((protocol, mode), frozenset())

    def names_in(self, kind: str, text: str) -> frozenset[str]:
        """The regions or products (``kind``) that ``text`` names, in any of their names.

        Remembered per text: the same headings, labels and cells recur on every page of a
        help centre, and normalizing a text costs more than looking it up. A text is read
        for both kinds at once: the rules ask for a host's region and then its product, in
        the same scopes, and normalizing costs more than a search for the names."""
        known = self._names_seen.get((kind, text))
        if known is None:
            if len(self._names_seen) > _NAMES_SEEN:
                self._names_seen.clear()
            bare = normalized(text)
            for each, (pattern, owners) in self._name_patterns.items():
                self._names_seen[each, text] = frozenset(owners[m.group(0)] for m in pattern.finditer(bare))
            known = self._names_seen[kind, text]
        return known

    @cached_property
    def _names_seen(self) -> dict[tuple[str, str], frozenset[str]]:
        return {}

    @cached_property
    def _by_name(self) -> dict[str, list[Endpoint]]:
        found: dict[str, list[Endpoint]] = {}
        for endpoint in self.endpoints:
            if not endpoint.per_customer:
                for name in endpoint.names:
                    found.setdefault(name, []).append(endpoint)
        return found

    @cached_property
    def _per_customer(self) -> list[Endpoint]:
        return [e for e in self.endpoints if e.per_customer]

    @cached_property
    def _ports(self) -> dict[tuple[str, str], frozenset[int]]:
        found: dict[tuple[str, str], set[int]] = {}
        for endpoint in self.endpoints:
            found.setdefault((endpoint.service, endpoint.security), set()).add(endpoint.port)
        return {key: frozenset(ports) for key, ports in found.items()}

    def forget_texts(self) -> None:
        """Forget the texts whose names are remembered (see :meth:`names_in`)."""
        self._names_seen.clear()

    @cached_property
    def _name_patterns(self) -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
        patterns = {}
        for kind, idents in (("region", self.settings.regions()), ("product", self.settings.products())):
            owners = {
                normalized(name): ident for ident in idents for name in self.settings.other_names(kind, ident)
            }
            patterns[kind] = (names_pattern(owners), owners)
        return patterns


def names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """One pattern for ``names``, each standing alone (no letter, digit or ``-`` beside it);
    where several match at one place, the longest.

    Each name is written from its first character, the check of what stands before it moved
    after that character, and the names grouped by it: the engine then skips at once to the
    places where a name may start, instead of trying the check at every place of the text
    (the names of regions and products are read in every scope near a host)."""
    by_first: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(re.escape(name[1:]))
    branches = [
        f"{re.escape(first)}(?<![\\w-]{re.escape(first)})(?:{'|'.join(rests)})"
        for first, rests in by_first.items()
    ]
    return re.compile(f"(?:{'|'.join(branches) or '(?!)'})(?![\\w-])")


_NAMES_SEEN = 50_000
"""Texts whose names are remembered, at most (a bound on memory, not a cache policy)."""

_SOURCE = "pt"
"""The language a page without one is read in, for the names of products and regions."""


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
