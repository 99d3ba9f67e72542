"""A page as a reader sees it: its text, its blocks, and where each character came from.

Both readers (Markdown source, rendered HTML) produce a :class:`Page`: one text in which
every block, table cell and heading is a span ``(start, end)``, and a map back to the file's
line and column. The rules in :mod:`mailhelp.check.rules` only ever see this shape.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

PARAGRAPH, ITEM, CODE, HEADING, TABLE = "paragraph", "item", "code", "heading", "table"

Span = tuple[int, int]
_NEWLINE = re.compile("\n")
_QUOTED = 120
"""The longest line quoted whole in a finding."""


@dataclass
class Block:
    """A paragraph, list item, code block, heading or table of a page."""

    kind: str
    span: Span
    headings: tuple[Span, ...] = ()
    """The text of the enclosing headings, nearest first."""
    header: list[Span] = field(default_factory=list)
    """A table's header cells (its first row)."""
    rows: list[list[Span]] = field(default_factory=list)
    """A table's body rows, each a list of cells."""
    lead: Span | None = None
    """The paragraph just before a table, which often says what the table is about."""


@dataclass
class Page:
    """The text of one page, its blocks, and the origin of every character."""

    file: str
    text: str
    """What a reader sees, with links, addresses and markup blanked out (same length)."""
    lang: str | None
    region: str | None = None
    """The region the page speaks of where nothing nearer says (its locale's, or the data's)."""
    product: str | None = None
    """The product the page documents (its front matter), where nothing nearer says."""
    blocks: list[Block] = field(default_factory=list)
    placeholders: list[tuple[int, int, str]] = field(default_factory=list)
    """Spans of the text that a ``{{ key }}`` placeholder put there, with the key."""
    tabs: set[Span] = field(default_factory=set)
    """The headings of :attr:`Block.headings` that are content tabs' labels."""
    source: str = ""
    """The file as written, to quote in findings."""
    _shifts: list[tuple[int, int]] = field(default_factory=list)
    memo: dict[object, Any] = field(default_factory=dict)
    """What the rules worked out about this page's spans (signals, contexts)."""
    _offsets: list[int] = field(default_factory=list)
    _lines: list[int] = field(default_factory=list)
    _cols: list[int] = field(default_factory=list)
    _block_starts: list[int] = field(default_factory=list)
    _starts_of: tuple[str, list[int]] | None = None

    def mark(self, offset: int, line: int, col: int) -> None:
        """Record that the text from ``offset`` on comes from ``line``:``col`` of the file."""
        self._offsets.append(offset)
        self._lines.append(line)
        self._cols.append(col)

    def set_origin(self, source: str, shifts: list[tuple[int, int]]) -> None:
        """The text is ``source`` with parts replaced: ``(offset in text, offset in source)``
        pairs say where the two move apart (a Markdown file whose placeholders were filled)."""
        self.source = source
        self._shifts = shifts

    def where(self, offset: int) -> tuple[int, int]:
        """The file line and column (both from 1) of the character at ``offset``."""
        if not self._offsets:
            index = bisect.bisect_right(self._shifts, (offset, len(self.source) + 1)) - 1
            origin = offset if index < 0 else self._shifts[index][1] + offset - self._shifts[index][0]
            if index >= 0 and index % 2 == 0:
                origin = self._shifts[index][1]  # inside a filled placeholder: where it starts
            starts = self._line_starts()
            line = bisect.bisect_right(starts, origin)
            return line, origin - starts[line - 1] + 1
        index = bisect.bisect_right(self._offsets, offset) - 1
        if index < 0:
            return 1, offset + 1
        return self._lines[index], self._cols[index] + offset - self._offsets[index]

    def _line_starts(self) -> list[int]:
        """The offset in the source of every line's first character, found once per page.

        Placing and quoting a finding then costs a look-up, not a walk through the file: a
        drifted file of 20 MB with a finding on every line is placed in linear time.
        """
        if self._starts_of is None or self._starts_of[0] is not self.source:
            starts = [0]
            starts += (m.end() for m in _NEWLINE.finditer(self.source))
            self._starts_of = (self.source, starts)
        return self._starts_of[1]

    def add(self, block: Block) -> None:
        """Append a block; blocks come in the order of the text."""
        self.blocks.append(block)
        self._block_starts.append(block.span[0])

    def block_at(self, offset: int) -> Block | None:
        """The block whose span holds ``offset``."""
        index = bisect.bisect_right(self._block_starts, offset) - 1
        if index >= 0 and offset < self.blocks[index].span[1]:
            return self.blocks[index]
        return None

    def placeholder_at(self, start: int, end: int) -> str | None:
        """The key of the placeholder that produced the text ``start:end``, if one did."""
        for first, last, key in self.placeholders:
            if first <= start and end <= last:
                return key
            if first > start:
                break
        return None

    def quote(self, line: int, col: int = 1) -> str:
        """The file's line ``line`` as written, stripped; around ``col`` when it is long."""
        starts = self._line_starts()
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = self.source.find("\n", start)
        text = self.source[start : end if end >= 0 else None]
        if len(text) <= _QUOTED:
            return text.strip()
        first = max(0, min(col - 1 - _QUOTED // 2, len(text) - _QUOTED))
        shown = text[first : first + _QUOTED].strip()
        return ("…" if first else "") + shown + ("…" if first + _QUOTED < len(text) else "")
