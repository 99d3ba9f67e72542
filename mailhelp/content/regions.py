"""Region blocks: one piece of a page, shown once per region, side by side in tabs.

A writer puts the settings that differ by region between two lines::

    /// regions
    | Servidor | `{{ imap.host }}` |
    ///

and the build writes the block once for each region of the page's product (or of the
product the first line names, ``/// regions email_pro``), each copy with its placeholders in
that region's context, as Material's content tabs (pymdownx.tabbed), each tab named after its
region in the reader's language. A line ``/// settings`` (or ``/// settings email_pro``)
stands for the whole settings table of a product, generated from the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailhelp.content.markdown_text import code_block_lines
from mailhelp.problems import ContentError, Problem

OPEN = re.compile(r"^/// regions(?:[ \t]+(?P<product>[a-z][a-z0-9_]*))?[ \t]*\r?$")
"""The line that opens a region block, for the page's product or the one it names."""
CLOSE = re.compile(r"^///[ \t]*\r?$")
"""The line that closes it."""
SETTINGS = re.compile(r"^/// settings(?:[ \t]+(?P<product>[a-z][a-z0-9_]*))?[ \t]*\r?$")
"""A line the build replaces with the settings of a product, one tab per region."""
_INDENT = "    "

TEXT, REGIONS, SETTINGS_TABLE = "text", "regions", "settings"


@dataclass(frozen=True)
class Segment:
    """A piece of a page: text, the body of a region block, or a settings marker."""

    text: str
    first_line: int
    kind: str = TEXT
    product: str | None = None
    """The product a region block or settings marker names (else the page's)."""


def split(markdown: str, *, origin: str, first_line: int = 1) -> list[Segment]:
    """The page cut at its region blocks and settings markers (marker lines dropped), in order.

    Raises :class:`ContentError` for a block never closed or opened inside another one. A
    marker inside a fenced code block is code, not a marker.
    """
    lines = markdown.splitlines(keepends=True)
    in_code = code_block_lines(lines)
    segments: list[Segment] = []
    start, opened, product = 0, None, None
    for index, line in enumerate(lines):
        if in_code[index] or not line.startswith("///"):
            continue
        if (found := OPEN.match(line)) or (marker := SETTINGS.match(line)):
            if opened is not None:
                message = f"'{line.strip()}' inside the region block opened on line {first_line + opened}"
                fix = "close the first block with '///' before"
                raise ContentError([Problem(origin, first_line + index, 1, message, fix)])
            segments.append(Segment("".join(lines[start:index]), first_line + start))
            if found:
                opened, start, product = index, index + 1, found.group("product")
            else:
                segments.append(Segment("", first_line + index, SETTINGS_TABLE, marker.group("product")))
                start = index + 1
        elif CLOSE.match(line) and opened is not None:
            segments.append(Segment("".join(lines[start:index]), first_line + start, REGIONS, product))
            opened, start = None, index + 1
    if opened is not None:
        message = "this '/// regions' block is never closed"
        raise ContentError(
            [Problem(origin, first_line + opened, 1, message, "add a line '///' after the block")]
        )
    segments.append(Segment("".join(lines[start:]), first_line + start))
    return [s for s in segments if s.text or s.kind != TEXT]


def tabs(copies: list[tuple[str, str]]) -> str:
    """Content tabs of ``(title, markdown)`` pairs, in pymdownx.tabbed's syntax."""
    out: list[str] = []
    for title, body in copies:
        out.append(f'=== "{title.replace(chr(34), chr(39))}"\n\n')
        for line in body.strip("\n").splitlines(keepends=True):
            out.append(_INDENT + line if line.strip() else "\n")
        out.append("\n\n")
    return "".join(out)
