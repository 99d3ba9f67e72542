"""The words that give a server value its context, in every language we publish.

A reader knows which protocol, direction and security a value belongs to from the words
around it: "Servidor de receção (POP3)", "SSL desativado", "Outgoing server port". This
module turns a piece of text into those signals. Protocol names and SSL/TLS are the same in
every language; the other words are listed per language (``pt en fr es de it pl``) and
English always applies, since technical English shows up in every guide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

IN, OUT = "in", "out"
_DIRECTED = {IN: frozenset({"imap", "pop3"}), OUT: frozenset({"smtp"})}
_PROTOCOLS = _DIRECTED[IN] | _DIRECTED[OUT]
SSL, STARTTLS, NONE = "ssl", "starttls", "none"

# Per language: words (regular expressions) for each kind of signal, written in lower case:
# every word is looked for in the text in lower case (see vocabulary()), where a capital
# letter would never match. Not with IGNORECASE: a pattern that ignores case cannot skip to
# the places where its first letter stands, and tries every place of the text (reading the
# security of a 318-character paragraph that names SSL took 50 us with it, 38 without).
# German glues words together (Posteingangsserver), so its words match inside a word.
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "port": r"\bports?\b",
        "server": r"\bservers?\b|\bhost(?:name)?\b",
        "in": r"\bincoming\b|\binbound\b|\breceiving\b",
        "out": r"\boutgoing\b|\boutbound\b|\bsending\b",
        "on": r"\benabled\b|\brequire[sd]?\b",
        "off": r"\bdisabled\b",
        "with": r"\bwith\b",
        "without": r"\bwithout\b|\bno\b",
        "or": r"\bor\b",
        "elsewhere": r"\bsections?\b|\bchapters?\b",
    },
    "pt": {
        "port": r"\bportas?\b",
        "server": r"\bservidor(?:es)?\b",
        "in": r"\brece(?:ç|pç|c)ão\b|\bentrada\b|\brecebimento\b",
        "out": r"\benvio\b|\bsa[íi]da\b",
        "on": r"\bac?tivad[oa]s?\b|\bligad[oa]s?\b|\bexigir\b",
        "off": r"\bdesac?tivad[oa]s?\b|\bdesligad[oa]s?\b",
        "with": r"\bcom\b",
        "without": r"\bsem\b",
        "or": r"\bou\b",
        "elsewhere": r"\bsec?ç(?:ão|ões)\b|\bcap[íi]tulos?\b",
    },
    "fr": {
        "port": r"\bports?\b",
        "server": r"\bserveurs?\b|\bhôtes?\b",
        "in": r"\bentrants?\b|\bentrantes?\b|\bréception\b",
        "out": r"\bsortants?\b|\bsortantes?\b|\benvoi\b",
        "on": r"\bactivée?s?\b|\bexiger\b",
        "off": r"\bdésactivée?s?\b",
        "with": r"\bavec\b",
        "without": r"\bsans\b",
        "or": r"\bou\b",
        "elsewhere": r"\bsections?\b|\bchapitres?\b",
    },
    "es": {
        "port": r"\bpuertos?\b",
        "server": r"\bservidor(?:es)?\b",
        "in": r"\bentrantes?\b|\brecepción\b|\bentrada\b",
        "out": r"\bsalientes?\b|\bsalida\b|\benv[íi]o\b",
        "on": r"\bactivad[oa]s?\b|\bhabilitad[oa]s?\b|\brequerir\b",
        "off": r"\bdesactivad[oa]s?\b|\bdeshabilitad[oa]s?\b",
        "with": r"\bcon\b",
        "without": r"\bsin\b",
        "or": r"\bo\b|\bu\b",
        "elsewhere": r"\bsecci(?:ón|ones)\b|\bcap[íi]tulos?\b",
    },
    "de": {
        # Glued words: "Postausgangsport" is a port; "Support", "Export", "Import" are not
        "port": r"(?<!sup)(?<!ex)(?<!im)(?<!trans)port(?:s|nummer)?\b",
        "server": r"server",
        "in": r"eingang|eingehend|empfang",
        "out": r"ausgang|ausgehend|versand",
        "on": r"(?<!de)aktiviert|erforderlich",
        "off": r"deaktiviert",
        "with": r"\bmit\b",
        "without": r"\bohne\b",
        "or": r"\boder\b",
        "elsewhere": r"abschnitt|kapitel",
    },
    "it": {
        "port": r"\bport[ae]\b",
        "server": r"\bserver\b",
        "in": r"\bin (?:arrivo|entrata)\b|\bricezione\b",
        "out": r"\bin uscita\b|\binvio\b",
        "on": r"\battivat[oaie]\b|\babilitat[oaie]\b|\brichied\w*",
        "off": r"\bdisattivat[oaie]\b|\bdisabilitat[oaie]\b",
        "with": r"\bcon\b",
        "without": r"\bsenza\b",
        "or": r"\bo\b|\boppure\b",
        "elsewhere": r"\bsezion[ei]\b|\bcapitol[oi]\b",
    },
    "pl": {
        "port": r"\bport(?:y|u|ów|em|ach)?\b",
        "server": r"\bserwer\w*",
        "in": r"\bprzychodząc\w*|\bodbieran\w*|\bodbior\w*",
        "out": r"\bwychodząc\w*|\bwysyłani\w*",
        "on": r"\bwłączon\w*|\bwymagaj\w*",
        "off": r"\bwyłączon\w*",
        "with": r"\bz\b",
        "without": r"\bbez\b",
        "or": r"\blub\b|\balbo\b",
        "elsewhere": r"\bsekcj\w*|\brozdzia\w*",
    },
}

LANGUAGES = tuple(_WORDS)
"""The languages whose words the checker knows."""

_LOWER_WORDS = {"imap": r"\bimap[s4]?\b", "pop3": r"\bpop[s3]?\b", "smtp": r"\bsmtps?\b", "ssl": "ssl|tls"}
"""The words that :func:`signals` reads in every language, in lower case, by kind."""
_KINDS = {"port": "port", "server": "server", IN: "incoming", OUT: "outgoing"}
"""The kinds of word that :func:`signals` reads in one pass, by :data:`_WORDS`'s name, with
the name of their group in :attr:`_Vocabulary.kinds` (``in`` is a keyword of Python)."""
_SSL = r"(?:ssl|tls)"
_ANY_SSL = re.compile(_SSL)
# "SSLactivado" (written without a space in old guides) reads as "SSL activado".
_GLUED = re.compile(r"\b(ssl|tls)(?=[^\W\d_])")
# From the start of a word only: the same hosts, without trying each letter as a start.
_DOTTED = re.compile(r"(?<![\w-])[\w-]+(?:\.[\w-]+)+")
_DOT_IN_WORD = re.compile(r"\.[\w-](?<=[\w-]\.[\w-])")
"""Where :data:`_DOTTED` may match: a dot inside a word, found from the dot (a literal)."""
_STARTTLS = re.compile(r"\bstart[ _-]?tls\b")
_LABEL = re.compile(r"\bssl/tls\b")


@dataclass(frozen=True)
class Signals:
    """What one piece of text says about the values near it."""

    protocols: frozenset[str]
    """Protocols it names: ``imap``, ``pop3``, ``smtp``."""
    directions: frozenset[str]
    """``in`` (incoming, receção…) and/or ``out`` (outgoing, envio…)."""
    modes: frozenset[str]
    """Security it states: ``ssl``, ``starttls`` or ``none``; empty when none or both."""
    port: bool
    """It names ports (porta, port, puerto, Port, porte, portu…)."""
    server: bool
    """It names a server (servidor, server, serveur, serwer…)."""
    directed: frozenset[str]
    """The protocols its directions allow: incoming is IMAP or POP3, outgoing is SMTP."""
    accounts: frozenset[str]
    """The protocols it allows when it speaks of an account ("Configuração POP"): the named
    ones, and SMTP, which sends the mail of every account."""


@dataclass(frozen=True)
class _Vocabulary:
    """The words of a language, each pattern to search a text in lower case (``text.lower()``)."""

    port: re.Pattern[str]
    on: re.Pattern[str]
    off: re.Pattern[str]
    with_ssl: re.Pattern[str]
    without_ssl: re.Pattern[str]
    either: re.Pattern[str]
    elsewhere: re.Pattern[str]
    kinds: re.Pattern[str]
    """The words that :func:`signals` reads first, in lower case (see :func:`_one_pass`):
    one pass over a text in lower case says which kinds it holds. A text with none says
    nothing; the words of the other kinds only count beside SSL or TLS."""
    kind_of: dict[str, str]
    """The kind of word each group of :attr:`kinds` closes on."""


@lru_cache(maxsize=16)
def vocabulary(lang: str | None) -> _Vocabulary:
    """The compiled words of ``lang`` plus English; every language's when ``lang`` is unknown."""
    langs = [lang, "en"] if lang in _WORDS and lang != "en" else ["en"] if lang == "en" else list(_WORDS)

    def union(kind: str) -> str:
        """One alternation of the words of ``kind`` in every language chosen."""
        return "|".join(f"(?:{_WORDS[x][kind]})" for x in langs)

    near_ssl = r"(?:[\w-]+\s+){0,2}?" + _SSL
    kinds, kind_of = _one_pass(langs)
    return _Vocabulary(
        port=re.compile(union("port")),
        on=re.compile(union("on")),
        off=re.compile(union("off")),
        # "with SSL encryption", "mit SSL-Verschlüsselung", "sem SSL"
        with_ssl=re.compile(f"(?:{union('with')})\\s+{near_ssl}"),
        without_ssl=re.compile(f"(?:{union('without')})\\s+{near_ssl}"),
        # "with or without SSL", "com ou sem SSL", "z szyfrowaniem SSL lub bez niego": both
        either=re.compile(f"(?:{union('or')})\\s+(?:{union('without')})\\b|\\bbez\\s+niego\\b"),
        elsewhere=re.compile(union("elsewhere")),
        kinds=kinds,
        kind_of=kind_of,
    )


