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
_TAB = re.compile(r'^ {0,3}===[+!]*[ \t]+"(?P<title>[^"\n]*)"')
TAB_LEVEL = 7
"""A content tab's title reads as a heading below h6: it gives its context (a region, a
protocol) to what the tab holds, up to where the tab ends (see :func:`marks`)."""
HEADING_MARK, DASHES, MDX, QUOTED, END = "heading", "===", "mdx", "quoted", "end"
"""The kinds of :class:`Mark`: a heading, the three kinds of content tab (pymdownx.tabbed's
``=== "Europa"``, MDX's ``<Tab label="Europa">``, OVHcloud's ``> [!tabs]`` with ``> **Europa**``
titles and ``>>`` bodies), and the end of a tab."""
_MDX_TAG = re.compile(r"<(?P<close>/?)(?P<name>Tabs|TabItem|Tab)\b[^>\n]*>")
_MDX_LABEL = re.compile(r"""\blabel=(?:"(?P<double>[^"\n]*)"|'(?P<single>[^'\n]*)')""")
_QUOTE = re.compile(r"^ {0,3}>(?:[ \t]?>)*")
_QUOTE_TITLE = re.compile(r"^[ \t]*\*\*(?P<title>[^*\n]+)\*\*[ \t]*$")
_TABS_OPEN = "[!tabs]"
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
    ("<", re.compile(r"<[A-Za-z/!][^>\n]*>")),  # HTML and MDX tags, autolinks (not a tab's label)
    ("{", re.compile(r"\{[:.#][^}\n]*\}")),  # attribute lists {.thumbnail}
    ("", re.compile(r"\n[ \t]*(?P<hide>\d{1,9})[.)][ \t]")),  # ordered list numbers
    (">", re.compile(r"\n(?P<hide> {0,3}>(?:[ \t]?>)*)")),  # blockquote marks ("> [!tabs]", ">>")
)
_TAG = _HIDDEN[3][1]
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
    shown: str = ""
    """``text`` with only its comments blanked: where :func:`marks` finds tabs and headings."""


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
    read_blocks(page, prepared.body, prepared.shown)
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
    if "<!--" in text:
        text = blank(text, only=1)
    shown = text
    if hide:
        text = blank(text)
    return Prepared(text, placeholders, shifts, front.end() if front else 0, shown)


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
            # A run starts at the start of its first line: its indentation says whether it
            # is still inside a content tab.
            leading = piece.index(stripped[0])
            first = offset + piece.rfind("\n", 0, leading) + 1
            last = offset + leading + len(stripped)
            if fences and found and any(a < first < b for a, b in fences):
                start = found[-1][0]
                found[-1] = (start, last, text[start:last])
            else:
                found.append((first, last, text[first:last]))
        offset += len(piece) + (len(pieces[index + 1]) if index + 1 < len(pieces) else 0)
    return found


@dataclass(frozen=True)
class Mark:
    """Where a line changes the context: a heading or a tab title (``span``, its title's
    place in the line), or the end of the tabs of a kind (``ends``), before the line or,
    with ``after``, after it."""

    line: int
    kind: str
    level: int = TAB_LEVEL
    span: Span = (0, 0)
    ends: str = ""
    after: bool = False


