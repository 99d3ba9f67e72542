"""Redirect pages for the guide numbers of the former help centre.

An old address such as ``/g1300/`` (or ``/fr/g1300/``) must still lead to the guide that
carries ``legacy_guide_number: g1300``, in the same language. A static site cannot answer
with an HTTP redirect, so each old address gets a small page: a meta refresh, a canonical
link and a visible link, all relative, so the site works under any base path and offline.
This module knows nothing of MkDocs; ``redirects_hook.py`` feeds it the built pages.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailhelp.problems import ContentError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterable


@dataclass(frozen=True)
class Target:
    """A built guide that carries a legacy number, in one language."""

    number: str
    """The old guide number: ``g1300``."""
    url: str
    """The guide's URL from the site root, as MkDocs gives it: ``fr/windows-mail/``."""
    root: str
    """The URL of the language's home from the site root: ``""`` or ``fr/``."""
    lang: str
    """The language of the page, for ``<html lang>``."""
    title: str
    """The guide's title in that language, the text of the visible link."""
    source: str
    """The page's source file, for error messages."""


def redirect_path(target: Target) -> str:
    """Where the redirect page of ``target`` goes, from the site root: ``fr/g1300/index.html``."""
    return f"{target.root}{target.number}/index.html"


def redirect_html(*, href: str, title: str, lang: str) -> str:
    """A page that sends the reader to ``href`` at once, and shows the link if it cannot."""
    href_attr = html.escape(href, quote=True)
    text = html.escape(title)
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(lang, quote=True)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{text}</title>\n"
        f'<link rel="canonical" href="{href_attr}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={href_attr}">\n'
        "</head>\n"
        "<body>\n"
        f'<p><a href="{href_attr}">{text}</a></p>\n'
        "</body>\n"
        "</html>\n"
    )


def plan_redirects(targets: Iterable[Target], *, page_urls: Iterable[str]) -> dict[str, str]:
    """Map each redirect file (path from the site root) to its HTML.

    A number whose address is already a page of the site, or two guides of one language
    with the same number, would make one address mean two things: both stop the build.
    """
    taken = set(page_urls)
    planned: dict[str, str] = {}
    owners: dict[str, Target] = {}
    problems: list[Problem] = []
    for target in sorted(targets, key=lambda t: (t.root, t.number, t.url)):
        path = redirect_path(target)
        here = posixpath.dirname(path) + "/"
        if here in taken:
            message = f"the old address /{here} of {target.number} is already a page of the site"
            fix = "rename that page, or correct legacy_guide_number"
            problems.append(Problem(target.source, None, None, message, fix))
            continue
        if path in owners and owners[path].url != target.url:
            message = f"{target.number} is also the number of {owners[path].source}"
            problems.append(Problem(target.source, None, None, message, "give each guide its own number"))
            continue
        owners[path] = target
        href = posixpath.relpath(target.url or ".", posixpath.dirname(path))
        if not target.url or target.url.endswith("/"):
            href += "/"  # a folder URL: relpath drops its slash
        planned[path] = redirect_html(href=href, title=target.title, lang=target.lang)
    if problems:
        raise ContentError(problems)
    return planned
