"""The drift checker: every mail host and port a reader sees agrees with the data file.

It reads a guide as a reader would (Markdown source or rendered HTML, in any language we
publish), finds every host name and port, works out which protocol and security each one
belongs to from the words around it, and compares it with the data. Pure code: the build
hook, the tests and the command line (``python -m mailhelp.check``) all call these functions.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

from mailhelp.check.from_html import read_html
from mailhelp.check.from_markdown import (
    DASHES,
    END,
    QUOTED,
    Mark,
    apply_mark,
    blank,
    heading_line,
    marks,
    open_dashes,
    prepare,
    read_blocks,
    runs,
)
from mailhelp.check.model import WELL_KNOWN_PORTS, Finding, Reference, Verdict
from mailhelp.check.page import Block, Page, Span
from mailhelp.check.rules import blocks_with_values, judge_block, judge_page, may_be_server, place
from mailhelp.check.tokens import MAY_HOLD, Token, tokens
from mailhelp.check.words import LANGUAGES, signals, vocabulary, without_cross_references
from mailhelp.content.markdown_text import code_block_lines
from mailhelp.problems import ContentError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "Finding",
    "Reference",
    "check_html",
    "check_markdown",
    "check_paths",
    "forget_other_languages",
    "forget_texts",
    "language_of",
]

_LOCALE = re.compile(r"^(?P<lang>[a-z]{2})(?:[-_](?P<region>[A-Za-z]{2,4}))?$")
_PRODUCT = re.compile(r"^product:[ \t]*['\"]?(?P<product>[a-z][a-z0-9_]*)['\"]?[ \t]*\r?$", re.MULTILINE)
SUFFIXES = (".md", ".markdown", ".mdx", ".html", ".htm")
"""The files the checker reads in a folder."""


def locale_of(path: str | PurePath) -> str | None:
    """The locale of a guide from its path, in lower case: ``docs/fr/guide.md`` is ``fr``,
    ``guide.fr-ca.md`` and ``docs/fr-ca/guide.md`` are ``fr-ca``."""
    parts = PurePath(path).parts
    if not parts:
        return None
    pieces = parts[-1].split(".")
    if len(pieces) >= 3 and (match := _LOCALE.match(pieces[-2])):
        return _locale(match)
    for folder in reversed(parts[:-1]):
        match = _LOCALE.match(folder)
        if match and match.group("lang") in LANGUAGES:
            return _locale(match)
    return None


def language_of(path: str | PurePath) -> str | None:
    """The language of a guide from its path: ``docs/fr/guide.md`` or ``guide.fr-fr.md``."""
    locale = locale_of(path)
    return locale.split("-")[0] if locale else None


def _locale(match: re.Match[str]) -> str:
    region = match.group("region")
    return match.group("lang") + (f"-{region.lower()}" if region else "")


def product_of(source: str) -> str | None:
    """The product a Markdown guide's front matter names (``product: mx_plan``), if any."""
    if not source.startswith("---"):
        return None
    end = source.find("\n---", 3)
    found = _PRODUCT.search(source, 0, end if end > 0 else min(len(source), 4096))
    return found.group("product") if found else None


