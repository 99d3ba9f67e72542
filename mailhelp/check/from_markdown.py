"""Read a Markdown guide into a :class:`~mailhelp.check.page.Page`, as its reader would see it.

Placeholders are replaced by their values (and remembered, so that a value typed by hand
can be told from one the data put there); link destinations, bare addresses, e-mail
addresses, HTML tags and comments are blanked out, since a reader does not take a mail
server from them. Tables are read with or without their ``|---|`` delimiter row: old
guides often lack it, and a reader still sees a table of ports.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailhelp.check.page import CODE, HEADING, ITEM, PARAGRAPH, TABLE, Block, Page
from mailhelp.content.markdown_text import FENCE, TABLE_DELIMITER, code_block_lines
from mailhelp.content.placeholders import PLACEHOLDER

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mailhelp.check.page import Span

_FRONT_MATTER = re.compile(r"---[ \t]*\n(?:.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+")
_HEADINGS = re.compile(r"\n {0,3}(#{1,6})[ \t]+([^\n]*)")
_TAB = re.compile(r'^ {0,3}===[+!]*[ \t]+"(?P<title>[^"\n]*)"')
_TABS = re.compile(r'\n {0,3}===[+!]*[ \t]+"([^"\n]*)"')
TAB_LEVEL = 7
"""A content tab's title (pymdownx.tabbed, ``=== "Europa"``) reads as a heading below h6:
it gives its context (a region, a protocol) to what follows, up to the next tab or heading."""
_SPACED_BLANK = re.compile(r"\n[ \t\r]+\n")
_BLANK_SPLIT = re.compile(r"(\n[ \t\r]*(?=\n))")
_PIPE = re.compile(r"(?<!\\)\|")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
# What a reader does not see, or does not take a mail server from. Each pattern opens with a
# literal text, so that the regular expression engine skips quickly from one to the next;
# the patterns that start with a newline are run on the text after a newline.
_HIDDEN = (
    ("<!--", re.compile(r"<!--.*?-->", re.DOTALL)),  # comments
    ("](", re.compile(r"\]\((?P<hide>[^)\s]*)")),  # link and image destinations
    ("]:", re.compile(r"\n(?P<hide> {0,3}\[[^\]\n]+\]:[ \t]*\S+)")),  # reference definitions
    ("<", re.compile(r"<[A-Za-z/!][^>\n]*>")),  # HTML tags and autolinks
    ("{", re.compile(r"\{[:.#][^}\n]*\}")),  # attribute lists {.thumbnail}
    ("", re.compile(r"\n[ \t]*(?P<hide>\d{1,9})[.)][ \t]")),  # ordered list numbers
)
_BEFORE_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*$")
_BEFORE_AT = re.compile(r"[\w.+-]+$")
_ADDRESS = re.compile(r"://[^\s)>\]]+")
_AT = re.compile(r"@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Prepared:
    """A Markdown file with its placeholders filled and what a reader does not see blanked."""

    text: str
    placeholders: list[tuple[int, int, str]]
    """Spans of ``text`` that a placeholder put there, with its key."""
    shifts: list[tuple[int, int]]
    """``(offset in text, offset in the file)`` where a filled placeholder moved the text."""
    body: int
    """Where the body starts, after the front matter."""


def read_markdown(
    source: str,
    *,
    file: str,
    lang: str | None,
    values: Mapping[str, str] | None = None,
) -> Page:
    """Read ``source`` (a whole Markdown file) into a page; ``values`` fill its placeholders."""
    prepared = prepare(source, values or {})
    page = Page(file=file, text=prepared.text, lang=lang)
    page.placeholders = prepared.placeholders
    page.set_origin(source, prepared.shifts)
    _read_blocks(page, prepared.body)
    return page


def prepare(source: str, values: Mapping[str, str], *, hide: bool = True) -> Prepared:
    """Fill the placeholders of ``source`` and blank out what a reader does not see.

    With ``hide=False`` only comments are blanked (they may span lines): the rest of the
    blanking is line by line, so a caller may do it later on a part of the text."""
    pieces: list[str] = []
    placeholders: list[tuple[int, int, str]] = []
    shifts: list[tuple[int, int]] = []
    cursor = written = 0
    if "{{" in source:
        for match in PLACEHOLDER.finditer(source):
            key = match.group("key")
            if key not in values or (match.start() > 0 and source[match.start() - 1] == "\\"):
                continue
            pieces.append(source[cursor : match.start()])
            written += match.start() - cursor
            value = values[key]
            placeholders.append((written, written + len(value), key))
            shifts.append((written, match.start()))
            pieces.append(value)
            written += len(value)
            shifts.append((written, match.end()))
            cursor = match.end()
    pieces.append(source[cursor:])
    text = "".join(pieces)
    front = _FRONT_MATTER.match(text)
    if hide:
        text = _hide(text)
    elif "<!--" in text:
        text = _hide(text, only=1)
    return Prepared(text, placeholders, shifts, front.end() if front else 0)


def runs(text: str, body: int) -> list[tuple[int, int, str]]:
    """The runs of non-blank lines of the body, as ``(start, end, text)``; a fenced code
    block stays one run."""
    fences = _code_ranges(text) if "``" in text or "~~" in text else []
    found: list[tuple[int, int, str]] = []
    offset = body
    chunk = text[body:]
    if _SPACED_BLANK.search(chunk):
        pieces = _BLANK_SPLIT.split(chunk)  # run, separator, run, separator…
    else:
        pieces = [x for piece in chunk.split("\n\n") for x in (piece, "\n\n")]
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        stripped = piece.strip()
        if stripped:
            first = offset + piece.index(stripped[0])
            if fences and found and any(a < first < b for a, b in fences):
                start = found[-1][0]
                found[-1] = (start, first + len(stripped), text[start : first + len(stripped)])
            else:
                found.append((first, first + len(stripped), stripped))
        offset += len(piece) + (len(pieces[index + 1]) if index + 1 < len(pieces) else 0)
    return found


def run_headings(run: str) -> list[tuple[int, str]]:
    """The ATX headings and tab titles in a run, as ``(level, text)`` in order; none in a
    fenced code block."""
    if ("#" not in run and "===" not in run) or FENCE.match(run):
        return []
    text = "\n" + run
    found = [(m.start(), len(m.group(1)), m.group(2).strip()) for m in _HEADINGS.finditer(text)]
    if "===" in run:
        found += [(m.start(), TAB_LEVEL, m.group(1).strip()) for m in _TABS.finditer(text)]
        found.sort()
    return [(level, title) for _start, level, title in found]


def _code_ranges(text: str) -> list[Span]:
    """The spans of the fenced code blocks of ``text``, fences included."""
    lines = text.split("\n")
    ranges: list[Span] = []
    offset = 0
    for line, inside in zip(lines, code_block_lines(lines), strict=True):
        if inside and ranges and ranges[-1][1] == offset - 1:
            ranges[-1] = (ranges[-1][0], offset + len(line))
        elif inside:
            ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    return ranges


def _hide(text: str, *, only: int | None = None) -> str:
    """Blank out (with spaces, keeping lines and lengths) what a reader does not see; with
    ``only``, only the first ``only`` kinds of :data:`_HIDDEN`."""
    spans: list[Span] = []
    shifted = "\n" + text
    for literal, pattern in _HIDDEN[:only]:
        if literal in text:
            for match in pattern.finditer(shifted):
                start, end = match.span("hide") if "hide" in pattern.groupindex else match.span()
                spans.append((start - 1, end - 1))
    if "://" in text and only is None:
        for match in _ADDRESS.finditer(text):
            before = _BEFORE_ADDRESS.search(text, max(0, match.start() - 32), match.start())
            spans.append((before.start() if before else match.start(), match.end()))
    if "@" in text and only is None:
        for match in _AT.finditer(text):
            before = _BEFORE_AT.search(text, max(0, match.start() - 64), match.start())
            spans.append((before.start() if before else match.start(), match.end()))
    if not spans:
        return text
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        if end <= cursor:
            continue
        start = max(start, cursor)
        pieces.append(text[cursor:start])
        hidden = text[start:end]
        pieces.append(" " * len(hidden) if "\n" not in hidden else re.sub(r"[^\n]", " ", hidden))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _read_blocks(page: Page, body: int) -> None:
    """Split the page text into blocks: headings, paragraphs, items, code and tables."""
    text = page.text
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    count = len(lines)
    in_code = code_block_lines(lines)
    index = text.count("\n", 0, body)
    headings: list[tuple[int, Span]] = []
    previous: Block | None = None
    while index < count:
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        begin = starts[index]
        heading = _HEADING.match(line)
        tab = None if heading else _TAB.match(line)
        level = len(heading.group(1)) if heading else TAB_LEVEL
        if heading or tab:
            while headings and headings[-1][0] >= level:
                headings.pop()
        enclosing = tuple(span for _level, span in reversed(headings))
        if in_code[index]:
            end = index + 1
            while end < count and in_code[end]:
                end += 1
            block = Block(CODE, (begin, starts[end - 1] + len(lines[end - 1])), enclosing)
            index = end
        elif heading or tab:
            span = (begin + heading.end(), begin + len(line.rstrip())) if heading else _span(tab, begin)
            block = Block(HEADING, span, enclosing)
            headings.append((level, span))
            index += 1
        elif _is_table_start(lines, index):
            end = index + 1
            while end < count and lines[end].strip() and "|" in lines[end]:
                end += 1
            rows = [
                _cells(lines[i], starts[i]) for i in range(index, end) if not TABLE_DELIMITER.match(lines[i])
            ]
            lead = previous.span if previous and previous.kind == PARAGRAPH else None
            if previous and previous.headings != enclosing:
                lead = None
            span = (begin, starts[end - 1] + len(lines[end - 1]))
            block = Block(TABLE, span, enclosing, header=rows[0], rows=rows[1:], lead=lead)
            index = end
        else:
            kind = ITEM if _LIST_ITEM.match(line) else PARAGRAPH
            end = index + 1
            while end < count and not _ends_paragraph(lines, end):
                end += 1
            block = Block(kind, (begin, starts[end - 1] + len(lines[end - 1])), enclosing)
            index = end
        page.add(block)
        previous = block


def _span(match: re.Match[str], begin: int) -> Span:
    start, end = match.span("title")
    return begin + start, begin + end


def _is_table_start(lines: list[str], index: int) -> bool:
    """A pipe table: a header above a ``|---|`` row, or (old guides) two ``|a|b|`` rows."""
    line = lines[index]
    if "|" not in line:
        return False
    if index + 1 < len(lines) and TABLE_DELIMITER.match(lines[index + 1]):
        return True
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return line.lstrip().startswith("|") and line.count("|") >= 2 and following.lstrip().startswith("|")


def _ends_paragraph(lines: list[str], index: int) -> bool:
    line = lines[index]
    return (
        not line.strip()
        or _LIST_ITEM.match(line) is not None
        or _HEADING.match(line) is not None
        or _TAB.match(line) is not None
        or FENCE.match(line) is not None
        or _is_table_start(lines, index)
    )


def _cells(line: str, start: int) -> list[Span]:
    """The spans of a table row's cells, without the pipes and the spaces around them."""
    bounds = [match.start() for match in _PIPE.finditer(line)]
    if not bounds or bounds[0] != len(line) - len(line.lstrip()):
        bounds.insert(0, -1)
    if not line.rstrip().endswith("|"):
        bounds.append(len(line))
    cells: list[Span] = []
    for left, right in itertools.pairwise(bounds):
        raw = line[left + 1 : right]
        stripped = raw.strip()
        first = left + 1 + (len(raw) - len(raw.lstrip()))
        cells.append((start + first, start + first + len(stripped)))
    return cells