def marks(lines: list[str], *, dashes_open: bool = False, in_code: list[bool] | None = None) -> list[Mark]:
    """The headings, tab titles and tab ends of ``lines`` (comments blanked), in order.

    A ``=== "…"`` tab ends at the first line indented less than its body (4 spaces); an MDX
    ``<Tab label="…">`` at ``</Tab>`` (or ``</Tabs>``, or the next tab); an OVHcloud tab
    (``> **Title**`` in a ``> [!tabs]`` block) at the next title or where the ``>`` block
    ends. ``dashes_open``: the lines start inside a ``===`` tab. ``in_code``: which lines are
    fenced code, read in the lines blanked (:func:`blank`), where a fence after a quote mark
    or a list's number (``> ```bash``) is one, and a shell comment inside (``> # IMAP``) no
    heading; by default, read in ``lines`` as they are. Each line is looked at once.
    """
    found: list[Mark] = []
    if in_code is None:
        in_code = code_block_lines(lines)
    quoted_set = quoted_tab = False
    for index, line in enumerate(lines):
        if not line.strip():
            if quoted_set:
                found.append(Mark(index, END, ends=QUOTED))
                quoted_set = quoted_tab = False
            continue
        if in_code[index] and index and in_code[index - 1]:
            continue
        if dashes_open and not line.startswith(("    ", "\t")):
            found.append(Mark(index, END, ends=DASHES))
            dashes_open = False
        if in_code[index]:
            continue
        quote = _QUOTE.match(line) if ">" in line else None
        shown = line
        if quote:
            shown = " " * quote.end() + line[quote.end() :]
            depth = quote.group().count(">")
            content = line[quote.end() :]
            if depth == 1 and content.strip() == _TABS_OPEN:
                if quoted_set:
                    found.append(Mark(index, END, ends=QUOTED))
                quoted_set, quoted_tab = True, False
                continue
            if quoted_set and depth == 1:
                title = _QUOTE_TITLE.match(content)
                if title:
                    start, end = title.span("title")
                    found.append(Mark(index, QUOTED, span=(quote.end() + start, quote.end() + end)))
                    quoted_tab = True
                    continue
                if quoted_tab and content.strip():
                    found.append(Mark(index, END, ends=QUOTED))
                    quoted_tab = False
        elif quoted_set:
            found.append(Mark(index, END, ends=QUOTED))
            quoted_set = quoted_tab = False
        heading = _HEADING.match(shown) if "#" in shown else None
        if heading:
            span = (heading.end(), len(shown.rstrip()))
            found.append(Mark(index, HEADING_MARK, len(heading.group(1)), span))
            continue
        tab = _TAB.match(shown) if "===" in shown else None
        if tab:
            found.append(Mark(index, DASHES, span=tab.span("title")))
            dashes_open = True
            continue
        if "<Tab" in line or "</Tab" in line:
            for tag in _MDX_TAG.finditer(line):
                label = _MDX_LABEL.search(line, tag.start(), tag.end())
                if tag.group("close"):
                    found.append(Mark(index, END, ends=MDX, after=True))
                elif tag.group("name") != "Tabs" and label:
                    group = "double" if label.group("double") is not None else "single"
                    found.append(Mark(index, MDX, span=label.span(group)))
    return found


def open_dashes(stack: list[tuple[int, str, object]]) -> bool:
    """Whether a ``===`` tab is open in ``stack`` (entries ``(level, kind, …)``)."""
    return any(kind == DASHES for _level, kind, _title in stack)


def apply_mark(stack: list[tuple[int, str, object]], mark: Mark, title: object) -> None:
    """Update the stack of headings and tabs around a place (nearest last) for ``mark``.

    A heading closes the headings of its level and below, not the tab it stands in; a tab
    title closes the open tab of its kind (its sibling); an end closes the last tab of its
    kind and everything opened inside it."""
    if mark.kind == END:
        _close(stack, mark.ends)
    elif mark.kind == HEADING_MARK:
        while stack and stack[-1][1] == HEADING_MARK and stack[-1][0] >= mark.level:
            stack.pop()
        stack.append((mark.level, mark.kind, title))
    else:
        _close(stack, mark.kind)
        stack.append((TAB_LEVEL, mark.kind, title))


def _close(stack: list[tuple[int, str, object]], kind: str) -> None:
    for index in range(len(stack) - 1, -1, -1):
        if stack[index][1] == kind:
            del stack[index:]
            return


def heading_line(level: int, kind: str, title: str) -> str:
    """A heading or tab title as Markdown, that :func:`marks` reads back as the same."""
    if kind == HEADING_MARK:
        return f"{'#' * level} {title}\n"
    if kind == DASHES:
        return f'=== "{title}"\n'
    if kind == MDX:
        quote = "'" if '"' in title else '"'
        return f"<Tab label={quote}{title}{quote}>\n"
    return f"> [!tabs]\n> **{title}**\n"


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


