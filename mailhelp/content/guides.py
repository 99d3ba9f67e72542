"""Front matter of the guides: slugs and legacy guide numbers.

A guide's ``slug`` names its URL, so the file must be named after it; its
``legacy_guide_number`` (``g1300``) keeps links and addresses of the former help centre
working. This module reads both from the source-language folder, knows nothing of MkDocs,
and serves the build, the redirects and the tests.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from mailhelp.content.files import read_page
from mailhelp.data.yaml_reader import syntax_problem
from mailhelp.problems import ContentError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

LEGACY_NUMBER = re.compile(r"^g[0-9]+$")
LEGACY_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\(\{legacy\}(?P<number>[^)\s]*)\)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Guide:
    """One page of the source language, as its front matter describes it."""

    path: str
    """Path inside the language folder, with ``/`` separators: ``windows-mail.md``."""
    meta: dict[str, Any]
    body_line: int
    """Line number, in the file, of the first line after the front matter."""


def read_front_matter(text: str, *, origin: str) -> tuple[dict[str, Any], int]:
    """Return a page's front matter and the file line its body starts on."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, 1
    try:
        meta = _load(match.group("yaml")) or {}
    except yaml.YAMLError as error:
        fix = "correct the YAML between the --- lines; quote a value that holds ': '"
        problem = syntax_problem(error, origin, first_line=2, fix=fix)
        message = problem.message.replace("YAML syntax error", "front matter is not valid YAML", 1)
        raise ContentError([Problem(origin, problem.line, None, message, fix)]) from None
    if not isinstance(meta, dict):
        raise ContentError([Problem(origin, 2, None, "front matter must be 'name: value' lines", "")])
    return meta, match.group(0).count("\n") + 1


def _load(text: str) -> Any:
    """YAML read by libyaml, which every build does for every page several times; a mistake
    is read again by PyYAML's own reader, whose messages say where it is in the same words
    on every machine."""
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_guides(folder: Path, *, origin_root: Path | None = None) -> list[Guide]:
    """Read the front matter of every Markdown page below ``folder``."""
    guides = []
    for path in sorted(folder.rglob("*.md")):
        inside = origin_root is not None and path.is_relative_to(origin_root)
        shown = str(path.relative_to(origin_root)) if inside and origin_root else str(path)
        meta, body_line = read_front_matter(read_page(path, shown=shown), origin=shown)
        guides.append(Guide(path.relative_to(folder).as_posix(), meta, body_line))
    return guides


def check_guides(guides: list[Guide], *, origin: Callable[[Guide], str]) -> None:
    """Check slugs and legacy numbers: file named after the slug, numbers well-formed, unique."""
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    for guide in guides:
        slug = guide.meta.get("slug")
        stem = posixpath.splitext(posixpath.basename(guide.path))[0]
        if slug is not None and slug != stem:
            message = f"the slug '{slug}' does not match the file name '{stem}.md'"
            fix = f"rename the file to '{slug}.md' in every language, or correct the slug"
            problems.append(Problem(origin(guide), 2, None, message, fix))
        number = guide.meta.get("legacy_guide_number")
        if number is None:
            continue
        if not isinstance(number, str) or not LEGACY_NUMBER.match(number):
            message = f"legacy_guide_number: received {number!r}, expected a number such as 'g1300'"
            problems.append(Problem(origin(guide), 2, None, message, "write it as g followed by digits"))
        elif number in owners:
            message = f"legacy_guide_number {number} is also the number of {owners[number]}"
            problems.append(Problem(origin(guide), 2, None, message, "give each guide its own number"))
        else:
            owners[number] = guide.path
    if problems:
        raise ContentError(problems)


def legacy_index(guides: list[Guide]) -> dict[str, str]:
    """Map each legacy number (``g1300``) to the page that carries it."""
    return {g.meta["legacy_guide_number"]: g.path for g in guides if "legacy_guide_number" in g.meta}


def resolve_legacy_links(
    markdown: str,
    *,
    page_path: str,
    internal: Mapping[str, str],
    external: Mapping[str, str],
    origin: str,
    first_line: int = 1,
) -> str:
    """Replace ``[text]({legacy}1683)`` links with the page or address that number names.

    A number carried by a guide of this site links to that guide (relative to
    ``page_path``, so each language links its own translation); another number must be
    listed under ``legacy_guides`` in the settings. An empty link text, an unknown number
    or a stray ``{legacy}`` stops the build.
    """
    problems: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        line = first_line + markdown.count("\n", 0, match.start())
        col = match.start() - markdown.rfind("\n", 0, match.start())
        number = "g" + match.group("number").lstrip("g")
        if not match.group("text").strip():
            message = f"the link to legacy guide {number} has no text"
            fix = "write what the reader will find there between the brackets: [text]({legacy}N)"
            problems.append(Problem(origin, line, col, message, fix))
        if number in internal:
            target = posixpath.relpath(internal[number], posixpath.dirname(page_path) or ".")
        elif number in external:
            target = external[number]
        else:
            known = ", ".join(sorted({*internal, *external})) or "none"
            message = f"unknown legacy guide number '{match.group('number')}' (known: {known})"
            fix = f"add '{number}: https://…' under legacy_guides in data/settings.yml, or correct it"
            problems.append(Problem(origin, line, col, message, fix))
            return match.group(0)
        return f"[{match.group('text')}]({target})"

    result = LEGACY_LINK.sub(replace, markdown)
    stray = result.find("{legacy}")
    if stray >= 0 and not problems:
        line = first_line + result.count("\n", 0, stray)
        message = "'{legacy}' is only understood as a whole link: [text]({legacy}1683)"
        problems.append(Problem(origin, line, None, message, "write the link in that form"))
    if problems:
        raise ContentError(problems)
    return result
