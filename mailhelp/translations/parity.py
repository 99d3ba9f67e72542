"""Parity of a translation with its source: the same settings and the same structure.

A translator who drops a setting, types a value by hand, translates a key or loses a table
gets the difference in words, naming what the source has and the translation lacks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from mailhelp.content import regions
from mailhelp.content.guides import read_front_matter
from mailhelp.content.markdown_text import FENCE, TABLE_DELIMITER
from mailhelp.content.placeholders import keys_in

FIXED_META = ("slug", "legacy_guide_number", "product", "region")
"""Front matter that names the page itself and must never be translated."""


@dataclass(frozen=True)
class Shape:
    """What must be equal between a page and its translation."""

    placeholders: Counter[str]
    headings: tuple[int, ...]
    tables: int
    code_blocks: int
    blocks: tuple[str, ...]
    """The generated blocks, in order: ``/// regions``, ``/// settings``, ``/// setup-files``."""
    meta: dict[str, object]


def shape(text: str, *, origin: str = "<page>") -> Shape:
    """Measure a page: its placeholders, heading levels, tables, code blocks, fixed front matter."""
    meta, _ = read_front_matter(text, origin=origin)
    headings: list[int] = []
    blocks: list[str] = []
    tables = code_blocks = 0
    fence: str | None = None
    for line in text.splitlines():
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group("fence")[0] == fence[0]:
                fence = None
            continue
        if opened:
            fence = opened.group("fence")
            code_blocks += 1
        elif line.startswith("#"):
            headings.append(len(line) - len(line.lstrip("#")))
        elif TABLE_DELIMITER.match(line):
            tables += 1
        elif regions.OPEN.match(line) or regions.SETTINGS.match(line) or line.startswith("/// setup-files"):
            blocks.append(line.strip())
    return Shape(
        placeholders=Counter(keys_in(text)),
        headings=tuple(headings),
        tables=tables,
        code_blocks=code_blocks,
        blocks=tuple(blocks),
        meta={name: meta.get(name) for name in FIXED_META},
    )


def differences(source: str, translation: str) -> list[str]:
    """Every way ``translation`` departs from ``source``, in words; empty when in parity."""
    want, got = shape(source), shape(translation)
    found: list[str] = []
    for key in sorted(want.placeholders.keys() | got.placeholders.keys()):
        expected, actual = want.placeholders[key], got.placeholders[key]
        if expected != actual:
            if key not in want.placeholders:
                found.append(f"uses {{{{ {key} }}}} {actual}x, which the source does not use")
            else:
                found.append(f"uses {{{{ {key} }}}} {actual}x where the source uses it {expected}x")
    if want.headings != got.headings:
        found.append(f"has headings of levels {list(got.headings)}, the source {list(want.headings)}")
    if want.tables != got.tables:
        found.append(f"has {got.tables} table(s), the source {want.tables}")
    if want.code_blocks != got.code_blocks:
        found.append(f"has {got.code_blocks} code block(s), the source {want.code_blocks}")
    if want.blocks != got.blocks:
        found.append(f"has the blocks {list(got.blocks)}, the source {list(want.blocks)}")
    for name in FIXED_META:
        if want.meta[name] != got.meta[name]:
            found.append(f"front matter '{name}' is {got.meta[name]!r}, the source has {want.meta[name]!r}")
    return found