def check_markdown(
    source: str,
    ref: Reference,
    *,
    file: str,
    lang: str | None = None,
    locale: str | None = None,
    product: str | None = None,
    require_placeholders: bool = False,
) -> list[Finding]:
    """Check one Markdown guide. ``require_placeholders``: our own pages, where a value typed
    by hand instead of a ``{{ key }}`` placeholder is a finding. ``locale`` (``fr-ca``) gives
    the region the guide speaks of where nothing nearer says; its front matter may name the
    product (``product: mx_plan``), whose values fill its placeholders, else ``product`` does
    (a page's Markdown without its front matter, as MkDocs renders it).

    Guides repeat themselves (the same settings table in every guide of a language), so the
    page is judged run by run (the lines between two blank lines), and a run already judged
    in the same context (same text, headings above, paragraph before, language, data) is not
    judged again. Only runs that hold a host or a number are read at all.
    """
    # Blanking what a reader does not see is left to the runs that are judged: it never moves
    # a line, and a run already judged needs none.
    product = product_of(source) or product
    if product not in ref.settings.products():
        product = None
    region = ref.default_region(locale or lang, product)
    prepared = prepare(source, ref.values_for(lang, product), hide=False)
    text = prepared.text
    filled_all = prepared.placeholders
    page: Page | None = None
    findings: list[Finding] = []
    stack: list[tuple[int, str, object]] = []
    above: tuple[tuple[int, str, object], ...] | None = ()
    next_filled = 0
    before = ""
    memo = _memo(_MEMO, (ref.fingerprint, lang, require_placeholders, product, region))
    for start, end, run in runs(text, prepared.body):
        filled: tuple[tuple[int, int, str], ...] = ()
        if next_filled < len(filled_all) and filled_all[next_filled][0] < end:
            inside = []
            while next_filled < len(filled_all) and filled_all[next_filled][0] < end:
                first, last, name = filled_all[next_filled]
                inside.append((first - start, last - start, name))
                next_filled += 1
            filled = tuple(inside)
        # Whether a run may hold a value depends on its text alone: remembered by the text (a
        # key no run's context tuple can equal), a run with none has no verdict in any context.
        verdicts = memo.get(run)
        if verdicts is None:
            verdicts = memo[run] = _screen(run, lang, ref) or []
        if isinstance(verdicts, _Screened):
            if above is None:  # the headings as the memo sees them, worked out when needed
                above = tuple(
                    (level, kind, _heading_key(str(title), lang, ref)) for level, kind, title in stack
                )
            # Only a table reads the paragraph before it (its lead): other runs do not depend on it.
            lead = before if "|" in run else ""
            key = (run, above, lead, filled)
            screened, verdicts = verdicts, memo.get(key)
            if verdicts is None:
                verdicts = memo[key] = _judge_run(
                    run, screened, above, lead, lang, require_placeholders, filled, ref, (region, product)
                )
        if verdicts:
            if page is None:
                page = Page(file=file, text=text, lang=lang)
                page.set_origin(source, prepared.shifts)
            findings += [place(page, replace(v, offset=v.offset + start)) for v in verdicts]
        before = run
        if _may_change_context(run, stack):
            lines = run.split("\n")
            # Fenced code as the blocks read it: a fence after a quote mark is one too.
            code = code_block_lines(blank(run).split("\n")) if "```" in run or "~~~" in run else None
            for mark in marks(lines, dashes_open=open_dashes(stack), in_code=code):
                title = lines[mark.line][mark.span[0] : mark.span[1]].strip() if mark.kind != END else ""
                apply_mark(stack, mark, title)
            apply_mark(stack, _QUOTED_END, None)  # the blank line after a run ends a '>' block
            above = None
    return findings


def check_html(
    html: str,
    ref: Reference,
    *,
    file: str,
    lang: str | None = None,
    locale: str | None = None,
    product: str | None = None,
) -> list[Finding]:
    """Check one rendered page: what a reader sees after every placeholder was filled in.
    ``product`` is the page's (a rendered page has no front matter left to say it).

    Only the blocks that hold a host or a number are judged, and a block already judged in
    the same context (same text and cells, headings and tabs as the rules see them, the
    paragraph before a table, language, data, product and region) is not judged again: a
    help centre's generated settings tables and set-up blocks repeat in every guide.
    """
    page = read_html(html, file=file, lang=lang)
    page.product = product
    page.region = ref.default_region(locale or lang, product)
    memo = _memo(_HTML_MEMO, (ref.fingerprint, lang, product, page.region))
    headings: dict[Span, tuple[str, bool]] = {}
    findings: list[Finding] = []
    for block, found in blocks_with_values(page):
        key = _block_key(page, block, headings, ref)
        verdicts = memo.get(key)
        if verdicts is None:
            start = block.span[0]
            judged = judge_block(page, block, found, ref)
            verdicts = memo[key] = [replace(v, offset=v.offset - start) for v in judged]
        findings += [place(page, replace(v, offset=v.offset + block.span[0])) for v in verdicts]
    return findings


