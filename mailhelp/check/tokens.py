"""Host names and numbers in a text: the candidates a reader may take for a server or a port.

Tokens are found from a dot inside a word (hosts) or from a digit (ports): both searches
start with a literal character, which the regular expression engine finds fast.

Every scan is linear in its text: a word around a dot (a *run*: letters, digits, ``-``, dots)
is read once, label by label, never by a pattern with nested quantifiers that could
backtrack (a line ``a.a.a.…`` of a megabyte is read in one pass). A run may hold letters
outside ASCII (``ssl0.οvh.net`` with a Greek omicron, ``ovh.nét``, the ideographic full stop
``。``): when it reads as a host name once those letters are taken for the ASCII letters they
look like (:func:`skeleton`), it is a token too, so that the checker sees the look-alike a
reader cannot.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

DOTS = ".。．｡"
"""The full stop and the look-alikes a host name may be typed with (ideographic, full-width)."""

MAY_HOLD = re.compile(r"[\d.。．｡](?:(?<=\d)|(?=[^\W_]))")
"""A place where a token may be: a digit, or a dot before a letter or digit. Written to start
with a class of characters, which the engine skips to without trying the pattern elsewhere."""
_DOT = re.compile(r"[.。．｡](?=[^\W_])")
_RUN_TAIL = re.compile(r"[\w.\-。．｡]*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_TOP_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]")
_PORT = re.compile(r":(?P<port>\d{1,5})(?![\w-]|\.[A-Za-z0-9])")
# A number of at most 5 digits that is no part of a word, a version, a date, a path, a
# percentage or a decimal ("10.5", "3,5", "12:30"): the checks are the pattern's, so the
# numbers it skips cost no Python step.
_NUMBER = re.compile(r"\d(?<![\w.,:/#%\-]\d)\d{0,4}(?![\w%/]|[.,:]\d)")
_BEFORE_DECIMALS = frozenset(".,:")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_NOT_BEFORE_HOST = frozenset("@")

# Letters of other scripts that look like ASCII ones (Unicode's confusables, the common ones).
_CONFUSABLES = str.maketrans(
    "οОαΑеЕаАоОрРсСхХуУіІјЈѕЅԁԛԝνΝτΤκΚμΜιΙρΡβΒεΕηΗζΖχΧ",
    "ooaaeEaAoOpPcCxXyYiIjJsSdqwvNtTkKuMiIpPBBeEnHZZxX",
)


class Token(NamedTuple):
    """A host (with its port, if written ``host:port``) or a number in a page's text."""

    start: int
    end: int
    host: str | None
    port: str | None


def tokens(text: str) -> list[Token]:
    """Every host-like word and every number of ``text``, in order."""
    found: list[Token] = []
    done = 0  # the end of the last run read: no character is read twice
    backwards = ""
    for dot in _DOT.finditer(text):
        if dot.start() < done:
            continue
        # The run's start, read in the text reversed, from the character before the dot back.
        backwards = backwards or text[::-1]
        behind = _RUN_TAIL.match(backwards, len(text) - dot.start())
        start = max(done, dot.start() - (behind.end() - behind.start()))
        end = _RUN_TAIL.match(text, dot.start()).end()
        done = end
        token = _host_of(text, start, end)
        if token is not None:
            found.append(token)
    # A digit inside a host (ssl0, :995) follows a letter, a digit, '.', '-' or ':', so no
    # number found below overlaps a host found above.
    for number in _NUMBER.finditer(text):
        end = number.end()
        if text[end : end + 1] in _BEFORE_DECIMALS and text[end + 1 : end + 2].isdigit():
            continue  # a digit that is no decimal one ('²') after '995.', as '995.5'
        found.append(Token(number.start(), end, None, number.group()))
    found.sort(key=lambda t: t.start)
    return found


def skeleton(host: str) -> str:
    """``host`` with each character taken for the ASCII one it looks like, same length.

    ``ssl0.οvh.net`` (Greek omicron) gives ``ssl0.ovh.net``, ``nét`` gives ``net``, ``。``
    gives ``.``; a character that looks like no ASCII one stays as it is.
    """
    if host.isascii():
        return host
    return "".join(_ascii_like(ch) for ch in host.translate(_CONFUSABLES))


def foreign_characters(host: str) -> list[str]:
    """The characters of ``host`` outside ASCII, each named: ``'ο' (U+03BF GREEK SMALL LETTER OMICRON)``."""
    named = []
    for ch in dict.fromkeys(c for c in host if not c.isascii()):
        named.append(f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED CHARACTER')})")
    return named


def _ascii_like(ch: str) -> str:
    if ch.isascii():
        return ch
    if ch in DOTS:
        return "."
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base if base.isascii() and base.isalnum() else ch


def _host_of(text: str, start: int, end: int) -> Token | None:
    """The host name that the run ``text[start:end]`` starts with, if it starts with one."""
    if start > 0 and text[start - 1] in _NOT_BEFORE_HOST:
        return None  # an e-mail address
    run = text[start:end]
    if "_" in run:
        return None  # a file or variable name, not a host
    written = run.lstrip("-" + DOTS)
    start += len(run) - len(written)
    shape = skeleton(written)
    host_end = _host_length(shape)
    if host_end is None:
        return None
    host = written[:host_end]
    port = None
    if host_end == len(written):
        after = _PORT.match(text, start + host_end)
        port = after.group("port") if after else None
    if not host.isascii() and not any(c in _ASCII_ALNUM for c in host):
        return None  # a word of another script with a full stop, not a host name
    return Token(start, start + host_end + (len(port) + 1 if port else 0), host, port)


def _host_length(shape: str) -> int | None:
    """The length of the longest host name ``shape`` starts with (labels, then a top label).

    Read label by label, once: the same names the pattern ``(label\\.)+top`` accepts, where
    what follows is neither a letter, a digit, ``-`` nor a dot before one.
    """
    best = None
    labels = shape.split(".")
    offset = 0
    for index, label in enumerate(labels):
        end = offset + len(label)
        if index >= 1 and _TOP_LABEL.fullmatch(label):
            following = labels[index + 1] if index + 1 < len(labels) else ""
            if not following or following[0] not in _ASCII_ALNUM:
                best = end
        if not _LABEL.fullmatch(label):
            break
        offset = end + 1
    return best
