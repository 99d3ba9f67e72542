"""Integrity of a built site: links, anchors, assets, sitemap and the 404 page.

Reads the output folder only (no MkDocs, no browser): every page's links, images, styles
and scripts that stay on the site must name a file that exists, and an anchor must name
an element of its page; ``sitemap.xml`` must list every page with its language
alternates; ``404.html`` must exist. ``python -m mailhelp.site.publish`` runs it before it
replaces ``site/``, and the tests run it on every build.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from mailhelp.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path
    from urllib.parse import SplitResult

_LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}
_REFRESH = re.compile(r"^\s*\d+\s*;\s*url=(?P<url>.+)$", re.IGNORECASE)
_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Page:
    """What one HTML file links to and which anchors it offers."""

    links: list[tuple[str, int, int]] = field(default_factory=list)
    """Each URL with the line and column of its tag."""
    ids: set[str] = field(default_factory=set)
    redirect: bool = False
    """A page that only sends the reader elsewhere (meta refresh): not listed in sitemaps."""
    noindex: bool = False
    """A page for the site's makers (``robots: noindex``), such as the translation status."""


class _Reader(HTMLParser):
    """Collect the links and ids of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line, offset = self.getpos()
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.page.ids.add(values[name])
        wanted = _LINKING.get(tag)
        if wanted and wanted in values:
            self.page.links.append((values[wanted], line, offset + 1))
        if tag == "meta" and values.get("name") == "robots" and "noindex" in values.get("content", ""):
            self.page.noindex = True
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH.match(values.get("content", ""))
            if match:
                self.page.redirect = True
                self.page.links.append((match.group("url").strip(), line, offset + 1))


def read_page(text: str) -> Page:
    """Parse one page's HTML."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.page


def check_site(site: Path, *, site_url: str, locales: Iterable[str]) -> list[Problem]:
    """Every problem of the built site in ``site``; an empty list when it is whole."""
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    pages = {
        name: read_page((site / name).read_text(encoding="utf-8")) for name in files if name.endswith(".html")
    }
    problems: list[Problem] = []
    if "404.html" not in files:
        problems.append(Problem("404.html", None, None, "the site has no 404 page", "build with the theme"))
    base = urlsplit(site_url)
    for name, page in sorted(pages.items()):
        for url, line, col in page.links:
            message = _broken(url, name, files=files, pages=pages, base=base)
            if message:
                problems.append(Problem(name, line, col, message, "correct the link or add what it names"))
    problems.extend(_check_sitemap(site, files=files, pages=pages, base=base, locales=list(locales)))
    return problems


def page_urls(pages: dict[str, Page]) -> set[str]:
    """The site-root paths of the pages a sitemap must list (``fr/guide/``)."""
    listed = set()
    for name, page in pages.items():
        if posixpath.basename(name) == "404.html" or page.redirect or page.noindex:
            continue
        listed.add(name.removesuffix("index.html"))
    return listed


def _broken(url: str, name: str, *, files: set[str], pages: dict[str, Page], base: SplitResult) -> str | None:
    """Why ``url``, found in page ``name``, leads nowhere; None when it resolves."""
    target = _site_path(url, name, base=base)
    if target is None:
        return None
    path, fragment = target
    if path not in files:
        return f"'{url}' names {path or 'the home page'}, which the site does not have"
    if fragment and path in pages and fragment not in pages[path].ids:
        return f"'{url}' names the anchor #{fragment}, which {path} does not have"
    return None


def _site_path(url: str, name: str, *, base: SplitResult) -> tuple[str, str] | None:
    """The file (from the site root) and anchor a URL names; None for another site or scheme."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return None
        root_path = base.path or "/"
        if not parts.path.startswith(root_path):
            return None
        path = parts.path[len(root_path) :]
    elif parts.path.startswith("/"):
        root_path = base.path or "/"
        path = parts.path[len(root_path) :] if parts.path.startswith(root_path) else parts.path.lstrip("/")
    else:
        folder = posixpath.dirname(name)
        path = posixpath.normpath(posixpath.join(folder, parts.path)) if parts.path else name
        if parts.path.endswith("/") and path != ".":
            path += "/"
    path = unquote(path)
    if path in {".", "./"}:
        path = ""
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path, unquote(parts.fragment)


def _check_sitemap(
    site: Path, *, files: set[str], pages: dict[str, Page], base: SplitResult, locales: list[str]
) -> list[Problem]:
    """Every page in sitemap.xml, each with an ``hreflang`` alternate for every language."""
    if "sitemap.xml" not in files:
        return [
            Problem("sitemap.xml", None, None, "the site has no sitemap.xml", "keep the sitemap template")
        ]
    root = ElementTree.fromstring((site / "sitemap.xml").read_bytes())
    problems: list[Problem] = []
    listed: set[str] = set()
    for entry in root.iter(f"{_SITEMAP}url"):
        loc = (entry.findtext(f"{_SITEMAP}loc") or "").strip()
        target = _site_path(loc, "index.html", base=base)
        if target is None or target[0] not in files:
            problems.append(Problem("sitemap.xml", None, None, f"<loc>{loc}</loc> is not a page of the site"))
            continue
        listed.add(target[0].removesuffix("index.html"))
        langs = {}
        for link in entry.iter(f"{_XHTML}link"):
            href = link.get("href", "")
            resolved = _site_path(href, "index.html", base=base)
            if resolved is None or resolved[0] not in files:
                message = f"the alternate {href} of {loc} is not a page of the site"
                problems.append(Problem("sitemap.xml", None, None, message))
            langs[link.get("hreflang", "")] = href
        missing = [locale for locale in locales if locale not in langs]
        if missing:
            message = f"{loc} has no hreflang alternate for {', '.join(missing)}"
            problems.append(Problem("sitemap.xml", None, None, message, "keep the i18n sitemap template"))
    for url in sorted(page_urls(pages) - listed):
        message = f"the page /{url} is not listed in sitemap.xml"
        problems.append(Problem("sitemap.xml", None, None, message, "keep the i18n sitemap template"))
    return problems
