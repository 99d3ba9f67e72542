"""Find every mail host and port on a page and compare it with the data, in its context.

A value's context is read from the nearest signal, as a reader reads it: the cell, the row
label, the column header, the clause, the line, the sentence, the table, the paragraph just
before the table, then the headings. Each signal narrows the protocols (IMAP, POP3, SMTP)
and the security (SSL or not) the value may belong to; a signal that contradicts a nearer
one is ignored ("Porta do servidor de envio" under "Configuração POP" is SMTP).

Headings, tables and paragraphs speak of an account: "Configuração POP" covers POP3 and
the SMTP server that goes with it. A cell, a row label or a clause names one protocol.

Host names are compared without regard to case: DNS names are case-insensitive (RFC 4343),
so ``SSL0.OVH.NET`` is the right server, written in capitals. In our own pages it is still a
hand-typed value, reported as such.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from mailhelp.check.model import MODES, PROTOCOLS, WELL_KNOWN_PORTS, Finding, Reference, Verdict
from mailhelp.check.page import HEADING, TABLE
from mailhelp.check.tokens import Token, foreign_characters, skeleton, tokens
from mailhelp.check.words import NONE, SSL, STARTTLS, Signals, signals, without_cross_references

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mailhelp.check.page import Block, Page, Span
    from mailhelp.data.model import Endpoint

_NAMES = {"imap": "IMAP", "pop3": "POP3", "smtp": "SMTP"}
_MODE_NAMES = {SSL: "SSL", STARTTLS: "STARTTLS", NONE: "without SSL"}
# File names look like host names: "img.png" is not a server even after "Servidor:". The
# set-up files our guides offer are among them: "config-v1.1.xml", "conta.mobileconfig".
_NOT_HOSTS = {"md", "html", "htm", "jpg", "jpeg", "png", "gif", "svg", "webp", "pdf", "txt", "yml"}
_NOT_HOSTS |= {"yaml", "json", "xml", "mobileconfig", "py", "js", "css", "zip", "exe"}

_CLAUSE_END = re.compile(r"[.!?;,](?=\s|$)|\s[–—-]\s")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


class _Scope(NamedTuple):
    kind: str
    span: Span
    wide: bool


@dataclass
class _Context:
    protocols: frozenset[str]
    modes: frozenset[str]
    protocol_from: tuple[_Scope, ...]
    mode_from: tuple[_Scope, ...]
    page: Page
    region: str | None = None
    region_from: tuple[_Scope, ...] = ()
    product: str | None = None
    product_from: tuple[_Scope, ...] = ()
    named: bool = False
    """Whether the region and the product were read (only a host needs them)."""

    def said_by(self, scopes: tuple[_Scope, ...]) -> str:
        """Where the context comes from, for a message: " (from the row label '…' and …)"."""
        if not scopes:
            return ""
        return " (from the " + " and the ".join(_describe(self.page, s) for s in scopes) + ")"

    def named_by(self, scopes: tuple[_Scope, ...], name: str) -> str:
        """Which scope named the product, for a message: " (the heading names MX Plan)".

        The scope's kind, not its text: every guide's title names its product, and quoting
        the title would make each guide's runs new to the memo of runs."""
        if not scopes:
            return ""
        kind = "tab" if scopes[0].kind == "heading" and scopes[0].span in self.page.tabs else scopes[0].kind
        return f" (the {kind} names {name})"


def check_page(page: Page, ref: Reference, *, require_placeholders: bool = False) -> list[Finding]:
    """Every host and port of ``page`` that disagrees with ``ref``, or is typed by hand.

    With ``require_placeholders`` (our own Markdown), a value that agrees with the data but
    was typed instead of written as a placeholder is a finding too.
    """
    return [place(page, v) for v in judge_page(page, ref, require_placeholders=require_placeholders)]


