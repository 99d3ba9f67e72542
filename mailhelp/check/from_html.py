"""Read a rendered HTML page into a :class:`~mailhelp.check.page.Page`: the text a reader sees.

Only text counts: attributes (links, the copy buttons' ``data-clipboard-text``) are not read,
nor scripts and styles. In a whole page built by the theme, only the ``<article>`` (the
page's content) is read, so the navigation does not count twice. Content tabs (Material's
``tabbed-set``) give each tab's content its label as the nearest heading: the tab a reader
opened says which region, or which protocol, the values in it belong to.

The markup is split by one regular expression, not by :mod:`html.parser`: the build reads
every page it writes, and a tag costs one match here against a dozen calls there. The
pattern is linear (possessive quantifiers: an unclosed ``<a href="…`` of a megabyte is read
once), and only what the reader needs is looked at: a tag's name, and a ``<div>``'s class.
"""

from __future__ import annotations

import re
from html import unescape

from mailhelp.check.page import CODE, HEADING, ITEM, PARAGRAPH, TABLE, Block, Page, Span

_BLOCKS = {"p": PARAGRAPH, "li": ITEM, "dt": PARAGRAPH, "dd": PARAGRAPH, "pre": CODE, "summary": PARAGRAPH}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_SKIPPED = frozenset({"script", "style", "template", "svg", "button"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "base"})
_RAW = frozenset({"script", "style"})
"""Elements whose content is text to the end tag, never markup (``if (a<b)`` in a script)."""

# A tag (name, attributes, a closing '/'), a comment, or a declaration; what follows '<' and
# is none of these is text, as browsers read it. A tag's name and its unquoted attributes
# stop at the next '<', so that each failed attempt ends where the next one starts.
_MARKUP = re.compile(
    r"<(?:(?P<end>/?)(?P<name>[A-Za-z][^\s/<>]*+)(?P<attrs>(?:[^<>\"']++|\"[^\"]*+\"|'[^']*+')*+)>"
    r"|!--.*?(?:--!?>|\Z)|[!?][^>]*+>?)",
    re.DOTALL,
)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_RAW_END = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in _RAW}


def read_html(html: str, *, file: str, lang: str | None, article_only: bool = True) -> Page:
    """Read ``html``; with ``article_only``, only inside ``<article>`` when the page has one."""
    start = html.find("<article") if article_only else -1
    reader = _Reader(file, lang, only_article=False)
    if start >= 0:
        # Only the article is read; positions stay those of the whole page.
        end = html.find("</article>", start)
        reader.read(html, start, end + len("</article>") if end >= 0 else len(html))
    else:
        reader.read(html, 0, len(html))
    reader.flush()
    page = reader.page
    page.text = "".join(reader.parts)
    page.source = html
    for block in page.blocks:
        if block.kind == TABLE:
            block.header = [_trimmed(page.text, cell) for cell in block.header]
            block.rows = [[_trimmed(page.text, cell) for cell in row] for row in block.rows]
    return page


