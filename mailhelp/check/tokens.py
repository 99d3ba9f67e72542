"""Host names and numbers in a text: the candidates a reader may take for a server or a port.

Tokens are found from a dot inside a word (hosts) or from a digit (ports): both searches
start with a literal character, which the regular expression engine finds fast.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_DOT = re.compile(r"\.(?=[A-Za-z0-9])")
_HOST = re.compile(
    r"(?P<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9])"
    r"(?::(?P<port>\d{1,5}))?(?![\w-]|\.[A-Za-z0-9])"
)
_DIGITS = re.compile(r"\d+")
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_NOT_BEFORE_HOST = frozenset("_@")
_NOT_BEFORE_NUMBER = frozenset(".,:/#%-_")
_NOT_AFTER_NUMBER = frozenset("%/_")


class Token(NamedTuple):
    """A host (with its port, if written ``host:port``) or a number in a page's text."""

    start: int
    end: int
    host: str | None
    port: str | None


def tokens(text: str) -> list[Token]:
    """Every host-like word and every number of ``text``, in order."""
    found: list[Token] = []
    taken = -1
    for dot in _DOT.finditer(text):
        if dot.start() < taken:
            continue
        start = dot.start()
        while start > 0 and text[start - 1] in _HOST_CHARS:
            start -= 1
        while start < dot.start() and text[start] in ".-":
            start += 1
        match = _HOST.match(text, start)
        if match is None or (
            start > 0 and (text[start - 1].isalnum() or text[start - 1] in _NOT_BEFORE_HOST)
        ):
            taken = dot.end()
            continue
        found.append(Token(start, match.end(), match.group("host"), match.group("port")))
        taken = match.end()
    # A digit inside a host (ssl0, :995) follows a letter, a digit, '.', '-' or ':', so no
    # number found below overlaps a host found above.
    for number in _DIGITS.finditer(text):
        start, end = number.span()
        if end - start > 5 or (
            start > 0 and (text[start - 1].isalnum() or text[start - 1] in _NOT_BEFORE_NUMBER)
        ):
            continue
        after = text[end : end + 2]
        if after and (after[0].isalnum() or after[0] in _NOT_AFTER_NUMBER):
            continue
        if len(after) == 2 and after[0] in ".,:" and after[1].isdigit():
            continue
        found.append(Token(start, end, None, number.group()))
    found.sort(key=lambda t: t.start)
    return found
