"""Region blocks: one piece of a page, shown once per region, side by side in tabs.

A writer puts the settings that differ by region between two lines::

    /// regions
    | Servidor | `{{ imap.host }}` |
    ///

and the build writes the block once for each region of the page's product, each copy with
its placeholders in that region's context, as Material's content tabs (pymdownx.tabbed),
each tab named after its region in the reader's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailhelp.content.markdown_text import code_block_lines
from mailhelp.problems import ContentError, Problem

OPEN = re.compile(r"^/// regions[ \t]*\r?$")
"""The line that opens a region block."""
CLOSE = re.compile(r"^///[ \t]*\r?$")
"""The line that closes it."""
_INDENT = "    "


@dataclass(frozen=True)
class Segment:
    """A piece of a page: ``regional`` when it stood between ``/// regions`` and ``///``."""

    text: str
    first_line: int
    regional: bool


def split(markdown: str, *, origin: str, first_line: int = 1) -> list[Segment]:
    """The page cut at its region blocks (the marker lines dropped), in order.

    Raises :class:`ContentError` for a block never closed or opened inside another one. A
    marker inside a fenced code block is code, not a marker.
    """
    lines = markdown.splitlines(keepends=True)
    in_code = code_block_lines(lines)
    segments: list[Segment] = []
    start, opened = 0, None
    for index, line in enumerate(lines):
        if in_code[index]:
            continue
        if OPEN.match(line):
            if opened is not None:
                message = f"'/// regions' inside the region block opened on line {first_line + opened}"
                raise ContentError(
                    [
                        Problem(
                            origin, first_line + index, 1, message, "close the first block with '///' before"
                        )
                    ]
                )
            segments.append(Segment("".join(lines[start:index]), first_line + start, regional=False))
            opened, start = index, index + 1
        elif CLOSE.match(line) and opened is not None:
            segments.append(Segment("".join(lines[start:index]), first_line + start, regional=True))
            opened, start = None, index + 1
    if opened is not None:
        message = "this '/// regions' block is never closed"
        raise ContentError(
            [Problem(origin, first_line + opened, 1, message, "add a line '///' after the block")]
        )
    segments.append(Segment("".join(lines[start:]), first_line + start, regional=False))
    return [s for s in segments if s.text or s.regional]


def tabs(copies: list[tuple[str, str]]) -> str:
    """Content tabs of ``(title, markdown)`` pairs, in pymdownx.tabbed's syntax."""
    out: list[str] = []
    for title, body in copies:
        out.append(f'=== "{title.replace(chr(34), chr(39))}"\n\n')
        for line in body.strip("\n").splitlines(keepends=True):
            out.append(_INDENT + line if line.strip() else "\n")
        out.append("\n\n")
    return "".join(out)
