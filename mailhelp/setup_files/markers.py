"""Generated blocks in a page: a line ``/// setup-files <kind>`` becomes what the data says.

=============  =========================================================================
``downloads``  a table: each offer with links to its profile and its autoconfig file
``export``     a link to the JSON export
``dns``        the SRV records of each offer, one tab per offer, as a zone snippet
``nginx``      the nginx ``location`` blocks that send the right media types
``apache``     the same for Apache
=============  =========================================================================

The marker stands alone on its line, outside code blocks; an unknown kind stops the build
with the file, the line and the kinds there are. Links are relative to the page, so they
work under any ``site_url`` and under ``mkdocs serve``.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mailhelp.content import regions
from mailhelp.content.markdown_text import code_block_lines
from mailhelp.problems import ContentError, Problem
from mailhelp.setup_files import offers
from mailhelp.setup_files.dns import srv_zone
from mailhelp.setup_files.published import EXPORT, autoconfig_path, profile_path
from mailhelp.setup_files.texts import offer_name, text
from mailhelp.setup_files.web_server import apache_snippet, nginx_snippet

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mailhelp.data.model import Settings

MARKER = re.compile(r"^/// setup-files(?:[ \t]+(?P<kind>\S*))?[ \t]*\r?$")
KINDS = ("downloads", "export", "dns", "nginx", "apache")


def has_markers(markdown: str) -> bool:
    """Whether ``markdown`` may hold a marker (a cheap test before the real scan)."""
    return "/// setup-files" in markdown


def expand(
    markdown: str,
    settings: Settings,
    *,
    lang: str,
    words: Mapping[str, Mapping[str, Any]],
    to_root: str,
    to_language: str,
    origin: str,
    first_line: int = 1,
) -> str:
    """``markdown`` with every marker replaced by its block.

    ``words`` are every language's strings (their ``setup_files`` section labels the table);
    ``to_root`` is the relative path from the page to the site's root (``../``), and
    ``to_language`` from the page to its language's folder (``../`` or ``../en/``).
    Raises :class:`ContentError` for an unknown kind.
    """
    lines = markdown.splitlines(keepends=True)
    in_code = code_block_lines(lines)
    problems: list[Problem] = []
    out: list[str] = []
    for index, line in enumerate(lines):
        match = None if in_code[index] else MARKER.match(line)
        if match is None:
            out.append(line)
            continue
        kind = match["kind"] or ""
        if kind not in KINDS:
            close = difflib.get_close_matches(kind, KINDS, n=1)
            fix = (
                f"did you mean '/// setup-files {close[0]}'?" if close else f"use one of: {', '.join(KINDS)}"
            )
            problems.append(
                Problem(origin, first_line + index, 1, f"unknown setup-files block {kind!r}", fix)
            )
            continue
        block = _BLOCKS[kind](_Place(settings, lang, words, to_root, to_language))
        out.append(block if block.endswith("\n") else block + "\n")
    if problems:
        raise ContentError(problems)
    return "".join(out)


def _downloads(place: _Place) -> str:
    head = [place.text("offer_column"), place.text("apple_column"), place.text("thunderbird_column")]
    rows = ["| " + " | ".join(head) + " |", "|---|---|---|"]
    for offer in offers(place.settings):
        profile = _link(place.to_language + profile_path(offer), place.text("apple_link"))
        autoconfig = _link(place.to_root + autoconfig_path(offer), place.text("thunderbird_link"))
        rows.append(f"| {offer_name(place.settings, offer, place.lang)} | {profile} | {autoconfig} |")
    return "\n".join(rows) + "\n"


def _export(place: _Place) -> str:
    return f'<a href="{html.escape(place.to_root + EXPORT)}"><code>{EXPORT}</code></a>\n'


def _dns(place: _Place) -> str:
    copies = [
        (offer_name(place.settings, offer, place.lang), f"```text\n{srv_zone(place.settings, offer)}```\n")
        for offer in offers(place.settings)
    ]
    return regions.tabs(copies)


def _nginx(place: _Place) -> str:
    return f"```nginx\n{nginx_snippet()}```\n"


def _apache(place: _Place) -> str:
    return f"```apache\n{apache_snippet()}```\n"


@dataclass(frozen=True)
class _Place:
    """Where a block is written: the data, the page's language and words, its relative paths."""

    settings: Settings
    lang: str
    words: Mapping[str, Mapping[str, Any]]
    to_root: str
    to_language: str

    def text(self, key: str) -> str:
        """The word ``key`` of the set-up files, in the page's language."""
        return text(self.words, self.lang, key)


_BLOCKS = {"downloads": _downloads, "export": _export, "dns": _dns, "nginx": _nginx, "apache": _apache}


def _link(href: str, label: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(label)}</a>'