def judge_page(
    page: Page, ref: Reference, *, require_placeholders: bool = False, found: list[Token] | None = None
) -> list[Verdict]:
    """The verdicts of :func:`check_page`, by text offset (not yet placed in the file); with
    ``found``, on those tokens of the page only (in order)."""
    verdicts: list[Verdict] = []
    for block, held in blocks_with_values(page, found):
        verdicts += judge_block(page, block, held, ref, require_placeholders=require_placeholders)
    return verdicts


def blocks_with_values(page: Page, found: list[Token] | None = None) -> Iterator[tuple[Block, list[Token]]]:
    """The blocks of ``page`` that hold a host or a number (of ``found``, else of the whole
    text), each with those tokens, in order: the only blocks a judgement can concern."""
    block: Block | None = None
    held: list[Token] = []
    for token in tokens(page.text) if found is None else found:
        if block is None or not block.span[0] <= token.start < block.span[1]:
            if held:
                yield block, held  # type: ignore[misc]
            block, held = page.block_at(token.start), []
        if block is not None:
            held.append(token)
    if held:
        yield block, held  # type: ignore[misc]


def judge_block(
    page: Page, block: Block, found: list[Token], ref: Reference, *, require_placeholders: bool = False
) -> list[Verdict]:
    """The verdicts on the tokens ``found`` in ``block``: what they mean depends only on the
    block, its headings and tabs, the paragraph before a table, and the page's defaults."""
    verdicts: list[Verdict] = []
    seen: dict[tuple[Span, str], int] = {}
    for token in found:
        for mention in _mentions(page, block, token, ref):
            verdict = _judge(page, mention, ref, seen, require_placeholders)
            if verdict:
                verdicts.append(verdict)
    return verdicts


def place(page: Page, verdict: Verdict) -> Finding:
    """The finding of ``verdict``, at its file line and column."""
    line, col = page.where(verdict.offset)
    v = verdict
    return Finding(page.file, line, col, page.quote(line, col), v.value, v.rule, v.message, v.data, v.fix)


# Finding values --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    kind: str  # "host" or "port"
    start: int
    end: int
    written: str
    scopes: tuple[_Scope, ...]
    unit: Span
    """Where a list of alternatives stands ("995 ou 110"): the cell or the clause."""


def may_be_server(host: str, ref: Reference) -> bool:
    """Whether some context can make ``host`` a mail server: a file name (``img.png``,
    ``guide.md``) is none, wherever it stands, unless the data's domain holds it."""
    lowered = host.lower()
    return lowered.rsplit(".", 1)[-1] not in _NOT_HOSTS or _under_domain(lowered, ref)


def _under_domain(lowered: str, ref: Reference) -> bool:
    """Whether ``lowered`` is under a domain of the data (a look-alike too: Greek 'ο' in
    'οvh.net'), and not a known link's host (the customer area)."""
    shape = skeleton(lowered)
    return lowered not in ref.link_hosts and any(shape == d or shape.endswith("." + d) for d in ref.domains)


def _mentions(page: Page, block: Block, token: Token, ref: Reference) -> Iterator[_Mention]:
    if token.host is not None and not may_be_server(token.host, ref):
        return  # before its context is read: no context makes it a server
    scopes, unit = _scopes(page, block, token.start)
    if token.host is None:
        value = int(token.port or 0)
        if value in WELL_KNOWN_PORTS or _port_context(page, block, scopes, token.start):
            yield _Mention("port", token.start, token.end, token.port or "", scopes, unit)
        return
    host = token.host
    lowered = host.lower()
    if lowered in ref.link_hosts:
        # The host of a known link (the customer area) is a mail server only where a label
        # says so: "Servidor de receção: www.ovh.com", or a server row or column.
        claimed = token.port is not None or _server_context(page, scopes, labelled_at=token.start)
    else:
        claimed = token.port is not None or _server_context(page, scopes)
    if not claimed and not _under_domain(lowered, ref):
        return
    if claimed and lowered.rsplit(".", 1)[-1] in _NOT_HOSTS:
        return
    yield _Mention("host", token.start, token.start + len(host), host, scopes, unit)
    if token.port:
        yield _Mention("port", token.end - len(token.port), token.end, token.port, scopes, unit)


