"""Replace ``{{ dotted.key }}`` placeholders in Markdown with values from the settings.

A placeholder is a plain path into the settings file: no expressions, no filters, no code.
Each value is escaped for the place it lands in:

- prose and table cells: HTML-escaped, Markdown punctuation backslash-escaped;
- code spans and fenced code blocks: inserted as they are (Markdown escapes code itself);
- link destinations ``[text](...)``: percent-encoded where a URL needs it.

Write ``\\{{`` for a literal ``{{``. Anything else that opens with ``{{`` and is not a
well-formed placeholder naming a known key stops the build with its file, line, column,
the key and the nearest valid key.
"""

from __future__ import annotations

import difflib
import html
import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from mailhelp.content.markdown_text import INLINE_CODE, LINK_DEST, code_block_lines, table_lines
from mailhelp.problems import ContentError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

PLACEHOLDER = re.compile(r"\{\{\s*(?P<key>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)\s*\}\}")
"""A well-formed placeholder; ``key`` is its dotted key."""

_OPENER = re.compile(r"(?<!\\)\{\{")
_ESCAPED_OPENER = "\\{{"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")

PROSE, TABLE, CODE_SPAN, CODE_BLOCK, LINK, TITLE = (
    "prose",
    "table",
    "code span",
    "code block",
    "link",
    "title",
)


def render(
    markdown: str,
    values: Mapping[str, str],
    *,
    origin: str = "<text>",
    first_line: int = 1,
    ambiguous: Mapping[str, str] | None = None,
) -> str:
    """Return ``markdown`` with every placeholder replaced by its escaped value.

    ``origin`` and ``first_line`` say where the text comes from, for messages; ``ambiguous``
    holds the keys that exist elsewhere but that this place cannot decide (a region's value
    outside a region block), each with its fix. Raises :class:`ContentError` listing every
    unknown key, malformed placeholder and ``{{`` that would be left in the page.
    """
    if "{{" not in markdown:
        return markdown  # most of a page: nothing to fill, no line to look at
    problems: list[Problem] = []
    out: list[str] = []
    for number, (line, context_of) in enumerate(_lines_with_contexts(markdown)):
        if context_of is None:
            out.append(line)
            continue
        where = first_line + number
        out.append(_render_line(line, context_of, values, origin, where, problems, ambiguous or {}))
    if problems:
        raise ContentError(problems)
    return "".join(out).replace(_ESCAPED_OPENER, "{{")


def render_text(
    text: str,
    values: Mapping[str, str],
    *,
    origin: str,
    line: int | None = None,
    ambiguous: Mapping[str, str] | None = None,
) -> str:
    """Replace placeholders in a one-line text shown as HTML, such as a page title."""
    problems: list[Problem] = []
    result = _render_line(text, lambda _col: TITLE, values, origin, line, problems, ambiguous or {})
    if problems:
        raise ContentError(problems)
    return result.replace(_ESCAPED_OPENER, "{{")


def keys_in(markdown: str) -> list[str]:
    """Every placeholder key in ``markdown``, in order, repeats included."""
    return [m.group("key") for m in PLACEHOLDER.finditer(markdown) if not _is_escaped(markdown, m.start())]


