"""What a Markdown page is made of, line by line: fenced code, tables, code spans, links.

Shared by the modules that read pages as text without rendering them (placeholders, the
drift checker), so that they agree on where a code block or a table starts and ends.
"""

from __future__ import annotations

import re

FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
"""The opening or closing line of a fenced code block."""

INLINE_CODE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<body>.+?)(?<!`)(?P=ticks)(?!`)")
"""An inline code span; ``body`` is its text."""

LINK_DEST = re.compile(r"\]\((?P<dest>[^)\s]*)")
"""The destination of an inline link or image, ``[text](dest)``."""

TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")
"""The ``|---|---|`` line under a pipe table's header."""


def code_block_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (its fences included)."""
    text = "\n".join(lines)
    if "```" not in text and "~~~" not in text:
        return [False] * len(lines)  # no fence: one search instead of a pattern on each line
    inside: list[bool] = []
    fence: str | None = None
    for line in lines:
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group("fence")[0] == fence[0] and len(opened.group("fence")) >= len(fence):
                fence = None
            inside.append(True)
        elif opened:
            fence = opened.group("fence")
            inside.append(True)
        else:
            inside.append(False)
    return inside


def table_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that belong to a pipe table (header, delimiter and body rows)."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if index == 0 or not TABLE_DELIMITER.match(line) or "|" not in lines[index - 1]:
            continue
        found.update((index - 1, index))
        below = index + 1
        while below < len(lines) and lines[below].strip() and "|" in lines[below]:
            found.add(below)
            below += 1
    return found