def _block_key(page: Page, block: Block, headings: dict[Span, tuple[str, bool]], ref: Reference) -> object:
    """What a rendered block's verdicts depend on, with spans made relative to the block."""
    start, end = block.span
    text = page.text

    def cells(row: list[Span]) -> tuple[Span, ...]:
        return tuple((a - start, b - start) for a, b in row)

    above = []
    for span in block.headings:
        if span not in headings:
            headings[span] = (_heading_key(text[span[0] : span[1]], page.lang, ref), span in page.tabs)
        above.append(headings[span])
    lead = text[block.lead[0] : block.lead[1]] if block.lead else None
    shape = (cells(block.header), tuple(map(cells, block.rows)))
    return (block.kind, text[start:end], shape, lead, tuple(above))


def check_paths(
    paths: Iterable[Path], ref: Reference, *, require_placeholders: bool = False
) -> tuple[list[Finding], int]:
    """Check every guide in ``paths`` (files or folders); return the findings and the file count.

    Raises :class:`ContentError` naming a file that cannot be read as UTF-8 text.
    """
    findings: list[Finding] = []
    count = 0
    for path in guide_files(paths):
        count += 1
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problem = Problem(str(path), None, None, f"cannot be read: {error}", "save it as UTF-8 text")
            raise ContentError([problem]) from None
        locale = locale_of(path)
        lang = locale.split("-")[0] if locale else None
        if path.suffix.lower() in (".html", ".htm"):
            findings += check_html(text, ref, file=str(path), lang=lang, locale=locale)
        else:
            findings += check_markdown(
                text, ref, file=str(path), lang=lang, locale=locale, require_placeholders=require_placeholders
            )
    return findings, count


def guide_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The Markdown and HTML files named by ``paths``, folders walked in name order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        else:
            yield path


# Helpers ------------------------------------------------------------------------------------

_MEMO: dict[tuple[object, ...], dict[tuple[object, ...], list[Verdict]]] = {}
"""Verdicts of the runs judged so far: by data, language, mode, product and default region,
then by run and context (see :func:`check_markdown`)."""
_HTML_MEMO: dict[tuple[object, ...], dict[object, list[Verdict]]] = {}
"""Verdicts of the rendered blocks judged so far (see :func:`check_html`)."""
_HEADINGS: dict[tuple[str, str | None, str], str] = {}
"""Headings as the memo of runs sees them (see :func:`_heading_key`)."""
_MEMO_SIZE = 100_000


def forget_other_languages(lang: str | None, ref: Reference | None = None) -> None:
    """Drop the verdicts remembered for any language but ``lang``, and, on a change of
    language, the texts that the word caches and ``ref`` remember.

    Every verdict is remembered under its language, so a build of one language never uses
    another's; the i18n plugin builds the languages one after the other in one process, and
    keeping them all grew the build's memory by a few MB a language. The verdicts of ``lang``
    stay: ``mkdocs serve`` rebuilds one language many times."""
    dropped = False
    for memos in (_MEMO, _HTML_MEMO):
        for context in [c for c in memos if c[_LANGUAGE] != lang]:
            del memos[context]
            dropped = True
    if dropped:  # a new language: what the word caches hold is another language's text
        forget_texts(ref)


def forget_texts(ref: Reference | None = None) -> None:
    """Empty the caches of texts read so far (headings, words, names; ``ref``'s too)."""
    _HEADINGS.clear()
    _speaks_of_servers.cache_clear()
    signals.cache_clear()
    if ref is not None:
        ref.forget_texts()


_LANGUAGE = 1
"""Where a memo's context (see :func:`_memo`'s callers) holds its language."""


def _memo(memos: dict[tuple[object, ...], dict[Any, list[Verdict]]], context: tuple[object, ...]) -> dict:
    """The verdicts known in ``context``; emptied when it grows past :data:`_MEMO_SIZE`."""
    memo = memos.setdefault(context, {})
    if len(memo) > _MEMO_SIZE:
        memo.clear()
    return memo


def _heading_key(title: str, lang: str | None, ref: Reference) -> str:
    """A heading as the rules see it: its text if it says something about protocols,
    directions, security or regions (a tab "Europa"); the names of the products it names
    ("MX Plan: guide for Thunderbird" is "MX Plan"); else nothing. Each guide's own title
    must not make every run of the guide new to the memo. Remembered per title: a help
    centre's headings recur in every guide of a language."""
    key = (title, lang, ref.fingerprint)
    known = _HEADINGS.get(key)
    if known is None:
        if len(_HEADINGS) > _MEMO_SIZE:
            _HEADINGS.clear()
        known = _HEADINGS[key] = _heading_key_of(title, lang, ref)
    return known