def escape(value: str, context: str) -> str:
    """Escape ``value`` for ``context`` (one of the module's context names)."""
    if context in (CODE_SPAN, CODE_BLOCK):
        return value
    if context == LINK:
        return quote(value, safe=":/?#[]@!$&'*+,;=%~-._")
    if context == TITLE:
        return html.escape(value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


def nearest_key(key: str, keys: Mapping[str, str] | list[str]) -> str | None:
    """The known key closest to ``key``, or ``None`` when nothing is close."""
    names = list(keys)
    below = sorted(k for k in names if k.startswith(key + "."))
    if below:
        return below[0]
    found = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if found:
        return found[0]
    last = key.rsplit(".", 1)[-1]
    same_leaf = sorted(k for k in names if k.rsplit(".", 1)[-1] == last)
    return same_leaf[0] if same_leaf else None


# Helpers ----------------------------------------------------------------------------------


def _render_line(
    line: str,
    context_of: object,
    values: Mapping[str, str],
    origin: str,
    where: int | None,
    problems: list[Problem],
    ambiguous: Mapping[str, str],
) -> str:
    if "{{" not in line:
        return line
    already = len(problems)
    pieces: list[str] = []
    cursor = 0
    for opener in _OPENER.finditer(line):
        start = opener.start()
        if start < cursor:
            continue
        col = start + 1
        match = PLACEHOLDER.match(line, start)
        if match is None:
            snippet = line[start : start + 30].rstrip("\n")
            message = f"malformed placeholder {snippet!r}"
            fix = "write {{ section.key }} with a known key, or \\{{ for a literal '{{'"
            problems.append(Problem(origin, where, col, message, fix))
            continue
        key = match.group("key")
        if key not in values:
            if key in ambiguous:
                message = f"'{key}' cannot be decided here"
                problems.append(Problem(origin, where, col, message, ambiguous[key]))
            else:
                problems.append(_unknown(key, values, origin, where, col))
            continue
        context = context_of(start)  # type: ignore[operator]
        value = values[key]
        if context == CODE_SPAN and "`" in value:
            message = f"the value of '{key}' holds a backtick and cannot stand in a code span"
            problems.append(Problem(origin, where, col, message, "move the placeholder out of backticks"))
            continue
        pieces.append(line[cursor:start])
        pieces.append(escape(value, context))
        cursor = match.end()
    pieces.append(line[cursor:])
    rendered = "".join(pieces)
    leftover = _OPENER.search(rendered)
    if leftover and len(problems) == already:
        message = "'{{' is left on this line after substitution"
        fix = "a value must not contain '{{'; write \\{{ for a literal '{{'"
        problems.append(Problem(origin, where, None, message, fix))
    return rendered


def _unknown(key: str, values: Mapping[str, str], origin: str, where: int | None, col: int) -> Problem:
    section = [k for k in values if k.startswith(key + ".")]
    if section:
        message = f"'{key}' is a section of the settings, not a value"
        fix = "name one of its values: " + ", ".join(sorted(section)[:6])
        return Problem(origin, where, col, message, fix)
    suggestion = nearest_key(key, list(values))
    message = f"unknown setting '{key}'"
    fix = f"did you mean '{suggestion}'?" if suggestion else "see data/settings.yml for the keys"
    return Problem(origin, where, col, message, fix)


def _is_escaped(text: str, index: int) -> bool:
    return index > 0 and text[index - 1] == "\\"


def _lines_with_contexts(markdown: str) -> Iterator[tuple[str, object | None]]:
    """Yield each line with a function that tells the context of a column in it, or with
    ``None`` for a line without ``{{``, which nothing asks about."""
    lines = markdown.splitlines(keepends=True)
    in_code = code_block_lines(lines)
    in_table: set[int] | None = None
    for index, line in enumerate(lines):
        if "{{" not in line:
            yield line, None
        elif in_code[index]:
            yield line, _constant(CODE_BLOCK)
        else:
            if in_table is None:
                in_table = table_lines(lines)
            yield line, _inline_contexts(line, TABLE if index in in_table else PROSE)


def _constant(context: str) -> object:
    return lambda _col: context


def _inline_contexts(line: str, base: str) -> object:
    # Found on the first question only: most lines hold no placeholder and are never asked.
    spans: list[tuple[int, int, str]] | None = None

    def context_of(col: int) -> str:
        nonlocal spans
        if spans is None:
            spans = [(m.start(), m.end(), CODE_SPAN) for m in INLINE_CODE.finditer(line)]
            spans += [(m.start("dest"), m.end("dest"), LINK) for m in LINK_DEST.finditer(line)]
        for start, end, context in spans:
            if start <= col < end:
                return context
        return base

    return context_of