def _port_context(page: Page, block: Block, scopes: tuple[_Scope, ...], offset: int) -> bool:
    """A number is a port after a port word in its sentence, or in a table labelled so."""
    if block.kind == TABLE:
        near = [s for s in scopes if s.kind in ("cell", "row label", "column", "table label")]
        return any(_signals(page, s).port or _signals(page, s).modes for s in near)
    for scope in scopes:
        if scope.kind == "sentence":
            before = page.text[scope.span[0] : offset]
            return signals(before, page.lang).port
    return False


def _server_context(page: Page, scopes: tuple[_Scope, ...], *, labelled_at: int | None = None) -> bool:
    """A server word in the cell, row label, column, line or clause; with ``labelled_at``,
    only in a table or as the label of a ``label: value`` line that ends at that offset."""
    if labelled_at is not None:
        for scope in scopes:
            if scope.kind == "line":
                label, colon, value = page.text[scope.span[0] : labelled_at].rpartition(":")
                return bool(colon) and not value.strip() and signals(label, page.lang).server
        near = ("cell", "row label", "column")
    else:
        near = ("cell", "row label", "column", "line", "clause")
    return any(_signals(page, s).server for s in scopes if s.kind in near)


# Context ----------------------------------------------------------------------------------


def _scopes(page: Page, block: Block, offset: int) -> tuple[tuple[_Scope, ...], Span]:
    """The scopes around ``offset``, nearest first, and the span of its list unit."""
    scopes: list[_Scope] = []
    if block.kind == TABLE:
        unit = _table_scopes(block, offset, scopes)
    else:
        clause = _piece(page, block.span, offset, _CLAUSE_END)
        unit = clause
        scopes.append(_Scope("clause", clause, wide=False))
        scopes.append(_Scope("line", _piece(page, block.span, offset, None), wide=False))
        if block.kind == HEADING:
            scopes.append(_Scope("heading", block.span, wide=False))
        else:
            scopes.append(_Scope("sentence", _piece(page, block.span, offset, _SENTENCE_END), wide=True))
            scopes.append(_Scope(block.kind, block.span, wide=True))
    scopes.extend(
        _Scope("tab" if span in page.tabs else "heading", span, wide=True) for span in block.headings
    )
    return tuple(scopes), unit


def _table_scopes(block: Block, offset: int, scopes: list[_Scope]) -> Span:
    unit = _cell_scopes(block, offset, scopes)
    scopes.append(_Scope("table", block.span, wide=True))
    if block.lead:
        scopes.append(_Scope("paragraph", block.lead, wide=True))
    return unit


def _cell_scopes(block: Block, offset: int, scopes: list[_Scope]) -> Span:
    """Add the scopes of the cell at ``offset`` (its row label, row, column); return the cell."""
    for number, row in enumerate((block.header, *block.rows)):
        if not row or offset > row[-1][1]:
            continue
        for column, cell in enumerate(row):
            if not cell[0] <= offset <= cell[1]:
                continue
            scopes.append(_Scope("cell", cell, wide=False))
            if number:
                if column:
                    scopes.append(_Scope("row label", row[0], wide=False))
                scopes.append(_Scope("row", (row[0][0], row[-1][1]), wide=False))
                if column < len(block.header):
                    scopes.append(_Scope("column", block.header[column], wide=False))
                if column and block.header:
                    scopes.append(_Scope("table label", block.header[0], wide=True))
            return cell
    return block.span


