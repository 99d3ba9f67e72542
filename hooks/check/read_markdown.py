"""Read a Markdown guide into a :class:`~hooks.check.page.Page`, as its reader would see it.

Placeholders are replaced by their values (and remembered, so that a value typed by hand
can be told from one the data put there); link destinations, bare addresses, e-mail
addresses, HTML tags and comments are blanked out, since a reader does not take a mail
server from them. Tables are read with or without their ``|---|`` delimiter row: old
guides often lack it, and a reader still sees a table of ports.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hooks.check.page import CODE, HEADING, ITEM, PARAGRAPH, TABLE, Block, Page
from hooks.markdown_text import FENCE, TABLE_DELIMITER
from hooks.placeholders import PLACEHOLDER

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hooks.check.page import Span

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)\s*$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_HIDDEN = re.compile(
    r"<!--.*?-->"  # comments
    r"|(?<=\]\()[^)\s]*"  # link and image destinations
    r"|^\s*\[[^\]\n]+\]:[ \t]*\S+"  # reference link definitions
    r"|<[A-Za-z/!][^>\n]*>"  # HTML tags and autolinks
    r"|\b[A-Za-z][A-Za-z0-9+.-]*://[^\s)>\]]+"  # bare addresses
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<=^)[ \t]*\d{1,9}(?=[.)][ \t])"  # ordered list numbers
    r"|\{[:.#][^}\n]*\}",  # attribute lists {.thumbnail}
    re.DOTALL | re.MULTILINE,
)


def read_markdown(
    source: str,
    *,
    file: str,
    lang: str | None,
    values: Mapping[str, str] | None = None,
) -> Page:
    """Read ``source`` (a whole Markdown file) into a page; ``values`` fill its placeholders."""
    source_lines = source.split("\n")
    text, marks, placeholders = _substitute(source_lines, values or {})
    page = Page(file=file, text=_HIDDEN.sub(_blank, text), lang=lang, source_lines=source_lines)
    page.placeholders = placeholders
    for offset, line, col in marks:
        page.mark(offset, line, col)
    _read_blocks(page)
    return page


def _blank(match: re.Match[str]) -> str:
    found = match.group(0)
    return found if found.isspace() else re.sub(r"[^\n]", " ", found)


def _substitute(
    lines: list[str], values: Mapping[str, str]
) -> tuple[str, list[tuple[int, int, int]], list[tuple[int, int, str]]]:
    """The text with placeholders replaced, its origin marks, and the placeholder spans."""
    out: list[str] = []
    marks: list[tuple[int, int, int]] = []
    spans: list[tuple[int, int, str]] = []
    offset = 0
    for number, line in enumerate(lines, start=1):
        marks.append((offset, number, 1))
        if "{{" not in line:
            out.append(line)
            offset += len(line) + 1
            continue
        pieces: list[str] = []
        cursor = 0
        written = offset
        for match in PLACEHOLDER.finditer(line):
            key = match.group("key")
            if key not in values or (match.start() > 0 and line[match.start() - 1] == "\\"):
                continue
            before = line[cursor : match.start()]
            pieces.append(before)
            written += len(before)
            value = values[key]
            marks.append((written, number, match.start() + 1))
            spans.append((written, written + len(value), key))
            pieces.append(value)
            written += len(value)
            marks.append((written, number, match.end() + 1))
            cursor = match.end()
        pieces.append(line[cursor:])
        new = "".join(pieces)
        out.append(new)
        offset += len(new) + 1
    return "\n".join(out), marks, spans


def _read_blocks(page: Page) -> None:
    """Split the page text into blocks: headings, paragraphs, items, code and tables."""
    text = page.text
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    count = len(lines)
    index = _after_front_matter(lines)
    headings: list[tuple[int, Span]] = []
    previous: Block | None = None
    while index < count:
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        begin = starts[index]
        heading = _HEADING.match(line)
        if heading:
            while headings and headings[-1][0] >= len(heading.group(1)):
                headings.pop()
        enclosing = tuple(span for _level, span in reversed(headings))
        fence = FENCE.match(line)
        if fence:
            end = _fence_end(lines, index, fence.group("fence"))
            block = Block(CODE, (begin, starts[end - 1] + len(lines[end - 1])), enclosing)
            index = end
        elif heading:
            span = (begin + heading.end(), begin + len(line.rstrip()))
            block = Block(HEADING, span, enclosing)
            headings.append((len(heading.group(1)), span))
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


def _after_front_matter(lines: list[str]) -> int:
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, len(lines)):
        if _FRONT_MATTER_END.match(lines[index]):
            return index + 1
    return 0


def _fence_end(lines: list[str], index: int, fence: str) -> int:
    for end in range(index + 1, len(lines)):
        closing = FENCE.match(lines[end])
        if closing and closing.group("fence")[0] == fence[0] and len(closing.group("fence")) >= len(fence):
            return end + 1
    return len(lines)


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
        or FENCE.match(line) is not None
        or _is_table_start(lines, index)
    )


def _cells(line: str, start: int) -> list[Span]:
    """The spans of a table row's cells, without the pipes and the spaces around them."""
    bounds = [i for i, char in enumerate(line) if char == "|" and (i == 0 or line[i - 1] != "\\")]
    if not bounds or bounds[0] != len(line) - len(line.lstrip()):
        bounds.insert(0, -1)
    if line.rstrip().endswith("|") is False:
        bounds.append(len(line))
    cells: list[Span] = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        raw = line[left + 1 : right]
        stripped = raw.strip()
        first = left + 1 + (len(raw) - len(raw.lstrip()))
        cells.append((start + first, start + first + len(stripped)))
    return cells