class _Reader:
    def __init__(self, file: str, lang: str | None, *, only_article: bool) -> None:
        self.page = Page(file=file, text="", lang=lang)
        self.line = 1
        """The line of :attr:`seen`: lines are counted as the reading moves on, once."""
        self.seen = 0
        self.line_start = 0
        self.parts: list[str] = []
        self.length = 0
        self.reading = not only_article
        self.skipping = 0
        self.kind: str | None = None
        self.block_start = 0
        self.headings: list[tuple[int, Span]] = []
        self.heading_level = 0
        self.previous: Block | None = None
        # Tables being read: rows of cell spans, and whether a row is a header row.
        self.table: list[list[Span]] | None = None
        self.table_start = 0
        self.cell_start: int | None = None
        self.header_rows = 0
        self.lead: Span | None = None
        # Content tabs: the role of each open <div>, the labels of each open tab set, and the
        # labels of the tabs being read (nearest last).
        self.divs: list[str | None] = []
        self.tab_sets: list[list[Span]] = []
        self.tab_blocks: list[int] = []
        self.tabs: list[Span] = []
        self.label_start: int | None = None

    # Reading ----------------------------------------------------------------------------

    def read(self, html: str, start: int, stop: int) -> None:
        """Read ``html[start:stop]``: text between the markup, each tag handed on."""
        at = start
        while at < stop:
            opening = html.find("<", at, stop)
            if opening < 0:
                self.handle_data(html, at, stop)
                return
            if opening > at:
                self.handle_data(html, at, opening)
            markup = _MARKUP.match(html, opening, stop)
            if markup is None:
                self.handle_data(html, opening, opening + 1)  # a '<' that starts no tag is text
                at = opening + 1
                continue
            at = markup.end()
            name = markup.group("name")
            if name is None:
                continue  # a comment or a declaration
            tag = name.lower()
            if markup.group("end"):
                self.handle_endtag(tag)
                continue
            attrs = markup.group("attrs")
            if attrs.endswith("/") and tag in _VOID:
                self.handle_startendtag(tag)
                continue
            self.handle_starttag(tag, attrs)
            if tag in _RAW:
                closing = _RAW_END[tag].search(html, at, stop)
                at = closing.end() if closing else stop
                self.handle_endtag(tag)

    def _position(self, offset: int, html: str) -> tuple[int, int]:
        """The line and column (from 1) of ``html[offset]``; offsets only grow."""
        self.line += html.count("\n", self.seen, offset)
        newline = html.rfind("\n", self.seen, offset)
        if newline >= 0:
            self.line_start = newline + 1
        self.seen = offset
        return self.line, offset - self.line_start + 1

    def handle_data(self, html: str, start: int, stop: int) -> None:
        """Append the text ``html[start:stop]``, remembering the line and column it comes from."""
        if not self.reading or self.skipping:
            return
        data = html[start:stop]
        if "&" in data:
            data = unescape(data)
        if data.isspace():
            self._write(data)  # nothing to find in it, so nothing to place
            return
        line, col = self._position(start, html)
        self.page.mark(self.length, line, col)
        newline = data.find("\n")
        while newline >= 0:
            line += 1
            self.page.mark(self.length + newline + 1, line, 1)
            newline = data.find("\n", newline + 1)
        self._write(data)

    def _write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    # Structure ----------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: str) -> None:
        """Open a block, a table, a row or a cell; ``attrs`` as written in the tag."""
        if tag == "article":
            self.reading = True
        if not self.reading:
            return
        if tag == "div":
            found = _CLASS.search(attrs)
            self._open_div(unescape(next(filter(None, found.groups()), "")) if found else "")
        elif tag == "label" and self.divs and self.divs[-1] == "labels":
            self.label_start = self.length
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self._write("\n")
        elif tag in _HEADINGS:
            self.flush()
            self.heading_level = _HEADINGS[tag]
            self._open(HEADING)
        elif tag in _BLOCKS and self.table is None:
            self.flush()
            self._open(_BLOCKS[tag])
        elif tag == "table":
            self.flush()
            self.lead = self._lead()
            self.table, self.table_start, self.header_rows = [], self.length, 0
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self._write(" | ")
            self.cell_start = self.length
            if tag == "th" and len(self.table) == 1:
                self.header_rows = 1

    def handle_startendtag(self, tag: str) -> None:
        """A ``<br/>`` is a line break; other empty elements hold no text."""
        if tag == "br" and self.reading and not self.skipping:
            self._write("\n")

    def handle_endtag(self, tag: str) -> None:
        """Close the block, cell, row or table that ``tag`` ends."""
        if not self.reading or tag in _VOID:
            return
        if tag == "div":
            self._close_div()
        elif tag == "label" and self.label_start is not None and self.tab_sets:
            self.tab_sets[-1].append((self.label_start, self.length))
            self.label_start = None
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("td", "th") and self.table is not None and self.cell_start is not None:
            if self.table:
                self.table[-1].append((self.cell_start, self.length))
            self.cell_start = None
        elif tag == "tr" and self.table is not None:
            self._write("\n")
        elif tag == "table" and self.table is not None:
            self._close_table()
        elif tag in _HEADINGS or (tag in _BLOCKS and self.table is None):
            self.flush()
        elif tag == "article":
            self.flush()
            self.reading = False

    # Content tabs -------------------------------------------------------------------------

    def _open_div(self, classes: str) -> None:
        names = classes.split()
        role = None
        if "tabbed-set" in names:
            role = "set"
            self.tab_sets.append([])
            self.tab_blocks.append(0)
        elif "tabbed-labels" in names and self.tab_sets:
            role = "labels"
        elif "tabbed-block" in names and self.tab_sets:
            role = "block"
            self.flush()
            labels, index = self.tab_sets[-1], self.tab_blocks[-1]
            self.tabs.append(labels[index] if index < len(labels) else (self.length, self.length))
            self.page.tabs.add(self.tabs[-1])
            self.tab_blocks[-1] += 1
        self.divs.append(role)

    def _close_div(self) -> None:
        role = self.divs.pop() if self.divs else None
        if role == "block":
            self.flush()
            self.tabs.pop()
        elif role == "set":
            self.tab_sets.pop()
            self.tab_blocks.pop()

    # Helpers ------------------------------------------------------------------------------

    def _open(self, kind: str) -> None:
        self._write("\n")
        self.kind = kind
        self.block_start = self.length

    def flush(self) -> None:
        """Close the paragraph, item, code block or heading being read."""
        if self.kind is None:
            return
        span = (self.block_start, self.length)
        if self.kind == HEADING:
            while self.headings and self.headings[-1][0] >= self.heading_level:
                self.headings.pop()
        block = Block(self.kind, span, self._enclosing())
        if self.kind == HEADING:
            self.headings.append((self.heading_level, span))
        self._add(block)
        self.kind = None
        self._write("\n")

    def _close_table(self) -> None:
        rows = [row for row in self.table or [] if row]
        self.table = None
        if not rows:
            return
        header, body = (rows[0], rows[1:]) if self.header_rows or len(rows) > 1 else ([], rows)
        block = Block(TABLE, (self.table_start, self.length), self._enclosing(), header, body, self.lead)
        self._add(block)
        self._write("\n")

    def _add(self, block: Block) -> None:
        self.page.add(block)
        self.previous = block

    def _enclosing(self) -> tuple[Span, ...]:
        """The tabs and headings around what is being read, nearest first."""
        return (*reversed(self.tabs), *(span for _level, span in reversed(self.headings)))

    def _lead(self) -> Span | None:
        before = self.previous
        if before and before.kind == PARAGRAPH and before.headings == self._enclosing():
            return before.span
        return None


def _trimmed(text: str, cell: Span) -> Span:
    """A cell's span without the spaces around its text."""
    start, end = cell
    inner = text[start:end]
    left = len(inner) - len(inner.lstrip())
    return start + left, start + max(left, len(inner.rstrip()))
