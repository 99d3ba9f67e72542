"""The folder of pages as a whole, checked before anything is built from it.

Each mistake here would otherwise publish a wrong site or stop the build with a traceback:
a page not saved as UTF-8 (a translator's editor set to Windows-1252), a symbolic link to
a file outside the repository (published in every language and in the search index), a
folder for a language the site does not configure (ignored without a word), a missing home
page, a translation whose ``slug`` or ``legacy_guide_number`` is not its source's (its
address, or the old addresses ``/g1300/``, would silently change).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from mailhelp.content.files import read_page
from mailhelp.content.guides import read_front_matter
from mailhelp.problems import ContentError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable

_LOCALE_FOLDER = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
_SHARED = frozenset({"assets"})
"""Folders of ``docs/`` shared by every language, never a language."""
FIXED_META = ("slug", "legacy_guide_number")


def check_tree(docs: Path, locales: list[str], *, root: Path) -> None:
    """Check the folder of pages ``docs`` of a site in ``locales`` (the source first).

    Raises :class:`ContentError` with every problem found, each naming its file and fix.
    """
    problems: list[Problem] = []
    shown_root = docs.parent

    def shown(path: Path) -> str:
        return path.relative_to(shown_root).as_posix() if path.is_relative_to(shown_root) else str(path)

    problems += _links_out_of(docs, root.resolve(), shown)
    for folder in sorted(p for p in docs.iterdir() if p.is_dir() and not p.is_symlink()):
        if folder.name in locales or folder.name in _SHARED or not _LOCALE_FOLDER.match(folder.name):
            continue
        message = f"a folder for the language '{folder.name}', which mkdocs.yml does not configure"
        fix = (
            f"add '- locale: {folder.name}' under plugins: i18n: languages in mkdocs.yml, "
            f"or move its pages into one of {', '.join(f'docs/{lo}/' for lo in locales)}"
        )
        problems.append(Problem(shown(folder) + "/", None, None, message, fix))
    source = docs / locales[0]
    home = source / "index.md"
    if not home.is_file():
        message = f"the home page of the source language ({locales[0]}) is missing"
        fix = f"restore it (git checkout -- {shown(home)}) or create it: every language's home comes from it"
        problems.append(Problem(shown(home), None, None, message, fix))
    texts: dict[Path, str] = {}
    for path in sorted(docs.rglob("*.md")):
        if path.is_symlink() and not _inside(path, root.resolve(), docs.resolve()):
            continue
        try:
            texts[path] = read_page(path, shown=shown(path))
        except ContentError as error:
            problems += error.problems
    problems += _fixed_meta(docs, locales, texts, shown)
    if problems:
        raise ContentError(problems)


def _links_out_of(docs: Path, root: Path, shown: Callable[[Path], str]) -> list[Problem]:
    problems = []
    for folder, dirs, files in os.walk(docs, followlinks=False):
        for name in sorted([*dirs, *files]):
            path = Path(folder) / name
            if path.is_symlink() and not _inside(path, root, docs.resolve()):
                target = path.readlink()
                message = f"a symbolic link to {target}, outside the repository: it would be published"
                fix = f"copy what it should publish into the repository, or remove the link: rm {shown(path)}"
                problems.append(Problem(shown(path), None, None, message, fix))
    return problems


def _inside(path: Path, *roots: Path) -> bool:
    try:
        target = path.resolve()
        return any(target.is_relative_to(root) for root in roots)
    except (OSError, RuntimeError):  # a loop of links
        return False


def _fixed_meta(
    docs: Path, locales: list[str], texts: dict[Path, str], shown: Callable[[Path], str]
) -> list[Problem]:
    """A translation keeps its source's slug and legacy number: they are its addresses."""
    problems = []
    source = docs / locales[0]
    for locale in locales[1:]:
        for path in sorted(p for p in texts if p.is_relative_to(docs / locale)):
            origin = source / path.relative_to(docs / locale)
            if origin not in texts:
                continue
            try:
                mine, _ = read_front_matter(texts[path], origin=shown(path))
                theirs, _ = read_front_matter(texts[origin], origin=shown(origin))
            except ContentError as error:
                problems += error.problems
                continue
            for name in FIXED_META:
                want, got = theirs.get(name), mine.get(name)
                if want == got:
                    continue
                line = _line_of(texts[path], name) or _line_of(texts[origin], name)
                if want is None:
                    message = f"'{name}: {got}' is here, but the source page {shown(origin)} has none"
                    fix = f"restore '{name}: {got}' in {shown(origin)}, or remove it from every translation"
                    problems.append(Problem(shown(path), line, None, message, fix))
                else:
                    message = f"'{name}' is {got!r}, the source page {shown(origin)} has {want!r}"
                    fix = f"write '{name}: {want}': a translation keeps its source's {name} (its address)"
                    problems.append(Problem(shown(path), line, None, message, fix))
    return problems


def _line_of(text: str, name: str) -> int | None:
    match = re.search(rf"^{re.escape(name)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None