def _one_pass(langs: list[str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for the words of every kind (protocols, SSL or TLS, :data:`_KINDS`) in
    ``langs``, to search a text in lower case, and the kind of word each of its groups ends.

    No word of one kind holds a word of another, so the kinds' matches never overlap and
    one pass finds them all; a text in lower case needs no case-insensitive matching, which
    tries both cases of every letter. Each word is written to start with its first letter,
    its checks before that letter moved after it (``\\bport`` is ``p(?<!\\wp)ort``), and the
    words are grouped by that letter: the regular expression engine then skips at once the
    places where no word starts, and tries only the words of the letter where one may. A
    word keeps its place among the words of its letter, so that at a place the same word
    matches first, as in the plain alternation of every word (four to five times faster,
    on the cells, lines and clauses of the never-seen benchmark)."""
    words = [(kind, word) for kind, pattern in _LOWER_WORDS.items() for word in _alternatives(pattern)]
    words += [(_KINDS[k], word) for k in _KINDS for x in langs for word in _alternatives(_WORDS[x][k])]
    by_letter: dict[str, list[str]] = {}
    kind_of: dict[str, str] = {}
    for number, (kind, word) in enumerate(words):
        head = _HEAD.match(word)
        if head is None or word[head.end() : head.end() + 1] in ("?", "*", "+", "{"):
            raise ValueError(f"a word of the vocabulary starts with a letter it must have: {word!r}")
        letter = head.group("letter")
        checks = "".join(f"(?<!{behind}{letter})" for behind in _BEHIND.findall(head.group("behind")))
        if head.group("edge"):
            checks = f"(?<!\\w{letter})" + checks
        kind_of[f"w{number}"] = kind
        by_letter.setdefault(letter, []).append(f"{checks}{word[head.end() :]}(?P<w{number}>)")
    pattern = "|".join(f"{letter}(?:{'|'.join(rest)})" for letter, rest in by_letter.items())
    return re.compile(pattern), kind_of


_HEAD = re.compile(r"(?P<edge>\\b)?(?P<behind>(?:\(\?<!\w+\))*)(?P<letter>[^\W\d_])")
"""How a word of the vocabulary starts: a word boundary, letters that must not stand before
it (German ``(?<!sup)port``), then its first letter, written as such."""
_BEHIND = re.compile(r"\(\?<!(\w+)\)")


def _alternatives(pattern: str) -> list[str]:
    """The words of ``pattern``: its alternatives outside any group or class."""
    found = []
    depth = start = index = 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            found.append(pattern[start:index])
            start = index + 1
        index += 1
    found.append(pattern[start:])
    return found


@lru_cache(maxsize=8192)
def signals(text: str, lang: str | None) -> Signals:
    """The signals in ``text`` (one cell, clause, line, paragraph or heading) read as ``lang``."""
    words = vocabulary(lang)
    if "." in text and _DOT_IN_WORD.search(text):
        # A host names no context: "imap.mail.ovh.net" in an SMTP row is not IMAP.
        text = _DOTTED.sub(" ", text)
    kind_of = words.kind_of
    lower = text.lower()
    found = frozenset(kind_of[match.lastgroup] for match in words.kinds.finditer(lower))  # type: ignore[index]
    if not found:
        return _SILENT
    return _signals_of(found, _modes(lower, words) if "ssl" in found else frozenset())


@cache
def _signals_of(found: frozenset[str | None], modes: frozenset[str]) -> Signals:
    """The signals of a text that holds words of the kinds ``found`` and states ``modes``:
    a few dozen combinations, each made once."""
    protocols = found & _PROTOCOLS
    directions = frozenset(d for d in (IN, OUT) if _KINDS[d] in found)
    return Signals(
        protocols=protocols,
        directions=directions,
        directed=frozenset().union(*(_DIRECTED[d] for d in directions)),
        accounts=protocols | {"smtp"} if protocols else protocols,
        modes=modes,
        port="port" in found,
        server="server" in found,
    )


_SILENT = Signals(frozenset(), frozenset(), frozenset(), False, False, frozenset(), frozenset())
"""What a text with no word of :func:`vocabulary` says."""


def without_cross_references(text: str, lang: str | None) -> str:
    """``text`` without the sentences or clauses that send the reader to other sections.

    "This example sets up POP3 with SSL; for IMAP or without SSL, see the sections that
    follow": the second clause describes other sections, not the values here.
    """
    words = vocabulary(lang)
    if not words.elsewhere.search(text.lower()):
        return text
    parts = re.split(r"(?<=[.;!?])\s+", text)
    return " ".join(part for part in parts if not words.elsewhere.search(part.lower()))


def _modes(text: str, words: _Vocabulary) -> frozenset[str]:
    """The security that ``text``, in lower case, states (see :attr:`Signals.modes`)."""
    if _STARTTLS.search(text):
        # "SSL/TLS or STARTTLS" names both, which decides nothing.
        return frozenset() if _ANY_SSL.search(_STARTTLS.sub(" ", text)) else frozenset({STARTTLS})
    if not _ANY_SSL.search(text):
        return frozenset()
    if _LABEL.search(text) and not (
        words.on.search(text) or words.off.search(text) or words.either.search(text)
    ):
        return frozenset({SSL})  # the clients' own label for implicit TLS: a column "SSL/TLS"
    text = _GLUED.sub(r"\1 ", text)
    if words.either.search(text):
        return frozenset()
    # "SSL enabled" / "SSL desativado" decide; "with SSL" / "sem SSL" only when no such word
    # stands: "used with SSL encryption disabled" is off.
    on = words.on.search(text) is not None
    off = words.off.search(text) is not None
    if not on and not off:
        on = words.with_ssl.search(text) is not None
        off = words.without_ssl.search(text) is not None
    if on == off:
        return frozenset()
    return frozenset({SSL}) if on else frozenset({NONE, STARTTLS})