def _piece(page: Page, span: Span, offset: int, ends: re.Pattern[str] | None) -> Span:
    """The sentence, clause (``ends``) or line (``None``) of ``span`` that holds ``offset``."""
    start, stop = span
    text = page.text
    if ends is None:
        first = text.rfind("\n", start, offset) + 1 or start
        last = text.find("\n", offset, stop)
        return max(first, start), last if last >= 0 else stop
    key = ("ends", span, ends.pattern)
    bounds = page.memo.get(key)
    if bounds is None:
        bounds = page.memo[key] = [m.end() for m in ends.finditer(text, start, stop)]
    index = bisect.bisect_right(bounds, offset)
    return (bounds[index - 1] if index else start), (bounds[index] if index < len(bounds) else stop)


def _signals(page: Page, scope: _Scope) -> Signals:
    key = ("signals", scope.span, scope.wide and scope.kind != "table")
    found = page.memo.get(key)
    if found is None:
        text = page.text[scope.span[0] : scope.span[1]]
        if key[2]:
            text = without_cross_references(text, page.lang)
        found = page.memo[key] = signals(text, page.lang)
    return found


def _context(page: Page, scopes: tuple[_Scope, ...], ref: Reference, *, named: bool) -> _Context:
    """Narrow protocols and modes from the nearest scope outwards; contradictions lose. With
    ``named`` (a host), the region and the product too: the nearest scope's that names one,
    else the page's. A port belongs to a protocol and a security whatever the region and the
    product, so its context is not searched for their names."""
    known = page.memo.get(("context", scopes))
    if known is None:
        known = page.memo[("context", scopes)] = _narrow(page, scopes)
    if named and not known.named:
        known.region, known.region_from = _named(page, scopes, ref, "region", page.region)
        known.product, known.product_from = _named(page, scopes, ref, "product", page.product)
        known.named = True
    return known


def _named(
    page: Page, scopes: tuple[_Scope, ...], ref: Reference, kind: str, default: str | None
) -> tuple[str | None, tuple[_Scope, ...]]:
    """The one region or product (``kind``) that the nearest scope naming one names."""
    for scope in scopes:
        key = (kind, scope.span)
        named = page.memo.get(key)
        if named is None:
            named = page.memo[key] = ref.names_in(kind, page.text[scope.span[0] : scope.span[1]])
        if len(named) == 1:
            return next(iter(named)), (scope,)
        if named:
            return default, ()  # a scope that names several ("Europe or America") decides nothing
    return default, ()


def _narrow(page: Page, scopes: tuple[_Scope, ...]) -> _Context:
    protocols: frozenset[str] = frozenset(PROTOCOLS)
    modes: frozenset[str] = frozenset(MODES)
    protocol_from: list[_Scope] = []
    mode_from: list[_Scope] = []
    for scope in scopes:
        if len(protocols) == 1 and len(modes) == 1:
            break
        found = _signals(page, scope)
        named = found.accounts if scope.wide else found.protocols
        for limit in (named, found.directed):
            narrower = protocols & limit
            if limit and narrower and narrower != protocols:
                protocols = narrower
                if scope not in protocol_from:
                    protocol_from.append(scope)
        narrower_modes = modes & found.modes
        if found.modes and narrower_modes and narrower_modes != modes:
            modes = narrower_modes
            mode_from.append(scope)
    return _Context(protocols, modes, tuple(protocol_from), tuple(mode_from), page)


def _describe(page: Page, scope: _Scope) -> str:
    if scope.kind == "table":
        named = _signals(page, scope).protocols
        return "table, which names " + " and ".join(_NAMES[p] for p in PROTOCOLS if p in named)
    text = " ".join(page.text[scope.span[0] : scope.span[1]].split())
    if len(text) > 48:
        text = text[:45] + "…"
    return f"{scope.kind} '{text}'"


# Judging ----------------------------------------------------------------------------------


_Verdict = tuple[str, str, str, list[tuple[str, str]]]
"""A rule, the message, what the data says, and the (key, value) pairs to write instead."""