def _heading_key_of(title: str, lang: str | None, ref: Reference) -> str:
    if _speaks_of_servers(title, lang) or ref.names_in("region", title):
        return title
    return " / ".join(
        ref.settings.name("product", p, lang or "en") for p in sorted(ref.names_in("product", title))
    )


@lru_cache(maxsize=4096)
def _speaks_of_servers(title: str, lang: str | None) -> bool:
    found = signals(without_cross_references(title, lang), lang)
    return bool(found.protocols or found.directions or found.modes)


_QUOTED_END = Mark(0, END, ends=QUOTED)


def _may_change_context(run: str, stack: list[tuple[int, str, object]]) -> bool:
    """Whether ``run`` may hold a heading, a tab title or a tab's end (a quick look)."""
    if "#" in run or "===" in run or "<Tab" in run or "</Tab" in run or _TABS_MARK in run:
        return True
    # Inside a '===' tab, a line indented less than the tab's body ends it.
    return open_dashes(stack) and _OUTDENTED.search(run) is not None


_TABS_MARK = "[!tabs]"
_OUTDENTED = re.compile(r"^(?! {4}|\t)", re.MULTILINE)


def _prefix(above: tuple[tuple[int, str, object], ...]) -> str:
    """The headings and tabs ``above`` a run as Markdown that reads back as the same: what
    stands inside a ``===`` tab is indented as its body is."""
    out = []
    indent = ""
    for level, kind, title in above:
        out.append(indent + heading_line(level, kind, str(title)))
        if kind == DASHES:
            indent += "    "
    return "".join(out)


class _Screened(NamedTuple):
    """A run that may hold a value, as the screen read it, which its judging reads again."""

    text: str
    """The run blanked (what a reader does not see, in spaces)."""
    found: list[Token]
    """The tokens of ``text``."""


def _screen(run: str, lang: str | None, ref: Reference) -> _Screened | None:
    """The run as read, if it may hold a host or a port: a word that may be a host (no file
    name), a well-known mail port, or a number with a port word ("Porta: 8080") or a table
    (a column of ports), in what a reader sees of it.

    The run is blanked as :func:`_judge_run` reads it (every pattern of the blanking stays
    inside a line, and a run starts at the start of a line), so an address, a link's
    destination or a list's number ("1. Abra") does not send it to be judged for nothing."""
    if MAY_HOLD.search(run) is None:
        return None  # no digit, no dot inside a word: no token at all
    text = blank(run)
    found = tokens(text)
    numbers = False
    for token in found:
        if token.host is None:
            if int(token.port or 0) in WELL_KNOWN_PORTS:
                return _Screened(text, found)
            numbers = True
        elif may_be_server(token.host, ref):
            return _Screened(text, found)
    if numbers and ("|" in text or vocabulary(lang).port.search(text.lower()) is not None):
        return _Screened(text, found)
    return None


def _judge_run(
    run: str,
    screened: _Screened,
    above: tuple[tuple[int, str, object], ...],
    before: str,
    lang: str | None,
    require_placeholders: bool,
    filled: tuple[tuple[int, int, str], ...],
    ref: Reference,
    defaults: tuple[str | None, str | None],
) -> list[Verdict]:
    """Judge one run as the page's reader sees it: under its headings, after its paragraph.

    The headings and the paragraph before are read as blocks, to give the run its context;
    only the run's own tokens, found by the screen, are judged (the blanking stays inside a
    line, so the run blanked alone reads as it does after them)."""
    prefix = _prefix(above) + "\n" + before + "\n\n"
    shift = len(prefix)
    page = Page(file="", text=blank(prefix) + screened.text, lang=lang)
    page.region, page.product = defaults
    page.placeholders = [(a + shift, b + shift, k) for a, b, k in filled]
    read_blocks(page, 0, prefix + run)
    found = [Token(t.start + shift, t.end + shift, t.host, t.port) for t in screened.found]
    verdicts = judge_page(page, ref, require_placeholders=require_placeholders, found=found)
    return [replace(v, offset=v.offset - shift) for v in verdicts]
