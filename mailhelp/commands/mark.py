"""``mailhelp mark PAGE...``: record that a translation follows the current source page.

Writes the source's digest as ``source_hash`` in the translation's front matter; ``make
translated PAGE=docs/fr/guide.md`` calls it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mailhelp.commands import CONFIG_FILE, OK, UNUSABLE
from mailhelp.commands.status import site_of
from mailhelp.problems import ContentError
from mailhelp.translations.status import mark_reviewed

if TYPE_CHECKING:
    import argparse

NAME = "mark"
HELP = "Mark translated pages as reviewed against their current source."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pages to mark."""
    parser.add_argument("pages", nargs="+", type=Path, help="translated pages, e.g. docs/fr/index.md")
    parser.add_argument("--config", type=Path, default=CONFIG_FILE, help="the site configuration")


def run(args: argparse.Namespace) -> int:
    """Mark each page; stop at the first that has no source to be marked against."""
    docs, locales = site_of(args.config)
    source = locales[0]
    for page in args.pages:
        try:
            locale, inner = _split(page, docs)
        except ValueError:
            print(f"{page}: not a page under {docs}/<locale>/", file=sys.stderr)
            return UNUSABLE
        origin = docs / source / inner
        if page.is_dir():
            print(f"{page}: is a folder\n    fix: name its pages, e.g. {page / 'index.md'}", file=sys.stderr)
            return UNUSABLE
        if locale == source or not origin.is_file() or not page.is_file():
            print(f"{page}: no source page {origin} to mark it against", file=sys.stderr)
            return UNUSABLE
        try:
            digest = mark_reviewed(page, origin)
        except ContentError as error:
            print(error, file=sys.stderr)
            return UNUSABLE
        print(f"{page}: marked as translating {origin} ({digest})")
    return OK


def _split(page: Path, docs: Path) -> tuple[str, Path]:
    parts = page.resolve().relative_to(docs.resolve()).parts
    return parts[0], Path(*parts[1:])