def _judge(
    page: Page,
    mention: _Mention,
    ref: Reference,
    seen: dict[tuple[Span, str], int],
    require_placeholders: bool,
) -> Verdict | None:
    context = _context(page, mention.scopes, ref, named=mention.kind == "host")
    verdict: _Verdict | None
    if mention.kind == "host":
        verdict = _judge_host(mention.written, context, ref)
    else:
        verdict = _judge_port(int(mention.written), context, ref)
        slot = (mention.unit, str(int(mention.written)))
        if verdict is None and slot in seen:
            message = f"port {mention.written} is listed twice here"
            verdict = ("repeated-port", message, _what_data_says(context, ref), _port_keys(context, ref))
        seen.setdefault(slot, mention.start)
    if verdict is None and require_placeholders and page.placeholder_at(mention.start, mention.end) is None:
        keys = _keys_for(mention, context, ref)
        if keys:
            message = f"{mention.kind} {mention.written} is typed by hand: it will not follow the data"
            verdict = ("literal-value", message, ", ".join(f"{k} = {v}" for k, v in keys), keys)
    if verdict is None:
        return None
    rule, message, data, keys = verdict
    if require_placeholders and any(k for k, _v in keys):
        fix = "write " + " or ".join(dict.fromkeys("{{ " + k + " }}" for k, _v in keys))
    else:
        fix = "write " + " or ".join(dict.fromkeys(v for _k, v in keys))
    return Verdict(mention.start, mention.written, rule, message, data, fix)


def _judge_host(written: str, context: _Context, ref: Reference) -> _Verdict | None:
    host = written.lower()
    serving = ref.serving(host)
    fitting = [e for e in serving if _fits(e, context, protocol=True, region=True, product=True)]
    if fitting:
        return None
    allowed = [e for e in ref.endpoints if _fits(e, context, protocol=True, region=True, product=True)]
    keys = _host_keys(allowed)
    data = ", ".join(f"{k} = {v}" for k, v in keys) or "no server of the data fits here"
    if host in ref.retired:
        replacement = ref.retired[host]
        message = f"host {written} is retired; {replacement} replaced it"
        if keys and not any(
            _fits(e, context, protocol=False, region=True, product=True) for e in ref.serving(replacement)
        ):
            # The replacement serves another region or product: the servers that fit here.
            here = [
                _name(ref, k, v) for k, v in (("region", context.region), ("product", context.product)) if v
            ]
            message += f", but it is no server of {' '.join(here)}" + context.said_by(context.region_from)
            return ("retired-host", message, data, keys)
        return ("retired-host", message, data, [("", replacement)])
    if not serving and not host.isascii():
        foreign, looks = ", ".join(foreign_characters(written)), skeleton(host)
        message = f"host {written} has {foreign}, outside ASCII: it only looks like {looks}"
        return ("lookalike-host", message, data, [(k, v) for k, v in keys if v == looks] or keys[:1])
    if not serving:
        # Suggest the nearest of the servers this place allows (all of them are right).
        nearest = nearest_name(host, [v for _k, v in keys])
        suggested = [(k, v) for k, v in keys if v == nearest][:1]
        return ("unknown-host", f"host {written} is not a server in the data", data, suggested)
    if any(_fits(e, context, protocol=True, region=False, product=True) for e in serving):
        theirs = _names(ref, "region", {e.region for e in serving})
        here = _name(ref, "region", context.region)
        message = f"host {written} is a server of {theirs}, but here the region is {here}"
        return ("wrong-region", message + context.said_by(context.region_from), data, keys)
    if any(_fits(e, context, protocol=True, region=True, product=False) for e in serving):
        theirs = _names(ref, "product", {e.product for e in serving})
        here = _name(ref, "product", context.product)
        message = f"host {written} is a server of {theirs}, but here the product is {here}"
        return ("wrong-product", message + context.named_by(context.product_from, here), data, keys)
    message = f"host {written} is not the {_protocols(context)} server"
    return ("wrong-host", message + context.said_by(context.protocol_from), data, keys)