def blank(text: str, *, only: int | None = None) -> str:
    """Blank out (with spaces, keeping lines and lengths) what a reader does not see; with
    ``only``, only the first ``only`` kinds of :data:`_HIDDEN`."""
    spans: list[Span] = []
    shifted = "\n" + text
    for literal, pattern in _HIDDEN[:only]:
        if literal in text:
            for match in pattern.finditer(shifted):
                start, end = match.span("hide") if "hide" in pattern.groupindex else match.span()
                label = _MDX_LABEL.search(shifted, start, end) if pattern is _TAG else None
                if label and _MDX_TAG.match(shifted, start):
                    # A tab's label is what its reader sees: only the markup around it is blanked.
                    group = "double" if label.group("double") is not None else "single"
                    spans.append((start - 1, label.start(group) - 1))
                    start = label.end(group)
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


def read_blocks(page: Page, body: int, shown: str) -> None:
    """Split the page text into blocks: headings, paragraphs, items, code and tables; each
    block knows the headings and tabs around it (:func:`marks`, read in ``shown``)."""
    text = page.text
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    count = len(lines)
    in_code = code_block_lines(lines)
    index = text.count("\n", 0, body)
    shown_lines = shown.split("\n") if shown else lines
    before: dict[int, list[Mark]] = {}
    after: dict[int, list[Mark]] = {}
    titles: dict[int, Mark] = {}
    for mark in marks(shown_lines[index:]):
        line = mark.line + index
        if mark.kind == END:
            (after if mark.after else before).setdefault(line, []).append(mark)
        else:
            titles[line] = mark
    stack: list[tuple[int, str, object]] = []
    previous: Block | None = None

    def ends_block(line: int) -> bool:
        return line in before or line in titles or _ends_paragraph(lines, line)

    while index < count:
        for mark in before.get(index, ()):
            apply_mark(stack, mark, None)
        line = lines[index]
        if not line.strip() and index not in titles:
            for mark in after.get(index, ()):
                apply_mark(stack, mark, None)
            index += 1
            continue
        begin = starts[index]
        title = titles.get(index)
        if title:
            probe: list[tuple[int, str, object]] = list(stack)
            apply_mark(probe, title, None)
            stack[:] = probe[:-1]
        enclosing = tuple(span for _level, _kind, span in reversed(stack))  # type: ignore[misc]
        if title:
            span = (begin + title.span[0], begin + title.span[1])
            block = Block(HEADING, span, enclosing)
            stack.append((title.level, title.kind, span))
            if title.kind != HEADING_MARK:
                page.tabs.add(span)
            end = index + 1
        elif in_code[index]:
            end = index + 1
            while end < count and in_code[end] and end not in before:
                end += 1
            block = Block(CODE, (begin, starts[end - 1] + len(lines[end - 1])), enclosing)
        elif _is_table_start(lines, index):
            end = index + 1
            while end < count and lines[end].strip() and "|" in lines[end] and end - 1 not in after:
                if end in before or end in titles:
                    break
                end += 1
            rows = [
                _cells(lines[i], starts[i]) for i in range(index, end) if not TABLE_DELIMITER.match(lines[i])
            ]
            lead = previous.span if previous and previous.kind == PARAGRAPH else None
            if previous and previous.headings != enclosing:
                lead = None
            span = (begin, starts[end - 1] + len(lines[end - 1]))
            block = Block(TABLE, span, enclosing, header=rows[0], rows=rows[1:], lead=lead)
        else:
            kind = ITEM if _LIST_ITEM.match(line) else PARAGRAPH
            end = index + 1
            while end < count and end - 1 not in after and not ends_block(end):
                end += 1
            block = Block(kind, (begin, starts[end - 1] + len(lines[end - 1])), enclosing)
        for line_index in range(index, end) if after else ():
            for mark in after.get(line_index, ()):
                apply_mark(stack, mark, None)
        index = end
        page.add(block)
        previous = block


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
        or ("#" in line and _HEADING.match(line) is not None)
        or (("`" in line or "~" in line) and FENCE.match(line) is not None)
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