def nearest_name(word: str, names: list[str]) -> str | None:
    """The name most like ``word``, as ``difflib.get_close_matches(word, names, n=1,
    cutoff=0)`` finds it (the highest ratio; of equals, the last in the order of text).

    The full ratio of a name is worked out only where its quick upper bounds could reach the
    best so far: difflib works it out for every name, which was 8 % of the time spent judging
    the never-seen pages of the benchmark, for one suggestion a finding."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    for name in names:
        matcher.set_seq1(name)
        if best is not None and (matcher.real_quick_ratio() < best[0] or matcher.quick_ratio() < best[0]):
            continue
        scored = (matcher.ratio(), name)
        if best is None or scored > best:
            best = scored
    return best[1] if best else None


def _fits(endpoint: Endpoint, context: _Context, *, protocol: bool, region: bool, product: bool) -> bool:
    """Whether ``endpoint`` may stand here, judged on the aspects asked for."""
    return (
        (not protocol or endpoint.service in context.protocols)
        and (not region or context.region is None or endpoint.region == context.region)
        and (not product or context.product is None or endpoint.product == context.product)
    )


def _host_keys(endpoints: list[Endpoint]) -> list[tuple[str, str]]:
    """The host placeholders and names of ``endpoints``: the recommended host, then aliases."""
    found: dict[str, str] = {}
    for endpoint in endpoints:
        found.setdefault(endpoint.shown_host, f"{endpoint.service}.host")
        for alias in endpoint.aliases:
            found.setdefault(alias, f"{endpoint.service}.alias")
    return [(key, value) for value, key in found.items()]


def _name(ref: Reference, kind: str, ident: str | None) -> str:
    return ref.settings.name(kind, ident, "en") if ident else "unknown"


def _names(ref: Reference, kind: str, idents: set[str]) -> str:
    return " and ".join(sorted(_name(ref, kind, i) for i in idents))


def _judge_port(port: int, context: _Context, ref: Reference) -> _Verdict | None:
    if any(port in ref.ports(p, m) for p in context.protocols for m in context.modes):
        return None
    owners = [(p, m) for p in PROTOCOLS for m in MODES if port in ref.ports(p, m)]
    data = _what_data_says(context, ref)
    keys = _port_keys(context, ref)
    if not owners:
        return ("unknown-port", f"port {port} is not a port of the data", data, keys)
    if not any(p in context.protocols for p, _m in owners):
        owner = " and ".join(f"{_NAMES[p]} {_MODE_NAMES[m]}" for p, m in owners)
        message = f"port {port} is {owner} in the data, but here it is {_protocols(context)}"
        return ("wrong-protocol", message + context.said_by(context.protocol_from), data, keys)
    owner = " and ".join(f"{_NAMES[p]} {_MODE_NAMES[m]}" for p, m in owners if p in context.protocols)
    stated = " or ".join(_MODE_NAMES[m] for m in MODES if m in context.modes)
    message = f"port {port} is {owner} in the data, but here it is {stated}"
    return ("wrong-mode", message + context.said_by(context.mode_from), data, keys)


def _port_keys(context: _Context, ref: Reference) -> list[tuple[str, str]]:
    return [
        (f"{p}.ports.{m}", str(port))
        for p in PROTOCOLS
        if p in context.protocols
        for m in MODES
        if m in context.modes
        for port in sorted(ref.ports(p, m))
    ]


def _what_data_says(context: _Context, ref: Reference) -> str:
    return ", ".join(f"{k} = {v}" for k, v in _port_keys(context, ref))


def _keys_for(mention: _Mention, context: _Context, ref: Reference) -> list[tuple[str, str]]:
    if mention.kind == "host":
        fitting = [
            e
            for e in ref.serving(mention.written)
            if _fits(e, context, protocol=True, region=True, product=True)
        ]
        host = mention.written.lower()
        return [(k, v) for k, v in _host_keys(fitting) if v == host]
    return [(k, v) for k, v in _port_keys(context, ref) if v == str(int(mention.written))]


def _protocols(context: _Context) -> str:
    return " or ".join(_NAMES[p] for p in PROTOCOLS if p in context.protocols)
